import { can, canAnywhere, foldVietnamese, planTimelinessOf, type AuditAction } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { FileOwner } from '../../platform/files/files.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { PlanRepository, PlanRow } from './plan.repository';
import type { CreatePlanInput, PlanListQuery, PlanSummary, UpdatePlanInput } from './plan.schemas';
import { readUnitsOf } from './task-access';

export interface PlanSettings {
  /** Default due day of the annual plan, as 'MM-DD' of the plan's year, when an agency set none. */
  annualPlanDueMonthDay: string;
}
export const DEFAULT_PLAN_SETTINGS: PlanSettings = { annualPlanDueMonthDay: '01-31' };

type PlanWithUnit = PlanRow & { unitName: string };

/** Plans of an agency: create, edit, issue, close, delete, and the annual plan's due day (docs/plans.md). */
export class PlanService {
  constructor(private readonly deps: { db: Db; repo: PlanRepository; audit: AuditService; clock: Clock; calendar: CalendarService; settings?: PlanSettings }) {}

  private get db() {
    return this.deps.db;
  }

  private async find(actor: ServerActor, id: string, trx: Db): Promise<PlanWithUnit> {
    const p = await this.deps.repo.findInScope(readUnitsOf(actor), id, trx);
    if (!p) throw new NotFoundError('plan.not_found');
    return p;
  }

  /** The annual plan's due day for an agency and year: its own setting, else the configured default. */
  async dueDayOf(unitId: string, year: number, trx: Db = this.db): Promise<{ dueOn: string; isDefault: boolean; version: number }> {
    const s = await this.deps.repo.settings(unitId, year, trx);
    if (s) return { dueOn: s.annualPlanDueOn, isDefault: false, version: s.version };
    return { dueOn: `${year}-${(this.deps.settings ?? DEFAULT_PLAN_SETTINGS).annualPlanDueMonthDay}`, isDefault: true, version: 0 };
  }

  private async summaries(actor: ServerActor, rows: PlanWithUnit[], trx: Db): Promise<PlanSummary[]> {
    const today = this.deps.clock.today();
    const counts = await this.deps.repo.taskCounts(
      rows.map((r) => r.id),
      today,
      trx,
    );
    const out: PlanSummary[] = [];
    for (const p of rows) {
      const c = counts.get(p.id) ?? { taskCount: 0, buckets: { done_on_time: 0, done_late: 0, in_time: 0, overdue: 0 } };
      const manage = can(actor, 'plan.manage', p.unitId);
      const due = p.kind === 'annual' ? (await this.dueDayOf(p.unitId, p.year, trx)).dueOn : null;
      out.push({
        id: p.id,
        unitId: p.unitId,
        unitName: p.unitName,
        year: p.year,
        kind: p.kind as PlanSummary['kind'],
        title: p.title,
        documentNumber: p.documentNumber,
        documentDate: p.documentDate,
        signer: p.signer,
        status: p.status as PlanSummary['status'],
        issuedOn: p.issuedOn,
        closedOn: p.closedOn,
        requiresApproval: p.requiresApproval === 1,
        taskCount: c.taskCount,
        buckets: c.buckets,
        timeliness: due ? { dueOn: due, status: planTimelinessOf(p.issuedOn, due, today) } : null,
        version: p.version,
        updatedAt: p.updatedAt,
        can: {
          manage,
          issue: manage && p.status === 'draft',
          close: manage && p.status === 'issued',
          delete: manage && c.taskCount === 0,
          createTask: manage && p.status !== 'closed',
        },
      });
    }
    return out;
  }

  async view(actor: ServerActor, id: string, trx: Db = this.db): Promise<PlanSummary> {
    return (await this.summaries(actor, [await this.find(actor, id, trx)], trx))[0]!;
  }

  async list(actor: ServerActor, q: PlanListQuery) {
    if (!canAnywhere(actor, 'plan.read')) throw new ForbiddenError('forbidden', [], { action: 'plan.read' });
    const { rows, total } = await this.deps.repo.list(readUnitsOf(actor), q, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: await this.summaries(actor, rows, this.db), total, page: q.page, pageSize: q.pageSize };
  }

  get(actor: ServerActor, id: string): Promise<PlanSummary> {
    return this.view(actor, id);
  }

  async create(actor: ServerActor, input: CreatePlanInput): Promise<PlanSummary> {
    if (!can(actor, 'plan.read', input.unitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'plan.manage', input.unitId);
    if (input.documentDate && input.documentDate.slice(0, 4) > String(input.year))
      throw new ValidationError('validation.failed', [{ path: 'body.documentDate', code: 'plan.document_after_year' }]);
    const now = this.deps.clock.now();
    const row: PlanRow = {
      id: randomUUID(),
      unitId: input.unitId,
      year: input.year,
      kind: input.kind,
      title: input.title,
      titleFolded: foldVietnamese(input.title),
      documentNumber: input.documentNumber ?? null,
      documentDate: input.documentDate ?? null,
      signer: input.signer ?? null,
      status: 'draft',
      issuedOn: null,
      closedOn: null,
      requiresApproval: input.requiresApproval ? 1 : 0,
      createdBy: actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.db.transaction().execute(async (trx) => {
      await this.deps.repo.insert(trx, row);
      await this.deps.audit.record(trx, actor, { action: 'create', entity: 'plan', entityId: row.id, unitId: row.unitId, after: row });
      return this.view(actor, row.id, trx);
    });
  }

  private async change(
    actor: ServerActor,
    id: string,
    version: number,
    apply: (p: PlanWithUnit, trx: Db) => Promise<Partial<PlanRow>>,
    action: AuditAction = 'update',
  ): Promise<PlanSummary> {
    return this.db.transaction().execute(async (trx) => {
      const p = await this.find(actor, id, trx);
      authorize(actor, 'plan.manage', p.unitId);
      if (p.version !== version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, id, trx) });
      const patch = { ...(await apply(p, trx)), updatedAt: this.deps.clock.now() };
      if (!(await this.deps.repo.update(trx, id, version, patch))) throw new ConflictError('conflict.stale_version');
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, p[k as keyof PlanRow]]));
      await this.deps.audit.record(trx, actor, { action, entity: 'plan', entityId: id, unitId: p.unitId, before, after: patch });
      return this.view(actor, id, trx);
    });
  }

  update(actor: ServerActor, id: string, input: UpdatePlanInput): Promise<PlanSummary> {
    return this.change(actor, id, input.version, async (p) => {
      if (p.status === 'closed') throw new ConflictError('plan.closed');
      const { version: _v, requiresApproval, ...rest } = input;
      const patch: Partial<PlanRow> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (input.title) patch.titleFolded = foldVietnamese(input.title);
      if (requiresApproval !== undefined) patch.requiresApproval = requiresApproval ? 1 : 0;
      return patch;
    });
  }

  /**
   * Issues a draft plan: it needs its document number and date; tasks due "N working days from issue" get
   * their due day from the issue day now (docs/plans.md "Due days").
   */
  issue(actor: ServerActor, id: string, input: { version: number; issuedOn?: string }): Promise<PlanSummary> {
    return this.change(
      actor,
      id,
      input.version,
      async (p, trx) => {
        if (p.status !== 'draft') throw new ConflictError('plan.not_draft');
        const issuedOn = input.issuedOn ?? this.deps.clock.today();
        const fields = [];
        if (!p.documentNumber) fields.push({ path: 'body.documentNumber', code: 'plan.document_number_required' });
        if (!p.documentDate) fields.push({ path: 'body.documentDate', code: 'plan.document_date_required' });
        if (issuedOn > this.deps.clock.today()) fields.push({ path: 'body.issuedOn', code: 'plan.issued_in_future' });
        if (fields.length) throw new ValidationError('validation.failed', fields);
        const relative = await trx
          .selectFrom('tasks')
          .select(['id', 'dueWorkingDays', 'version'])
          .where('planId', '=', p.id)
          .where('dueWorkingDays', 'is not', null)
          .execute();
        if (relative.length) {
          const cal = await this.deps.calendar.calendar(trx);
          for (const t of relative) {
            const dueOn = cal.addWorkingDays(issuedOn as never, t.dueWorkingDays!);
            if (dueOn.slice(0, 4) !== String(p.year))
              throw new ValidationError('validation.failed', [{ path: `tasks.${t.id}.dueOn`, code: 'task.due_outside_plan_year' }]);
            await trx
              .updateTable('tasks')
              .set({ dueOn, version: t.version + 1 })
              .where('id', '=', t.id)
              .execute();
          }
        }
        return { status: 'issued', issuedOn };
      },
      'issue',
    );
  }

  close(actor: ServerActor, id: string, input: { version: number }): Promise<PlanSummary> {
    return this.change(
      actor,
      id,
      input.version,
      async (p) => {
        if (p.status !== 'issued') throw new ConflictError('plan.not_issued');
        return { status: 'closed', closedOn: this.deps.clock.today() };
      },
      'close',
    );
  }

  async remove(actor: ServerActor, id: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const p = await this.find(actor, id, trx);
      authorize(actor, 'plan.manage', p.unitId);
      if (p.version !== version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, id, trx) });
      // Tasks carry the record of who was asked to do what: a plan with tasks is never deleted.
      if (await this.deps.repo.hasTasks(id, trx)) throw new ConflictError('plan.has_tasks');
      await trx.deleteFrom('attachments').where('ownerEntity', '=', 'plan').where('ownerId', '=', id).execute();
      if (!(await this.deps.repo.delete(trx, id, version))) throw new ConflictError('conflict.stale_version');
      await this.deps.audit.record(trx, actor, { action: 'delete', entity: 'plan', entityId: id, unitId: p.unitId, before: p });
    });
  }

  async settings(actor: ServerActor, unitId: string, year: number) {
    if (!can(actor, 'plan.read', unitId)) throw new NotFoundError('unit.not_found');
    const d = await this.dueDayOf(unitId, year);
    return { unitId, year, annualPlanDueOn: d.dueOn, isDefault: d.isDefault, version: d.version };
  }

  async putSettings(actor: ServerActor, input: { unitId: string; year: number; annualPlanDueOn: string; version: number }) {
    if (!can(actor, 'plan.read', input.unitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'plan.manage', input.unitId);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.deps.repo.settings(input.unitId, input.year, trx);
      const row = {
        unitId: input.unitId,
        year: input.year,
        annualPlanDueOn: input.annualPlanDueOn,
        version: input.version + 1,
        updatedAt: this.deps.clock.now(),
      };
      if (!(await this.deps.repo.putSettings(trx, row, input.version))) {
        const d = await this.dueDayOf(input.unitId, input.year, trx);
        throw new ConflictError('conflict.stale_version', [], {
          current: { unitId: input.unitId, year: input.year, annualPlanDueOn: d.dueOn, isDefault: d.isDefault, version: d.version },
        });
      }
      await this.deps.audit.record(trx, actor, {
        action: 'update',
        entity: 'plan_settings',
        entityId: `${input.unitId}:${input.year}`,
        unitId: input.unitId,
        before: before ?? null,
        after: row,
      });
      return { unitId: input.unitId, year: input.year, annualPlanDueOn: input.annualPlanDueOn, isDefault: false, version: row.version };
    });
  }
}

/** The signed document and other files of a plan: read as the plan is, attached by who manages it. */
export const planFileOwner: FileOwner = {
  entity: 'plan',
  async readable(db, actor, id) {
    const units = readUnitsOf(actor);
    if (units.length === 0) return null;
    const p = await db
      .selectFrom('plans as p')
      .select('p.unitId')
      .where('p.id', '=', id)
      .where((eb) =>
        eb.or([
          eb('p.unitId', 'in', units),
          eb.exists(eb.selectFrom('tasks as t').select('t.id').whereRef('t.planId', '=', 'p.id').where('t.unitId', 'in', units)),
        ]),
      )
      .executeTakeFirst();
    return p?.unitId ?? null;
  },
  async attachable(db, actor, id) {
    const unitId = await this.readable(db, actor, id);
    if (!unitId) throw new NotFoundError('plan.not_found');
    authorize(actor, 'plan.manage', unitId);
    return unitId;
  },
};
