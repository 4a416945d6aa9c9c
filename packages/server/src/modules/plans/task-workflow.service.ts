import { assertTaskTransition, can, completionStatusOf, RuleViolation, taskIssues, type AuditAction, type TaskStatus } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors';
import type { TaskView } from './plan.schemas';
import { assignedNotice } from './plan-notices';
import { isOpenTask, mayApproveTask, mayUpdateTask } from './task-access';
import type { TaskListRow, TaskRow } from './task.repository';
import type { TaskService } from './task.service';

/** Only the assigning leader approves or sends back; another leader who reads the task is told why (403). */
function checkApprover(actor: ServerActor, t: TaskListRow) {
  if (!mayApproveTask(actor, t))
    throw new ForbiddenError(can(actor, 'task.approve', t.agencyId) ? 'task.not_assigning_leader' : 'forbidden', [], { action: 'task.approve' });
}

type Journal = { kind: string; progress?: number | null; note?: string | null; attachmentIds?: string[] };

/**
 * A task's workflow (docs/plans.md "Statuses"): hand it to a lead person, report progress with evidence,
 * complete (evidence file or explanation), approve or send back, cancel with a reason. Every action checks
 * the stale version first, writes the task, its journal entry and the audit row in one transaction.
 */
export class TaskWorkflowService {
  constructor(private readonly tasks: TaskService) {}

  private get deps() {
    return this.tasks.deps;
  }

  private run(
    actor: ServerActor,
    id: string,
    version: number,
    step: (t: TaskListRow, trx: Db) => Promise<{ patch: Partial<TaskRow>; journal: Journal; action: AuditAction }>,
  ): Promise<TaskView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const t = await this.tasks.find(actor, id, trx);
      const { patch, journal, action } = await step(t, trx);
      if (t.version !== version) throw new ConflictError('conflict.stale_version', [], { current: await this.tasks.view(actor, id, trx) });
      const now = this.deps.clock.now();
      if (!(await this.deps.repo.update(trx, id, version, { ...patch, updatedAt: now }))) throw new ConflictError('conflict.stale_version');
      await this.deps.repo.insertJournal(trx, {
        id: randomUUID(),
        taskId: id,
        kind: journal.kind,
        progress: journal.progress ?? null,
        note: journal.note ?? null,
        attachmentIds: JSON.stringify(journal.attachmentIds ?? []),
        userId: actor.userId,
        at: now,
      });
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, t[k as keyof TaskRow]]));
      await this.deps.audit.record(trx, actor, { action, entity: 'task', entityId: id, unitId: t.unitId, before, after: { ...patch, journal } });
      return this.tasks.view(actor, id, trx);
    });
  }

  /** Work is reported only on an issued plan's tasks, by who may update the task. */
  private async checkReporter(actor: ServerActor, t: TaskListRow, trx: Db) {
    if (!mayUpdateTask(actor, t)) throw new ForbiddenError('forbidden', [], { action: 'task.update' });
    const plan = await this.tasks.planOf(t, trx);
    if (plan.status !== 'issued') throw new RuleViolation('plan.not_issued');
    return plan;
  }

  /** Evidence named in a journal entry must be files already attached to this task. */
  private async checkAttachments(trx: Db, taskId: string, ids: string[]) {
    if (ids.length === 0) return;
    const known = new Set((await this.deps.repo.attachmentsOf('task', taskId, trx)).map((a) => a.id));
    const fields = ids.flatMap((a, i) => (known.has(a) ? [] : [{ path: `body.attachmentIds.${i}`, code: 'task.attachment_unknown' }]));
    if (fields.length) throw new ValidationError('validation.failed', fields);
  }

  assign(actor: ServerActor, id: string, input: { version: number; leadUserId: string | null }): Promise<TaskView> {
    return this.run(actor, id, input.version, async (t, trx) => {
      authorize(actor, 'task.assign', t.unitId);
      if (!isOpenTask(t.status)) throw new RuleViolation('task.invalid_transition', { from: t.status, action: 'assign' });
      if (input.leadUserId && !(await this.deps.repo.holdsRoleOn(input.leadUserId, t.unitId, trx)))
        throw new ValidationError('validation.failed', [{ path: 'body.leadUserId', code: 'task.lead_not_in_unit' }]);
      const plan = await this.tasks.planOf(t, trx);
      if (input.leadUserId && input.leadUserId !== t.leadUserId && plan.status === 'issued')
        await this.deps.notifier?.notify(trx, assignedNotice(t, input.leadUserId, plan.title));
      return { patch: { leadUserId: input.leadUserId }, journal: { kind: 'assign', note: input.leadUserId }, action: 'assign' };
    });
  }

  reportProgress(
    actor: ServerActor,
    id: string,
    input: { version: number; progress: number; note?: string | null; attachmentIds: string[] },
  ): Promise<TaskView> {
    return this.run(actor, id, input.version, async (t, trx) => {
      const plan = await this.checkReporter(actor, t, trx);
      const issues = taskIssues({ planYear: plan.year, dueOn: t.dueOn, progress: input.progress }).filter((i) => i.field === 'progress');
      if (issues.length)
        throw new ValidationError(
          'validation.failed',
          issues.map((i) => ({ path: `body.${i.field}`, code: i.code })),
        );
      const status = assertTaskTransition(t.status as TaskStatus, 'report_progress');
      await this.checkAttachments(trx, id, input.attachmentIds);
      return {
        patch: { status, progress: input.progress },
        journal: { kind: 'progress', progress: input.progress, note: input.note, attachmentIds: input.attachmentIds },
        action: 'progress',
      };
    });
  }

  /**
   * Completing needs evidence: a file or an explanation (422 `task.evidence_required`). Without approval
   * the completion day decides "done" or "done late"; with approval the task waits for the leader, and the
   * day the unit reported completion is the one that counts.
   */
  complete(actor: ServerActor, id: string, input: { version: number; note?: string | null; attachmentIds: string[]; completedOn?: string }): Promise<TaskView> {
    return this.run(actor, id, input.version, async (t, trx) => {
      const plan = await this.checkReporter(actor, t, trx);
      const today = this.deps.clock.today();
      const day = input.completedOn ?? today;
      if (day > today) throw new ValidationError('validation.failed', [{ path: 'body.completedOn', code: 'task.completed_in_future' }]);
      if (input.attachmentIds.length === 0 && !input.note?.trim()) throw new RuleViolation('task.evidence_required');
      await this.checkAttachments(trx, id, input.attachmentIds);
      const journal = { kind: 'complete', progress: 100, note: input.note, attachmentIds: input.attachmentIds };
      if (plan.requiresApproval === 1) {
        const status = assertTaskTransition(t.status as TaskStatus, 'submit_for_approval');
        return { patch: { status, progress: 100, submittedOn: day, completionNote: input.note ?? null }, journal, action: 'submit_for_approval' };
      }
      assertTaskTransition(t.status as TaskStatus, 'complete');
      return {
        patch: { status: completionStatusOf(t.dueOn, day), progress: 100, completedOn: day, completionNote: input.note ?? null },
        journal,
        action: 'complete',
      };
    });
  }

  approve(actor: ServerActor, id: string, input: { version: number }): Promise<TaskView> {
    return this.run(actor, id, input.version, async (t) => {
      checkApprover(actor, t);
      assertTaskTransition(t.status as TaskStatus, 'approve');
      const day = t.submittedOn ?? this.deps.clock.today();
      return {
        patch: { status: completionStatusOf(t.dueOn, day), completedOn: day, approvedBy: actor.userId, approvedAt: this.deps.clock.now() },
        journal: { kind: 'approve' },
        action: 'approve',
      };
    });
  }

  reject(actor: ServerActor, id: string, input: { version: number; note: string }): Promise<TaskView> {
    return this.run(actor, id, input.version, async (t) => {
      checkApprover(actor, t);
      const status = assertTaskTransition(t.status as TaskStatus, 'reject');
      return { patch: { status, submittedOn: null }, journal: { kind: 'reject', note: input.note }, action: 'reject' };
    });
  }

  cancel(actor: ServerActor, id: string, input: { version: number; reason: string }): Promise<TaskView> {
    return this.run(actor, id, input.version, async (t) => {
      if (!can(actor, 'plan.manage', t.agencyId)) throw new ForbiddenError('forbidden', [], { action: 'plan.manage' });
      const status = assertTaskTransition(t.status as TaskStatus, 'cancel');
      return { patch: { status, cancelReason: input.reason }, journal: { kind: 'cancel', note: input.reason }, action: 'cancel' };
    });
  }
}
