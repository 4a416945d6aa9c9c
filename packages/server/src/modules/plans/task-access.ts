import { can, PERMISSIONS, taskBucketOf, unitsFor, type Role, type TaskStatus } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { TaskRow, TaskSummaryRow } from './task.repository';
import type { TaskSummary } from './plan.schemas';

// Who may do what to a task (docs/plans.md "Roles"). The permission matrix holds the roles; the rules
// that depend on the task itself (a specialist only on tasks they lead) are here, beside it, once.

/** Units whose plans and tasks the actor reads. */
export const readUnitsOf = (actor: ServerActor) => unitsFor(actor, 'plan.read');

/** Progress, completion: the unit's leaders and heads, or a specialist who is the task's lead person. */
export function mayUpdateTask(actor: ServerActor, t: Pick<TaskRow, 'unitId' | 'leadUserId'>): boolean {
  return can(actor, 'task.update', t.unitId) && (can(actor, 'task.assign', t.unitId) || t.leadUserId === actor.userId);
}

/** Title, dates, units: whoever manages the plan; for a sub-task also who hands out the parent's work. */
export function mayEditTask(actor: ServerActor, t: Pick<TaskRow, 'agencyId'>, parentUnitId: string | null): boolean {
  return can(actor, 'plan.manage', t.agencyId) || (parentUnitId !== null && can(actor, 'task.assign', parentUnitId));
}

/**
 * Completion approval is the assigning leader's (docs/plans.md#completion-approval): a user holding the
 * approving role through a grant on the plan's own unit, the agency whose leadership issued the plan. A
 * leader whose grant reaches the agency only from a unit above it (the province) did not assign the task.
 */
export function mayApproveTask(actor: ServerActor, t: Pick<TaskRow, 'agencyId'>): boolean {
  const roles: readonly Role[] = PERMISSIONS['task.approve'];
  return actor.grants.some((g) => roles.includes(g.role) && g.unitId === t.agencyId);
}

const OPEN: readonly TaskStatus[] = ['not_started', 'in_progress', 'awaiting_approval'];
export const isOpenTask = (status: string) => OPEN.includes(status as TaskStatus);

export function parseCriteria(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
}

export function toTaskSummary(r: TaskSummaryRow, today: string): TaskSummary {
  return {
    id: r.id,
    planId: r.planId,
    planTitle: r.planTitle,
    planYear: Number(r.planYear),
    parentId: r.parentId,
    seq: r.seq,
    unitId: r.unitId,
    unitName: r.unitName,
    leadUserId: r.leadUserId,
    leadName: r.leadName,
    title: r.title,
    startOn: r.startOn,
    dueOn: r.dueOn,
    dueWorkingDays: r.dueWorkingDays,
    priority: r.priority as TaskSummary['priority'],
    status: r.status as TaskStatus,
    progress: r.progress,
    completedOn: r.completedOn,
    bucket: taskBucketOf({ status: r.status as TaskStatus, dueOn: r.dueOn, completedOn: r.completedOn }, today),
    criteria: parseCriteria(r.criteria),
    version: r.version,
    updatedAt: r.updatedAt,
  };
}
