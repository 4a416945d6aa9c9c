import { RuleViolation } from '../values';

/**
 * A reform task's lifecycle (docs/plans.md "Statuses"). `awaiting_approval` exists only when the plan asks
 * the assigning leader to approve completions; `done` and `done_late` are decided by the completion day
 * against the due day, never chosen by the user.
 */
export const TASK_STATUSES = ['not_started', 'in_progress', 'awaiting_approval', 'done', 'done_late', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = ['report_progress', 'complete', 'submit_for_approval', 'approve', 'reject', 'cancel'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Statuses a task never leaves: reminders are never sent for them. */
export const FINISHED_TASK_STATUSES: readonly TaskStatus[] = ['done', 'done_late', 'cancelled'];

/**
 * The lifecycle as data: for each action, the statuses it may start from and where it leads.
 * `complete` and `approve` lead to `done`, which `completionStatusOf` turns into `done_late` when the
 * completion day is after the due day. Everything not listed is `task.invalid_transition`.
 */
export const TASK_TRANSITIONS = {
  report_progress: { not_started: 'in_progress', in_progress: 'in_progress' },
  complete: { not_started: 'done', in_progress: 'done' },
  submit_for_approval: { not_started: 'awaiting_approval', in_progress: 'awaiting_approval' },
  approve: { awaiting_approval: 'done' },
  reject: { awaiting_approval: 'in_progress' },
  cancel: { not_started: 'cancelled', in_progress: 'cancelled', awaiting_approval: 'cancelled' },
} as const satisfies Record<TaskAction, Partial<Record<TaskStatus, TaskStatus>>>;

/**
 * The status an action leads to from `status`, or null when the lifecycle forbids it.
 * @example nextTaskStatusOf('in_progress', 'cancel') // 'cancelled'
 * @example nextTaskStatusOf('done', 'report_progress') // null
 */
export function nextTaskStatusOf(status: TaskStatus, action: TaskAction): TaskStatus | null {
  const row: Partial<Record<TaskStatus, TaskStatus>> = TASK_TRANSITIONS[action];
  return row[status] ?? null;
}

/**
 * Like `nextTaskStatusOf`, but throws when the action is not allowed.
 * @example assertTaskTransition('not_started', 'complete') // 'done'
 * @throws RuleViolation('task.invalid_transition', { from, action })
 */
export function assertTaskTransition(status: TaskStatus, action: TaskAction): TaskStatus {
  const to = nextTaskStatusOf(status, action);
  if (to === null) throw new RuleViolation('task.invalid_transition', { from: status, action });
  return to;
}

/**
 * "Done" or "done late": a task completed on or before its due day is on time (QĐ 42/2014/QĐ-TTg, report
 * 1270/BC-TCTTTg count a task finished on its due day as on time).
 * @example completionStatusOf('2020-06-30', '2020-06-30') // 'done'
 * @example completionStatusOf('2020-06-30', '2020-07-01') // 'done_late'
 */
export function completionStatusOf(dueOn: string, completedOn: string): 'done' | 'done_late' {
  return completedOn <= dueOn ? 'done' : 'done_late';
}
