import { RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOutbox, retryEmail, type OutboxItem } from '../../api/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage } from '../../errors';
import { formatInstant } from '../../format';

const outboxKey = (page: number) => ['notifications', 'outbox', 'failed', page] as const;

/**
 * For administrators: the e-mails of their units that could not be sent after every attempt or are
 * still being retried, with the server's error, and a button to send one again once mail works.
 */
export function FailedEmails() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: outboxKey(page), queryFn: () => listOutbox({ status: 'failed', page, pageSize: 10 }) });
  const retry = useMutation({
    mutationFn: retryEmail,
    onSuccess: () => {
      message.success(t('notifications.retry_queued'));
      return queryClient.invalidateQueries({ queryKey: ['notifications', 'outbox'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<OutboxItem> = [
    { title: t('notifications.recipient'), dataIndex: 'recipient' },
    { title: t('notifications.subject'), dataIndex: 'subject' },
    { title: t('notifications.created_at'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatInstant(v) },
    { title: t('notifications.attempts'), dataIndex: 'attempts', width: 90 },
    { title: t('notifications.error'), dataIndex: 'error', render: (v: string | null) => <Typography.Text type="danger">{v}</Typography.Text> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, item) => (
        <Button size="small" icon={<RedoOutlined />} loading={retry.isPending && retry.variables === item.id} onClick={() => retry.mutate(item.id)}>
          {t('notifications.retry')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('notifications.failed_emails')} size="small" style={{ marginTop: 24 }}>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<OutboxItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.no_failed_emails')} /> }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      />
    </Card>
  );
}
