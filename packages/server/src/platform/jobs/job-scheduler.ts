import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Updateable } from 'kysely';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Database, ScheduledJobsTable } from '../db/schema';

// Jobs stored in the database (docs/architecture.md "Notifications and reminders"). Any number of
// instances may tick at once on one database: a job is run by the instance whose conditional UPDATE
// claims it (the `attempts` it read is the row's version), with a lease; a job whose instance died keeps
// `running` with a lease that runs out, after which any instance claims it again. So a job runs once
// per claim, at least once overall, and its handler must be idempotent (the reminders are: each notice
// carries an idempotency key).

export interface ClaimedJob {
  id: string;
  kind: string;
  idempotencyKey: string;
  payload: unknown;
  /** 1 on the first run. */
  attempts: number;
}
export type JobHandler = (job: ClaimedJob) => Promise<void>;

/** Waits before the 2nd, 3rd, … run of a failing job; after the last one it stays `failed`. */
export const JOB_RETRY_MINUTES = [1, 5, 15, 60] as const;
export const JOB_MAX_ATTEMPTS = JOB_RETRY_MINUTES.length + 1;
/** A claimed job not finished within this many minutes is taken to be orphaned and may be claimed again. */
export const JOB_LEASE_MINUTES = 10;
/** Jobs one tick runs at most, so a backlog cannot hold one instance for long. */
const JOBS_PER_TICK = 20;
/** How often `startTimer` ticks in a server (`App.startJobs`). */
export const SCHEDULER_EVERY_MS = 30_000;

const plusMinutes = (instant: string, m: number) => new Date(Date.parse(instant) + m * 60_000).toISOString();

/** Due and pending, or running with its lease run out (its instance died or hung). */
function claimable(eb: ExpressionBuilder<Database, 'scheduledJobs'>, now: string) {
  return eb.or([eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<=', now)])]);
}

export interface TickReport {
  ran: number;
  failed: number;
}

export class JobScheduler {
  /** Names this instance in `leased_by`, for the operator reading the table. */
  readonly instanceId = randomUUID();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    /** Run at the start of every tick to create the jobs that must exist (the daily reminders). */
    private readonly planners: ReadonlyArray<(scheduler: JobScheduler) => Promise<void>> = [],
  ) {}

  /** Creates a job unless one with the key exists (insert … on conflict do nothing); true when created. */
  async schedule(kind: string, idempotencyKey: string, runAt: string, payload: unknown, db: Db = this.db): Promise<boolean> {
    const inserted = await db
      .insertInto('scheduledJobs')
      .values({
        id: randomUUID(),
        kind,
        idempotencyKey,
        runAt,
        payload: JSON.stringify(payload),
        status: 'pending',
        attempts: 0,
        leaseUntil: null,
        leasedBy: null,
        lastError: null,
        createdAt: this.clock.now(),
        finishedAt: null,
      })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    return !!inserted;
  }

  /** Plans, then runs the due jobs one at a time, each claimed first. */
  async tick(): Promise<TickReport> {
    for (const plan of this.planners) await plan(this);
    const report: TickReport = { ran: 0, failed: 0 };
    for (let i = 0; i < JOBS_PER_TICK; i++) {
      const job = await this.claimOne();
      if (!job) break;
      if (await this.run(job)) report.ran++;
      else report.failed++;
    }
    return report;
  }

  /** Claims the earliest due job (pending and due, or running with its lease run out), or null. */
  private async claimOne(): Promise<ClaimedJob | null> {
    const now = this.clock.now();
    const candidates = await this.db
      .selectFrom('scheduledJobs')
      .select(['id', 'kind', 'idempotencyKey', 'payload', 'attempts'])
      .where((eb) => claimable(eb, now))
      .orderBy('runAt')
      .limit(5)
      .execute();
    for (const c of candidates) {
      const claimed = await this.db
        .updateTable('scheduledJobs')
        .set({ status: 'running', attempts: c.attempts + 1, leaseUntil: plusMinutes(now, JOB_LEASE_MINUTES), leasedBy: this.instanceId })
        .where('id', '=', c.id)
        .where('attempts', '=', c.attempts) // another instance that claimed it first changed this
        .where((eb) => claimable(eb, now))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1)
        return { id: c.id, kind: c.kind, idempotencyKey: c.idempotencyKey, payload: JSON.parse(c.payload) as unknown, attempts: c.attempts + 1 };
    }
    return null;
  }

  /** Runs a claimed job and records the outcome, unless the lease was lost to another instance meanwhile. */
  private async run(job: ClaimedJob): Promise<boolean> {
    const mine = (set: Updateable<ScheduledJobsTable>) =>
      this.db
        .updateTable('scheduledJobs')
        .set(set)
        .where('id', '=', job.id)
        .where('leasedBy', '=', this.instanceId)
        .where('attempts', '=', job.attempts)
        .execute();
    try {
      const handler = this.handlers[job.kind];
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler(job);
      await mine({ status: 'done', leaseUntil: null, lastError: null, finishedAt: this.clock.now() });
      return true;
    } catch (e) {
      const retryIn = JOB_RETRY_MINUTES[job.attempts - 1];
      const now = this.clock.now();
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
      await mine(
        retryIn === undefined
          ? { status: 'failed', leaseUntil: null, lastError: error, finishedAt: now }
          : { status: 'pending', runAt: plusMinutes(now, retryIn), leaseUntil: null, lastError: error },
      );
      return false;
    }
  }

  /** Ticks every `intervalMs`, never two ticks at once in this process; returns the function that stops it. */
  startTimer(intervalMs: number, onError: (e: unknown) => void): () => void {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      this.tick()
        .catch(onError)
        .finally(() => {
          running = false;
        });
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    tick();
    return () => clearInterval(timer);
  }
}

/** For tests and the operator: a job row by key. */
export function jobByKey(db: Db, idempotencyKey: string) {
  return db.selectFrom('scheduledJobs').selectAll().where('idempotencyKey', '=', idempotencyKey).executeTakeFirst();
}
