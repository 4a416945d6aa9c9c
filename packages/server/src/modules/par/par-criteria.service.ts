import {
  can,
  canAnywhere,
  CriteriaSetSchema,
  PERMISSIONS,
  template2019Department,
  template2021FieldNames,
  unitsFor,
  validateCriteriaSet,
  type Role,
  type CriteriaIssue,
  type CriteriaSet,
  type CriterionNode,
  type Hundredths,
} from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import { assertBindings, bindingIssues, type MetricCatalogue } from './metric-registry';
import type { AssessmentAccess } from './par-assessment-access';
import { criteriaSetXlsx, issueErrors, parseCriteriaWorkbook, readCriteriaWorkbook } from './par-criteria-sheet';
import { bandsOf, domainSet, toNode, toRow, type Criterion, type ParRepository, type SetRow } from './par.repository';
import { DEFAULT_BANDS, type AddNodeInput, type CreateSetInput, type SetViewT, type UpdateNodeInput, type UpdateSetInput } from './par.schemas';

/** Node ids of a template or an imported file are replaced by fresh ids; parents follow. */
export function withFreshIds(nodes: readonly CriterionNode[]): CriterionNode[] {
  const ids = new Map(nodes.map((n) => [n.id, randomUUID()]));
  return nodes.map((n) => ({ ...n, id: ids.get(n.id)!, parentId: n.parentId === null ? null : (ids.get(n.parentId) ?? n.parentId) }));
}

export function templateSet(template: CreateSetInput['template'], year: number, scope: string): CriteriaSet {
  if (template === '2019_department') return { ...template2019Department(), year, scope };
  if (template === '2021_fields') return template2021FieldNames({ year, scope });
  return { year, scope, legalBasis: null, rounding: 'half_up', notApplicableMethod: 'rescale', nodes: [] };
}

/** 400 listing every error of the set by row code; warnings do not block. */
export function assertValid(set: CriteriaSet): CriteriaIssue[] {
  const issues = validateCriteriaSet(set);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new ValidationError(
      'par.criteria_invalid',
      errors.map((i) => ({ path: `nodes.${i.nodeCode}`, code: i.code })),
      { issues: errors },
    );
  }
  return issues;
}

function audited(s: SetRow) {
  return { ...s, bands: bandsOf(s), bandsJson: undefined };
}

export class ParCriteriaService {
  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly metrics: MetricCatalogue,
    private readonly assessments: AssessmentAccess,
  ) {}

  /** The metric catalogue for the criterion editor's picker: every key a row may bind, with its kind. */
  catalogue(actor: ServerActor) {
    authorizeAnywhere(actor);
    return this.metrics.definitions.map((d) => ({
      key: d.key,
      module: d.module,
      valueKind: d.valueKind,
      label: { ...d.label },
      description: { ...d.description },
    }));
  }

  /**
   * Units whose sets the actor may read: the scope of the grants that read PAR data, and the units above
   * those grants (the province's set applies to its departments).
   */
  async visibleOwners(actor: ServerActor, db: Db = this.db): Promise<Set<string>> {
    const out = new Set(unitsFor(actor, 'par.read'));
    const readers: readonly Role[] = PERMISSIONS['par.read'];
    for (const g of actor.grants) if (readers.includes(g.role)) for (const u of await this.repo.ancestorsOf(g.unitId, db)) out.add(u);
    return out;
  }

  async findVisible(actor: ServerActor, id: string, db: Db = this.db): Promise<SetRow> {
    const set = await this.repo.findSet(id, db);
    if (!set || !(await this.visibleOwners(actor, db)).has(set.ownerUnitId)) throw new NotFoundError('par.set_not_found');
    return set;
  }

  private async view(actor: ServerActor, set: SetRow, db: Db = this.db): Promise<SetViewT> {
    const rows = await this.repo.criteriaOf(set.id, db);
    const dset = domainSet(set, rows);
    return {
      ...this.summary(actor, set),
      nodes: dset.nodes.map((n) => ({
        ...n,
        responsibleUnitId: n.responsibleUnitId ?? null,
        metric: n.metric ?? null,
        notSelfScored: n.notSelfScored ?? false,
      })),
      issues: [...validateCriteriaSet(dset), ...bindingIssues(this.metrics, dset.nodes)],
    };
  }

  summary(actor: ServerActor, s: SetRow) {
    return {
      id: s.id,
      ownerUnitId: s.ownerUnitId,
      year: s.year,
      scope: s.scope,
      title: s.title,
      legalBasisNumber: s.legalBasisNumber,
      legalBasisDate: s.legalBasisDate,
      rounding: s.rounding as CriteriaSet['rounding'],
      notApplicableMethod: s.notApplicableMethod as CriteriaSet['notApplicableMethod'],
      bands: bandsOf(s),
      status: s.status as 'draft' | 'active',
      version: s.version,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      can: { manage: can(actor, 'par.manage_criteria', s.ownerUnitId) },
    };
  }

  async list(actor: ServerActor) {
    authorizeAnywhere(actor);
    const rows = await this.repo.listSets([...(await this.visibleOwners(actor))]);
    return rows.map((s) => this.summary(actor, s));
  }

  async get(actor: ServerActor, id: string) {
    authorizeAnywhere(actor);
    return this.view(actor, await this.findVisible(actor, id));
  }

  async export(actor: ServerActor, id: string): Promise<CriteriaSet> {
    authorizeAnywhere(actor);
    const set = await this.findVisible(actor, id);
    return domainSet(set, await this.repo.criteriaOf(set.id));
  }

  private newSetRow(
    input: {
      ownerUnitId: string;
      year: number;
      scope: string;
      title: string;
      legalBasisNumber?: string | null | undefined;
      legalBasisDate?: string | null | undefined;
      bands?: unknown;
    },
    set: CriteriaSet,
  ): SetRow {
    const now = this.clock.now();
    return {
      id: randomUUID(),
      ownerUnitId: input.ownerUnitId,
      year: input.year,
      scope: input.scope,
      title: input.title,
      legalBasisNumber: input.legalBasisNumber ?? set.legalBasis ?? null,
      legalBasisDate: input.legalBasisDate ?? null,
      rounding: set.rounding,
      notApplicableMethod: set.notApplicableMethod,
      bandsJson: JSON.stringify(input.bands ?? DEFAULT_BANDS),
      status: 'draft',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async insert(actor: ServerActor, row: SetRow, nodes: CriterionNode[], db: Db): Promise<void> {
    await this.repo.insertSet(db, row, nodes);
    await this.audit.record(db, actor, {
      action: 'create',
      entity: 'par_criteria_set',
      entityId: row.id,
      unitId: row.ownerUnitId,
      after: { ...audited(row), nodes },
    });
  }

  /** Creates a set from a template ('2019_department', '2021_fields') or empty; used by the demo seeder too. */
  async createIn(db: Db, actor: ServerActor | null, input: CreateSetInput): Promise<SetRow> {
    const set = templateSet(input.template, input.year, input.scope);
    const nodes = withFreshIds(set.nodes);
    assertValid({ ...set, nodes });
    assertBindings(this.metrics, nodes);
    const row = this.newSetRow(input, set);
    await this.repo.insertSet(db, row, nodes);
    await this.audit.record(db, actor, {
      action: 'create',
      entity: 'par_criteria_set',
      entityId: row.id,
      unitId: row.ownerUnitId,
      after: { ...audited(row), template: input.template, nodes },
    });
    return row;
  }

  async create(actor: ServerActor, input: CreateSetInput) {
    if (!can(actor, 'unit.read', input.ownerUnitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'par.manage_criteria', input.ownerUnitId);
    return this.db.transaction().execute(async (trx) => this.view(actor, await this.createIn(trx, actor, input), trx));
  }

  async importSet(
    actor: ServerActor,
    input: {
      ownerUnitId: string;
      title: string;
      legalBasisNumber?: string | null | undefined;
      legalBasisDate?: string | null | undefined;
      bands?: unknown;
      set: unknown;
    },
  ) {
    if (!can(actor, 'unit.read', input.ownerUnitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'par.manage_criteria', input.ownerUnitId);
    const parsed = CriteriaSetSchema.safeParse(input.set);
    if (!parsed.success) {
      const fields: FieldError[] = parsed.error.issues.map((i) => {
        const rowNo = i.path[0] === 'nodes' && typeof i.path[1] === 'number' ? i.path[1] + 1 : undefined;
        return { path: ['set', ...i.path].join('.'), code: `par.import_${i.code}`, ...(rowNo ? { row: rowNo } : {}) };
      });
      throw new ValidationError('par.import_invalid', fields);
    }
    return this.insertImported(actor, input, parsed.data, new Map(parsed.data.nodes.map((n, i) => [n.id, i + 1])), (issues, rowOf) =>
      issues.map((i) => ({ path: `nodes.${i.nodeCode}`, code: i.code, ...(rowOf.has(i.nodeId) ? { row: rowOf.get(i.nodeId)! } : {}) })),
    );
  }

  /** Checks the whole set (errors stop the import, warnings do not), then writes it and its rows in one transaction. */
  private async insertImported(
    actor: ServerActor,
    input: { ownerUnitId: string; title: string; legalBasisNumber?: string | null | undefined; legalBasisDate?: string | null | undefined; bands?: unknown },
    set: CriteriaSet,
    rowOf: Map<string, number>,
    place: (issues: CriteriaIssue[], rowOf: Map<string, number>) => FieldError[],
  ) {
    const issues = validateCriteriaSet(set).filter((i) => i.severity === 'error');
    if (issues.length > 0) throw new ValidationError('par.criteria_invalid', place(issues, rowOf), { issues });
    assertBindings(this.metrics, set.nodes, rowOf);
    const nodes = withFreshIds(set.nodes);
    const row = this.newSetRow({ ...input, year: set.year, scope: set.scope }, set);
    return this.db.transaction().execute(async (trx) => {
      await this.insert(actor, row, nodes, trx);
      return this.view(actor, row, trx);
    });
  }

  /** The set as an .xlsx workbook (one row per criterion; the import reads it back). */
  async exportXlsx(actor: ServerActor, id: string): Promise<{ fileName: string; data: Buffer }> {
    authorizeAnywhere(actor);
    const set = await this.findVisible(actor, id);
    const dset = domainSet(set, await this.repo.criteriaOf(set.id));
    const unitIds = [...new Set(dset.nodes.flatMap((n) => (n.responsibleUnitId ? [n.responsibleUnitId] : [])))];
    const names = new Map((await this.repo.unitNames(unitIds)).map((u) => [u.id, u.name]));
    return {
      fileName: `bo-tieu-chi-cchc-${set.year}.xlsx`,
      data: await criteriaSetXlsx(dset, { legalBasisDate: set.legalBasisDate, bands: bandsOf(set) }, (uid) => names.get(uid) ?? ''),
    };
  }

  /**
   * Imports a set from an .xlsx workbook: every row is checked first and all problems come back together
   * as 400 with `{ path: 'rows.<row>.<column>', row, column, code }` each; nothing is written unless every
   * row is valid. Responsible units are matched by name within the owner unit's subtree.
   */
  async importXlsx(actor: ServerActor, input: { ownerUnitId: string; title: string; year?: number | undefined; scope?: string | undefined }, data: Buffer) {
    if (!can(actor, 'unit.read', input.ownerUnitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'par.manage_criteria', input.ownerUnitId);
    const tables = await readCriteriaWorkbook(data);
    const units = await this.repo.subtreeUnits(input.ownerUnitId);
    const parsed = parseCriteriaWorkbook(tables, units, { year: input.year, scope: input.scope });
    if (parsed.errors.length > 0) throw new ValidationError('import.invalid', parsed.errors);
    return this.insertImported(
      actor,
      {
        ownerUnitId: input.ownerUnitId,
        title: input.title,
        legalBasisNumber: parsed.set.legalBasis ?? null,
        legalBasisDate: parsed.legalBasisDate,
        bands: parsed.bands,
      },
      parsed.set,
      parsed.rowOfId,
      (issues, rowOf) => issueErrors(issues, rowOf),
    );
  }

  async clone(actor: ServerActor, id: string, input: { year: number; title?: string | undefined }) {
    const src = await this.findVisible(actor, id);
    authorize(actor, 'par.manage_criteria', src.ownerUnitId);
    const set = domainSet(src, await this.repo.criteriaOf(src.id));
    const nodes = withFreshIds(set.nodes);
    const row = this.newSetRow(
      {
        ownerUnitId: src.ownerUnitId,
        year: input.year,
        scope: src.scope,
        title: input.title ?? `${src.title} (${input.year})`,
        legalBasisNumber: null,
        legalBasisDate: null,
        bands: bandsOf(src),
      },
      { ...set, year: input.year },
    );
    return this.db.transaction().execute(async (trx) => {
      await this.insert(actor, row, nodes, trx);
      return this.view(actor, row, trx);
    });
  }

  async update(actor: ServerActor, id: string, input: UpdateSetInput) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.findVisible(actor, id, trx);
      authorize(actor, 'par.manage_criteria', set.ownerUnitId);
      if (set.version !== input.version) throw new ConflictError('conflict.stale_version');
      const patch: Partial<SetRow> = { updatedAt: this.clock.now() };
      if (input.title !== undefined) patch.title = input.title;
      if (input.legalBasisNumber !== undefined) patch.legalBasisNumber = input.legalBasisNumber;
      if (input.legalBasisDate !== undefined) patch.legalBasisDate = input.legalBasisDate;
      if (input.rounding !== undefined) patch.rounding = input.rounding;
      if (input.notApplicableMethod !== undefined) patch.notApplicableMethod = input.notApplicableMethod;
      if (input.bands !== undefined) patch.bandsJson = JSON.stringify(input.bands);
      if (!(await this.repo.touchSet(trx, set.id, set.version, patch))) throw new ConflictError('conflict.stale_version');
      const next = { ...set, ...patch, version: set.version + 1 };
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'par_criteria_set',
        entityId: set.id,
        unitId: set.ownerUnitId,
        before: audited(set),
        after: audited(next),
      });
      // Rounding, the not-applicable method and the bands change the totals stored on the set's assessments.
      if (input.rounding !== undefined || input.notApplicableMethod !== undefined || input.bands !== undefined) {
        for (const id of await this.repo.assessmentIdsOfSet(set.id, trx)) await this.assessments.refresh(trx, id);
      }
      return this.view(actor, next, trx);
    });
  }

  async activate(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.findVisible(actor, id, trx);
      authorize(actor, 'par.manage_criteria', set.ownerUnitId);
      if (set.version !== version) throw new ConflictError('conflict.stale_version');
      const dset = domainSet(set, await this.repo.criteriaOf(set.id, trx));
      assertValid(dset);
      // A stored set may still bind a key the catalogue lost (a typo saved before keys were checked).
      assertBindings(this.metrics, dset.nodes);
      const patch = { status: 'active', updatedAt: this.clock.now() };
      if (!(await this.repo.touchSet(trx, set.id, set.version, patch))) throw new ConflictError('conflict.stale_version');
      const next = { ...set, ...patch, version: set.version + 1 };
      await this.audit.record(trx, actor, {
        action: 'activate',
        entity: 'par_criteria_set',
        entityId: set.id,
        unitId: set.ownerUnitId,
        before: { status: set.status },
        after: { status: 'active' },
      });
      return this.view(actor, next, trx);
    });
  }

  /** Runs a change to a draft set's rows: validates the whole set afterwards, bumps the set's version. */
  private async editNodes(
    actor: ServerActor,
    id: string,
    version: number,
    change: (rows: Criterion[]) => { nodes: CriterionNode[]; before?: unknown; after?: unknown; checked?: CriterionNode; write: (trx: Db) => Promise<void> },
  ) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.findVisible(actor, id, trx);
      authorize(actor, 'par.manage_criteria', set.ownerUnitId);
      if (set.status !== 'draft') throw new ConflictError('par.set_not_draft');
      if (set.version !== version) throw new ConflictError('conflict.stale_version');
      const rows = await this.repo.criteriaOf(set.id, trx);
      const c = change(rows);
      assertValid({ ...domainSet(set, []), nodes: c.nodes });
      if (c.checked) assertBindings(this.metrics, [c.checked]);
      await c.write(trx);
      const patch = { updatedAt: this.clock.now() };
      if (!(await this.repo.touchSet(trx, set.id, set.version, patch))) throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'par_criteria',
        entityId: set.id,
        unitId: set.ownerUnitId,
        before: c.before ?? null,
        after: c.after ?? null,
      });
      return this.view(actor, { ...set, ...patch, version: set.version + 1 }, trx);
    });
  }

  async addNode(actor: ServerActor, id: string, input: AddNodeInput) {
    const { version, ...fields } = input;
    const node: CriterionNode = {
      id: randomUUID(),
      ...fields,
      maxHundredths: fields.maxHundredths as Hundredths,
      responsibleUnitId: fields.responsibleUnitId ?? null,
      metric: fields.metric ?? null,
    };
    return this.editNodes(actor, id, version, (rows) => ({
      nodes: [...rows.map(toNode), node],
      after: node,
      checked: node,
      write: async (trx) => {
        await trx
          .insertInto('parCriteria')
          .values({ ...toRow(id, node) })
          .execute();
      },
    }));
  }

  async updateNode(actor: ServerActor, id: string, nodeId: string, input: UpdateNodeInput) {
    const { version, ...fields } = input;
    return this.editNodes(actor, id, version, (rows) => {
      const current = rows.find((r) => r.id === nodeId);
      if (!current) throw new NotFoundError('par.criterion_not_found');
      const before = toNode(current);
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const after: CriterionNode = { ...before, ...defined } as CriterionNode;
      return {
        nodes: rows.map((r) => (r.id === nodeId ? after : toNode(r))),
        before,
        after,
        // The binding is checked when the row's metric or rule changes; other edits leave it as it was.
        ...(fields.metric !== undefined || fields.rule !== undefined ? { checked: after } : {}),
        write: async (trx) => {
          const { id: _i, setId: _s, ...patch } = toRow(id, after);
          await trx.updateTable('parCriteria').set(patch).where('id', '=', nodeId).execute();
        },
      };
    });
  }

  async deleteNode(actor: ServerActor, id: string, nodeId: string, version: number) {
    return this.editNodes(actor, id, version, (rows) => {
      const current = rows.find((r) => r.id === nodeId);
      if (!current) throw new NotFoundError('par.criterion_not_found');
      if (rows.some((r) => r.parentId === nodeId)) throw new ConflictError('par.criterion_has_children');
      return {
        nodes: rows.filter((r) => r.id !== nodeId).map(toNode),
        before: toNode(current),
        write: async (trx) => {
          await trx.deleteFrom('parCriteria').where('id', '=', nodeId).execute();
        },
      };
    });
  }
}

/** Criteria are read by anyone who may read PAR data somewhere; sets themselves are scoped by owner unit. */
export function authorizeAnywhere(actor: ServerActor): void {
  if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
}
