import type { ApiQuery, ApiResponse } from './contract';
import { call } from './http';

// The signed-in user's notices (the bell) and e-mail preference: GET /api/notifications and friends.

export type NotificationPage = ApiResponse<'/api/notifications'>;
export type NotificationItem = NotificationPage['items'][number];
export type EmailStatus = NonNullable<NotificationItem['email']>['status'];
export type NotificationPreferences = ApiResponse<'/api/account/notification-preferences'>;

export const notificationKeys = {
  all: ['notifications'] as const,
  bell: ['notifications', 'bell'] as const,
  page: (page: number, pageSize: number, unread: boolean) => ['notifications', 'page', page, pageSize, unread] as const,
  preferences: ['notifications', 'preferences'] as const,
};

export const listNotifications = (q: { page?: number; pageSize?: number; unread?: boolean } = {}): Promise<NotificationPage> =>
  call('get', '/api/notifications', { query: { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined } });

export const markNotificationRead = (id: string): Promise<{ unread: number }> => call('post', '/api/notifications/{id}/read', { params: { id } });

export const markAllNotificationsRead = (): Promise<{ unread: number }> => call('post', '/api/notifications/read-all');

export const getNotificationPreferences = (): Promise<NotificationPreferences> => call('get', '/api/account/notification-preferences');

export const setNotificationPreferences = (input: { email: boolean; locale?: 'vi' | 'en' }): Promise<NotificationPreferences> =>
  call('put', '/api/account/notification-preferences', { body: input });

/** An e-mail of the outbox, as administrators see it. */
export type OutboxPage = ApiResponse<'/api/notifications/outbox'>;
export type OutboxItem = OutboxPage['items'][number];

export const listOutbox = (q: ApiQuery<'/api/notifications/outbox'>): Promise<OutboxPage> => call('get', '/api/notifications/outbox', { query: q });

export const retryEmail = (id: string): Promise<OutboxItem> => call('post', '/api/notifications/outbox/{id}/retry', { params: { id } });
