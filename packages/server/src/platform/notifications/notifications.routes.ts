import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../auth/actor';
import type { NotificationInboxService } from './notification-inbox.service';
import {
  NotificationIdParams,
  NotificationPage,
  NotificationPreferences,
  NotificationPreferencesInput,
  NotificationQuery,
  OutboxItem,
  OutboxPage,
  OutboxQuery,
  UnreadCount,
} from './notifications.schemas';

export const notificationRoutes: FastifyPluginAsyncZod<{ service: NotificationInboxService; deliver: () => void }> = async (app, { service, deliver }) => {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: "The signed-in user's notices, newest first, and the unread count",
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    (req) => service.list(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/notifications/outbox',
    {
      schema: { tags, summary: 'E-mails of the units the administrator manages (e.g. status=failed)', querystring: OutboxQuery, response: { 200: OutboxPage } },
    },
    (req) => service.outbox(requireActor(req.actor), req.query),
  );
  app.post(
    '/api/notifications/outbox/:id/retry',
    { schema: { tags, summary: 'Sends a failed e-mail again, with a fresh series of attempts', params: NotificationIdParams, response: { 200: OutboxItem } } },
    (req) => service.retry(requireActor(req.actor), req.params.id, deliver),
  );
  app.post('/api/notifications/read-all', { schema: { tags, summary: "Marks all the user's notices read", response: { 200: UnreadCount } } }, (req) =>
    service.markAllRead(requireActor(req.actor)),
  );
  app.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Marks one of the user’s notices read', params: NotificationIdParams, response: { 200: UnreadCount } } },
    (req) => service.markRead(requireActor(req.actor), req.params.id),
  );
  app.get(
    '/api/account/notification-preferences',
    { schema: { tags, summary: "The user's notification preferences", response: { 200: NotificationPreferences } } },
    (req) => service.preferences(requireActor(req.actor)),
  );
  app.put(
    '/api/account/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Sets whether notices also go by e-mail, and their language',
        body: NotificationPreferencesInput,
        response: { 200: NotificationPreferences },
      },
    },
    (req) => service.setPreferences(requireActor(req.actor), req.body),
  );
};
