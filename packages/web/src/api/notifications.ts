import { request, withQuery } from './http';
import type { InstantString } from './types';

// The signed-in user's notices (the bell) and e-mail preference: GET /api/notifications and friends.

export type EmailStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NotificationItem {
  id: string;
  templateKey: string;
  entityKind: string | null;
  entityId: string | null;
  /** A path in this app that opens the record. */
  link: string | null;
  subject: string;
  body: string;
  createdAt: InstantString;
  readAt: InstantString | null;
  email: { status: EmailStatus; attempts: number; error: string | null; sentAt: InstantString | null } | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  unread: number;
  total: number;
  page: number;
  pageSize: number;
}

export interface NotificationPreferences {
  email: boolean;
  locale: 'vi' | 'en';
  hasEmail: boolean;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  bell: ['notifications', 'bell'] as const,
  page: (page: number, pageSize: number, unread: boolean) => ['notifications', 'page', page, pageSize, unread] as const,
  preferences: ['notifications', 'preferences'] as const,
};

export const listNotifications = (q: { page?: number; pageSize?: number; unread?: boolean } = {}): Promise<NotificationPage> =>
  request<NotificationPage>(withQuery('/api/notifications', { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined }));

export const markNotificationRead = (id: string): Promise<{ unread: number }> =>
  request<{ unread: number }>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });

export const markAllNotificationsRead = (): Promise<{ unread: number }> =>
  request<{ unread: number }>('/api/notifications/read-all', { method: 'POST', body: {} });

export const getNotificationPreferences = (): Promise<NotificationPreferences> => request<NotificationPreferences>('/api/account/notification-preferences');

export const setNotificationPreferences = (input: { email: boolean; locale?: 'vi' | 'en' }): Promise<NotificationPreferences> =>
  request<NotificationPreferences>('/api/account/notification-preferences', { method: 'PUT', body: input });

/** An e-mail of the outbox, as administrators see it. */
export interface OutboxItem {
  id: string;
  recipient: string;
  recipientUserId: string | null;
  templateKey: string | null;
  entityKind: string | null;
  entityId: string | null;
  subject: string;
  status: EmailStatus;
  attempts: number;
  error: string | null;
  createdAt: InstantString;
  nextAttemptAt: InstantString | null;
  sentAt: InstantString | null;
}

export const listOutbox = (q: {
  status?: EmailStatus;
  page?: number;
  pageSize?: number;
}): Promise<{ items: OutboxItem[]; total: number; page: number; pageSize: number }> => request(withQuery('/api/notifications/outbox', q));

export const retryEmail = (id: string): Promise<OutboxItem> =>
  request<OutboxItem>(`/api/notifications/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} });
