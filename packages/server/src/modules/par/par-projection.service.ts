import {
  can,
  canAnywhere,
  computeScorecard,
  DomainInputError,
  isFinishedAssessment,
  pointsAtRisk,
  projectScores,
  recoveryHint,
  unitsFor,
  type CriteriaSet,
  type CriterionNode,
  type Hundredths,
  type RecoveryHint,
  type RuleInput,
} from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { dataVersion, VersionedCache } from '../../platform/db/data-version';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import type { MetricValue } from '../../platform/metrics/metric-types';
import type { AssessmentAccess } from './par-assessment-access';
import { publishedFieldScores, statusOf, valuesOf } from './par-assessment-view';
import { spreadFieldScore } from './par-assessment-writes';
import { bindingIssues, type MetricRegistry } from './metric-registry';
import type { ParRepository } from './par.repository';

/** Where a projected row's points come from: the metric, a score entered by hand, or nowhere yet. */
export type ProjectionSource = 'data' | 'score' | 'unknown';

/** A published field whose rows' data lose more than the published field lost (hundredths): shown, never hidden. */
export interface FieldReconciliation {
  code: string;
  publishedHundredths: number;
  /** What the rows scored from data lose together. */
  dataLossHundredths: number;
  /** The part of the data's loss the published score does not carry. */
  unexplainedHundredths: number;
}

/**
 * The rows of every published summing field made to add up to the published score, with the data
 * (docs/domain/par-index.md#worked-example-the-2019-scorecard): the published loss goes first to the rows
 * whose data lose (at most what they lose), then to the manual rows, then to the others (`spreadFieldScore`).
 * Without it the spread stored when the result was entered (the loss on the manual rest) and the data rows
 * both lost, and 2019's field 1 projected 8.25 against the published 10.25. When the data lose more than the
 * published field lost, the field still shows the published score and the excess is returned.
 */
export function reconcilePublishedFields(
  published: ReadonlyMap<string, number>,
  nodes: readonly CriterionNode[],
  projected: Map<string, Hundredths | null>,
  fromData: ReadonlyMap<string, Hundredths | null>,
): FieldReconciliation[] {
  const out: FieldReconciliation[] = [];
  for (const root of nodes) {
    const score = published.get(root.code);
    if (root.parentId !== null || root.rule.kind !== 'sum' || score === undefined) continue;
    const children = nodes.filter((n) => n.parentId === root.id).sort((a, b) => a.order - b.order);
    if (children.length === 0 || children.some((c) => nodes.some((n) => n.parentId === c.id))) continue;
    const rows = children.map((c) => {
      const d = fromData.get(c.id);
      return {
        id: c.id,
        max: c.maxHundredths as number,
        deduction: c.rule.kind === 'deduction',
        manual: c.rule.kind === 'manual',
        ...(d != null ? { dataLoss: c.maxHundredths - d } : {}),
      };
    });
    for (const [id, v] of spreadFieldScore(rows, score)) projected.set(id, v as Hundredths);
    const dataLoss = rows.reduce((s, r) => s + (r.dataLoss ?? 0), 0);
    const fieldLoss = rows.reduce((s, r) => s + r.max, 0) - score;
    if (dataLoss > fieldLoss)
      out.push({ code: root.code, publishedHundredths: score, dataLossHundredths: dataLoss, unexplainedHundredths: dataLoss - fieldLoss });
  }
  return out;
}

/** The PAR headline of an agency (hundredths); `projected` is null while no row is scored. */
export interface ProjectionSummary {
  projected: number | null;
  atRisk: number;
  unknown: number;
}

/** The live projection of an assessment from the modules' metrics, and what-if scenarios on it. */
export class ParProjectionService {
  /** The overview's headlines, kept while the database's data version stands (docs/architecture.md "PAR metrics"). */
  private readonly summaries: VersionedCache<ProjectionSummary | null>;

  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
    private readonly access: AssessmentAccess,
    private readonly clock: Clock,
    private readonly metrics: MetricRegistry,
  ) {
    this.summaries = new VersionedCache(() => dataVersion(this.db));
  }

  /**
   * The live projection (docs/architecture.md "PAR metrics"): metrics computed for the agency's units from
   * 1 January to the as-of day, rows bound to a metric scored from it, other rows from their latest score.
   * Rows bound to a key the catalogue does not know, or to a kind their rule cannot take, are left to their
   * scores (the set's issues list names them). `atRisk` lists the rows losing points, the rows nobody can
   * score yet ("unknown": neither data nor a score) and the rows whose provider has a hint; the headline adds
   * up the points lost (`atRiskHundredths`) and the maxima of the unknown rows (`unknownHundredths`).
   */
  async projection(actor: ServerActor, id: string, asOf: string | undefined) {
    return this.compute(actor, id, asOf, {});
  }

  /** The projection with some metrics overridden: nothing is saved. */
  async whatIf(actor: ServerActor, id: string, asOf: string | undefined, overrides: Record<string, RuleInput>) {
    return this.compute(actor, id, asOf, overrides);
  }

  private async compute(actor: ServerActor, id: string, asOf: string | undefined, overrides: Record<string, RuleInput>) {
    const l = await this.access.visible(actor, id);
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
    // A year whose result is published: its fields add up to the published scores, the data placing the losses.
    const reconciliation = reconcilePublishedFields(publishedFieldScores(l), dset.nodes, projected, fromData);
    const card = computeScorecard(dset, valuesOf(l, projected));
    const nodes = new Map(dset.nodes.map((n) => [n.id, n]));
    const rows = pointsAtRisk(card, 'projected').map((p) => {
      const node = nodes.get(p.nodeId)!;
      const input = p.metric ? (metrics.get(p.metric) ?? null) : null;
      let recovery: RecoveryHint | null = null;
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
        recoveryHint: recovery,
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
      fields: card.lines
        .filter((x) => x.parentId === null)
        .map((x) => ({ nodeId: x.nodeId, code: x.code, title: x.title, maxHundredths: x.maxHundredths, projectedHundredths: x.layers.projected.points })),
      atRisk,
      reconciliation,
      metrics: Object.fromEntries(metrics),
    };
  }

  /**
   * The PAR headline of the actor's agency for a year, for the leader's overview (docs/architecture.md
   * "PAR metrics"): `{ projected, atRisk, unknown }` in hundredths, as the dashboard's projection shows them
   * today. A finished year (final or published) answers its result, not a projection: the published total
   * where there is one, else the computed final total, with nothing at risk. The agency is the nearest unit
   * at or above the actor's own unit (then its grants' units) that has an assessment of the year in the
   * actor's PAR scope; `null` when there is none.
   */
  async projectionSummary(actor: ServerActor, year: number): Promise<ProjectionSummary | null> {
    if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
    // Everything the summary depends on besides the data: the day (the metrics count up to it) and the
    // actor's PAR scope, own unit and grants (which assessment is picked, whether it is visible).
    const key = JSON.stringify([
      year,
      this.clock.today(),
      actor.userId,
      actor.profile?.unitId ?? null,
      actor.grants.map((g) => `${g.role}@${g.unitId}`).sort(),
      [...unitsFor(actor, 'par.read')].sort(),
    ]);
    return this.summaries.get(key, () => this.computeSummary(actor, year));
  }

  private async computeSummary(actor: ServerActor, year: number): Promise<ProjectionSummary | null> {
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
    if (isFinishedAssessment(statusOf(pick))) return { projected: pick.reportedTotalHundredths ?? pick.computedTotalHundredths, atRisk: 0, unknown: 0 };
    const p = await this.projection(actor, pick.id, undefined);
    return { projected: p.totalHundredths, atRisk: p.atRiskHundredths, unknown: p.unknownHundredths };
  }
}
