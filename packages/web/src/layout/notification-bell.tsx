import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { listNotifications, markAllNotificationsRead, markNotificationRead, notificationKeys, type NotificationItem } from '../api/notifications';
import { errorMessage } from '../errors';
import { formatInstant } from '../format';

/** Notices shown in the bell's list; the page /notifications has them all. */
const BELL_ITEMS = 8;

/**
 * The bell in the header: the unread count, refreshed every minute and when the window regains focus,
 * and the latest notices. Opening one marks it read and goes to its record.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const bell = useQuery({
    queryKey: notificationKeys.bell,
    queryFn: () => listNotifications({ pageSize: BELL_ITEMS }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh, onError: (e) => void message.error(errorMessage(e)) });

  const openItem = async (item: NotificationItem) => {
    setOpen(false);
    try {
      if (!item.readAt) await markNotificationRead(item.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
    void refresh();
    await navigate(item.link ?? '/notifications');
  };

  const unread = bell.data?.unread ?? 0;
  const content = (
    <div className="notification-bell-panel" style={{ width: 360 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={readAll.isPending} onClick={() => readAll.mutate()}>
          {t('notifications.mark_all_read')}
        </Button>
      </Flex>
      <List<NotificationItem>
        size="small"
        dataSource={bell.data?.items ?? []}
        loading={bell.isPending}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(item) => (
          <List.Item style={{ paddingInline: 0 }}>
            <button type="button" className="notification-bell-item" onClick={() => void openItem(item)}>
              <Typography.Text strong={!item.readAt}>{item.subject}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {formatInstant(item.createdAt)}
                {item.readAt ? '' : ` · ${t('notifications.unread_tag')}`}
              </Typography.Text>
            </button>
          </List.Item>
        )}
      />
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('notifications.view_all')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.bell', { count: unread })} aria-haspopup="dialog" aria-expanded={open} />
      </Badge>
    </Popover>
  );
}
