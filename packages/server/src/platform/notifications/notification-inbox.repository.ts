import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { NotificationQuery, OutboxQuery } from './notifications.schemas';

// SQL of the bell and the outbox view. Every query of a user's notices carries the user's id, so
// another user's notice is simply not there (docs/conventions.md's model: immich's repositories).

export class NotificationInboxRepository {
  constructor(private readonly db: Db) {}

  /** The page and both counts of a user's in-app notices; the counts are one aggregate in the database. */
  async page(userId: string, q: NotificationQuery) {
    const mine = this.db.selectFrom('notifications as n').where('n.recipientUserId', '=', userId).where('n.channel', '=', 'in_app');
    const counts = await mine
      .select((eb) => [
        eb.fn.countAll<number | string>().as('total'),
        sql<number | string | null>`sum(case when ${eb.ref('n.readAt')} is null then 1 else 0 end)`.as('unread'),
      ])
      .executeTakeFirstOrThrow();
    const rows = await (q.unread ? mine.where('n.readAt', 'is', null) : mine)
      .leftJoin('notifications as e', (j) => j.onRef('e.noticeId', '=', 'n.id').on('e.channel', '=', 'email'))
      .select([
        'n.id',
        'n.templateKey',
        'n.entityKind',
        'n.entityId',
        'n.link',
        'n.subject',
        'n.body',
        'n.createdAt',
        'n.readAt',
        'e.status as emailStatus',
        'e.attempts as emailAttempts',
        'e.error as emailError',
        'e.sentAt as emailSentAt',
      ])
      .orderBy('n.createdAt', 'desc')
      .orderBy('n.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const total = Number(counts.total ?? 0);
    const unread = Number(counts.unread ?? 0);
    return { rows, total: q.unread ? unread : total, unread };
  }

  async unread(userId: string, db: Db = this.db): Promise<number> {
    const r = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('recipientUserId', '=', userId)
      .where('channel', '=', 'in_app')
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Marks one of the user's notices read (the first reading time stays); false when the user has no such notice. */
  async markRead(userId: string, id: string, at: string): Promise<boolean> {
    const own = await this.db
      .selectFrom('notifications')
      .select('readAt')
      .where('id', '=', id)
      .where('recipientUserId', '=', userId)
      .where('channel', '=', 'in_app')
      .executeTakeFirst();
    if (!own) return false;
    if (own.readAt === null)
      await this.db
        .updateTable('notifications')
        .set({ readAt: at })
        .where('id', '=', id)
        .where('recipientUserId', '=', userId)
        .where('readAt', 'is', null)
        .execute();
    return true;
  }

  async markAllRead(userId: string, at: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ readAt: at })
      .where('recipientUserId', '=', userId)
      .where('channel', '=', 'in_app')
      .where('readAt', 'is', null)
      .execute();
  }

  async preferences(userId: string) {
    return this.db.selectFrom('users').select(['email', 'emailNotifications', 'locale']).where('id', '=', userId).executeTakeFirst();
  }

  async setPreferences(userId: string, email: boolean, locale: string | undefined, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ emailNotifications: email ? 1 : 0, ...(locale ? { locale } : {}), updatedAt: at })
      .where('id', '=', userId)
      .execute();
  }

  /**
   * E-mail rows whose recipient works in one of `unitIds` (staff notices) or that concern a dossier of one
   * of them (applicants' e-mails), newest first.
   */
  private outboxScoped(unitIds: readonly string[]) {
    return this.db
      .selectFrom('notifications as n')
      .where('n.channel', '=', 'email')
      .where((eb) =>
        eb.or([
          eb('n.recipientUserId', 'in', eb.selectFrom('users').select('users.id').where('users.unitId', 'in', unitIds)),
          eb('n.dossierId', 'in', eb.selectFrom('dossiers').select('dossiers.id').where('dossiers.unitId', 'in', unitIds)),
        ]),
      );
  }

  async outbox(unitIds: readonly string[], q: OutboxQuery) {
    const scoped = this.outboxScoped(unitIds).$if(!!q.status, (b) => b.where('n.status', '=', q.status!));
    const { total } = await scoped.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
    const items = await scoped
      .select(OUTBOX_COLUMNS)
      .orderBy('n.createdAt', 'desc')
      .orderBy('n.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items, total: Number(total) };
  }

  async outboxItem(unitIds: readonly string[], id: string) {
    return this.outboxScoped(unitIds).select(OUTBOX_COLUMNS).where('n.id', '=', id).executeTakeFirst();
  }

  /** Queues a failed e-mail again now, with a fresh series of attempts; false when it is no longer failed. */
  async requeue(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('notifications')
      .set({ status: 'pending', attempts: 0, nextAttemptAt: at })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

const OUTBOX_COLUMNS = [
  'n.id',
  'n.recipient',
  'n.recipientUserId',
  'n.templateKey',
  'n.entityKind',
  'n.entityId',
  'n.subject',
  'n.status',
  'n.attempts',
  'n.error',
  'n.createdAt',
  'n.nextAttemptAt',
  'n.sentAt',
] as const;
