import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const NotificationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** true: only unread notices. */
  unread: flag.optional(),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;

/** Where an e-mail of the outbox stands. */
export const EmailStatus = z.enum(['pending', 'sent', 'failed', 'skipped']);

export const EmailDelivery = z.object({
  status: EmailStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
  sentAt: z.string().nullable(),
});

export const NotificationItem = z.object({
  id: z.string(),
  templateKey: z.string(),
  entityKind: z.string().nullable(),
  entityId: z.string().nullable(),
  link: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** How the e-mail copy went, when one was written. */
  email: EmailDelivery.nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationPage = z.object({
  items: z.array(NotificationItem),
  /** Unread notices of the user, whatever the filter. */
  unread: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationIdParams = z.object({ id: z.string().min(1).max(100) });
export const UnreadCount = z.object({ unread: z.number().int() });

export const NotificationPreferences = z.object({
  email: z.boolean(),
  locale: z.enum(['vi', 'en']),
  /** Whether the account has an e-mail address at all (without one, nothing is mailed). */
  hasEmail: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const NotificationPreferencesInput = z.object({ email: z.boolean(), locale: z.enum(['vi', 'en']).optional() });
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesInput>;

export const OutboxQuery = z.object({
  status: EmailStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxItem = z.object({
  id: z.string(),
  recipient: z.string(),
  recipientUserId: z.string().nullable(),
  templateKey: z.string().nullable(),
  entityKind: z.string().nullable(),
  entityId: z.string().nullable(),
  subject: z.string(),
  status: EmailStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;
export const OutboxPage = z.object({ items: z.array(OutboxItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type OutboxPage = z.infer<typeof OutboxPage>;
