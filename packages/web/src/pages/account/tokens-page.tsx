import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTokens, revokeToken, tokenKeys } from '../../api/tokens';
import type { ApiToken, CreatedApiToken } from '../../api/types';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../errors';
import { formatInstant } from '../../format';
import { CreateTokenModal } from './create-token-modal';
import { TokenCreatedModal } from './token-created-modal';
import { isExpired } from './token-expiry';

export function TokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useMe();
  const mayCreate = hasPermission(me, 'api_token.create');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const tokens = useQuery({ queryKey: tokenKeys.all, queryFn: listTokens });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: () => {
      message.success(t('account.revoked'));
      return queryClient.invalidateQueries({ queryKey: tokenKeys.all });
    },
    onError: (error) => {
      message.error(errorMessage(error));
    },
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('account.token_name'), dataIndex: 'name' },
    { title: t('account.created_at'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('account.last_used_at'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatInstant(v) : t('account.never_used')),
    },
    {
      title: t('account.expires_at'),
      dataIndex: 'expiresAt',
      render: (v: string | null) =>
        v === null ? (
          t('account.no_expiry')
        ) : (
          <>
            {formatInstant(v)}
            {isExpired(v) ? (
              <Tag color="red" style={{ marginInlineStart: 8 }}>
                {t('account.expired')}
              </Tag>
            ) : null}
          </>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) => (
        <Popconfirm
          title={t('account.revoke_confirm', { name: token.name })}
          okText={t('account.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
        >
          <Button danger icon={<DeleteOutlined />}>
            {t('account.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('account.tokens_title')}
        extra={
          mayCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('account.create_token')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph>{t('account.tokens_intro')}</Typography.Paragraph>
      {mayCreate ? null : <Typography.Paragraph type="secondary">{t('account.tokens_admin_only')}</Typography.Paragraph>}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      <Table<ApiToken>
        rowKey="id"
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        loading={tokens.isPending}
        pagination={false}
        locale={{ emptyText: <Empty description={t('account.no_tokens')} /> }}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
          void queryClient.invalidateQueries({ queryKey: tokenKeys.all });
        }}
      />
      <TokenCreatedModal token={created} onClose={() => setCreated(null)} />
    </>
  );
}
