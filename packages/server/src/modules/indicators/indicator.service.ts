import {
  applyOverrides,
  can,
  IndicatorSetContentSchema,
  qd766NationalSet,
  QD766_NATIONAL_VERSION,
  scoreSet,
  unitsFor,
  type IndicatorFigures,
  type IndicatorOverride,
  type IndicatorSetContent,
  type SetScore,
} from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { DossierFactsSource } from '../../platform/metrics/dossier-facts';
import type { IndicatorEntryRow, IndicatorRepository, IndicatorSetRow } from './indicator.repository';
import type {
  BreakdownQuery,
  BreakdownView,
  CreateEntryInput,
  CreateSetInput,
  DrillDown,
  EntryView,
  IndicatorView,
  PeriodQuery,
  Qd766View,
  SetView,
  TrendView,
  UpdateEntryInput,
} from './indicator.schemas';

// QĐ 766 indicators (docs/domain/qd766.md, issue #11 item 3): computed live for any unit (and the units under
// it the actor covers) and period. Computed indicators come from the dossier module's facts (counted in SQL),
// entered ones from the figures people enter per unit and period; the set in force (national or the
// province's own, with its thresholds and targets) turns them into points in the domain.

/** The day the national set takes effect (QĐ 766/QĐ-TTg, in force on signing, 23/6/2022). */
const NATIONAL_EFFECTIVE_FROM = '2022-06-23';
/** At most this many months in a trend. */
const TREND_MONTHS = 24;

const points = (h: number) => h / 100;

export interface IndicatorServiceDeps {
  db: Db;
  /**
   * Where the page, its trend, breakdown and export count the figures: the read replica (DATABASE_READ_URL,
   * docs/deployment.md#read-replica) or the primary. Sets and writes stay on the primary `db`.
   */
  reads?: Db;
  repo: IndicatorRepository;
  facts: DossierFactsSource;
  audit: AuditService;
  clock: Clock;
}

/** A set as stored, its content parsed. */
interface ResolvedSet {
  row: IndicatorSetRow;
  content: IndicatorSetContent;
}

function monthsOf(from: string, to: string): Array<{ month: string; from: string; to: string }> {
  const out: Array<{ month: string; from: string; to: string }> = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (out.length < TREND_MONTHS) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to.slice(0, 7)) break;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const start = `${month}-01` < from ? from : `${month}-01`;
    const end = `${month}-${String(last).padStart(2, '0')}` > to ? to : `${month}-${String(last).padStart(2, '0')}`;
    out.push({ month, from: start, to: end });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export class IndicatorService {
  constructor(private readonly deps: IndicatorServiceDeps) {}

  private get reads(): Db {
    return this.deps.reads ?? this.deps.db;
  }

  /** Writes the national default set once (docs/conventions.md#migrations: seed data at start-up). */
  async seedNational(): Promise<void> {
    await this.deps.repo.insertSet({
      id: QD766_NATIONAL_VERSION,
      ownerUnitId: null,
      key: QD766_NATIONAL_VERSION,
      title: 'QĐ 766/QĐ-TTg (23/6/2022)',
      effectiveFrom: NATIONAL_EFFECTIVE_FROM,
      baseKey: null,
      overridesJson: '[]',
      contentJson: JSON.stringify(qd766NationalSet()),
      version: 1,
      createdBy: null,
      createdAt: this.deps.clock.now(),
    });
  }

  /** `unitId` and the units below it that the actor covers for `action`: 403 with no such unit at all, 404 out of scope. */
  private async scope(actor: ServerActor, unitId: string, action: 'indicator.read' | 'indicator.enter' = 'indicator.read'): Promise<string[]> {
    const units = unitsFor(actor, action);
    if (units.length === 0) throw new ForbiddenError('forbidden', [], { action });
    if (!units.includes(unitId)) throw new NotFoundError('unit.not_found');
    const covered = new Set(units);
    return (await this.deps.repo.subtree(unitId)).filter((u) => covered.has(u));
  }

  /** The set in force for a unit on a day: the nearest owner's (the unit, then its ancestors), latest first; else the national one. */
  async setFor(unitId: string, day: string, db: Db = this.deps.db): Promise<ResolvedSet> {
    const ancestry = await this.deps.repo.ancestry(unitId, db);
    const rows = await this.deps.repo.setsInForce(ancestry, day, db);
    const rank = (r: IndicatorSetRow) => (r.ownerUnitId === null ? ancestry.length : ancestry.indexOf(r.ownerUnitId));
    const row = [...rows].sort((a, b) => rank(a) - rank(b) || (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0))[0];
    if (!row) {
      // Periods before 23/6/2022 score with the national set too (the only one there is).
      await this.seedNational();
      const national = (await this.deps.repo.setByKey(QD766_NATIONAL_VERSION, db))!;
      return { row: national, content: IndicatorSetContentSchema.parse(JSON.parse(national.contentJson)) };
    }
    return { row, content: IndicatorSetContentSchema.parse(JSON.parse(row.contentJson)) };
  }

  /** Figures of every indicator of a set: computed ones from the dossier facts, entered ones summed over the period's entries. */
  private async figures(content: IndicatorSetContent, units: string[], from: string, to: string, db: Db = this.deps.db) {
    const [computed, entered] = await Promise.all([this.deps.facts.figures(db, { unitIds: units, from, to }), this.deps.repo.enteredSums(units, from, to, db)]);
    const figures = new Map<string, IndicatorFigures>();
    for (const d of content.indicators) {
      const f = d.source === 'computed' ? computed.get(d.code) : entered.get(d.code);
      if (f) figures.set(d.code, { numerator: f.numerator, denominator: f.denominator, reference: f.reference });
    }
    return { figures, entered };
  }

  /** The score of units over a period with the set in force for `unitId` on `to` (also the PAR metrics' computation). */
  async scoreOf(
    unitId: string,
    units: string[],
    from: string,
    to: string,
    db: Db = this.deps.db,
    figuresDb: Db = db,
  ): Promise<{ set: ResolvedSet; score: SetScore; entered: Map<string, { entries: number }> }> {
    const set = await this.setFor(unitId, to, db);
    const { figures, entered } = await this.figures(set.content, units, from, to, figuresDb);
    return { set, score: scoreSet(set.content, figures), entered };
  }

  private drill(code: string, from: string, to: string): { numerator: DrillDown | null; denominator: DrillDown | null } {
    // The dossier list filters by receipt day, channel, procedure and queue: 3.3's figures are exactly such lists.
    if (code === '3.3') return { numerator: { queue: 'all', from, to, channel: 'online' }, denominator: { queue: 'all', from, to } };
    return { numerator: null, denominator: null };
  }

  /** GET /api/indicators/766 */
  async report(actor: ServerActor, q: PeriodQuery): Promise<Qd766View> {
    const units = await this.scope(actor, q.unitId);
    const { set, score, entered } = await this.scoreOf(q.unitId, units, q.from, q.to, this.deps.db, this.reads);
    const defs = new Map(set.content.indicators.map((d) => [d.code, d]));
    const names = await this.deps.repo.unitNames([q.unitId]);
    return {
      unitId: q.unitId,
      unitName: names.get(q.unitId) ?? q.unitId,
      from: q.from,
      to: q.to,
      set: { id: set.row.id, key: set.row.key, title: set.row.title, effectiveFrom: set.row.effectiveFrom },
      total: points(score.totalHundredths),
      max: points(score.maxHundredths),
      totalHundredths: score.totalHundredths,
      maxHundredths: score.maxHundredths,
      groups: score.groups.map((g) => ({
        group: g.group,
        name: set.content.groups.find((x) => x.group === g.group)!.name,
        points: points(g.pointsHundredths),
        max: points(g.maxHundredths),
        pointsHundredths: g.pointsHundredths,
        maxHundredths: g.maxHundredths,
        indicators: g.indicators.map((s): IndicatorView => {
          const d = defs.get(s.code)!;
          return {
            code: s.code,
            numerator: s.numerator,
            denominator: s.denominator,
            points: points(s.pointsHundredths),
            max: points(s.maxHundredths),
            pointsHundredths: s.pointsHundredths,
            maxHundredths: s.maxHundredths,
            name: d.name,
            formula: d.formula,
            numeratorLabel: d.numerator,
            denominatorLabel: d.denominator,
            source: d.source,
            unit: d.unit,
            hasData: s.hasData,
            valueHundredths: s.valueHundredths,
            reference: s.reference,
            factorBp: s.factorBp,
            fullAtBp: d.scoring.kind === 'proportional' ? d.scoring.fullAtBp : null,
            targetBp: s.targetBp,
            meetsTarget: s.meetsTarget,
            entries: d.source === 'entered' ? (entered.get(s.code)?.entries ?? 0) : null,
            drill: this.drill(s.code, q.from, q.to),
          };
        }),
      })),
      can: { enter: can(actor, 'indicator.enter', q.unitId), manage: can(actor, 'indicator.manage', q.unitId) },
    };
  }

  /** GET /api/indicators/766/trend: the whole set scored month by month (at most 24 months), with the set in force at the end. */
  async trend(actor: ServerActor, q: PeriodQuery): Promise<TrendView> {
    const units = await this.scope(actor, q.unitId);
    const set = await this.setFor(q.unitId, q.to);
    const months: TrendView['months'] = [];
    for (const m of monthsOf(q.from, q.to)) {
      const { figures } = await this.figures(set.content, units, m.from, m.to, this.reads);
      const score = scoreSet(set.content, figures);
      const values: Record<string, number> = {};
      for (const g of score.groups) for (const i of g.indicators) if (i.valueHundredths !== null) values[i.code] = i.valueHundredths;
      months.push({
        ...m,
        totalHundredths: score.totalHundredths,
        groups: score.groups.map((g) => ({ group: g.group, pointsHundredths: g.pointsHundredths })),
        values,
      });
    }
    return { months };
  }

  /** GET /api/indicators/766/breakdown: the dossier-counted indicators per unit, procedure or sector. */
  async breakdown(actor: ServerActor, q: BreakdownQuery): Promise<BreakdownView> {
    const units = await this.scope(actor, q.unitId);
    const set = await this.setFor(q.unitId, q.to);
    const lines = await this.deps.facts.breakdown(this.reads, { unitIds: units, from: q.from, to: q.to, rootUnitId: q.unitId }, q.by);
    const codes = lines[0] ? [...lines[0].figures.keys()].filter((c) => set.content.indicators.some((d) => d.code === c)) : [];
    return {
      by: q.by,
      codes,
      lines: lines.map((l) => {
        const score = scoreSet({ groups: set.content.groups, indicators: set.content.indicators.filter((d) => codes.includes(d.code)) }, l.figures);
        const byCode = new Map(score.groups.flatMap((g) => g.indicators).map((i) => [i.code, i]));
        return {
          key: l.key,
          name: l.name,
          indicators: codes.map((c) => {
            const i = byCode.get(c)!;
            return {
              code: c,
              numerator: i.numerator,
              denominator: i.denominator,
              valueHundredths: i.valueHundredths,
              pointsHundredths: i.pointsHundredths,
              maxHundredths: i.maxHundredths,
            };
          }),
          drill: l.procedureId ? { queue: 'all', from: q.from, to: q.to, procedureId: l.procedureId } : null,
        };
      }),
    };
  }

  // ---- Entered figures ----

  private entryView(actor: ServerActor, e: IndicatorEntryRow & { unitName: string }): EntryView {
    return {
      id: e.id,
      unitId: e.unitId,
      unitName: e.unitName,
      code: e.code,
      periodFrom: e.periodFrom,
      periodTo: e.periodTo,
      numerator: Number(e.numerator),
      denominator: Number(e.denominator),
      note: e.note,
      enteredBy: e.enteredBy,
      enteredByName: e.enteredByName,
      version: e.version,
      updatedAt: e.updatedAt,
      can: { update: can(actor, 'indicator.enter', e.unitId) },
    };
  }

  /** GET /api/indicators/766/entries: entries of the unit and below overlapping the period. */
  async entries(actor: ServerActor, q: PeriodQuery): Promise<{ items: EntryView[] }> {
    const units = await this.scope(actor, q.unitId);
    return { items: (await this.deps.repo.entries(units, q.from, q.to)).map((e) => this.entryView(actor, e)) };
  }

  private async checkFigures(unitId: string, code: string, periodTo: string, numerator: number, denominator: number, periodFrom?: string): Promise<void> {
    const fields: Array<{ path: string; code: string }> = [];
    if (periodFrom !== undefined && periodFrom > periodTo) fields.push({ path: 'body.periodTo', code: 'indicators.period_order' });
    const set = await this.setFor(unitId, periodTo);
    const d = set.content.indicators.find((x) => x.code === code);
    if (!d) fields.push({ path: 'body.code', code: 'indicators.unknown_code' });
    else if (d.source !== 'entered') fields.push({ path: 'body.code', code: 'indicators.not_entered' });
    if (numerator > denominator) fields.push({ path: 'body.numerator', code: 'indicators.numerator_above_denominator' });
    if (fields.length) throw new ValidationError('validation.failed', fields);
  }

  /** POST /api/indicators/766/entries: one figure pair for a unit, code and period (one per period; 409 when it exists). */
  async createEntry(actor: ServerActor, input: CreateEntryInput): Promise<EntryView> {
    await this.scope(actor, input.unitId, 'indicator.read');
    authorize(actor, 'indicator.enter', input.unitId);
    await this.checkFigures(input.unitId, input.code, input.periodTo, input.numerator, input.denominator, input.periodFrom);
    const id = randomUUID();
    await this.deps.db.transaction().execute(async (trx) => {
      if (await this.deps.repo.samePeriod(input.unitId, input.code, input.periodFrom, input.periodTo, trx))
        throw new ConflictError('indicators.entry_exists', [{ path: 'body.code', code: 'indicators.entry_exists' }]);
      const now = this.deps.clock.now();
      const row = { id, ...input, enteredBy: actor.userId, enteredByName: actor.fullName, version: 1, createdAt: now, updatedAt: now };
      await this.deps.repo.insertEntry(row, trx);
      await this.deps.audit.record(trx, actor, { action: 'create', entity: 'indicator_entry', entityId: id, unitId: input.unitId, after: input });
    });
    return this.entryView(actor, (await this.deps.repo.entryInScope([input.unitId], id))!);
  }

  private async findEntry(actor: ServerActor, id: string, db: Db) {
    const e = await this.deps.repo.entryInScope(unitsFor(actor, 'indicator.read'), id, db);
    if (!e) throw new NotFoundError('indicators.entry_not_found');
    authorize(actor, 'indicator.enter', e.unitId);
    return e;
  }

  /** PATCH /api/indicators/766/entries/:id (optimistic version). */
  async updateEntry(actor: ServerActor, id: string, input: UpdateEntryInput): Promise<EntryView> {
    const current = await this.findEntry(actor, id, this.deps.db);
    await this.checkFigures(current.unitId, current.code, current.periodTo, input.numerator, input.denominator);
    await this.deps.db.transaction().execute(async (trx) => {
      const e = await this.findEntry(actor, id, trx);
      const patch = {
        numerator: input.numerator,
        denominator: input.denominator,
        note: input.note,
        enteredBy: actor.userId,
        enteredByName: actor.fullName,
        updatedAt: this.deps.clock.now(),
      };
      if (e.version !== input.version || !(await this.deps.repo.updateEntry(id, input.version, patch, trx)))
        throw new ConflictError('conflict.stale_version', [], { current: this.entryView(actor, e) });
      await this.deps.audit.record(trx, actor, {
        action: 'update',
        entity: 'indicator_entry',
        entityId: id,
        unitId: e.unitId,
        before: { numerator: Number(e.numerator), denominator: Number(e.denominator), note: e.note },
        after: { numerator: input.numerator, denominator: input.denominator, note: input.note },
      });
    });
    return this.entryView(actor, (await this.deps.repo.entryInScope([current.unitId], id))!);
  }

  /** DELETE /api/indicators/766/entries/:id?version= */
  async deleteEntry(actor: ServerActor, id: string, version: number): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const e = await this.findEntry(actor, id, trx);
      if (e.version !== version || !(await this.deps.repo.deleteEntry(id, version, trx)))
        throw new ConflictError('conflict.stale_version', [], { current: this.entryView(actor, e) });
      await this.deps.audit.record(trx, actor, {
        action: 'delete',
        entity: 'indicator_entry',
        entityId: id,
        unitId: e.unitId,
        before: { code: e.code, periodFrom: e.periodFrom, periodTo: e.periodTo, numerator: Number(e.numerator), denominator: Number(e.denominator) },
      });
    });
  }

  // ---- Indicator sets ----

  private async setView(rows: IndicatorSetRow[]): Promise<SetView[]> {
    const names = await this.deps.repo.unitNames(rows.flatMap((r) => (r.ownerUnitId ? [r.ownerUnitId] : [])));
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      ownerUnitId: r.ownerUnitId,
      ownerUnitName: r.ownerUnitId ? (names.get(r.ownerUnitId) ?? null) : null,
      title: r.title,
      effectiveFrom: r.effectiveFrom,
      baseKey: r.baseKey,
      overrides: JSON.parse(r.overridesJson) as IndicatorOverride[],
      createdAt: r.createdAt,
    }));
  }

  /** GET /api/indicators/766/sets: the national set and the sets of the units the actor reads indicators of (and their ancestors). */
  async sets(actor: ServerActor): Promise<{ items: SetView[] }> {
    const units = unitsFor(actor, 'indicator.read');
    if (units.length === 0) throw new ForbiddenError('forbidden', [], { action: 'indicator.read' });
    const owners = new Set(units);
    for (const g of actor.grants) for (const a of await this.deps.repo.ancestry(g.unitId)) owners.add(a);
    return { items: await this.setView(await this.deps.repo.listSets([...owners])) };
  }

  /**
   * POST /api/indicators/766/sets: a unit's own set from the one in force for it on `effectiveFrom` and
   * its overrides (maxima, thresholds, targets); a new version, earlier ones stay as history.
   */
  async createSet(actor: ServerActor, input: CreateSetInput): Promise<SetView> {
    if (!(await this.deps.repo.unitExists(input.ownerUnitId)) || !unitsFor(actor, 'indicator.read').includes(input.ownerUnitId)) {
      if (unitsFor(actor, 'indicator.read').length === 0 && unitsFor(actor, 'indicator.manage').length === 0)
        throw new ForbiddenError('forbidden', [], { action: 'indicator.manage' });
      throw new NotFoundError('unit.not_found');
    }
    authorize(actor, 'indicator.manage', input.ownerUnitId);
    const base = await this.setFor(input.ownerUnitId, input.effectiveFrom);
    const { content, issues } = applyOverrides(base.content, input.overrides);
    if (issues.length)
      throw new ValidationError(
        'validation.failed',
        issues.map((i) => ({ path: `body.overrides.${i.index}.code`, code: i.code })),
      );
    const id = randomUUID();
    const row: IndicatorSetRow = {
      id,
      ownerUnitId: input.ownerUnitId,
      key: `${QD766_NATIONAL_VERSION}:${input.ownerUnitId}:${id.slice(0, 8)}`,
      title: input.title,
      effectiveFrom: input.effectiveFrom,
      baseKey: base.row.key,
      overridesJson: JSON.stringify(input.overrides),
      contentJson: JSON.stringify(content),
      version: 1,
      createdBy: actor.userId,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insertSet(row, trx);
      await this.deps.audit.record(trx, actor, {
        action: 'create',
        entity: 'indicator_set',
        entityId: id,
        unitId: input.ownerUnitId,
        after: { title: input.title, effectiveFrom: input.effectiveFrom, baseKey: base.row.key, overrides: input.overrides },
      });
    });
    return (await this.setView([row]))[0]!;
  }

  /** The unit's name and the resolved view's pieces for the Excel export. */
  async exportData(actor: ServerActor, q: PeriodQuery): Promise<{ view: Qd766View; lines: BreakdownView }> {
    const [view, lines] = await Promise.all([this.report(actor, q), this.breakdown(actor, { ...q, by: 'unit' })]);
    return { view, lines };
  }
}
