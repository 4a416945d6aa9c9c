import { can, canAnywhere, foldVietnamese, unitsFor, type DueRule, type PeriodSelection } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import type { CalendarService, VersionedCalendar } from '../calendar/calendar.service';
import { SHIPPED_OBLIGATIONS } from './report-defaults';
import { generateInstances } from './report-generation';
import type { ObligationRow, ReportRepository } from './report.repository';
import type { CreateObligationInput, ObligationView, UpdateObligationInput } from './report.schemas';

// Obligations of an agency (docs/reports.md "Obligations"): kept by who holds report.manage on the
// agency; read by who reads reports of the agency or of the responsible unit.

export interface ObligationContent {
  code: string;
  name: string;
  recipient: string;
  period: PeriodSelection;
  dueRule: DueRule;
  responsibleUnitId: string;
  checklist: Array<{ key: string; label: string }>;
  parCriteria: string[];
  isActive: boolean;
}

function contentOf(o: ObligationRow): ObligationContent {
  return {
    code: o.code,
    name: o.name,
    recipient: o.recipient,
    period: JSON.parse(o.periodJson),
    dueRule: JSON.parse(o.dueRuleJson),
    responsibleUnitId: o.responsibleUnitId,
    checklist: JSON.parse(o.checklistJson),
    parCriteria: JSON.parse(o.parCriteriaJson),
    isActive: o.isActive === 1,
  };
}

/** The columns of an obligation's content (also used by the demo seeder). */
export function obligationColumns(c: ObligationContent) {
  return {
    code: c.code,
    name: c.name,
    nameFolded: foldVietnamese(c.name),
    recipient: c.recipient,
    periodKind: c.period.kind,
    periodJson: JSON.stringify(c.period),
    dueRuleJson: JSON.stringify(c.dueRule),
    responsibleUnitId: c.responsibleUnitId,
    checklistJson: JSON.stringify(c.checklist),
    parCriteriaJson: JSON.stringify(c.parCriteria),
    servesPar: c.parCriteria.length > 0 ? 1 : 0,
    isActive: c.isActive ? 1 : 0,
  };
}

/** An obligation as the API answers it, with its responsible unit's name from `names`. */
function obligationView(actor: ServerActor, o: ObligationRow, names: Map<string, string>): ObligationView {
  return {
    id: o.id,
    agencyId: o.agencyId,
    ...contentOf(o),
    responsibleUnitName: names.get(o.responsibleUnitId) ?? null,
    servesPar: o.servesPar === 1,
    shippedKey: o.shippedKey,
    version: o.version,
    updatedAt: o.updatedAt,
    can: { update: can(actor, 'report.manage', o.agencyId) },
  };
}

export class ReportObligationsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ReportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  private async view(actor: ServerActor, o: ObligationRow, db: Db): Promise<ObligationView> {
    return obligationView(actor, o, await this.repo.unitNames([o.responsibleUnitId], db));
  }

  private async find(actor: ServerActor, id: string, db: Db): Promise<ObligationRow> {
    const o = await this.repo.obligationInScope(unitsFor(actor, 'report.read'), id, db);
    if (!o) {
      if (await this.repo.obligationInScope(unitsFor(actor, 'unit.read'), id, db)) throw new ForbiddenError('forbidden', [], { action: 'report.read' });
      throw new NotFoundError('report.obligation_not_found');
    }
    return o;
  }

  /** Field errors of an obligation's content: rule shapes that fit the period, a unit inside the agency, unique code. */
  private async issues(trx: Db, agencyId: string, c: ObligationContent, exceptId: string | null): Promise<FieldError[]> {
    const out: FieldError[] = [];
    if (c.period.kind === 'ad_hoc' && c.dueRule.kind !== 'date') out.push({ path: 'body.dueRule.kind', code: 'report.ad_hoc_needs_date' });
    if (c.period.kind !== 'ad_hoc' && c.dueRule.kind === 'date') out.push({ path: 'body.dueRule.kind', code: 'report.date_rule_ad_hoc_only' });
    const max = c.period.kind === 'monthly' ? 12 : c.period.kind === 'quarterly' ? 4 : 1;
    if (c.period.numbers?.some((n) => n > max) || (max === 1 && c.period.numbers && c.period.numbers.join() !== '1'))
      out.push({ path: 'body.period.numbers', code: 'report.period_number_invalid' });
    if (new Set(c.checklist.map((i) => i.key)).size !== c.checklist.length) out.push({ path: 'body.checklist', code: 'report.checklist_duplicate_key' });
    if (!(await this.repo.subtree(agencyId, trx)).includes(c.responsibleUnitId))
      out.push({ path: 'body.responsibleUnitId', code: 'report.unit_outside_agency' });
    if (await this.repo.codeTaken(agencyId, c.code, exceptId, trx)) out.push({ path: 'body.code', code: 'report.code_taken' });
    return out;
  }

  /** Instances of the current year; the calendar is read before the transaction opens (SQLite has one connection). */
  private async regenerate(trx: Db, obligations: ObligationRow[], calendar: VersionedCalendar): Promise<void> {
    const year = Number(this.clock.today().slice(0, 4));
    await generateInstances(trx, this.repo, obligations, year, calendar, this.clock.now());
  }

  async list(actor: ServerActor, f: { q?: string; agencyId?: string; page?: number; pageSize?: number }) {
    if (!canAnywhere(actor, 'report.read')) throw new ForbiddenError('forbidden', [], { action: 'report.read' });
    const page = f.page ?? 1;
    const pageSize = f.pageSize ?? 100;
    const { rows, total } = await this.repo.obligations(unitsFor(actor, 'report.read'), f, { limit: pageSize, offset: (page - 1) * pageSize });
    const names = await this.repo.unitNames(rows.map((r) => r.responsibleUnitId));
    const items = rows.map((o) => obligationView(actor, o, names));
    return { items, total, page, pageSize };
  }

  get(actor: ServerActor, id: string): Promise<ObligationView> {
    return this.db.transaction().execute(async (trx) => this.view(actor, await this.find(actor, id, trx), trx));
  }

  async create(actor: ServerActor, input: CreateObligationInput): Promise<ObligationView> {
    if (!can(actor, 'unit.read', input.agencyId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'report.manage', input.agencyId);
    const { agencyId, ...content } = input;
    const calendar = await this.calendar.calendar();
    return this.db.transaction().execute(async (trx) => {
      const issues = await this.issues(trx, agencyId, content, null);
      if (issues.length) throw new ValidationError('validation.failed', issues);
      const row = await this.insert(trx, actor, agencyId, content, null);
      await this.regenerate(trx, [row], calendar);
      return this.view(actor, row, trx);
    });
  }

  private async insert(trx: Db, actor: ServerActor, agencyId: string, content: ObligationContent, shippedKey: string | null): Promise<ObligationRow> {
    const now = this.clock.now();
    const row: ObligationRow = { id: randomUUID(), agencyId, ...obligationColumns(content), shippedKey, version: 1, createdAt: now, updatedAt: now };
    await this.repo.insertObligation(trx, row);
    await this.audit.record(trx, actor, {
      action: 'create',
      entity: 'report_obligation',
      entityId: row.id,
      unitId: agencyId,
      after: { agencyId, ...content, shippedKey },
    });
    return row;
  }

  async update(actor: ServerActor, id: string, input: UpdateObligationInput): Promise<ObligationView> {
    const calendar = await this.calendar.calendar();
    return this.db.transaction().execute(async (trx) => {
      const o = await this.find(actor, id, trx);
      authorize(actor, 'report.manage', o.agencyId);
      if (o.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, o, trx) });
      const before = contentOf(o);
      const { version: _v, ...changes } = input;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<ObligationContent>;
      const content: ObligationContent = { ...before, ...defined };
      const issues = await this.issues(trx, o.agencyId, content, o.id);
      if (issues.length) throw new ValidationError('validation.failed', issues);
      const now = this.clock.now();
      if (!(await this.repo.updateObligation(trx, o.id, o.version, { ...obligationColumns(content), updatedAt: now })))
        throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, { action: 'update', entity: 'report_obligation', entityId: o.id, unitId: o.agencyId, before, after: content });
      const next = (await this.repo.obligationById(o.id, trx))!;
      await this.regenerate(trx, [next], calendar);
      return this.view(actor, next, trx);
    });
  }

  /** Deletes an obligation no report was ever submitted for (its instances go with it); otherwise deactivate it. */
  async remove(actor: ServerActor, id: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const o = await this.find(actor, id, trx);
      authorize(actor, 'report.manage', o.agencyId);
      if (o.version !== version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, o, trx) });
      if (await this.repo.hasSubmissions(o.id, trx)) throw new ConflictError('report.obligation_in_use');
      if (!(await this.repo.deleteObligation(trx, o.id, version))) throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, { action: 'delete', entity: 'report_obligation', entityId: o.id, unitId: o.agencyId, before: contentOf(o) });
    });
  }

  /**
   * Installs the shipped set (report-defaults.ts) for an agency: each shipped obligation it does not
   * have yet, responsible unit = the agency unless given. Running it twice adds nothing.
   */
  async installShipped(
    actor: ServerActor,
    agencyId: string,
    responsibleUnitId?: string,
  ): Promise<{ items: ObligationView[]; total: number; page: number; pageSize: number }> {
    if (!can(actor, 'unit.read', agencyId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'report.manage', agencyId);
    const calendar = await this.calendar.calendar();
    await this.db.transaction().execute(async (trx) => {
      const have = await this.repo.shippedKeys(agencyId, trx);
      const rows: ObligationRow[] = [];
      for (const s of SHIPPED_OBLIGATIONS) {
        if (have.has(s.shippedKey)) continue;
        const content: ObligationContent = {
          code: s.code,
          name: s.name,
          recipient: s.recipient,
          period: s.period,
          dueRule: s.dueRule,
          responsibleUnitId: responsibleUnitId ?? agencyId,
          checklist: s.checklist,
          parCriteria: s.parCriteria,
          isActive: true,
        };
        const issues = await this.issues(trx, agencyId, content, null);
        if (issues.length) throw new ValidationError('validation.failed', issues);
        rows.push(await this.insert(trx, actor, agencyId, content, s.shippedKey));
      }
      await this.regenerate(trx, rows, calendar);
    });
    return this.list(actor, { agencyId });
  }

  /**
   * POST /api/reports/instances/generate: instances of `year` for every obligation of the agencies
   * the actor manages reports for. Idempotent.
   */
  async generate(actor: ServerActor, year: number): Promise<{ year: number; created: number; updated: number }> {
    const units = unitsFor(actor, 'report.manage');
    if (units.length === 0) throw new ForbiddenError('forbidden', [], { action: 'report.manage' });
    const calendar = await this.calendar.calendar();
    return this.db.transaction().execute(async (trx) => {
      const obligations = await this.repo.activeObligationsOf(units, trx);
      const r = await generateInstances(trx, this.repo, obligations, year, calendar, this.clock.now());
      if (r.created || r.updated)
        await this.audit.record(trx, actor, { action: 'update', entity: 'report_instances', entityId: String(year), unitId: null, after: r });
      return { year, ...r };
    });
  }
}
