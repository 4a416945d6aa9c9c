import type { WorkingCalendar } from '@cchc/domain';
import type { Db } from '../db/database';

// Generic notifications and reminders (issue #10 item 3, docs/architecture.md "Notifications and
// reminders"): any module tells a staff user about one of its records through a `Notifier`, inside its own
// transaction; daily reminder passes are `ReminderSource`s run by the platform's scheduler, which sends each
// notice at most once per `idempotencyKey` even with several app instances on one database.

export interface Notice {
  recipientUserId: string;
  /** The record the notice is about: 'task', 'plan', 'report_instance', 'dossier' … */
  entityKind: string;
  entityId: string;
  /** A key of some module's `NoticeTemplates`, e.g. 'task.assigned'. */
  templateKey: string;
  /** Values for the template's {{placeholders}}. */
  params: Record<string, string | number>;
  /** A path in the staff app that opens the record, e.g. '/plans/tasks/ID'. */
  link?: string;
  /** Notices with the same key are sent once, e.g. 'task.due_soon:ID:2026-12-07'. */
  idempotencyKey?: string;
}

/** Texts of one notice kind, with {{param}} placeholders; the recipient's language picks one. */
export interface NoticeTemplate {
  vi: { subject: string; body: string };
  en: { subject: string; body: string };
}
export type NoticeTemplates = Record<string, NoticeTemplate>;

export interface Notifier {
  /** Records the notice (in-app, and e-mail when the user wants it) inside the caller's transaction. */
  notify(trx: Db, notice: Notice): Promise<void>;
}

export interface ReminderContext {
  /** The day of the pass, a working day, 'YYYY-MM-DD' in Asia/Ho_Chi_Minh. */
  today: string;
  calendar: WorkingCalendar;
}

/** One module's daily reminders: the notices due today. Finished or cancelled records must yield none. */
export interface ReminderSource {
  readonly key: string;
  collect(db: Db, ctx: ReminderContext): Promise<Notice[]>;
}
