// Request and response shapes of the PAR index API (packages/server/src/modules/par/par.schemas.ts),
// mirrored one to one. Scores are integer hundredths (80.08 → 8008); percents and indexes are basis
// points (80.18 % → 8018). Rules and metric inputs are the domain's own types.
import type { CriterionLevel, MetricValueKind, RoundingMode, TimelinessLevel } from '@cchc/domain';
import type { InstantString, LocalDateString } from './types';

/** A rate band of a `rate_bands` rule; bounds in basis points, points in hundredths. */
export interface ParRateBand {
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
  points: number;
}

/** The domain's ScoringRuleSchema as plain JSON (docs/domain/par-index.md#scoring-rule-taxonomy). */
export type ParRule =
  | { kind: 'manual' }
  | { kind: 'binary'; pointsIfTrue: number }
  | { kind: 'timeliness'; onTime: number; late: number; notDone: number }
  | { kind: 'rate_bands'; bands: ParRateBand[] }
  | { kind: 'proportional'; threshold: number; cap?: number }
  | { kind: 'deduction'; mode: 'condition' | 'per_occurrence'; points: number; floor?: number; triggerBelow?: { basisPoints: number; inclusive: boolean } }
  | { kind: 'survey' }
  | { kind: 'bonus'; cap: number; points?: number }
  | { kind: 'sum' };
export type ParRuleKind = ParRule['kind'];

/** The domain's RuleInputSchema as plain JSON: what a rule is evaluated on. */
export type ParRuleInput =
  | { kind: 'manual'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'timeliness'; value: TimelinessLevel }
  | { kind: 'rate'; numerator: number; denominator: number }
  | { kind: 'count'; value: number }
  | { kind: 'share'; basisPoints: number };
export type ParRuleInputKind = ParRuleInput['kind'];

export type ParSetTemplate = '2019_department' | '2021_fields' | 'empty';
export type ParSetStatus = 'draft' | 'active';
export type NotApplicableMethod = 'rescale' | 'none';
export type AssessmentStatus = 'self_assessing' | 'submitted' | 'appraising' | 'explaining' | 'final' | 'published';
export type ParExportKind = 'scorecard' | 'evidence' | 'report';

export interface ParBand {
  code: string;
  label: string;
  min: number;
  minInclusive: boolean;
}

export interface CriteriaSetSummary {
  id: string;
  ownerUnitId: string;
  year: number;
  scope: string;
  title: string;
  legalBasisNumber: string | null;
  legalBasisDate: LocalDateString | null;
  rounding: RoundingMode;
  notApplicableMethod: NotApplicableMethod;
  bands: ParBand[];
  status: ParSetStatus;
  version: number;
  createdAt: InstantString;
  updatedAt: InstantString;
  can: { manage: boolean };
}

export interface CriterionView {
  id: string;
  parentId: string | null;
  code: string;
  title: string;
  level: CriterionLevel;
  maxHundredths: number;
  rule: ParRule;
  evidenceRequired: boolean;
  responsibleUnitId: string | null;
  metric: string | null;
  notSelfScored: boolean;
  order: number;
}

export interface CriteriaIssue {
  code: string;
  severity: 'error' | 'warning';
  nodeId: string;
  nodeCode: string;
  detail?: Record<string, unknown>;
}

export interface CriteriaSetView extends CriteriaSetSummary {
  nodes: CriterionView[];
  issues: CriteriaIssue[];
}

export interface CreateSetInput {
  ownerUnitId: string;
  year: number;
  scope?: string;
  title: string;
  template?: ParSetTemplate;
  legalBasisNumber?: string | null;
  legalBasisDate?: LocalDateString | null;
}

export interface ImportSetInput {
  ownerUnitId: string;
  title: string;
  legalBasisNumber?: string | null;
  legalBasisDate?: LocalDateString | null;
  /** The export format (a domain CriteriaSet), checked by the server as a whole. */
  set: unknown;
}

export interface CloneSetInput {
  year: number;
  title?: string;
}

export interface NodeInput {
  parentId: string | null;
  code: string;
  title: string;
  level: CriterionLevel;
  maxHundredths: number;
  rule: ParRule;
  evidenceRequired: boolean;
  responsibleUnitId?: string | null;
  metric?: string | null;
  notSelfScored?: boolean;
  order: number;
}

export interface LayerView {
  points: number | null;
  unscoredCount: number;
  percentBasisPoints: number | null;
  indexBasisPoints: number | null;
}

export interface Layers {
  self: LayerView;
  appraised: LayerView;
  final: LayerView;
  projected: LayerView;
}

export interface ScorecardLine {
  nodeId: string;
  parentId: string | null;
  code: string;
  title: string;
  level: CriterionLevel;
  depth: number;
  isScored: boolean;
  countsTowardTotal: boolean;
  applicable: boolean;
  maxHundredths: number;
  applicableMaxHundredths: number;
  responsibleUnitId: string | null;
  metric: string | null;
  evidenceRequired: boolean;
  notSelfScored: boolean;
  layers: Layers;
  score: { selfNote: string | null; appraiserComment: string | null; version: number; evidenceCount: number };
}

export interface AssessmentCan {
  selfAssess: boolean;
  appraise: boolean;
  submit: boolean;
  requestExplanation: boolean;
  finalize: boolean;
  publish: boolean;
}

export interface AssessmentListItem {
  id: string;
  agencyUnitId: string;
  agencyName: string;
  year: number;
  status: AssessmentStatus;
  computedTotalHundredths: number | null;
  reportedTotalHundredths: number | null;
  totalsDiffer: boolean;
  maxHundredths: number;
  percentBasisPoints: number | null;
  /** The rank shown everywhere: published when there is one, else computed among finished results. */
  rank: number | null;
  rankGroupSize: number | null;
  rankSource: RankSource | null;
  band: string | null;
  totalLayer: TotalLayer;
}

/** Where a rank comes from: the province's published result, or the finished results in this system. */
export type RankSource = 'published' | 'computed';
/** The score layer a computed total is read from. */
export type TotalLayer = 'self' | 'appraised' | 'final';

export interface PublishedCheck {
  computedTotalHundredths: number;
  reportedTotalHundredths: number;
  differs: boolean;
  differenceHundredths: number;
  percentMismatches: Array<{ code: string; publishedPercent: string; computedBasisPoints: number }>;
}

export interface AssessmentView {
  id: string;
  setId: string;
  agencyUnitId: string;
  agencyName: string;
  year: number;
  status: AssessmentStatus;
  version: number;
  reportedTotalHundredths: number | null;
  reportedRank: number | null;
  rankGroupSize: number | null;
  publishedRef: string | null;
  computedTotalHundredths: number | null;
  totalsDiffer: boolean;
  maxHundredths: number;
  percentBasisPoints: number | null;
  band: string | null;
  total: { maxHundredths: number; applicableMaxHundredths: number; layers: Layers };
  lines: ScorecardLine[];
  completeness: Array<{ nodeId: string; code: string; required: number; withEvidence: number }>;
  publishedCheck: PublishedCheck | null;
  can: AssessmentCan;
}

export interface ScoreView {
  criterionId: string;
  selfHundredths: number | null;
  selfNote: string | null;
  appraisedHundredths: number | null;
  appraiserComment: string | null;
  finalHundredths: number | null;
  notApplicable: boolean;
  version: number;
}

export interface SelfScoreInput {
  version: number;
  selfHundredths?: number | null;
  selfNote?: string | null;
  notApplicable?: boolean;
}

export interface AppraisalInput {
  version: number;
  appraisedHundredths: number | null;
  appraiserComment?: string | null;
}

export interface PublishInput {
  version: number;
  reportedRank?: number | null;
  rankGroupSize?: number | null;
  publishedRef?: string | null;
}

export interface EvidenceView {
  id: string;
  assessmentId: string;
  numberSymbol: string;
  issuedOn: LocalDateString | null;
  issuer: string | null;
  title: string;
  attachmentId: string | null;
  criterionIds: string[];
  version: number;
  createdAt: InstantString;
}

export interface EvidenceInput {
  numberSymbol: string;
  issuedOn?: LocalDateString | null;
  issuer?: string | null;
  title: string;
  criterionIds?: string[];
}

export interface UpdateEvidenceInput {
  version: number;
  numberSymbol?: string;
  issuedOn?: LocalDateString | null;
  issuer?: string | null;
  title?: string;
  attachmentId?: string | null;
}

export interface UploadedFile {
  id: string;
  name: string;
  sha256: string;
  size: number;
  contentType: string;
  createdAt: InstantString;
}

/** What would bring a row back to its maximum (domain `RecoveryHint`). */
export type RecoveryHint =
  | { kind: 'score_at_least'; targetHundredths: number }
  | { kind: 'make_true' }
  | { kind: 'make_false' }
  | { kind: 'timeliness'; target: 'on_time' | 'late' | 'not_done' }
  | { kind: 'rate_at_least'; basisPoints: number; inclusive: boolean; pointsHundredths: number }
  | { kind: 'count_at_most'; value: number; pointsHundredths: number };

/** Advice from the metric's provider: an i18n key under `par.hints` and its parameters (`due` is a day). */
export interface MetricHint {
  code: string;
  params: Record<string, string | number>;
}

/** Where a projected row's points come from: the metric, a score entered, or nowhere yet ("chưa rõ"). */
export type ProjectionSource = 'data' | 'score' | 'unknown';

/** One entry of the metric catalogue (GET /api/par/metrics). */
export interface MetricDefinitionView {
  key: string;
  module: string;
  valueKind: MetricValueKind;
  label: { vi: string; en: string };
  description: { vi: string; en: string };
}

export interface AtRiskRow {
  nodeId: string;
  code: string;
  title: string;
  responsibleUnitId: string | null;
  metric: string | null;
  metricValue: ParRuleInput | null;
  maxHundredths: number;
  projectedHundredths: number | null;
  atRiskHundredths: number | null;
  recoveryHint: RecoveryHint | null;
  source: ProjectionSource;
  hint: MetricHint | null;
}

export interface ProjectionView {
  assessmentId: string;
  asOf: LocalDateString;
  totalHundredths: number | null;
  maxHundredths: number;
  percentBasisPoints: number | null;
  fields: Array<{ nodeId: string; code: string; title: string; maxHundredths: number; projectedHundredths: number | null }>;
  atRisk: AtRiskRow[];
  /** Points lost by the scored rows. */
  atRiskHundredths: number;
  /** Maxima of the rows neither computed from data nor scored. */
  unknownHundredths: number;
  /** Published fields whose data rows lose more than the published score lost (docs/domain/par-index.md#worked-example-the-2019-scorecard). */
  reconciliation: Array<{ code: string; publishedHundredths: number; dataLossHundredths: number; unexplainedHundredths: number }>;
  metrics: Record<string, ParRuleInput>;
}

export interface RankingRow {
  assessmentId: string;
  agencyUnitId: string;
  agencyName: string;
  indexBasisPoints: number;
  ranked: boolean;
  rank: number | null;
  groupSize: number;
  band: string | null;
  publishedRank: number | null;
  publishedGroupSize: number | null;
}

export interface HistoryRow {
  assessmentId: string;
  year: number;
  status: AssessmentStatus;
  computedTotalHundredths: number | null;
  reportedTotalHundredths: number | null;
  maxHundredths: number;
  percentBasisPoints: number | null;
  totalLayer: TotalLayer;
  reportedRank: number | null;
  rankGroupSize: number | null;
  rank: number | null;
  rankSource: RankSource | null;
  band: string | null;
  /** Against `comparedWithYear`; finished results only (like with like). */
  changeHundredths: number | null;
  comparedWithYear: number | null;
}

/** PATCH /api/par/criteria-sets/:id: the set's own details (the version travels separately). */
export interface UpdateSetInput {
  title?: string;
  legalBasisNumber?: string | null;
  legalBasisDate?: LocalDateString | null;
  rounding?: RoundingMode;
  notApplicableMethod?: NotApplicableMethod;
  bands?: ParBand[];
}

/** POST /api/par/published-results: figures as published, decimal strings with a point ("80.08"). */
export interface PublishedResultInput {
  setId: string;
  agencyUnitId: string;
  fields: Array<{ code: string; score: string; publishedPercent?: string }>;
  reportedTotal: string;
  rank?: number | null;
  groupSize?: number | null;
  publishedRef?: string | null;
}

/** A row problem of a refused .xlsx import: spreadsheet row (header = 1) and column key. */
export interface SheetRowProblem {
  path: string;
  code: string;
  row: number;
  column: string;
}
