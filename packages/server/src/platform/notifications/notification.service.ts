import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Mailer } from './mailer';

// E-mail to applicants (docs/domain/dossiers.md#lifecycle step 2: online receipt and supplement requests are
// notified; docs/domain/dossiers.md#apology-letter: apologies go by e-mail to online filers). The table is an outbox: `record`
// writes a row inside the caller's transaction, so a rolled-back dossier change mails nobody,
// and `deliverPending` sends after commit, so a slow or broken mail server never blocks the
// desk. Delivery is at least once: a crash between sending and marking the row may resend it.
// The same outbox carries staff notices' e-mail rows, written by NotificationCenter
// (docs/architecture.md "Notifications and reminders"); this loop sends both alike.

export type NotificationEvent =
  | 'dossier.submitted'
  | 'dossier.received'
  | 'dossier.supplement_requested'
  | 'dossier.completion_requested'
  | 'dossier.refused'
  | 'dossier.apology_issued'
  | 'dossier.result_ready';

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface NotificationInput {
  dossierId: string | null;
  event: NotificationEvent;
  /** The applicant's e-mail; empty or absent records the notification as skipped. */
  to: string | null | undefined;
  subject: string;
  /** Plain text. */
  body: string;
}

/**
 * An e-mail rendered at send time (docs/surveys.md "E-mail invitations and reminders"): the outbox row keeps
 * `{{placeholders}}` and the renderer fills them when the row is sent, so a secret such as a one-time link
 * is never stored in the outbox. `{ withdrawn: code }` drops the row (recorded as skipped with that error).
 */
export type SendTimeRenderer = (row: {
  entityId: string | null;
  subject: string;
  body: string;
}) => Promise<{ subject: string; body: string } | { withdrawn: string }>;

/** A generic outbox e-mail (not a dossier event): queued in the caller's transaction, sent after commit. */
export interface OutboxEmail {
  entityKind: string;
  entityId: string;
  templateKey: string;
  to: string | null | undefined;
  subject: string;
  body: string;
  /** Recorded once per key (insert … on conflict do nothing); false is returned for a repeat. */
  idempotencyKey: string;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Waits before the 2nd, 3rd, … attempt; after the last one a failed row stays failed. */
export const RETRY_MINUTES = [1, 5, 15, 60, 240] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;
/** A claimed row is hidden from other runs this long, then retried if its sender died. */
const CLAIM_MINUTES = 10;
const BATCH = 50;

const plusMinutes = (instant: string, m: number) => new Date(Date.parse(instant) + m * 60_000).toISOString();

export class NotificationService {
  private readonly renderers = new Map<string, SendTimeRenderer>();

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer | null,
    private readonly clock: Clock,
  ) {}

  /** Rows of `templateKey` are rendered by `render` when sent (wired explicitly in app.ts). */
  renderAtSend(templateKey: string, render: SendTimeRenderer): void {
    if (this.renderers.has(templateKey)) throw new Error(`Send-time renderer ${templateKey} is defined twice`);
    this.renderers.set(templateKey, render);
  }

  /** Whether e-mail can be sent at all (an SMTP server is configured). */
  get emailEnabled(): boolean {
    return this.mailer !== null;
  }

  /** Queues a generic e-mail inside the caller's transaction; false when its idempotency key was used before. */
  async queue(trx: Db, m: OutboxEmail): Promise<boolean> {
    const to = m.to?.trim() ?? '';
    const skipReason = !to ? 'no_recipient' : !this.mailer ? 'smtp_not_configured' : null;
    const now = this.clock.now();
    const inserted = await trx
      .insertInto('notifications')
      .values({
        id: randomUUID(),
        dossierId: null,
        event: m.templateKey,
        entityKind: m.entityKind,
        entityId: m.entityId,
        templateKey: m.templateKey,
        channel: 'email',
        recipient: to,
        subject: m.subject,
        body: m.body,
        status: skipReason ? 'skipped' : 'pending',
        error: skipReason,
        attempts: 0,
        createdAt: now,
        nextAttemptAt: skipReason ? null : now,
        sentAt: null,
        idempotencyKey: m.idempotencyKey,
      })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    return !!inserted;
  }

  /**
   * Queues an e-mail inside the caller's transaction. It is 'pending' until `deliverPending`
   * sends it, or 'skipped' (with the reason in `error`) when no SMTP server is configured or
   * the applicant gave no e-mail, so the dossier's history still shows the notice was due.
   */
  async record(trx: Db, n: NotificationInput): Promise<{ id: string; status: NotificationStatus }> {
    const to = n.to?.trim() ?? '';
    const skipReason = !to ? 'no_recipient' : !this.mailer ? 'smtp_not_configured' : null;
    const now = this.clock.now();
    const id = randomUUID();
    const status: NotificationStatus = skipReason ? 'skipped' : 'pending';
    await trx
      .insertInto('notifications')
      .values({
        id,
        dossierId: n.dossierId,
        event: n.event,
        entityKind: n.dossierId ? 'dossier' : null,
        entityId: n.dossierId,
        templateKey: n.event,
        channel: 'email',
        recipient: to,
        subject: n.subject,
        body: n.body,
        status,
        error: skipReason,
        attempts: 0,
        createdAt: now,
        nextAttemptAt: skipReason ? null : now,
        sentAt: null,
      })
      .execute();
    return { id, status };
  }

  /**
   * Sends the pending rows that are due (and failed rows whose retry time has come), marking
   * each sent or failed. Call it after the transaction that recorded them commits; the timer
   * of `startTimer` catches anything missed. Safe to run concurrently, also across instances:
   * each row is claimed by a conditional update before it is sent.
   */
  async deliverPending(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0 };
    if (!this.mailer) return report;
    const now = this.clock.now();
    const due = await this.db
      .selectFrom('notifications')
      .select(['id', 'recipient', 'subject', 'body', 'attempts', 'templateKey', 'entityId'])
      .where('status', 'in', ['pending', 'failed'])
      .where('nextAttemptAt', '<=', now)
      .orderBy('createdAt')
      .limit(BATCH)
      .execute();
    for (const row of due) {
      const attempts = row.attempts + 1;
      const claim = await this.db
        .updateTable('notifications')
        .set({ attempts, nextAttemptAt: plusMinutes(now, CLAIM_MINUTES) })
        .where('id', '=', row.id)
        .where('attempts', '=', row.attempts)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue; // another run took it
      try {
        const render = row.templateKey ? this.renderers.get(row.templateKey) : undefined;
        const mail = render ? await render(row) : row;
        if ('withdrawn' in mail) {
          await this.db.updateTable('notifications').set({ status: 'skipped', error: mail.withdrawn, nextAttemptAt: null }).where('id', '=', row.id).execute();
          continue;
        }
        await this.mailer.send({ to: row.recipient, subject: mail.subject, text: mail.body });
        await this.db
          .updateTable('notifications')
          .set({ status: 'sent', sentAt: this.clock.now(), error: null, nextAttemptAt: null })
          .where('id', '=', row.id)
          .execute();
        report.sent++;
      } catch (e) {
        const retryIn = RETRY_MINUTES[attempts - 1];
        await this.db
          .updateTable('notifications')
          .set({ status: 'failed', error: errorText(e), nextAttemptAt: retryIn === undefined ? null : plusMinutes(this.clock.now(), retryIn) })
          .where('id', '=', row.id)
          .execute();
        report.failed++;
      }
    }
    return report;
  }

  /**
   * Runs `deliverPending` every `intervalMs` (30 s by default). The timer is unref'd so it
   * never keeps the process alive; call the returned function on shutdown.
   */
  startTimer(intervalMs = 30_000, onError: (e: unknown) => void = () => {}): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.deliverPending()
        .catch(onError)
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

function errorText(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; message?: string };
  const prefix = err.responseCode ? `${err.responseCode} ` : err.code ? `${err.code}: ` : '';
  return `${prefix}${err.message ?? String(e)}`.slice(0, 1000);
}
