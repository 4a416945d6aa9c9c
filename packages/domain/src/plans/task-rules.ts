import { dayNumberOf, formatDayNumber, weekdayOfDayNumber } from '../calendar/day-number';
import type { LocalDate } from '../values';

/** A field-level problem with a task's input; the server turns a list of them into a 400 naming each field. */
export interface TaskIssue {
  field: 'startOn' | 'dueOn' | 'progress' | 'parentId';
  code: string;
}

/**
 * Date and progress rules of a task (docs/plans.md "Tasks"): the due day is on or after the start day and
 * inside the plan's year; a sub-task's due day is not after its parent's; progress is an integer 0–100.
 * @example taskIssues({ planYear: 2020, startOn: '2020-05-01', dueOn: '2020-04-30' }) // [{ field: 'dueOn', code: 'task.due_before_start' }]
 */
export function taskIssues(t: { planYear: number; startOn?: string | null; dueOn: string; progress?: number; parentDueOn?: string | null }): TaskIssue[] {
  const issues: TaskIssue[] = [];
  const year = String(t.planYear);
  if (t.startOn && t.dueOn < t.startOn) issues.push({ field: 'dueOn', code: 'task.due_before_start' });
  if (t.dueOn.slice(0, 4) !== year) issues.push({ field: 'dueOn', code: 'task.due_outside_plan_year' });
  if (t.startOn && t.startOn.slice(0, 4) !== year) issues.push({ field: 'startOn', code: 'task.start_outside_plan_year' });
  if (t.parentDueOn && t.dueOn > t.parentDueOn) issues.push({ field: 'dueOn', code: 'task.due_after_parent' });
  if (t.progress !== undefined && (!Number.isInteger(t.progress) || t.progress < 0 || t.progress > 100))
    issues.push({ field: 'progress', code: 'task.progress_out_of_range' });
  return issues;
}

/**
 * Whether an issued plan was issued on time against its configured due day (criterion 1.1.1: on time,
 * late, not issued).
 * @example planTimelinessOf('2020-01-10', '2020-01-15', '2020-03-01') // 'on_time'
 * @example planTimelinessOf(null, '2020-01-15', '2020-01-10') // 'not_due'
 */
export function planTimelinessOf(issuedOn: string | null, dueOn: string, today: string): 'on_time' | 'late' | 'not_issued' | 'not_due' {
  if (issuedOn) return issuedOn <= dueOn ? 'on_time' : 'late';
  return today > dueOn ? 'not_issued' : 'not_due';
}

/**
 * The last day of the Monday–Sunday week that holds `day` ("due this week" on the overview).
 * @example endOfWeek('2026-12-02' as LocalDate) // '2026-12-06' (a Wednesday → the Sunday)
 */
export function endOfWeek(day: LocalDate): LocalDate {
  const n = dayNumberOf(day);
  const mondayBased = (weekdayOfDayNumber(n) + 6) % 7; // Monday 0 … Sunday 6
  return formatDayNumber(n + 6 - mondayBased);
}
