import { sql, type RawBuilder, type SqlBool } from 'kysely';

// The SQL building blocks of every dossier count: the queues, the statistics and the PAR dossier metrics
// use these conditions and nothing else for "late", "overdue" and "in progress"
// (docs/conventions.md#lists-and-counting, docs/domain/statistics.md#how-cchc-computes-it). Each block
// takes the table alias whose columns it reads: `d` for dossiers, `s` for a timeline span, which carries
// the same `status` and `statutory_due_at` as the dossier had from that entry on.

/** Statuses of a dossier being worked on: received at the desk, or in a processing unit. */
export const IN_PROGRESS = ['received', 'processing'] as const;

/** Received and not finished: on the desk, in a division, paused for the applicant or waiting to be returned. */
export const OPEN = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'result_ready'] as const;

/** Statuses that end processing with a result (docs/domain/dossiers.md#supplement-pause-and-timeliness). */
export const COMPLETED = ['result_ready', 'returned'] as const;

type Alias = 'd' | 's';

const col = (alias: Alias, column: string) => sql.ref(`${alias}.${column}`);
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
