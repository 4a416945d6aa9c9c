import { canAnywhere, unitsFor } from '@cchc/domain';
import type { ServerActor } from '../auth/actor';
import type { Clock } from '../clock';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { NotificationInboxRepository } from './notification-inbox.repository';
import type {
  NotificationItem,
  NotificationPage,
  NotificationPreferences,
  NotificationPreferencesInput,
  NotificationQuery,
  OutboxItem,
  OutboxPage,
  OutboxQuery,
} from './notifications.schemas';

type EmailStatus = OutboxItem['status'];

/** The outbox row as the API shows it: the status column only ever holds an `EmailStatus` (the outbox loop writes it). */
const outboxItem = <R extends { status: string }>(row: R): Omit<R, 'status'> & { status: EmailStatus } => ({ ...row, status: row.status as EmailStatus });

/**
 * A signed-in user's own notices (the bell) and e-mail preference; any signed-in user, own rows only.
 * The outbox view is for administrators (`user.manage`), scoped by the recipients' units.
 */
export class NotificationInboxService {
  constructor(
    private readonly repo: NotificationInboxRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: ServerActor, q: NotificationQuery): Promise<NotificationPage> {
    const { rows, total, unread } = await this.repo.page(actor.userId, q);
    const items = rows.map((r): NotificationItem => ({
      id: r.id,
      templateKey: r.templateKey ?? '',
      entityKind: r.entityKind,
      entityId: r.entityId,
      link: r.link,
      subject: r.subject,
      body: r.body,
      createdAt: r.createdAt,
      readAt: r.readAt,
      email: r.emailStatus ? { status: r.emailStatus as EmailStatus, attempts: r.emailAttempts ?? 0, error: r.emailError, sentAt: r.emailSentAt } : null,
    }));
    return { items, unread, total, page: q.page, pageSize: q.pageSize };
  }

  async markRead(actor: ServerActor, id: string): Promise<{ unread: number }> {
    if (!(await this.repo.markRead(actor.userId, id, this.clock.now()))) throw new NotFoundError('notification.not_found');
    return { unread: await this.repo.unread(actor.userId) };
  }

  async markAllRead(actor: ServerActor): Promise<{ unread: number }> {
    await this.repo.markAllRead(actor.userId, this.clock.now());
    return { unread: await this.repo.unread(actor.userId) };
  }

  async preferences(actor: ServerActor): Promise<NotificationPreferences> {
    const p = await this.repo.preferences(actor.userId);
    if (!p) throw new NotFoundError('user.not_found');
    return { email: p.emailNotifications === 1, locale: p.locale === 'en' ? 'en' : 'vi', hasEmail: !!p.email?.trim() };
  }

  async setPreferences(actor: ServerActor, input: NotificationPreferencesInput): Promise<NotificationPreferences> {
    await this.repo.setPreferences(actor.userId, input.email, input.locale, this.clock.now());
    return this.preferences(actor);
  }

  /** E-mails (staff notices and applicants' e-mails) of the units the administrator manages; `status=failed` shows what did not go. */
  async outbox(actor: ServerActor, q: OutboxQuery): Promise<OutboxPage> {
    if (!canAnywhere(actor, 'user.manage')) throw new ForbiddenError('forbidden', [], { action: 'user.manage' });
    const { items, total } = await this.repo.outbox(unitsFor(actor, 'user.manage'), q);
    return { items: items.map(outboxItem), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Sends a failed e-mail again (after the mail server was fixed): the row goes back to pending with a fresh
   * series of attempts; the outbox loop, or `afterRetry`, sends it. Only a failed row: 409 otherwise.
   */
  async retry(actor: ServerActor, id: string, afterRetry: () => void = () => {}): Promise<OutboxItem> {
    if (!canAnywhere(actor, 'user.manage')) throw new ForbiddenError('forbidden', [], { action: 'user.manage' });
    const units = unitsFor(actor, 'user.manage');
    const row = await this.repo.outboxItem(units, id);
    if (!row) throw new NotFoundError('notification.not_found');
    if (row.status !== 'failed' || !(await this.repo.requeue(id, this.clock.now()))) throw new ConflictError('notification.not_failed', [], { current: row });
    afterRetry();
    return outboxItem((await this.repo.outboxItem(units, id))!);
  }
}
