import type { TaskBucket } from '@cchc/domain';
import { sql, type RawBuilder } from 'kysely';

// The one SQL definition of the four national buckets (docs/plans.md "Buckets"), written from the domain's
// `taskBucketOf` and checked against it by plans-buckets.test.ts. Lists, statistics, the overview and the
// PAR metrics all filter or count through these conditions, so a tile always equals its list's total.
// Conditions stay sargable (plain comparisons on due_on / completed_on) so the list indexes apply.
// Every condition refers to the task as `t`.

const notCancelled = sql`t.status <> 'cancelled'`;
const notCompletedBy = (asOf: string) => sql`(t.completed_on is null or t.completed_on > ${asOf})`;

/** The SQL condition "the task `t` is in `bucket` at the end of `asOf`". */
export function bucketCondition(bucket: TaskBucket, asOf: string): RawBuilder<boolean> {
  switch (bucket) {
    case 'done_on_time':
      return sql<boolean>`(${notCancelled} and t.completed_on <= ${asOf} and t.completed_on <= t.due_on)`;
    case 'done_late':
      return sql<boolean>`(${notCancelled} and t.completed_on <= ${asOf} and t.completed_on > t.due_on)`;
    case 'in_time':
      return sql<boolean>`(${notCancelled} and ${notCompletedBy(asOf)} and t.due_on >= ${asOf})`;
    case 'overdue':
      return sql<boolean>`(${notCancelled} and ${notCompletedBy(asOf)} and t.due_on < ${asOf})`;
  }
}

/** The list filters beyond the four buckets: still open and due by a day (due soon, due this week), or any open task. */
export type ListBucket = TaskBucket | 'due_soon' | 'due_this_week' | 'open';

/** The condition of a list filter; `dueBy` is the last day for 'due_soon' / 'due_this_week'. */
export function listBucketCondition(bucket: ListBucket, asOf: string, dueBy: string): RawBuilder<boolean> {
  if (bucket === 'due_soon' || bucket === 'due_this_week') return sql<boolean>`(${bucketCondition('in_time', asOf)} and t.due_on <= ${dueBy})`;
  if (bucket === 'open') return sql<boolean>`(${notCancelled} and ${notCompletedBy(asOf)})`;
  return bucketCondition(bucket, asOf);
}

/** `sum(case when … then 1 else 0 end)` of a condition, for GROUP BY counts. */
export function countWhere(condition: RawBuilder<boolean>): RawBuilder<number> {
  return sql<number>`sum(case when ${condition} then 1 else 0 end)`;
}

/** The four bucket counts as selections named after the buckets. */
export function bucketCounts(asOf: string) {
  return [
    countWhere(bucketCondition('done_on_time', asOf)).as('doneOnTime'),
    countWhere(bucketCondition('done_late', asOf)).as('doneLate'),
    countWhere(bucketCondition('in_time', asOf)).as('inTime'),
    countWhere(bucketCondition('overdue', asOf)).as('overdue'),
  ] as const;
}

export interface BucketRow {
  doneOnTime: number | string | null;
  doneLate: number | string | null;
  inTime: number | string | null;
  overdue: number | string | null;
}

/** PostgreSQL returns sums as strings and SQLite a null sum over no rows: both become numbers. */
export function toCounts(r: BucketRow | undefined) {
  return {
    done_on_time: Number(r?.doneOnTime ?? 0),
    done_late: Number(r?.doneLate ?? 0),
    in_time: Number(r?.inTime ?? 0),
    overdue: Number(r?.overdue ?? 0),
  };
}
