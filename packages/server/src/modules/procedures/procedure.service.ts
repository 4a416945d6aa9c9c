import { can, canAnywhere, unitsFor, type LocalDate } from '@cchc/domain';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { FileOwner } from '../../platform/files/files.service';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { contentIssues, type ContentIssue } from './procedure-rules';
import { appendVersion, createProcedure, referenceIssues, type WriteContext } from './procedure-write';
import type { ProcedureRepository, ProcedureRow, ProcedureWithLatest } from './procedure.repository';
import type { CreateProcedureInput, ProcedureContent, ProcedureListQuery, ProcedureSummary, ProcedureView, UpdateProcedureInput } from './procedure.schemas';

/** What the dossier module stores and reads: one version of a procedure, with its identity. */
export interface ProcedureVersionInForce {
  /** The version's id: a dossier keeps it, so later edits never change a received dossier's rules. */
  id: string;
  procedureId: string;
  versionNo: number;
  effectiveFrom: LocalDate;
  code: string;
  unitId: string;
  procedureStatus: 'active' | 'inactive';
  content: ProcedureContent;
}

export function bodyErrors(issues: ContentIssue[]): ValidationError {
  return new ValidationError(
    'validation.failed',
    issues.map((i) => ({ path: ['body', ...i.path].join('.'), code: i.code })),
  );
}

function canFlags(actor: ServerActor, p: ProcedureRow) {
  const manages = can(actor, 'procedure.manage', p.unitId);
  return { update: manages, delete: manages && p.status === 'inactive' };
}

function summary(p: ProcedureWithLatest, actor: ServerActor): ProcedureSummary {
  return {
    id: p.id,
    code: p.code,
    name: p.content.name,
    timeLimit: p.content.timeLimit,
    sector: p.content.sector,
    channels: p.content.channels,
    onlineLevel: p.content.onlineLevel,
    status: p.status as ProcedureSummary['status'],
    unitId: p.unitId,
    processingUnitId: p.processingUnitId,
    version: p.version,
    versionNo: p.latestVersionNo,
    effectiveFrom: p.effectiveFrom,
    updatedAt: p.updatedAt,
    can: canFlags(actor, p),
  };
}

/** Staff use cases of the procedure catalogue; import and export live in ProcedureTransferService. */
export class ProcedureService {
  constructor(
    private readonly db: Db,
    private readonly repo: ProcedureRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private writer(trx: Db, actor: ServerActor): WriteContext {
    return { trx, repo: this.repo, audit: this.audit, actor, now: this.clock.now() };
  }

  /** Finds a procedure the actor reads through its implementing or its processing unit. */
  private async find(actor: ServerActor, id: string, trx: Db): Promise<ProcedureRow> {
    const p = await this.repo.findInScope(unitsFor(actor, 'procedure.read'), id, trx);
    if (!p) {
      // Out of scope reads as absent; in scope without the read role is a refusal.
      if (await this.repo.findInScope(unitsFor(actor, 'unit.read'), id, trx)) throw new ForbiddenError('forbidden', [], { action: 'procedure.read' });
      throw new NotFoundError('procedure.not_found');
    }
    return p;
  }

  private async view(actor: ServerActor, p: ProcedureRow, trx: Db): Promise<ProcedureView> {
    const latest = await this.repo.version(p.id, p.latestVersionNo, trx);
    const versions = await this.repo.versionsOf(p.id, trx);
    const inForce = await this.repo.versionInForce(p.id, this.clock.today(), trx);
    return {
      id: p.id,
      code: p.code,
      unitId: p.unitId,
      unitName: await this.repo.unitName(p.unitId, trx),
      status: p.status as ProcedureView['status'],
      version: p.version,
      versionNo: latest.versionNo,
      effectiveFrom: latest.effectiveFrom,
      ...latest.content,
      inForceVersionNo: inForce?.versionNo ?? null,
      versions,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      can: canFlags(actor, p),
    };
  }

  async list(actor: ServerActor, q: ProcedureListQuery) {
    if (!canAnywhere(actor, 'procedure.read')) throw new ForbiddenError('forbidden', [], { action: 'procedure.read' });
    const { rows, total } = await this.repo.list(unitsFor(actor, 'procedure.read'), q, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
      sort: q.sort,
      order: q.order,
    });
    return { items: rows.map((r) => summary(r, actor)), total, page: q.page, pageSize: q.pageSize };
  }

  get(actor: ServerActor, id: string): Promise<ProcedureView> {
    return this.db.transaction().execute(async (trx) => this.view(actor, await this.find(actor, id, trx), trx));
  }

  async create(actor: ServerActor, input: CreateProcedureInput): Promise<ProcedureView> {
    if (!can(actor, 'unit.read', input.unitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'procedure.manage', input.unitId);
    const { unitId, code, status, effectiveFrom, ...content } = input;
    return this.db.transaction().execute(async (trx) => {
      const issues = await referenceIssues(trx, this.repo, actor, unitId, content);
      if (issues.length) throw bodyErrors(issues);
      const row = await createProcedure(this.writer(trx, actor), { unitId, code, status, content, effectiveFrom: effectiveFrom ?? this.clock.today() });
      return this.view(actor, row, trx);
    });
  }

  /** A content change is a new version, in force from `effectiveFrom` (today by default). */
  async update(actor: ServerActor, id: string, input: UpdateProcedureInput): Promise<ProcedureView> {
    return this.db.transaction().execute(async (trx) => {
      const p = await this.find(actor, id, trx);
      authorize(actor, 'procedure.manage', p.unitId);
      if (p.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, p, trx) });
      const latest = await this.repo.version(p.id, p.latestVersionNo, trx);
      const { version: _v, effectiveFrom, ...changes } = input;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<ProcedureContent>;
      const content: ProcedureContent = { ...latest.content, ...defined };
      const from = effectiveFrom ?? this.clock.today();
      const issues = [...contentIssues(content), ...(await referenceIssues(trx, this.repo, actor, p.unitId, content))];
      // Versions follow each other in time, so "in force on a day" has exactly one answer.
      if (from < latest.effectiveFrom) issues.push({ path: ['effectiveFrom'], code: 'procedure.effective_before_latest' });
      if (issues.length) throw bodyErrors(issues);
      const next = await appendVersion(this.writer(trx, actor), p, latest, content, from);
      return this.view(actor, next, trx);
    });
  }

  async setStatus(actor: ServerActor, id: string, input: { version: number; status: 'active' | 'inactive' }): Promise<ProcedureView> {
    return this.db.transaction().execute(async (trx) => {
      const p = await this.find(actor, id, trx);
      authorize(actor, 'procedure.manage', p.unitId);
      if (p.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, p, trx) });
      const now = this.clock.now();
      if (!(await this.repo.update(trx, p.id, p.version, { status: input.status, updatedAt: now }))) throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'procedure',
        entityId: p.id,
        unitId: p.unitId,
        before: { status: p.status },
        after: { status: input.status },
      });
      return this.view(actor, { ...p, status: input.status, version: p.version + 1, updatedAt: now }, trx);
    });
  }

  async remove(actor: ServerActor, id: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const p = await this.find(actor, id, trx);
      authorize(actor, 'procedure.manage', p.unitId);
      if (p.version !== version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, p, trx) });
      // An active procedure is withdrawn first, so the public catalogue never loses one by accident.
      if (p.status !== 'inactive') throw new ConflictError('procedure.delete_active');
      // Dossiers keep the version they were received under: a procedure with dossiers stays (withdrawn).
      if (await this.repo.hasDossiers(p.id, trx)) throw new ConflictError('procedure.in_use');
      if (!(await this.repo.delete(trx, p.id, version))) throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, {
        action: 'delete',
        entity: 'procedure',
        entityId: p.id,
        unitId: p.unitId,
        before: { code: p.code, name: p.name, status: p.status, latestVersionNo: p.latestVersionNo },
      });
    });
  }

  /**
   * The version of a procedure in force on a day, for the dossier module: it stores the returned
   * `id` on each dossier at receipt. Not scoped: the caller has already authorized its own use case.
   * Returns undefined for an unknown procedure or a day before its first version takes effect.
   * @example await procedures.versionInForce(procedureId, clock.today())
   */
  async versionInForce(procedureId: string, on: LocalDate, trx: Db = this.db): Promise<ProcedureVersionInForce | undefined> {
    const v = await this.repo.versionInForce(procedureId, on, trx);
    if (!v) return undefined;
    const p = await this.repo.findById(procedureId, trx);
    if (!p) return undefined;
    return {
      id: v.id,
      procedureId,
      versionNo: v.versionNo,
      effectiveFrom: v.effectiveFrom as LocalDate,
      code: p.code,
      unitId: p.unitId,
      procedureStatus: p.status as 'active' | 'inactive',
      content: v.content,
    };
  }
}

/** Files attached to a procedure (form templates): read as the procedure is, attached by who manages it. */
export const procedureFileOwner: FileOwner = {
  entity: 'procedure',
  async readable(db, actor, id) {
    const p = await db.selectFrom('procedures').select(['unitId', 'processingUnitId']).where('id', '=', id).executeTakeFirst();
    if (!p || ![p.unitId, p.processingUnitId].some((u) => !!u && can(actor, 'procedure.read', u))) return null;
    return p.unitId;
  },
  async attachable(db, actor, id) {
    const unitId = await this.readable(db, actor, id);
    if (!unitId) throw new NotFoundError('procedure.not_found');
    authorize(actor, 'procedure.manage', unitId);
    return unitId;
  },
};
