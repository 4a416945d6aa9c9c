import { instantAt, type DayCalendar, type LocalDate } from '@cchc/domain';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database';

// The SQL building blocks of every dossier count: the queues, the statistics and the PAR dossier metrics
// use these conditions and nothing else for "late", "overdue" and "in progress"
// (docs/conventions.md#lists-and-counting, docs/domain/statistics.md#how-cchc-computes-it). Each block
// takes the table alias whose columns it reads: `d` for dossiers, `s` for a timeline span, which carries
// the same `status` and `statutory_due_at` as the dossier had from that entry on, and `pos` for the open
// span copied on the dossier row `d` (its `position_*` columns).

/** Statuses of a dossier being worked on: received at the desk, or in a processing unit. */
export const IN_PROGRESS = ['received', 'processing'] as const;

/** Received and not finished: on the desk, in a division, paused for the applicant or waiting to be returned. */
export const OPEN = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'result_ready'] as const;

/** Statuses that end processing with a result (docs/domain/dossiers.md#supplement-pause-and-timeliness). */
export const COMPLETED = ['result_ready', 'returned'] as const;

type Alias = 'd' | 's' | 'pos';

/** The dossier row's copy of its open span, by the timeline's column names. */
const POSITION: Record<string, string> = {
  status: 'd.position_status',
  statutory_due_at: 'd.position_due_at',
  supplement_requests: 'd.position_supplements',
};

const col = (alias: Alias, column: string) => sql.ref(alias === 'pos' ? POSITION[column]! : `${alias}.${column}`);
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/** A completed dossier is late when its processing ended after the statutory due moment (the PAR metrics' rule too). */
export const LATE_COMPLETION = sql<SqlBool>`d.statutory_due_at is not null and d.end_of_processing_at > d.statutory_due_at`;

/**
 * Past the statutory due day as of the local day starting at `dayStartAt` (the due day is before that day):
 * an apology's new appointment does not make a late dossier timely (docs/domain/dossiers.md#apology-letter).
 */
export function pastStatutoryDue(alias: Alias, dayStartAt: unknown): RawBuilder<SqlBool> {
  return sql<SqlBool>`${col(alias, 'statutory_due_at')} is not null and ${col(alias, 'statutory_due_at')} < ${dayStartAt}`;
}

/**
 * In progress and overdue on the local day starting at `dayStartAt`: the "overdue" queue with today, and the
 * report's `inProgress.overdue` at a period's last day. Paused dossiers are reported apart (docs/domain/statistics.md).
 */
export function overdueInProgress(alias: Alias, dayStartAt: unknown): RawBuilder<SqlBool> {
  return sql<SqlBool>`${col(alias, 'status')} in (${list(IN_PROGRESS)}) and ${pastStatutoryDue(alias, dayStartAt)}`;
}

/** The status is one of `statuses` (literal SQL, so compiled query shapes keep it out of their parameters). */
export function statusIn(alias: Alias, statuses: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${col(alias, 'status')} in (${list(statuses)})`;
}

/**
 * A period's bounds as SQL values: the statistics pass the columns of their periods table, the dossier list
 * (drilling down from a figure) passes parameters. Local midnights starting `from`, starting `to`, after
 * `to`, and the first due moment no longer "almost due" at `to`.
 */
export interface PeriodBounds {
  fromAt: unknown;
  toStartAt: unknown;
  nextAt: unknown;
  almostDueBefore: unknown;
}

/** How the engine at hand writes the two expressions that differ. */
export interface Dialect {
  pg: boolean;
  granularity: 'day' | 'minute';
}

function localDay(dialect: Dialect, column: RawBuilder<unknown>) {
  return dialect.pg ? sql`cast((${column} at time zone 'UTC') + interval '7 hours' as date)` : sql`date(${column}, '+7 hours')`;
}

/** Early: processing ended before the due day (or the due minute, by the agency's setting). */
function endedEarly(dialect: Dialect): RawBuilder<SqlBool> {
  const end = sql`d.end_of_processing_at`;
  const due = sql`d.statutory_due_at`;
  if (dialect.granularity === 'day') return sql<SqlBool>`${localDay(dialect, end)} < ${localDay(dialect, due)}`;
  return dialect.pg ? sql<SqlBool>`date_trunc('minute', ${end}) < date_trunc('minute', ${due})` : sql<SqlBool>`substr(${end}, 1, 16) < substr(${due}, 1, 16)`;
}

/** Completed (by status) and early: not late, and processing ended before the due day (or minute). */
export function completedEarly(dialect: Dialect): RawBuilder<SqlBool> {
  return sql<SqlBool>`${statusIn('d', COMPLETED)} and not (${LATE_COMPLETION}) and d.statutory_due_at is not null and ${endedEarly(dialect)}`;
}

/** Figures of the report decided on the dossier row (docs/domain/statistics.md#the-reports-rows). */
export const DOSSIER_FIGURES = [
  'to_process',
  'carried_over',
  'received',
  'received_online',
  'received_counter',
  'received_post',
  'completed',
  'completed_early',
  'completed_on_time',
  'completed_late',
  'refused',
  'stopped',
  'withdrawn',
  'returned',
] as const;
/** Figures decided by the timeline span alive at the end of the period's last day. */
export const SPAN_FIGURES = [
  'in_progress',
  'in_progress_within_time',
  'in_progress_almost_due',
  'in_progress_overdue',
  'paused',
  'paused_supplement',
  'paused_supplement_late',
  'paused_payment',
  'paused_payment_late',
  'result_ready_not_collected',
  'awaiting_receipt',
] as const;
export type DossierFigure = (typeof DOSSIER_FIGURES)[number];
export type SpanFigure = (typeof SPAN_FIGURES)[number];

/** Taken in by the period's end and not closed before its start: the dossiers the period has to process. */
export const inReach = (b: PeriodBounds) => sql<SqlBool>`d.intake_at < ${b.nextAt} and (d.closed_at is null or d.closed_at >= ${b.fromAt})`;

/** Returned to the applicant during the period (whenever received). */
export const returnedIn = (b: PeriodBounds) => sql<SqlBool>`d.returned_at >= ${b.fromAt} and d.returned_at < ${b.nextAt}`;

/** The condition of a row figure on the dossier `d`. */
export function dossierFigure(figure: DossierFigure, b: PeriodBounds, dialect: Dialect): RawBuilder<SqlBool> {
  const reach = inReach(b);
  const closed = sql<SqlBool>`${reach} and d.closed_at < ${b.nextAt}`;
  const completed = sql<SqlBool>`${closed} and ${statusIn('d', COMPLETED)}`;
  const early = sql<SqlBool>`${closed} and ${completedEarly(dialect)}`;
  const received = sql<SqlBool>`${reach} and d.intake_at >= ${b.fromAt}`;
  switch (figure) {
    case 'to_process':
      return reach;
    case 'carried_over':
      return sql<SqlBool>`${reach} and d.intake_at < ${b.fromAt}`;
    case 'received':
      return received;
    case 'received_online':
    case 'received_counter':
    case 'received_post':
      return sql<SqlBool>`${received} and d.channel = ${sql.lit(figure.slice('received_'.length))}`;
    case 'completed':
      return completed;
    case 'completed_early':
      return early;
    case 'completed_late':
      return sql<SqlBool>`${completed} and ${LATE_COMPLETION}`;
    case 'completed_on_time':
      return sql<SqlBool>`${completed} and not (${LATE_COMPLETION}) and not (d.statutory_due_at is not null and ${endedEarly(dialect)})`;
    case 'refused':
    case 'stopped':
    case 'withdrawn':
      return sql<SqlBool>`${closed} and d.status = ${sql.lit(figure)}`;
    case 'returned':
      return returnedIn(b);
  }
}

/** The span `s` alive at the end of the period's last day: the dossier's position then. */
export const aliveAtEnd = (b: PeriodBounds) => sql<SqlBool>`s.start_at < ${b.nextAt} and (s.end_at is null or s.end_at >= ${b.nextAt})`;

/**
 * The same, split in two so that neither needs the other's rows: the dossier's open span (`pos`) began
 * before the end, or a closed span `s` straddles the end. Every dossier has one open span, so the two
 * together are `aliveAtEnd` exactly.
 */
export const positionAlive = (b: PeriodBounds) => sql<SqlBool>`d.position_since < ${b.nextAt}`;
export const closedSpanAlive = (b: PeriodBounds) => sql<SqlBool>`s.start_at < ${b.nextAt} and s.end_at >= ${b.nextAt}`;

/** The condition of a position figure on the alive span `s` or `pos` (and its dossier `d`, for the payment policy). */
export function spanFigure(figure: SpanFigure, b: PeriodBounds, span: 's' | 'pos' = 's'): RawBuilder<SqlBool> {
  const inProgress = statusIn(span, IN_PROGRESS);
  const status = col(span, 'status');
  const due = col(span, 'statutory_due_at');
  switch (figure) {
    case 'in_progress':
      return inProgress;
    case 'in_progress_overdue':
      return overdueInProgress(span, b.toStartAt);
    case 'in_progress_within_time':
      return sql<SqlBool>`${inProgress} and not (${pastStatutoryDue(span, b.toStartAt)})`;
    case 'in_progress_almost_due':
      return sql<SqlBool>`${inProgress} and ${due} >= ${b.toStartAt} and ${due} < ${b.almostDueBefore}`;
    case 'paused':
      return statusIn(span, ['awaiting_supplement', 'awaiting_payment']);
    case 'paused_supplement':
      return sql<SqlBool>`${status} = 'awaiting_supplement'`;
    case 'paused_supplement_late':
      return sql<SqlBool>`${status} = 'awaiting_supplement' and ${col(span, 'supplement_requests')} > 1`;
    case 'paused_payment':
      return sql<SqlBool>`${status} = 'awaiting_payment'`;
    case 'paused_payment_late':
      return sql<SqlBool>`${status} = 'awaiting_payment' and d.payment_stops_clock = 0 and ${pastStatutoryDue(span, b.toStartAt)}`;
    case 'result_ready_not_collected':
      return sql<SqlBool>`${status} = 'result_ready'`;
    case 'awaiting_receipt':
      return sql<SqlBool>`${status} = 'submitted'`;
  }
}

/** The local day after `d`. */
export const nextDay = (d: LocalDate): LocalDate => instantAt(d, 24 * 60 + 7 * 60).slice(0, 10) as LocalDate;

/**
 * A period's bounds as instants, the calendar's part done here: classifyOpen calls a dossier almost due when
 * at most N working days remain, i.e. when it is due before the (N+1)-th working day after `to`.
 * @example periodBounds(cal, 1, '2026-01-01', '2026-01-31').nextAt // '2026-01-31T17:00:00.000Z'
 */
export function periodBounds(cal: DayCalendar, almostDueWorkingDays: number, from: LocalDate, to: LocalDate) {
  return {
    fromAt: instantAt(from, 0),
    toStartAt: instantAt(to, 0),
    nextAt: instantAt(nextDay(to), 0),
    almostDueBefore: instantAt(cal.addWorkingDays(to, almostDueWorkingDays + 1), 0),
  };
}

/**
 * The dossiers of a scope as index conditions, for the QĐ 766 indicators and the PAR metrics: dossiers are
 * found by `unit_id` (the leading column of their covering indexes). A dossier's `unit_id` and
 * `processing_unit_id` are those of its procedure version, so the other agencies whose procedures a unit in
 * scope processes are looked up in the (small) catalogue; their dossiers are added, and `member` keeps those
 * whose agency or processing unit is in scope (checked on the index tuple).
 */
export async function agencyScope(db: Db, units: readonly string[]): Promise<{ agencies: string[]; member: RawBuilder<SqlBool> }> {
  const foreign = await db
    .selectFrom('procedureVersions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedureId')
    .select('p.unitId')
    .distinct()
    .where('v.processingUnitId', 'in', units)
    .where('p.unitId', 'not in', units)
    .execute();
  const agencies = [...units, ...foreign.map((f) => f.unitId)];
  const member = foreign.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(d.unit_id in (${sql.join(units)}) or d.processing_unit_id in (${sql.join(units)}))`;
  return { agencies, member };
}
