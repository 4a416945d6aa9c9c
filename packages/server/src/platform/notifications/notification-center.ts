import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Notice, NoticeTemplate, NoticeTemplates, Notifier } from './notice-types';

// The generic notifier (docs/architecture.md "Notifications and reminders"). Each notice becomes an
// in-app row for the recipient's bell and, when the user has an address and wants e-mail, an e-mail row
// that the outbox loop of NotificationService delivers and retries after commit. Both are written in the
// caller's transaction, so a rolled-back change notifies nobody.

export type NoticeLocale = 'vi' | 'en';

/** `{{name}}` → the param's value; an unknown name is left visible so a template mistake shows. */
export function renderTemplate(text: string, params: Notice['params']): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** One catalogue from every module's templates (an explicit list in app.ts); a key defined twice is a wiring error. */
export function mergeTemplates(lists: readonly NoticeTemplates[]): NoticeTemplates {
  const merged: Record<string, NoticeTemplate> = {};
  for (const list of lists) {
    for (const [key, template] of Object.entries(list)) {
      if (key in merged) throw new Error(`Notice template ${key} is defined twice`);
      merged[key] = template;
    }
  }
  return merged;
}

export interface NotificationCenterOptions {
  /** Whether an SMTP server is configured: without one, e-mail rows are recorded as skipped. */
  emailEnabled: boolean;
  /** The server's public address; a notice's link is appended to its e-mail as `base + link`. */
  baseUrl: string | null;
}

export class NotificationCenter implements Notifier {
  private readonly templates: NoticeTemplates;

  constructor(
    templates: readonly NoticeTemplates[],
    private readonly clock: Clock,
    private readonly options: NotificationCenterOptions,
  ) {
    this.templates = mergeTemplates(templates);
  }

  /**
   * Records the notice inside `trx`. With an `idempotencyKey` already used, nothing is written: the
   * insert is `ON CONFLICT DO NOTHING`, never a caught unique violation, which on PostgreSQL would abort
   * the caller's transaction. An inactive or unknown user gets nothing.
   */
  async notify(trx: Db, notice: Notice): Promise<void> {
    const template = this.templates[notice.templateKey];
    if (!template) throw new Error(`Unknown notice template ${notice.templateKey}`);
    const user = await trx
      .selectFrom('users')
      .select(['email', 'emailNotifications', 'locale', 'isActive'])
      .where('id', '=', notice.recipientUserId)
      .executeTakeFirst();
    if (!user || user.isActive !== 1) return;
    const locale: NoticeLocale = user.locale === 'en' ? 'en' : 'vi';
    const subject = renderTemplate(template[locale].subject, notice.params);
    const body = renderTemplate(template[locale].body, notice.params);
    const now = this.clock.now();
    const id = randomUUID();
    const common = {
      dossierId: null,
      event: notice.templateKey,
      recipientUserId: notice.recipientUserId,
      entityKind: notice.entityKind,
      entityId: notice.entityId,
      templateKey: notice.templateKey,
      locale,
      link: notice.link ?? null,
      subject,
      createdAt: now,
    };
    const inserted = await trx
      .insertInto('notifications')
      .values({
        ...common,
        id,
        channel: 'in_app',
        recipient: '',
        body,
        status: 'sent',
        error: null,
        attempts: 0,
        nextAttemptAt: null,
        sentAt: now,
        noticeId: id,
        idempotencyKey: notice.idempotencyKey ?? null,
        readAt: null,
      })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return; // this notice was already recorded
    const to = user.email?.trim() ?? '';
    if (user.emailNotifications !== 1 || !to) return;
    const link = notice.link && this.options.baseUrl ? `\n\n${this.options.baseUrl.replace(/\/$/, '')}${notice.link}` : '';
    await trx
      .insertInto('notifications')
      .values({
        ...common,
        id: randomUUID(),
        channel: 'email',
        recipient: to,
        body: `${body}${link}`,
        status: this.options.emailEnabled ? 'pending' : 'skipped',
        error: this.options.emailEnabled ? null : 'smtp_not_configured',
        attempts: 0,
        nextAttemptAt: this.options.emailEnabled ? now : null,
        sentAt: null,
        noticeId: id,
        idempotencyKey: notice.idempotencyKey ? `${notice.idempotencyKey}:email` : null,
        readAt: null,
      })
      .execute();
  }
}
