import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Segmented, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationKeys,
  setNotificationPreferences,
  type EmailStatus,
  type NotificationItem,
} from '../../api/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { hasPermission, useMe } from '../../auth/me-context';
import { errorMessage } from '../../errors';
import { formatInstant } from '../../format';
import { FailedEmails } from './failed-emails';

const EMAIL_COLORS: Record<EmailStatus, string> = { pending: 'blue', sent: 'green', failed: 'red', skipped: 'default' };

/** The user's e-mail preference: notices always reach the bell, and also the mailbox when switched on. */
function EmailPreference() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const prefs = useQuery({ queryKey: notificationKeys.preferences, queryFn: getNotificationPreferences });
  const save = useMutation({
    mutationFn: (input: { email: boolean; locale?: 'vi' | 'en' }) => setNotificationPreferences(input),
    onSuccess: (data) => {
      queryClient.setQueryData(notificationKeys.preferences, data);
      message.success(t('notifications.preferences_saved'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex align="center" gap={12} wrap>
        <Switch
          id="notification-email"
          checked={prefs.data?.email ?? false}
          loading={prefs.isPending || save.isPending}
          onChange={(email) => save.mutate({ email })}
          aria-describedby="notification-email-hint"
        />
        <label htmlFor="notification-email">{t('notifications.email_preference')}</label>
        <Typography.Text type="secondary" id="notification-email-hint">
          {prefs.data && !prefs.data.hasEmail ? t('notifications.no_email_address') : t('notifications.email_preference_hint')}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={12} wrap style={{ marginTop: 12 }}>
        <label htmlFor="notification-locale">{t('notifications.locale')}</label>
        <Select<'vi' | 'en'>
          id="notification-locale"
          style={{ width: 160 }}
          value={prefs.data?.locale}
          disabled={!prefs.data || save.isPending}
          options={[
            { value: 'vi', label: t('notifications.locale_vi') },
            { value: 'en', label: t('notifications.locale_en') },
          ]}
          onChange={(locale) => prefs.data && save.mutate({ email: prefs.data.email, locale })}
        />
      </Flex>
    </Card>
  );
}

/** /notifications: every notice of the user, newest first, paginated, with an unread filter. */
export function NotificationsPage() {
  const { t } = useTranslation();
  // The outbox is the user administrators' (the server checks the same permission, scoped by unit).
  const canSeeOutbox = hasPermission(useMe(), 'user.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useQuery({
    queryKey: notificationKeys.page(page, pageSize, unreadOnly),
    queryFn: () => listNotifications({ page, pageSize, unread: unreadOnly }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const read = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh, onError: (e) => void message.error(errorMessage(e)) });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh, onError: (e) => void message.error(errorMessage(e)) });

  const open = async (item: NotificationItem) => {
    if (!item.readAt) await read.mutateAsync(item.id).catch(() => undefined);
    if (item.link) await navigate(item.link);
  };

  const columns: TableColumnsType<NotificationItem> = [
    {
      title: t('notifications.subject'),
      key: 'subject',
      render: (_, item) => (
        <>
          {item.link ? (
            <Button
              type="link"
              style={{ padding: 0, height: 'auto', fontWeight: item.readAt ? 400 : 600, whiteSpace: 'normal', textAlign: 'start' }}
              onClick={() => void open(item)}
            >
              {item.subject}
            </Button>
          ) : (
            <Typography.Text strong={!item.readAt}>{item.subject}</Typography.Text>
          )}
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {item.body}
          </Typography.Paragraph>
        </>
      ),
    },
    { title: t('notifications.created_at'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatInstant(v) },
    {
      title: t('notifications.email'),
      key: 'email',
      width: 160,
      render: (_, item) =>
        item.email ? (
          <Tag color={EMAIL_COLORS[item.email.status]} title={item.email.error ?? undefined}>
            {t(`notifications.email_status.${item.email.status}`)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('notifications.in_app_only')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, item) =>
        item.readAt ? (
          <Typography.Text type="secondary">{t('notifications.read')}</Typography.Text>
        ) : (
          <Button size="small" icon={<CheckOutlined />} onClick={() => read.mutate(item.id)}>
            {t('notifications.mark_read')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Button disabled={(list.data?.unread ?? 0) === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>
            {t('notifications.mark_all_read')}
          </Button>
        }
      />
      <EmailPreference />
      <Flex align="center" gap={12} style={{ marginBottom: 12 }}>
        <Segmented<'all' | 'unread'>
          aria-label={t('notifications.filter')}
          value={unreadOnly ? 'unread' : 'all'}
          options={[
            { value: 'all', label: t('notifications.filter_all') },
            { value: 'unread', label: t('notifications.filter_unread', { count: list.data?.unread ?? 0 }) },
          ]}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPage(1);
          }}
        />
      </Flex>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<NotificationItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
      />
      {canSeeOutbox ? <FailedEmails /> : null}
    </>
  );
}
