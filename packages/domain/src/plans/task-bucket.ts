import { ratioBasisPoints } from '../values';
import type { TaskStatus } from './task-status';

/**
 * The four national follow-up buckets of a task as of a day (docs/plans.md "Buckets", report
 * 1270/BC-TCTTTg): completed on time / completed late / not completed and still in time / not completed
 * and overdue. Cancelled tasks are outside every count. The repository's SQL (`bucketSql`) is written
 * from this function and a test checks both agree on generated tasks.
 */
export const TASK_BUCKETS = ['done_on_time', 'done_late', 'in_time', 'overdue'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export interface BucketInput {
  status: TaskStatus;
  dueOn: string;
  /** The completion day (approval day when the plan requires approval); null while not completed. */
  completedOn: string | null;
}

/**
 * Where a task stands at the end of `asOf`. A task completed after `asOf` counts as not completed then;
 * a task due on `asOf` is still in time that day.
 * @example taskBucketOf({ status: 'in_progress', dueOn: '2020-06-30', completedOn: null }, '2020-07-01') // 'overdue'
 * @example taskBucketOf({ status: 'done_late', dueOn: '2020-06-30', completedOn: '2020-07-02' }, '2020-07-01') // 'overdue'
 * @example taskBucketOf({ status: 'cancelled', dueOn: '2020-06-30', completedOn: null }, '2020-07-01') // null
 */
export function taskBucketOf(task: BucketInput, asOf: string): TaskBucket | null {
  if (task.status === 'cancelled') return null;
  if (task.completedOn !== null && task.completedOn <= asOf) return task.completedOn <= task.dueOn ? 'done_on_time' : 'done_late';
  return task.dueOn < asOf ? 'overdue' : 'in_time';
}

/** Counts of the four buckets, with the national rates derived from them (basis points, 10000 = 100 %). */
export interface BucketCounts {
  done_on_time: number;
  done_late: number;
  in_time: number;
  overdue: number;
}

/**
 * The completion rate over due tasks, in basis points: completed (on time or late) ÷ (completed + overdue),
 * the national report's "tỷ lệ hoàn thành"; null when nothing is due yet.
 * @example completionRateBasisPoints({ done_on_time: 3, done_late: 1, in_time: 5, overdue: 0 }) // 10000
 */
export function completionRateBasisPoints(c: BucketCounts): number | null {
  return ratioBasisPoints(c.done_on_time + c.done_late, c.done_on_time + c.done_late + c.overdue);
}
