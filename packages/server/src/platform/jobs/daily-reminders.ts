import { instantAt, localDateOf, type LocalDate, type WorkingCalendar } from '@cchc/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Notifier, ReminderSource } from '../notifications/notice-types';
import type { ClaimedJob, JobScheduler } from './job-scheduler';

// The daily reminder pass (docs/architecture.md "Notifications and reminders"): one job per day, due at
// REMINDER_LOCAL_TIME in Asia/Ho_Chi_Minh, keyed `reminders.daily:YYYY-MM-DD` so every instance's planner
// creates the same single row. On a working day its handler runs every registered ReminderSource and
// sends each notice through the notifier, whose idempotency keys make a second run (a retry, or a claim
// after a lease ran out) send nothing twice.

export const REMINDERS_DAILY = 'reminders.daily';

const nextDay = (day: LocalDate): LocalDate => localDateOf(new Date(Date.parse(instantAt(day, 12 * 60)) + 24 * 3_600_000).toISOString());

export interface DailyRemindersDeps {
  db: Db;
  clock: Clock;
  calendar: { calendar(db?: Db): Promise<WorkingCalendar> };
  notifier: Notifier;
  sources: readonly ReminderSource[];
  /** REMINDER_LOCAL_TIME as a minute of the day, Viet Nam time (07:30 = 450). */
  minuteOfDay: number;
  /** Sends what the pass queued, after its transactions commit (the outbox's delivery). */
  afterCommit?: () => Promise<unknown>;
}

export interface ReminderPassReport {
  day: string;
  skipped?: 'not_working_day' | 'stale';
  notices: number;
}

export class DailyReminders {
  constructor(private readonly deps: DailyRemindersDeps) {}

  /**
   * Planner: today's and tomorrow's jobs exist. Today's is created even when its time has passed (a
   * server started at 09:00 still sends that morning's reminders, late); its handler checks the day.
   */
  readonly plan = async (scheduler: JobScheduler): Promise<void> => {
    const today = this.deps.clock.today();
    for (const day of [today, nextDay(today)]) {
      await scheduler.schedule(REMINDERS_DAILY, `${REMINDERS_DAILY}:${day}`, instantAt(day, this.deps.minuteOfDay), { day });
    }
  };

  readonly handle = async (job: ClaimedJob): Promise<void> => {
    const { day } = job.payload as { day: LocalDate };
    await this.runPass(day);
  };

  /** One pass for `day`: nothing on a non-working day, nor for a day already over (a server down for days sends no stale reminders). */
  async runPass(day: LocalDate): Promise<ReminderPassReport> {
    if (day !== this.deps.clock.today()) return { day, skipped: 'stale', notices: 0 };
    const calendar = await this.deps.calendar.calendar();
    if (!calendar.isWorkingDay(day)) return { day, skipped: 'not_working_day', notices: 0 };
    let notices = 0;
    for (const source of this.deps.sources) {
      const list = await source.collect(this.deps.db, { today: day, calendar });
      await this.deps.db.transaction().execute(async (trx) => {
        for (const notice of list) await this.deps.notifier.notify(trx, notice);
      });
      notices += list.length;
    }
    await this.deps.afterCommit?.().catch(() => undefined);
    return { day, notices };
  }
}
