import { can, canAnywhere, endOfWeek, foldVietnamese, taskIssues, type LocalDate } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import type { FileOwner } from '../../platform/files/files.service';
import type { Notifier } from '../../platform/notifications/notice-types';
import type { CalendarService } from '../calendar/calendar.service';
import type { PlanRepository, PlanRow } from './plan.repository';
import type { CreateTaskInput, OverviewView, TaskList, TaskListQuery, TaskView, UpdateTaskInput } from './plan.schemas';
import { assignedNotice } from './plan-notices';
import { isOpenTask, mayApproveTask, mayEditTask, mayUpdateTask, parseCriteria, readUnitsOf, toTaskSummary } from './task-access';
import type { ListBucket } from './task-buckets';
import { coordinatedBy, type TaskListRow, type TaskRepository, type TaskRow, type TaskScope } from './task.repository';

export interface TaskDeps {
  db: Db;
  repo: TaskRepository;
  plans: PlanRepository;
  audit: AuditService;
  clock: Clock;
  calendar: CalendarService;
  /** Tells lead persons about their tasks, inside the assigning transaction (optional: tests, CLI). */
  notifier?: Notifier;
}

/** What a new task needs once checked: the due day is resolved. */
export type NewTask = Omit<CreateTaskInput, 'planId' | 'parentId' | 'dueOn'> & { dueOn: string };

/** Tasks of plans: create, edit, read, list, delete; the workflow actions are in TaskWorkflowService. */
export class TaskService {
  constructor(readonly deps: TaskDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** A task in the reader's scope, or 404. */
  async find(actor: ServerActor, id: string, trx: Db = this.db): Promise<TaskListRow> {
    const t = await this.deps.repo.findInScope(readUnitsOf(actor), id, trx);
    if (!t) throw new NotFoundError('task.not_found');
    return t;
  }

  async planOf(t: TaskRow, trx: Db): Promise<PlanRow> {
    return (await this.deps.plans.findById(t.planId, trx))!;
  }

  async view(actor: ServerActor, id: string, trx: Db = this.db): Promise<TaskView> {
    const t = await this.find(actor, id, trx);
    const today = this.deps.clock.today();
    const plan = await this.planOf(t, trx);
    const parent = t.parentId ? await this.deps.repo.findById(t.parentId, trx) : undefined;
    const files = new Map((await this.deps.repo.attachmentsOf('task', t.id, trx)).map((a) => [a.id, a.name]));
    const journal = (await this.deps.repo.journal(t.id, trx)).map((j) => ({
      id: j.id,
      kind: j.kind,
      progress: j.progress,
      note: j.note,
      attachments: (JSON.parse(j.attachmentIds) as string[]).map((a) => ({ id: a, name: files.get(a) ?? '' })),
      userName: j.userName,
      at: j.at,
    }));
    const open = isOpenTask(t.status);
    const issued = plan.status === 'issued';
    const update = mayUpdateTask(actor, t) && issued && open;
    const edit = mayEditTask(actor, t, parent?.unitId ?? null);
    return {
      ...toTaskSummary(t, today),
      description: t.description,
      expectedOutput: t.expectedOutput,
      coordinatingUnits: await this.deps.repo.coordinatingUnits(t.id, trx),
      submittedOn: t.submittedOn,
      completionNote: t.completionNote,
      cancelReason: t.cancelReason,
      planStatus: plan.status as TaskView['planStatus'],
      requiresApproval: plan.requiresApproval === 1,
      subtasks: (await this.deps.repo.subtasks(t.id, trx)).map((s) => toTaskSummary(s, today)),
      journal,
      can: {
        update: update && t.status !== 'awaiting_approval',
        edit: edit && open && plan.status !== 'closed',
        assign: can(actor, 'task.assign', t.unitId) && open,
        complete: update && t.status !== 'awaiting_approval',
        approve: mayApproveTask(actor, t) && t.status === 'awaiting_approval',
        cancel: can(actor, 'plan.manage', t.agencyId) && open,
        delete: can(actor, 'plan.manage', t.agencyId) && t.status === 'not_started',
        addSubtask: t.parentId === null && plan.status !== 'closed' && (can(actor, 'plan.manage', t.agencyId) || can(actor, 'task.assign', t.unitId)),
      },
    };
  }

  get(actor: ServerActor, id: string): Promise<TaskView> {
    return this.view(actor, id);
  }

  private scopeOf(actor: ServerActor, scope: TaskScope['scope']): TaskScope {
    return { readUnits: readUnitsOf(actor), scope, userId: actor.userId };
  }

  /** The last day of 'due_soon' (N working days ahead) and 'due_this_week' (the coming Sunday). */
  async dueByOf(bucket: ListBucket | undefined, today: LocalDate, dueWithinDays: number): Promise<string> {
    if (bucket === 'due_soon') return (await this.deps.calendar.calendar()).addWorkingDays(today, dueWithinDays);
    if (bucket === 'due_this_week') return endOfWeek(today);
    return today;
  }

  async list(actor: ServerActor, q: TaskListQuery): Promise<TaskList> {
    if (!canAnywhere(actor, 'plan.read')) throw new ForbiddenError('forbidden', [], { action: 'plan.read' });
    const today = this.deps.clock.today();
    const dueBy = await this.dueByOf(q.bucket, today, q.dueWithinDays);
    const filters = { ...q, topLevel: q.topLevel === undefined ? undefined : q.topLevel === 'true', asOf: today, dueBy };
    const { rows, total } = await this.deps.repo.list(this.scopeOf(actor, q.scope), filters, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
      sort: q.sort,
      order: q.order,
    });
    return { items: rows.map((r) => toTaskSummary(r, today)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * The leader's overview tiles: overdue tasks and tasks due by Sunday, in total and per unit. The counts use
   * the list filters' own SQL (`bucket=overdue`, `bucket=due_this_week`), so a tile equals the list's total.
   */
  async overviewCounts(actor: ServerActor, today: LocalDate = this.deps.clock.today()): Promise<OverviewView> {
    if (!canAnywhere(actor, 'plan.read')) throw new ForbiddenError('forbidden', [], { action: 'plan.read' });
    const weekEndsOn = endOfWeek(today);
    const byUnit = await this.deps.repo.overview(this.scopeOf(actor, 'all'), today, weekEndsOn);
    return { today, weekEndsOn, overdue: byUnit.reduce((s, u) => s + u.overdue, 0), dueThisWeek: byUnit.reduce((s, u) => s + u.dueThisWeek, 0), byUnit };
  }

  /** Field problems of a task's units: the owner inside the plan's agency, coordinating units that exist. */
  private async unitIssues(trx: Db, plan: PlanRow, unitId: string | undefined, coordinating: string[] | undefined): Promise<FieldError[]> {
    const out: FieldError[] = [];
    if (unitId !== undefined && !(await this.deps.plans.subtree(plan.unitId, trx)).includes(unitId))
      out.push({ path: 'body.unitId', code: 'task.unit_outside_agency' });
    if (coordinating?.length) {
      const known = await this.deps.repo.unitNames(coordinating, trx);
      coordinating.forEach((u, i) => {
        if (!known.has(u)) out.push({ path: `body.coordinatingUnitIds.${i}`, code: 'unit.not_found' });
      });
    }
    return out;
  }

  async create(actor: ServerActor, input: CreateTaskInput): Promise<TaskView> {
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.deps.plans.findInScope(readUnitsOf(actor), input.planId, trx);
      if (!plan) throw new NotFoundError('plan.not_found');
      let parent: TaskRow | undefined;
      if (input.parentId) {
        parent = await this.deps.repo.findById(input.parentId, trx);
        if (!parent || parent.planId !== plan.id) throw new ValidationError('validation.failed', [{ path: 'body.parentId', code: 'task.parent_not_found' }]);
        // One level of sub-tasks: a sub-task cannot have its own.
        if (parent.parentId) throw new ValidationError('validation.failed', [{ path: 'body.parentId', code: 'task.subtask_depth' }]);
      }
      if (!mayEditTask(actor, { agencyId: plan.unitId }, parent?.unitId ?? null)) throw new ForbiddenError('forbidden', [], { action: 'plan.manage' });
      if (plan.status === 'closed') throw new ConflictError('plan.closed');
      const today = this.deps.clock.today();
      let dueOn = input.dueOn;
      if (input.dueInWorkingDays !== undefined) {
        const from = (plan.issuedOn ?? today) as LocalDate;
        dueOn = (await this.deps.calendar.calendar(trx)).addWorkingDays(from, input.dueInWorkingDays);
      }
      const fields = [
        ...(await this.unitIssues(trx, plan, input.unitId, input.coordinatingUnitIds)),
        ...taskIssues({ planYear: plan.year, startOn: input.startOn, dueOn: dueOn!, parentDueOn: parent?.dueOn }).map((i) => ({
          path: `body.${i.field}`,
          code: i.code,
        })),
      ];
      if (input.leadUserId && !(await this.deps.repo.holdsRoleOn(input.leadUserId, input.unitId, trx)))
        fields.push({ path: 'body.leadUserId', code: 'task.lead_not_in_unit' });
      if (fields.length) throw new ValidationError('validation.failed', fields);
      if (input.leadUserId) authorize(actor, 'task.assign', input.unitId);
      const row = await this.insertTask(trx, actor, plan, parent ?? null, { ...input, dueOn: dueOn! });
      return this.view(actor, row.id, trx);
    });
  }

  /** Inserts a checked task with its coordinating units and audit row (create and import share it). */
  async insertTask(trx: Db, actor: ServerActor, plan: PlanRow, parent: TaskRow | null, input: NewTask): Promise<TaskRow> {
    const now = this.deps.clock.now();
    const row: TaskRow = {
      id: randomUUID(),
      planId: plan.id,
      agencyId: plan.unitId,
      parentId: parent?.id ?? null,
      seq: await this.deps.repo.nextSeq(plan.id, trx),
      unitId: input.unitId,
      leadUserId: input.leadUserId ?? null,
      title: input.title,
      titleFolded: foldVietnamese(input.title),
      description: input.description ?? null,
      expectedOutput: input.expectedOutput ?? null,
      startOn: input.startOn ?? null,
      dueOn: input.dueOn,
      dueWorkingDays: input.dueInWorkingDays ?? null,
      criteria: JSON.stringify(input.criteria),
      priority: input.priority,
      status: 'not_started',
      progress: 0,
      submittedOn: null,
      completedOn: null,
      completionNote: null,
      cancelReason: null,
      assignedBy: actor.userId,
      approvedBy: null,
      approvedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.repo.insert(trx, row);
    await this.deps.repo.setCoordinatingUnits(
      trx,
      row.id,
      [...new Set(input.coordinatingUnitIds)].filter((u) => u !== row.unitId),
    );
    await this.deps.audit.record(trx, actor, {
      action: 'create',
      entity: 'task',
      entityId: row.id,
      unitId: row.unitId,
      after: { ...row, coordinatingUnitIds: input.coordinatingUnitIds },
    });
    if (row.leadUserId && plan.status === 'issued') await this.deps.notifier?.notify(trx, assignedNotice(row, row.leadUserId, plan.title));
    return row;
  }

  async update(actor: ServerActor, id: string, input: UpdateTaskInput): Promise<TaskView> {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.find(actor, id, trx);
      const parent = t.parentId ? await this.deps.repo.findById(t.parentId, trx) : undefined;
      if (!mayEditTask(actor, t, parent?.unitId ?? null)) throw new ForbiddenError('forbidden', [], { action: 'plan.manage' });
      if (t.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, id, trx) });
      const plan = await this.planOf(t, trx);
      if (plan.status === 'closed') throw new ConflictError('plan.closed');
      if (!isOpenTask(t.status)) throw new ConflictError('task.finished');
      const startOn = input.startOn === undefined ? t.startOn : input.startOn;
      const dueOn = input.dueOn ?? t.dueOn;
      const unitId = input.unitId ?? t.unitId;
      const fields = [
        ...(await this.unitIssues(trx, plan, input.unitId, input.coordinatingUnitIds)),
        ...taskIssues({ planYear: plan.year, startOn, dueOn, parentDueOn: parent?.dueOn }).map((i) => ({ path: `body.${i.field}`, code: i.code })),
      ];
      // A new owner unit drops the lead person, who belonged to the old one, unless the edit names a new one.
      const leadUserId = input.leadUserId !== undefined ? input.leadUserId : unitId === t.unitId ? t.leadUserId : null;
      const newLead = leadUserId !== null && leadUserId !== t.leadUserId;
      if (newLead && !(await this.deps.repo.holdsRoleOn(leadUserId, unitId, trx))) fields.push({ path: 'body.leadUserId', code: 'task.lead_not_in_unit' });
      if (fields.length) throw new ValidationError('validation.failed', fields);
      if (newLead) authorize(actor, 'task.assign', unitId);
      const patch: Partial<TaskRow> = { startOn, dueOn, unitId, leadUserId, updatedAt: this.deps.clock.now() };
      if (input.dueOn) patch.dueWorkingDays = null;
      if (input.title) Object.assign(patch, { title: input.title, titleFolded: foldVietnamese(input.title) });
      if (input.description !== undefined) patch.description = input.description;
      if (input.expectedOutput !== undefined) patch.expectedOutput = input.expectedOutput;
      if (input.criteria) patch.criteria = JSON.stringify(input.criteria);
      if (input.priority) patch.priority = input.priority;
      if (!(await this.deps.repo.update(trx, id, t.version, patch))) throw new ConflictError('conflict.stale_version');
      if (leadUserId !== t.leadUserId) {
        await this.deps.repo.insertJournal(trx, {
          id: randomUUID(),
          taskId: id,
          kind: 'assign',
          progress: null,
          note: leadUserId,
          attachmentIds: '[]',
          userId: actor.userId,
          at: patch.updatedAt!,
        });
        if (newLead && plan.status === 'issued') await this.deps.notifier?.notify(trx, assignedNotice({ ...t, ...patch }, leadUserId, plan.title));
      }
      if (input.coordinatingUnitIds)
        await this.deps.repo.setCoordinatingUnits(
          trx,
          id,
          [...new Set(input.coordinatingUnitIds)].filter((u) => u !== unitId),
        );
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, t[k as keyof TaskRow]]));
      await this.deps.audit.record(trx, actor, {
        action: 'update',
        entity: 'task',
        entityId: id,
        unitId,
        before,
        after: { ...patch, coordinatingUnitIds: input.coordinatingUnitIds },
      });
      return this.view(actor, id, trx);
    });
  }

  async remove(actor: ServerActor, id: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const t = await this.find(actor, id, trx);
      authorize(actor, 'plan.manage', t.agencyId);
      if (t.version !== version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, id, trx) });
      if (await this.deps.repo.hasSubtasks(id, trx)) throw new ConflictError('task.has_subtasks');
      // Work has been reported on a started task: it is cancelled with a reason instead.
      if (t.status !== 'not_started') throw new ConflictError('task.started');
      await trx.deleteFrom('attachments').where('ownerEntity', '=', 'task').where('ownerId', '=', id).execute();
      if (!(await this.deps.repo.delete(trx, id, version))) throw new ConflictError('conflict.stale_version');
      await this.deps.audit.record(trx, actor, {
        action: 'delete',
        entity: 'task',
        entityId: id,
        unitId: t.unitId,
        before: { ...t, criteria: parseCriteria(t.criteria) },
      });
    });
  }
}

/** Evidence files of a task: read as the task is, attached by who may report on it. */
export const taskFileOwner: FileOwner = {
  entity: 'task',
  async readable(db, actor, id) {
    const units = readUnitsOf(actor);
    if (units.length === 0) return null;
    const t = await db
      .selectFrom('tasks as t')
      .select('t.unitId')
      .where('t.id', '=', id)
      .where((eb) => eb.or([eb('t.unitId', 'in', units), eb('t.agencyId', 'in', units), coordinatedBy(units)(eb)]))
      .executeTakeFirst();
    return t?.unitId ?? null;
  },
  async attachable(db, actor, id) {
    if (!(await this.readable(db, actor, id))) throw new NotFoundError('task.not_found');
    const t = (await db.selectFrom('tasks').select(['unitId', 'leadUserId', 'agencyId', 'status']).where('id', '=', id).executeTakeFirst())!;
    if (!mayUpdateTask(actor, t) && !can(actor, 'plan.manage', t.agencyId)) throw new ForbiddenError('forbidden', [], { action: 'task.update' });
    if (!isOpenTask(t.status)) throw new ConflictError('task.finished');
    return t.unitId;
  },
};
