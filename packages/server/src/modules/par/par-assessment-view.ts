import {
  can,
  checkPublishedResult,
  classifyBand,
  computeScorecard,
  nextAssessmentStatus,
  parseHundredths,
  type AssessmentStatus,
  type CriteriaSet,
  type Hundredths,
  type NodeValues,
  type PublishedResult,
  type Scorecard,
  type ScoreLayer,
} from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import {
  bandsOf,
  type AssessmentRow,
  type AssessmentSummaryColumns,
  type Criterion,
  type EvidenceFiles,
  type EvidenceRow,
  type ScoreRow,
  type SetRow,
} from './par.repository';
import type { AssessmentViewT, EvidenceViewT } from './par.schemas';

// How an assessment reads: its scorecard computed from the rows, the totals stored on its row, and the view
// the API answers. Pure functions over a loaded assessment; the services load and authorize.

/** Everything needed to compute an assessment's scorecard. */
export interface Loaded {
  a: AssessmentRow;
  set: SetRow;
  rows: Criterion[];
  dset: CriteriaSet;
  scores: Map<string, ScoreRow>;
  links: Array<{ evidenceId: string; criterionId: string }>;
  agencyName: string;
}

export const statusOf = (a: Pick<AssessmentRow, 'status'>): AssessmentStatus => a.status as AssessmentStatus;

/** The layer a total is read from: the most advanced one with any points. */
export function currentLayer(card: Scorecard): ScoreLayer {
  for (const l of ['final', 'appraised', 'self'] as const) if (card.total.layers[l].points !== null) return l;
  return 'self';
}

/** The values of the scored rows (a summing row only carries its not-applicable flag), plus projected points. */
export function valuesOf(l: Pick<Loaded, 'scores' | 'rows'>, extra?: ReadonlyMap<string, Hundredths | null>): Map<string, NodeValues> {
  const sumRows = new Set(l.rows.filter((r) => r.rule.kind === 'sum').map((r) => r.id));
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

export function scorecardOf(l: Loaded): Scorecard {
  return computeScorecard(l.dset, valuesOf(l));
}

/** The totals stored on the assessment's row: the current layer's total, the maximum, the index and the band. */
export function summaryColumns(l: Loaded, card: Scorecard = scorecardOf(l)): AssessmentSummaryColumns {
  const layer = currentLayer(card);
  const total = card.total.layers[layer];
  const index = total.indexBasisPoints;
  return {
    computedTotalHundredths: total.points,
    totalLayer: layer,
    maxHundredths: card.total.maxHundredths,
    percentBasisPoints: index,
    band: index === null ? null : (classifyBand(index, bandsOf(l.set))?.code ?? null),
  };
}

/** The summary fields of the API from the stored columns (or freshly computed ones). */
export function summaryFields(a: Pick<AssessmentRow, 'reportedTotalHundredths'>, s: AssessmentSummaryColumns) {
  const computed = s.computedTotalHundredths;
  const reported = a.reportedTotalHundredths;
  return {
    computedTotalHundredths: computed,
    reportedTotalHundredths: reported,
    totalsDiffer: reported !== null && computed !== null && reported !== computed,
    maxHundredths: s.maxHundredths ?? 0,
    percentBasisPoints: s.percentBasisPoints,
    band: s.band,
  };
}

export function scoreView(s: ScoreRow) {
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

export function emptyScore(assessmentId: string, criterionId: string): ScoreRow {
  return {
    assessmentId,
    criterionId,
    selfHundredths: null,
    selfNote: null,
    appraisedHundredths: null,
    appraiserComment: null,
    finalHundredths: null,
    notApplicable: 0,
    version: 0,
  };
}

export function evidenceView(e: EvidenceRow, links: Loaded['links'], files: EvidenceFiles): EvidenceViewT {
  return {
    id: e.id,
    assessmentId: e.assessmentId,
    numberSymbol: e.numberSymbol,
    issuedOn: e.issuedOn,
    issuer: e.issuer,
    title: e.title,
    attachmentId: e.attachmentId,
    file: e.attachmentId ? (files.get(e.attachmentId) ?? null) : null,
    criterionIds: links.filter((x) => x.evidenceId === e.id).map((x) => x.criterionId),
    version: e.version,
    createdAt: e.createdAt,
  };
}

/** The published result as entered and its recomputation (docs/domain/par-index.md#worked-example-the-2019-scorecard). */
export function publishedCheckOf(l: Loaded): AssessmentViewT['publishedCheck'] {
  if (!l.a.publishedFieldsJson) return null;
  const c = checkPublishedResult(JSON.parse(l.a.publishedFieldsJson) as PublishedResult, l.dset.rounding);
  return {
    computedTotalHundredths: c.computedTotal,
    reportedTotalHundredths: c.reportedTotal,
    differs: c.differs,
    differenceHundredths: c.difference,
    percentMismatches: [...c.percentMismatches],
  };
}

/** The published field scores as entered (code → hundredths), for the report's "published" column. */
export function publishedFieldScores(l: Pick<Loaded, 'a'>): Map<string, number> {
  if (!l.a.publishedFieldsJson) return new Map();
  const result = JSON.parse(l.a.publishedFieldsJson) as PublishedResult;
  return new Map(result.fields.map((f) => [f.code, parseHundredths(f.score) as number]));
}

export function assessmentView(actor: ServerActor, l: Loaded): AssessmentViewT {
  const card = scorecardOf(l);
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
  const inScope = can(actor, 'par.read', l.a.agencyUnitId);
  const status = statusOf(l.a);
  const selfAssess = inScope && can(actor, 'par.self_assess', l.a.agencyUnitId);
  const appraise = inScope && can(actor, 'par.appraise', l.a.agencyUnitId);
  const manage = can(actor, 'par.manage_cycle', l.set.ownerUnitId);
  const allows = (action: Parameters<typeof nextAssessmentStatus>[1]) => nextAssessmentStatus(status, action) !== null;
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
    ...summaryFields(l.a, summaryColumns(l, card)),
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
        score: {
          selfNote: s?.selfNote ?? null,
          appraiserComment: s?.appraiserComment ?? null,
          version: s?.version ?? 0,
          evidenceCount: evidenceCount(line.nodeId),
        },
      };
    }),
    completeness,
    publishedCheck: publishedCheckOf(l),
    can: {
      // The agency's self-assessors work while the lifecycle lets them note (self-assessing or explaining).
      selfAssess: selfAssess && allows('self_note'),
      appraise: appraise && allows('appraise'),
      submit: selfAssess && allows('submit'),
      requestExplanation: appraise && allows('request_explanation'),
      finalize: manage && allows('finalize'),
      publish: manage && allows('publish'),
    },
  };
}
