import {
  can,
  canAnywhere,
  checkPublishedResult,
  classifyBand,
  computeScorecard,
  DomainInputError,
  parseHundredths,
  pointsAtRisk,
  projectScores,
  rankAgencies,
  recoveryHint,
  unitsFor,
  type CriteriaSet,
  type Hundredths,
  type NodeValues,
  type PublishedResult,
  type RuleInput,
  type Scorecard,
  type ScoreLayer,
} from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { FileOwner } from '../../platform/files/files.service';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import type { MetricValue } from '../../platform/metrics/metric-types';
import { bindingIssues, type MetricRegistry } from './metric-registry';
import { bandsOf, domainSet, type AssessmentRow, type CriterionRow, type EvidenceRow, type ParRepository, type ScoreRow, type SetRow } from './par.repository';
import type { AppraisalInput, AssessmentStatus, AssessmentViewT, EvidenceViewT, PublishedResultInput, SelfScoreInput } from './par.schemas';

/** Everything needed to compute an assessment's scorecard. */
export interface Loaded {
  a: AssessmentRow;
  set: SetRow;
  rows: CriterionRow[];
  dset: CriteriaSet;
  scores: Map<string, ScoreRow>;
  links: Array<{ evidenceId: string; criterionId: string }>;
  agencyName: string;
}

/** Where a projected row's points come from: the metric, a score entered by hand, or nowhere yet. */
export type ProjectionSource = 'data' | 'score' | 'unknown';

/** The PAR headline of an agency (hundredths); `projected` is null while no row is scored. */
export interface ProjectionSummary {
  projected: number | null;
  atRisk: number;
  unknown: number;
}

const APPRAISAL_STATUSES: readonly AssessmentStatus[] = ['submitted', 'appraising', 'explaining'];

/** The layer a total is read from: the most advanced one with any points. */
export function currentLayer(card: Scorecard): ScoreLayer {
  for (const l of ['final', 'appraised', 'self'] as const) if (card.total.layers[l].points !== null) return l;
  return 'self';
}

function valuesOf(l: Pick<Loaded, 'scores' | 'rows'>, extra?: ReadonlyMap<string, Hundredths | null>): Map<string, NodeValues> {
  const sumRows = new Set(l.rows.filter((r) => JSON.parse(r.ruleJson).kind === 'sum').map((r) => r.id));
  const values = new Map<string, NodeValues>();
  for (const s of l.scores.values()) {
    if (sumRows.has(s.criterionId)) {
      if (s.notApplicable === 1) values.set(s.criterionId, { notApplicable: true });
      continue;
    }
    values.set(s.criterionId, {
      self: s.selfHundredths as Hundredths | null,
      appraised: s.appraisedHundredths as Hundredths | null,
      final: s.finalHundredths as Hundredths | null,
      notApplicable: s.notApplicable === 1,
    });
  }
  if (extra) for (const [id, p] of extra) values.set(id, { ...(values.get(id) ?? {}), projected: p });
  return values;
}

function scoreView(s: ScoreRow) {
  return {
    criterionId: s.criterionId,
    selfHundredths: s.selfHundredths,
    selfNote: s.selfNote,
    appraisedHundredths: s.appraisedHundredths,
    appraiserComment: s.appraiserComment,
    finalHundredths: s.finalHundredths,
    notApplicable: s.notApplicable === 1,
    version: s.version,
  };
}

function emptyScore(assessmentId: string, criterionId: string): ScoreRow {
  return { assessmentId, criterionId, selfHundredths: null, selfNote: null, appraisedHundredths: null, appraiserComment: null, finalHundredths: null, notApplicable: 0, version: 0 };
}

/**
 * A published field score spread over the rows below a summing field: deduction rows lose first, then the
 * manual rows, then the others, each at most its maximum (field 7 of 2019: 6.50 of 10.00 → 7.1 = 0,
 * 7.2 = 0, 7.3 = 6.50; field 1: 10.25 of 11.00 → the manual rest 1.5 = 5.25, where DOMAIN's reading of the
 * document puts the loss, the missing PAR initiative, and the plan and report rows full).
 */
export function spreadFieldScore(children: readonly { id: string; max: number; deduction: boolean; manual?: boolean }[], score: number): Map<string, number> {
  let deficit = children.reduce((s, c) => s + c.max, 0) - score;
  const out = new Map<string, number>();
  const rank = (c: (typeof children)[number]) => (c.deduction ? 0 : c.manual ? 1 : 2);
  for (const c of [...children].sort((a, b) => rank(a) - rank(b))) {
    const lost = Math.max(0, Math.min(deficit, c.max));
    deficit -= lost;
    out.set(c.id, c.max - lost);
  }
  return out;
}

export class ParAssessmentService {
  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly metrics: MetricRegistry,
  ) {}

  // ---- loading and scope -------------------------------------------------------------------

  async load(id: string, db: Db = this.db): Promise<Loaded | undefined> {
    const l = await this.repo.loadAssessment(id, db);
    if (!l) return undefined;
    return { ...l, dset: domainSet(l.set, l.rows), scores: new Map(l.scores.map((s) => [s.criterionId, s])) };
  }

  /** Readable: the agency is in scope, or the result is published. Anything else reads as absent. */
  private async findVisible(actor: ServerActor, id: string, db: Db = this.db): Promise<Loaded> {
    if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
    const l = await this.load(id, db);
    if (!l || !(can(actor, 'par.read', l.a.agencyUnitId) || l.a.status === 'published')) throw new NotFoundError('par.assessment_not_found');
    return l;
  }

  /**
   * Writable only where the actor reads PAR data (every PAR role reads; the write itself is authorized
   * after); a published result of another agency is still absent for writes.
   */
  private async findInScope(actor: ServerActor, id: string, db: Db): Promise<Loaded> {
    const l = await this.load(id, db);
    if (!l || !can(actor, 'par.read', l.a.agencyUnitId)) throw new NotFoundError('par.assessment_not_found');
    return l;
  }

  private criterion(l: Loaded, criterionId: string): CriterionRow {
    const r = l.rows.find((x) => x.id === criterionId);
    if (!r) throw new NotFoundError('par.criterion_not_found');
    return r;
  }

  // ---- views --------------------------------------------------------------------------------

  summaryOf(l: Loaded, card: Scorecard = computeScorecard(l.dset, valuesOf(l))) {
    const layer = currentLayer(card);
    const total = card.total.layers[layer];
    const computed = total.points;
    const reported = l.a.reportedTotalHundredths;
    const index = total.indexBasisPoints;
    return {
      computedTotalHundredths: computed,
      reportedTotalHundredths: reported,
      totalsDiffer: reported !== null && computed !== null && reported !== computed,
      maxHundredths: card.total.maxHundredths,
      percentBasisPoints: index,
      band: index === null ? null : (classifyBand(index, bandsOf(l.set))?.code ?? null),
    };
  }

  view(actor: ServerActor, l: Loaded): AssessmentViewT {
    const card = computeScorecard(l.dset, valuesOf(l));
    const byId = new Map(l.rows.map((r) => [r.id, r]));
    const linked = new Set(l.links.map((x) => x.criterionId));
    const evidenceCount = (id: string) => l.links.filter((x) => x.criterionId === id).length;
    const needsEvidence = (line: Scorecard['lines'][number]) => {
      const r = byId.get(line.nodeId)!;
      return line.isScored && line.countsTowardTotal && !line.notApplicable && r.evidenceRequired === 1 && r.notSelfScored === 0;
    };
    const rootOf = (id: string): string => {
      let r = byId.get(id)!;
      while (r.parentId && byId.has(r.parentId)) r = byId.get(r.parentId)!;
      return r.id;
    };
    const completeness = card.lines
      .filter((line) => line.parentId === null)
      .map((root) => {
        const rows = card.lines.filter((line) => needsEvidence(line) && rootOf(line.nodeId) === root.nodeId);
        return { nodeId: root.nodeId, code: root.code, required: rows.length, withEvidence: rows.filter((line) => linked.has(line.nodeId)).length };
      });
    let publishedCheck: AssessmentViewT['publishedCheck'] = null;
    if (l.a.publishedFieldsJson) {
      const c = checkPublishedResult(JSON.parse(l.a.publishedFieldsJson) as PublishedResult, l.dset.rounding);
      publishedCheck = { computedTotalHundredths: c.computedTotal, reportedTotalHundredths: c.reportedTotal, differs: c.differs, differenceHundredths: c.difference, percentMismatches: [...c.percentMismatches] };
    }
    const inScope = can(actor, 'par.read', l.a.agencyUnitId);
    const status = l.a.status as AssessmentStatus;
    const selfAssess = inScope && can(actor, 'par.self_assess', l.a.agencyUnitId);
    const appraise = inScope && can(actor, 'par.appraise', l.a.agencyUnitId);
    const manage = can(actor, 'par.manage_cycle', l.set.ownerUnitId);
    return {
      id: l.a.id,
      setId: l.a.setId,
      agencyUnitId: l.a.agencyUnitId,
      agencyName: l.agencyName,
      year: l.a.year,
      status,
      version: l.a.version,
      reportedRank: l.a.reportedRank,
      rankGroupSize: l.a.rankGroupSize,
      publishedRef: l.a.publishedRef,
      ...this.summaryOf(l, card),
      total: card.total,
      lines: card.lines.map((line) => {
        const r = byId.get(line.nodeId)!;
        const s = l.scores.get(line.nodeId);
        return {
          nodeId: line.nodeId,
          parentId: line.parentId,
          code: line.code,
          title: line.title,
          level: line.level,
          depth: line.depth,
          isScored: line.isScored,
          countsTowardTotal: line.countsTowardTotal,
          applicable: !line.notApplicable,
          maxHundredths: line.maxHundredths,
          applicableMaxHundredths: line.applicableMaxHundredths,
          responsibleUnitId: line.responsibleUnitId,
          metric: line.metric,
          evidenceRequired: r.evidenceRequired === 1,
          notSelfScored: r.notSelfScored === 1,
          layers: line.layers,
          score: { selfNote: s?.selfNote ?? null, appraiserComment: s?.appraiserComment ?? null, version: s?.version ?? 0, evidenceCount: evidenceCount(line.nodeId) },
        };
      }),
      completeness,
      publishedCheck,
      can: {
        selfAssess: selfAssess && (status === 'self_assessing' || status === 'explaining'),
        appraise: appraise && APPRAISAL_STATUSES.includes(status),
        submit: selfAssess && (status === 'self_assessing' || status === 'explaining'),
        requestExplanation: appraise && (status === 'submitted' || status === 'appraising'),
        finalize: manage && APPRAISAL_STATUSES.includes(status),
        publish: manage && status === 'final',
      },
    };
  }

  // ---- reads --------------------------------------------------------------------------------

  async get(actor: ServerActor, id: string) {
    return this.view(actor, await this.findVisible(actor, id));
  }

  async loadVisible(actor: ServerActor, id: string) {
    return this.findVisible(actor, id);
  }

  private async loadMany(actor: ServerActor, filter: { year?: number | undefined; agencyUnitId?: string }) {
    if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
    const rows = await this.repo.listAssessments(unitsFor(actor, 'par.read'), filter);
    const out: Loaded[] = [];
    for (const r of rows) out.push((await this.load(r.id))!);
    return out;
  }

  async list(actor: ServerActor, year: number | undefined) {
    const loaded = await this.loadMany(actor, { year });
    const summaries = loaded.map((l) => ({ l, s: this.summaryOf(l) }));
    const ranks = new Map<string, number | null>();
    for (const r of this.rank(summaries)) ranks.set(r.agencyId, r.rank);
    return summaries.map(({ l, s }) => ({
      id: l.a.id,
      agencyUnitId: l.a.agencyUnitId,
      agencyName: l.agencyName,
      year: l.a.year,
      status: l.a.status as AssessmentStatus,
      ...s,
      rank: l.a.reportedRank ?? ranks.get(l.a.id) ?? null,
    }));
  }

  /** Ranks finished assessments (final or published) per year and scope; ties share a rank. */
  private rank(entries: Array<{ l: Loaded; s: ReturnType<ParAssessmentService['summaryOf']> }>) {
    const groups = new Map<string, typeof entries>();
    for (const e of entries) {
      if (e.l.a.status !== 'final' && e.l.a.status !== 'published') continue;
      const key = `${e.l.a.year}:${e.l.set.scope}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    return [...groups.values()].flatMap((g) =>
      rankAgencies(g.map((e) => ({ agencyId: e.l.a.id, indexBasisPoints: e.s.percentBasisPoints ?? 0, ranked: e.s.percentBasisPoints !== null }))),
    );
  }

  async rankings(actor: ServerActor, year: number, scope: string | undefined) {
    const loaded = (await this.loadMany(actor, { year })).filter((l) => scope === undefined || l.set.scope === scope);
    const entries = loaded.map((l) => ({ l, s: this.summaryOf(l) }));
    const byId = new Map(entries.map((e) => [e.l.a.id, e]));
    return this.rank(entries).map((r) => {
      const e = byId.get(r.agencyId)!;
      return { assessmentId: e.l.a.id, agencyUnitId: e.l.a.agencyUnitId, agencyName: e.l.agencyName, indexBasisPoints: r.indexBasisPoints, ranked: r.ranked, rank: r.rank, groupSize: r.groupSize, band: e.s.band };
    });
  }

  async history(actor: ServerActor, unitId: string) {
    const loaded = (await this.loadMany(actor, { agencyUnitId: unitId })).sort((x, y) => x.a.year - y.a.year);
    if (loaded.length === 0 && !can(actor, 'unit.read', unitId)) throw new NotFoundError('unit.not_found');
    let previous: number | null = null;
    return loaded.map((l) => {
      const s = this.summaryOf(l);
      const change = previous === null || s.computedTotalHundredths === null ? null : s.computedTotalHundredths - previous;
      previous = s.computedTotalHundredths;
      return {
        assessmentId: l.a.id,
        year: l.a.year,
        status: l.a.status as AssessmentStatus,
        computedTotalHundredths: s.computedTotalHundredths,
        reportedTotalHundredths: s.reportedTotalHundredths,
        maxHundredths: s.maxHundredths,
        percentBasisPoints: s.percentBasisPoints,
        reportedRank: l.a.reportedRank,
        rankGroupSize: l.a.rankGroupSize,
        band: s.band,
        changeHundredths: change,
      };
    });
  }

  // ---- cycle --------------------------------------------------------------------------------

  /** Creates an assessment of an agency on a set (no authorization: callers check). */
  async createIn(db: Db, actor: ServerActor | null, set: SetRow, agencyUnitId: string, status: AssessmentStatus = 'self_assessing'): Promise<AssessmentRow> {
    const dup = await db.selectFrom('parAssessments').select('id').where('agencyUnitId', '=', agencyUnitId).where('year', '=', set.year).executeTakeFirst();
    if (dup) throw new ConflictError('par.assessment_exists', [], { id: dup.id });
    const now = this.clock.now();
    const row: AssessmentRow = { id: randomUUID(), setId: set.id, agencyUnitId, year: set.year, status, reportedTotalHundredths: null, reportedRank: null, rankGroupSize: null, publishedRef: null, publishedFieldsJson: null, version: 1, createdAt: now, updatedAt: now };
    await db.insertInto('parAssessments').values(row).execute();
    await this.audit.record(db, actor, { action: 'create', entity: 'par_assessment', entityId: row.id, unitId: agencyUnitId, after: row });
    return row;
  }

  private async setForAgency(actor: ServerActor, setId: string, agencyUnitId: string, db: Db): Promise<SetRow> {
    if (!can(actor, 'unit.read', agencyUnitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'par.manage_cycle', agencyUnitId);
    const set = await this.repo.findSet(setId, db);
    const ancestors = await this.repo.ancestorsOf(agencyUnitId, db);
    const visible = set && (can(actor, 'par.read', set.ownerUnitId) || ancestors.includes(set.ownerUnitId));
    if (!set || !visible) throw new NotFoundError('par.set_not_found');
    if (!ancestors.includes(set.ownerUnitId)) throw new ValidationError('par.agency_outside_set', [{ path: 'body.agencyUnitId', code: 'par.agency_outside_set' }]);
    return set;
  }

  async create(actor: ServerActor, input: { setId: string; agencyUnitId: string }) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.setForAgency(actor, input.setId, input.agencyUnitId, trx);
      if (set.status !== 'active') throw new ConflictError('par.set_not_active');
      const a = await this.createIn(trx, actor, set, input.agencyUnitId);
      return this.view(actor, (await this.load(a.id, trx))!);
    });
  }

  private async writeScore(trx: Db, actor: ServerActor | null, l: Loaded, before: ScoreRow, next: ScoreRow, expectedVersion: number) {
    if (!(await this.repo.saveScore(trx, expectedVersion, next))) throw new ConflictError('conflict.stale_version', [], { current: scoreView(before) });
    const saved = { ...next, version: expectedVersion + 1 };
    await this.audit.record(trx, actor, { action: before.version === 0 ? 'create' : 'update', entity: 'par_score', entityId: `${l.a.id}:${next.criterionId}`, unitId: l.a.agencyUnitId, before: before.version === 0 ? null : scoreView(before), after: scoreView(saved) });
    return saved;
  }

  private checkRange(r: CriterionRow, value: number | null | undefined, path: string): void {
    if (value === null || value === undefined) return;
    const rule = JSON.parse(r.ruleJson) as { kind: string; cap?: number };
    const ceiling = rule.kind === 'bonus' && typeof rule.cap === 'number' ? rule.cap : r.maxHundredths;
    if (value > ceiling) throw new ValidationError('par.score_out_of_range', [{ path, code: 'par.score_out_of_range' }], { max: ceiling });
  }

  async selfScore(actor: ServerActor, id: string, criterionId: string, input: SelfScoreInput) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      authorize(actor, 'par.self_assess', l.a.agencyUnitId);
      const r = this.criterion(l, criterionId);
      const isSum = (JSON.parse(r.ruleJson) as { kind: string }).kind === 'sum';
      const changesScore = input.selfHundredths !== undefined;
      if ((isSum && changesScore) || (r.notSelfScored === 1 && changesScore)) {
        throw new ValidationError('par.criterion_not_self_scored', [{ path: 'params.criterionId', code: 'par.criterion_not_self_scored' }]);
      }
      if (l.a.status === 'explaining') {
        if (changesScore || input.notApplicable !== undefined) throw new ConflictError('par.assessment_locked', [], { status: l.a.status });
      } else if (l.a.status !== 'self_assessing') throw new ConflictError('par.assessment_locked', [], { status: l.a.status });
      this.checkRange(r, input.selfHundredths, 'body.selfHundredths');
      const before = l.scores.get(criterionId) ?? emptyScore(l.a.id, criterionId);
      if (before.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: scoreView(before) });
      const next: ScoreRow = { ...before };
      if (input.selfHundredths !== undefined) next.selfHundredths = input.selfHundredths;
      if (input.selfNote !== undefined) next.selfNote = input.selfNote;
      if (input.notApplicable !== undefined) next.notApplicable = input.notApplicable ? 1 : 0;
      return scoreView(await this.writeScore(trx, actor, l, before, next, input.version));
    });
  }

  async appraise(actor: ServerActor, id: string, criterionId: string, input: AppraisalInput) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      authorize(actor, 'par.appraise', l.a.agencyUnitId);
      const r = this.criterion(l, criterionId);
      if ((JSON.parse(r.ruleJson) as { kind: string }).kind === 'sum') {
        throw new ValidationError('par.criterion_not_scored', [{ path: 'params.criterionId', code: 'par.criterion_not_scored' }]);
      }
      if (!APPRAISAL_STATUSES.includes(l.a.status as AssessmentStatus)) throw new ConflictError('par.assessment_locked', [], { status: l.a.status });
      this.checkRange(r, input.appraisedHundredths, 'body.appraisedHundredths');
      const before = l.scores.get(criterionId) ?? emptyScore(l.a.id, criterionId);
      if (before.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: scoreView(before) });
      const next: ScoreRow = { ...before, appraisedHundredths: input.appraisedHundredths };
      if (input.appraiserComment !== undefined) next.appraiserComment = input.appraiserComment;
      const saved = await this.writeScore(trx, actor, l, before, next, input.version);
      if (l.a.status === 'submitted') await this.transition(trx, actor, l, l.a.version, 'appraising');
      return scoreView(saved);
    });
  }

  private async transition(trx: Db, actor: ServerActor, l: Loaded, version: number, status: AssessmentStatus, extra: Partial<AssessmentRow> = {}) {
    if (l.a.version !== version) throw new ConflictError('conflict.stale_version', [], { version: l.a.version });
    const patch = { status, updatedAt: this.clock.now(), ...extra };
    if (!(await this.repo.touchAssessment(trx, l.a.id, version, patch))) throw new ConflictError('conflict.stale_version');
    await this.audit.record(trx, actor, { action: `par_${status}`, entity: 'par_assessment', entityId: l.a.id, unitId: l.a.agencyUnitId, before: { status: l.a.status, version }, after: { ...patch, version: version + 1 } });
  }

  /** Self-assessment → submitted (explanation round → back to appraising). Every self-scored row needs a score, and evidence or a note where required. */
  async submit(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      authorize(actor, 'par.self_assess', l.a.agencyUnitId);
      if (l.a.status !== 'self_assessing' && l.a.status !== 'explaining') throw new ConflictError('par.wrong_status', [], { status: l.a.status });
      if (l.a.status === 'self_assessing') {
        const card = computeScorecard(l.dset, valuesOf(l));
        const byId = new Map(l.rows.map((r) => [r.id, r]));
        const linked = new Set(l.links.map((x) => x.criterionId));
        const fields: FieldError[] = [];
        for (const line of card.lines) {
          const r = byId.get(line.nodeId)!;
          if (!line.isScored || !line.countsTowardTotal || line.notApplicable || r.notSelfScored === 1) continue;
          const s = l.scores.get(line.nodeId);
          if (s?.selfHundredths === null || s?.selfHundredths === undefined) fields.push({ path: `scores.${line.code}`, code: 'par.score_missing' });
          else if (r.evidenceRequired === 1 && !linked.has(line.nodeId) && !(s.selfNote ?? '').trim()) fields.push({ path: `scores.${line.code}`, code: 'par.evidence_missing' });
        }
        if (fields.length > 0) throw new ValidationError('par.submit_incomplete', fields);
      }
      await this.transition(trx, actor, l, version, l.a.status === 'explaining' ? 'appraising' : 'submitted');
      return this.view(actor, (await this.load(id, trx))!);
    });
  }

  async requestExplanation(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      authorize(actor, 'par.appraise', l.a.agencyUnitId);
      if (l.a.status !== 'submitted' && l.a.status !== 'appraising') throw new ConflictError('par.wrong_status', [], { status: l.a.status });
      await this.transition(trx, actor, l, version, 'explaining');
      return this.view(actor, (await this.load(id, trx))!);
    });
  }

  /** The province's PAR secretariat fixes the final layer: appraised where given, else self. */
  async finalize(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      authorize(actor, 'par.manage_cycle', l.set.ownerUnitId);
      if (!APPRAISAL_STATUSES.includes(l.a.status as AssessmentStatus)) throw new ConflictError('par.wrong_status', [], { status: l.a.status });
      for (const r of l.rows) {
        if ((JSON.parse(r.ruleJson) as { kind: string }).kind === 'sum') continue;
        const before = l.scores.get(r.id);
        if (!before) continue;
        const final = before.appraisedHundredths ?? (r.notSelfScored === 1 ? null : before.selfHundredths);
        if (final === before.finalHundredths) continue;
        await this.writeScore(trx, actor, l, before, { ...before, finalHundredths: final }, before.version);
      }
      await this.transition(trx, actor, l, version, 'final');
      return this.view(actor, (await this.load(id, trx))!);
    });
  }

  async publish(actor: ServerActor, id: string, input: { version: number; reportedRank?: number | null | undefined; rankGroupSize?: number | null | undefined; publishedRef?: string | null | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      authorize(actor, 'par.manage_cycle', l.set.ownerUnitId);
      if (l.a.status !== 'final') throw new ConflictError('par.wrong_status', [], { status: l.a.status });
      const card = computeScorecard(l.dset, valuesOf(l));
      await this.transition(trx, actor, l, input.version, 'published', {
        reportedTotalHundredths: l.a.reportedTotalHundredths ?? card.total.layers.final.points,
        reportedRank: input.reportedRank ?? l.a.reportedRank,
        rankGroupSize: input.rankGroupSize ?? l.a.rankGroupSize,
        publishedRef: input.publishedRef ?? l.a.publishedRef,
      });
      return this.view(actor, (await this.load(id, trx))!);
    });
  }

  /**
   * Enters a historical result as published: field scores as strings, the reported total, the rank. The total
   * is recomputed (checkPublishedResult) and a difference is flagged, never "fixed" (docs/domain/par-index.md#worked-example-the-2019-scorecard).
   */
  async enterPublishedIn(db: Db, actor: ServerActor | null, set: SetRow, input: PublishedResultInput): Promise<AssessmentRow> {
    const rows = await this.repo.criteriaOf(set.id, db);
    const roots = new Map(rows.filter((r) => r.parentId === null).map((r) => [r.code, r]));
    const fields: FieldError[] = [];
    const finals = new Map<string, number>();
    const published: PublishedResult['fields'] = [];
    input.fields.forEach((f, i) => {
      const root = roots.get(f.code);
      if (!root) return void fields.push({ path: `body.fields.${i}.code`, code: 'par.unknown_field' });
      let score: number;
      try {
        score = parseHundredths(f.score);
      } catch {
        return void fields.push({ path: `body.fields.${i}.score`, code: 'par.figure_invalid' });
      }
      if (score < 0 || score > root.maxHundredths) return void fields.push({ path: `body.fields.${i}.score`, code: 'par.score_out_of_range' });
      published.push({ code: f.code, title: root.title, max: (root.maxHundredths / 100).toFixed(2), score: f.score, ...(f.publishedPercent ? { publishedPercent: f.publishedPercent } : {}) });
      if ((JSON.parse(root.ruleJson) as { kind: string }).kind !== 'sum') return void finals.set(root.id, score);
      const children = rows.filter((r) => r.parentId === root.id).map((r) => {
        const kind = (JSON.parse(r.ruleJson) as { kind: string }).kind;
        return { id: r.id, max: r.maxHundredths, deduction: kind === 'deduction', manual: kind === 'manual' };
      });
      for (const [cid, v] of spreadFieldScore(children, score)) finals.set(cid, v);
    });
    try {
      parseHundredths(input.reportedTotal);
    } catch {
      fields.push({ path: 'body.reportedTotal', code: 'par.figure_invalid' });
    }
    if (fields.length > 0) throw new ValidationError('par.published_invalid', fields);
    const result: PublishedResult = { year: set.year, reportedTotal: input.reportedTotal, fields: published };
    const check = checkPublishedResult(result, set.rounding as CriteriaSet['rounding']);
    const a = await this.createIn(db, actor, set, input.agencyUnitId, 'published');
    const patch = { reportedTotalHundredths: check.reportedTotal, reportedRank: input.rank ?? null, rankGroupSize: input.groupSize ?? null, publishedRef: input.publishedRef ?? null, publishedFieldsJson: JSON.stringify(result) };
    await db.updateTable('parAssessments').set(patch).where('id', '=', a.id).execute();
    for (const [criterionId, v] of finals) await db.insertInto('parScores').values({ ...emptyScore(a.id, criterionId), finalHundredths: v, version: 1 }).execute();
    await this.audit.record(db, actor, { action: 'par_published_entered', entity: 'par_assessment', entityId: a.id, unitId: a.agencyUnitId, after: { ...patch, check: { computedTotal: check.computedTotal, reportedTotal: check.reportedTotal, differs: check.differs } } });
    return { ...a, ...patch };
  }

  async enterPublished(actor: ServerActor, input: PublishedResultInput) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.setForAgency(actor, input.setId, input.agencyUnitId, trx);
      const a = await this.enterPublishedIn(trx, actor, set, input);
      return this.view(actor, (await this.load(a.id, trx))!);
    });
  }

  // ---- evidence -----------------------------------------------------------------------------

  private evidenceView(e: EvidenceRow, links: Loaded['links']): EvidenceViewT {
    return {
      id: e.id,
      assessmentId: e.assessmentId,
      numberSymbol: e.numberSymbol,
      issuedOn: e.issuedOn,
      issuer: e.issuer,
      title: e.title,
      attachmentId: e.attachmentId,
      criterionIds: links.filter((x) => x.evidenceId === e.id).map((x) => x.criterionId),
      version: e.version,
      createdAt: e.createdAt,
    };
  }

  async listEvidence(actor: ServerActor, id: string) {
    const l = await this.findVisible(actor, id);
    return (await this.repo.evidenceOf(l.a.id)).map((e) => this.evidenceView(e, l.links));
  }

  private async checkAttachment(trx: Db, evidenceId: string, attachmentId: string | null | undefined) {
    if (!attachmentId) return;
    const att = await trx.selectFrom('attachments').select('id').where('id', '=', attachmentId).where('ownerEntity', '=', 'par_evidence').where('ownerId', '=', evidenceId).executeTakeFirst();
    if (!att) throw new ValidationError('par.attachment_invalid', [{ path: 'body.attachmentId', code: 'par.attachment_invalid' }]);
  }

  /** Adds an evidence record (no authorization: callers check); used by the demo seeder too. */
  async addEvidenceIn(trx: Db, actor: ServerActor | null, l: Loaded, input: { numberSymbol: string; issuedOn?: string | null | undefined; issuer?: string | null | undefined; title: string; criterionIds?: string[] | undefined }) {
    const ids = input.criterionIds ?? [];
    const fields = ids.flatMap((cid, i) => (l.rows.some((r) => r.id === cid) ? [] : [{ path: `body.criterionIds.${i}`, code: 'par.criterion_not_found' }]));
    if (fields.length > 0) throw new ValidationError('par.criterion_not_found', fields);
    const row: EvidenceRow = { id: randomUUID(), assessmentId: l.a.id, numberSymbol: input.numberSymbol, issuedOn: input.issuedOn ?? null, issuer: input.issuer ?? null, title: input.title, attachmentId: null, version: 1, createdAt: this.clock.now() };
    await trx.insertInto('parEvidence').values(row).execute();
    for (const cid of new Set(ids)) await trx.insertInto('parEvidenceLinks').values({ evidenceId: row.id, criterionId: cid }).execute();
    await this.audit.record(trx, actor, { action: 'create', entity: 'par_evidence', entityId: row.id, unitId: l.a.agencyUnitId, after: { ...row, criterionIds: ids } });
    return this.evidenceView(row, [...new Set(ids)].map((criterionId) => ({ evidenceId: row.id, criterionId })));
  }

  async addEvidence(actor: ServerActor, id: string, input: Parameters<ParAssessmentService['addEvidenceIn']>[3] & { attachmentId?: string | null | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.findInScope(actor, id, trx);
      evidenceWritable(actor, l.a);
      if (input.attachmentId) throw new ValidationError('par.attachment_invalid', [{ path: 'body.attachmentId', code: 'par.attachment_invalid' }]);
      return this.addEvidenceIn(trx, actor, l, input);
    });
  }

  private async evidenceInScope(actor: ServerActor, evidenceId: string, trx: Db) {
    const e = await this.repo.findEvidence(evidenceId, trx);
    if (!e) throw new NotFoundError('par.evidence_not_found');
    const l = await this.load(e.assessmentId, trx);
    if (!l || !can(actor, 'par.read', l.a.agencyUnitId)) throw new NotFoundError('par.evidence_not_found');
    evidenceWritable(actor, l.a);
    return { e, l };
  }

  async updateEvidence(actor: ServerActor, evidenceId: string, input: { version: number; numberSymbol?: string | undefined; issuedOn?: string | null | undefined; issuer?: string | null | undefined; title?: string | undefined; attachmentId?: string | null | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const { e, l } = await this.evidenceInScope(actor, evidenceId, trx);
      if (e.version !== input.version) throw new ConflictError('conflict.stale_version');
      await this.checkAttachment(trx, e.id, input.attachmentId);
      const { version, ...rest } = input;
      const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<EvidenceRow>;
      const r = await trx.updateTable('parEvidence').set({ ...patch, version: version + 1 }).where('id', '=', e.id).where('version', '=', version).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new ConflictError('conflict.stale_version');
      const next = { ...e, ...patch, version: version + 1 };
      await this.audit.record(trx, actor, { action: 'update', entity: 'par_evidence', entityId: e.id, unitId: l.a.agencyUnitId, before: e, after: next });
      return this.evidenceView(next, l.links);
    });
  }

  async deleteEvidence(actor: ServerActor, evidenceId: string, version: number) {
    await this.db.transaction().execute(async (trx) => {
      const { e, l } = await this.evidenceInScope(actor, evidenceId, trx);
      if (e.version !== version) throw new ConflictError('conflict.stale_version');
      await trx.deleteFrom('parEvidenceLinks').where('evidenceId', '=', e.id).execute();
      await trx.deleteFrom('parEvidence').where('id', '=', e.id).where('version', '=', version).execute();
      await this.audit.record(trx, actor, { action: 'delete', entity: 'par_evidence', entityId: e.id, unitId: l.a.agencyUnitId, before: e });
    });
  }

  async link(actor: ServerActor, evidenceId: string, criterionId: string, linked: boolean) {
    return this.db.transaction().execute(async (trx) => {
      const { e, l } = await this.evidenceInScope(actor, evidenceId, trx);
      this.criterion(l, criterionId);
      const has = l.links.some((x) => x.evidenceId === e.id && x.criterionId === criterionId);
      if (linked && !has) await trx.insertInto('parEvidenceLinks').values({ evidenceId: e.id, criterionId }).execute();
      if (!linked && has) await trx.deleteFrom('parEvidenceLinks').where('evidenceId', '=', e.id).where('criterionId', '=', criterionId).execute();
      if (linked !== has) await this.audit.record(trx, actor, { action: linked ? 'link' : 'unlink', entity: 'par_evidence', entityId: e.id, unitId: l.a.agencyUnitId, after: { criterionId } });
      const links = linked ? [...l.links, ...(has ? [] : [{ evidenceId: e.id, criterionId }])] : l.links.filter((x) => !(x.evidenceId === e.id && x.criterionId === criterionId));
      return this.evidenceView(e, links);
    });
  }

  // ---- projection ---------------------------------------------------------------------------

  /**
   * The live projection (docs/architecture.md "PAR metrics"): metrics computed for the agency's units from
   * 1 January to the as-of day, rows bound to a metric scored from it, other rows from their latest score.
   * Rows bound to a key the catalogue does not know, or to a kind their rule cannot take, are left to their
   * scores (the set's issues list names them). `atRisk` lists the rows losing points, the rows nobody can
   * score yet ("unknown": neither data nor a score) and the rows whose provider has a hint; the headline adds
   * up the points lost (`atRiskHundredths`) and the maxima of the unknown rows (`unknownHundredths`).
   */
  async projection(actor: ServerActor, id: string, asOf: string | undefined, overrides: Record<string, RuleInput> = {}) {
    const l = await this.findVisible(actor, id);
    const day = asOf ?? this.clock.today();
    const yearEnd = `${l.a.year}-12-31`;
    const unusable = new Set(bindingIssues(this.metrics, l.dset.nodes).map((i) => i.nodeId));
    const dset: CriteriaSet = { ...l.dset, nodes: l.dset.nodes.map((n) => (unusable.has(n.id) ? { ...n, metric: null } : n)) };
    const wanted = new Set(dset.nodes.flatMap((n) => (n.metric ? [n.metric] : [])));
    const scope = { unitIds: await this.repo.descendantsOf(l.a.agencyUnitId), from: `${l.a.year}-01-01`, to: day < yearEnd ? day : yearEnd, today: day };
    const computed = wanted.size > 0 ? await this.metrics.compute(this.db, scope, wanted) : new Map<string, MetricValue>();
    const metrics = new Map([...computed].map(([k, v]) => [k, v.input]));
    const hints = new Map([...computed].flatMap(([k, v]) => (v.hint ? [[k, v.hint] as const] : [])));
    // An overridden value is hypothetical: the provider's hint about the real one no longer applies.
    for (const [k, v] of Object.entries(overrides)) {
      metrics.set(k, v);
      hints.delete(k);
    }
    const fallback = new Map<string, Hundredths>();
    for (const s of l.scores.values()) {
      const v = s.finalHundredths ?? s.appraisedHundredths ?? s.selfHundredths;
      if (v !== null) fallback.set(s.criterionId, v as Hundredths);
    }
    let projected: Map<string, Hundredths | null>;
    let fromData: Map<string, Hundredths | null>;
    try {
      projected = projectScores(dset, metrics, fallback);
      fromData = projectScores(dset, metrics, new Map());
    } catch (e) {
      if (e instanceof DomainInputError) throw new ValidationError(e.code, [{ path: 'body.metrics', code: e.code }], e.detail);
      throw e;
    }
    const card = computeScorecard(dset, valuesOf(l, projected));
    const nodes = new Map(dset.nodes.map((n) => [n.id, n]));
    const rows = pointsAtRisk(card, 'projected').map((p) => {
      const node = nodes.get(p.nodeId)!;
      const input = p.metric ? (metrics.get(p.metric) ?? null) : null;
      let recovery: unknown = null;
      try {
        recovery = recoveryHint(node.rule, node.maxHundredths, input, dset.rounding);
      } catch {
        recovery = null;
      }
      const source: ProjectionSource = fromData.get(p.nodeId) != null ? 'data' : p.pointsHundredths !== null ? 'score' : 'unknown';
      return {
        nodeId: p.nodeId,
        code: p.code,
        title: p.title,
        responsibleUnitId: p.responsibleUnitId,
        metric: p.metric,
        metricValue: input,
        source,
        maxHundredths: p.maxHundredths,
        projectedHundredths: p.pointsHundredths,
        atRiskHundredths: p.atRiskHundredths,
        recoveryHint: recovery as Record<string, unknown> | null,
        hint: p.metric ? (hints.get(p.metric) ?? null) : null,
      };
    });
    const atRisk = rows.filter((r) => r.atRiskHundredths === null || r.atRiskHundredths > 0 || r.hint !== null);
    return {
      assessmentId: l.a.id,
      asOf: day,
      totalHundredths: card.total.layers.projected.points,
      maxHundredths: card.total.maxHundredths,
      percentBasisPoints: card.total.layers.projected.indexBasisPoints,
      atRiskHundredths: rows.reduce((s, r) => s + (r.atRiskHundredths ?? 0), 0),
      unknownHundredths: rows.reduce((s, r) => s + (r.projectedHundredths === null ? r.maxHundredths : 0), 0),
      fields: card.lines.filter((x) => x.parentId === null).map((x) => ({ nodeId: x.nodeId, code: x.code, title: x.title, maxHundredths: x.maxHundredths, projectedHundredths: x.layers.projected.points })),
      atRisk,
      metrics: Object.fromEntries(metrics),
    };
  }

  /**
   * The PAR headline of the actor's agency for a year, for the leader's overview (docs/architecture.md
   * "PAR metrics"): `{ projected, atRisk, unknown }` in hundredths, as the dashboard's projection shows them
   * today. The agency is the nearest unit at or above the actor's own unit (then its grants' units) that has
   * an assessment of the year in the actor's PAR scope; `null` when there is none.
   */
  async projectionSummary(actor: ServerActor, year: number): Promise<ProjectionSummary | null> {
    if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
    const own = (await this.repo.listAssessments(unitsFor(actor, 'par.read'), { year })).filter((r) => can(actor, 'par.read', r.agencyUnitId));
    const starts = [...new Set([...(actor.profile ? [actor.profile.unitId] : []), ...actor.grants.map((g) => g.unitId)])];
    let pick: (typeof own)[number] | undefined;
    for (const start of starts) {
      for (const unitId of await this.repo.ancestorsOf(start)) {
        pick = own.find((r) => r.agencyUnitId === unitId);
        if (pick) break;
      }
      if (pick) break;
    }
    if (!pick) return null;
    const p = await this.projection(actor, pick.id, undefined);
    return { projected: p.totalHundredths, atRisk: p.atRiskHundredths, unknown: p.unknownHundredths };
  }

  /** Scorecard and evidence for the exports. */
  async exportData(actor: ServerActor, id: string) {
    const l = await this.findVisible(actor, id);
    return { view: this.view(actor, l), evidence: (await this.repo.evidenceOf(l.a.id)).map((e) => this.evidenceView(e, l.links)), rows: l.rows };
  }
}

/** Evidence is changed by the assessed agency's self-assessors while the assessment is open to them. */
function evidenceWritable(actor: ServerActor, a: Pick<AssessmentRow, 'agencyUnitId' | 'status'>): void {
  authorize(actor, 'par.self_assess', a.agencyUnitId);
  if (a.status !== 'self_assessing' && a.status !== 'explaining') throw new ConflictError('par.assessment_locked', [], { status: a.status });
}

async function evidenceAssessment(db: Db, evidenceId: string) {
  return db
    .selectFrom('parEvidence')
    .innerJoin('parAssessments', 'parAssessments.id', 'parEvidence.assessmentId')
    .select(['parAssessments.agencyUnitId', 'parAssessments.status'])
    .where('parEvidence.id', '=', evidenceId)
    .executeTakeFirst();
}

/**
 * Evidence files: read as the assessment is (in the actor's PAR scope, or published), attached as the
 * evidence record is changed (self-assessors of the agency while the assessment is open).
 */
export const parEvidenceFileOwner: FileOwner = {
  entity: 'par_evidence',
  async readable(db, actor, id) {
    if (!canAnywhere(actor, 'par.read')) return null;
    const a = await evidenceAssessment(db, id);
    return a && (can(actor, 'par.read', a.agencyUnitId) || a.status === 'published') ? a.agencyUnitId : null;
  },
  async attachable(db, actor, id) {
    const a = await evidenceAssessment(db, id);
    if (!a || !can(actor, 'par.read', a.agencyUnitId)) throw new NotFoundError('par.evidence_not_found');
    evidenceWritable(actor, a);
    return a.agencyUnitId;
  },
};
