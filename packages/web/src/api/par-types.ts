// Request and response shapes of the PAR index API: aliases of the types generated from the server's OpenAPI
// document (schema.d.ts, from packages/server/src/modules/par/par.schemas.ts). Scores are integer hundredths
// (80.08 → 8008); percents and indexes are basis points (80.18 % → 8018).
import type { ApiBody, ApiQuery, ApiResponse, Schema } from './contract';

type Item<L> = L extends { items: (infer T)[] } ? T : never;

export type CriteriaSetView = Schema<'ParCriteriaSet'>;
export type CriteriaSetSummary = Item<ApiResponse<'/api/par/criteria-sets'>>;
export type CriterionView = CriteriaSetView['nodes'][number];
export type CriteriaIssue = CriteriaSetView['issues'][number];
export type ParBand = CriteriaSetSummary['bands'][number];
export type ParSetStatus = CriteriaSetSummary['status'];
export type NotApplicableMethod = CriteriaSetSummary['notApplicableMethod'];

/**
 * The domain's ScoringRuleSchema as plain JSON (docs/domain/par-index.md#scoring-rule-taxonomy), in its input form
 * (defaults optional): what the forms send, and what every rule the server answers also is.
 */
export type ParRule = NodeInput['rule'];
export type ParRuleKind = ParRule['kind'];
/** A rate band of a `rate_bands` rule; bounds in basis points, points in hundredths. */
export type ParRateBand = Extract<ParRule, { kind: 'rate_bands' }>['bands'][number];

export type CreateSetInput = ApiBody<'/api/par/criteria-sets', 'post'>;
export type ParSetTemplate = NonNullable<CreateSetInput['template']>;
export type ImportSetInput = ApiBody<'/api/par/criteria-sets/import', 'post'>;
export type CloneSetInput = ApiBody<'/api/par/criteria-sets/{id}/clone', 'post'>;
export type NodeInput = Omit<ApiBody<'/api/par/criteria-sets/{id}/nodes', 'post'>, 'version'>;
/** PATCH /api/par/criteria-sets/:id: the set's own details (the version travels separately). */
export type UpdateSetInput = Omit<ApiBody<'/api/par/criteria-sets/{id}', 'patch'>, 'version'>;

export type AssessmentView = Schema<'ParAssessment'>;
export type AssessmentStatus = AssessmentView['status'];
export type AssessmentCan = AssessmentView['can'];
export type ScorecardLine = AssessmentView['lines'][number];
export type Layers = ScorecardLine['layers'];
export type LayerView = Layers['self'];
export type PublishedCheck = NonNullable<AssessmentView['publishedCheck']>;
export type AssessmentListItem = Item<ApiResponse<'/api/par/assessments'>>;
/** Where a rank comes from: the province's published result, or the finished results in this system. */
export type RankSource = NonNullable<AssessmentListItem['rankSource']>;
/** The score layer a computed total is read from. */
export type TotalLayer = AssessmentListItem['totalLayer'];
export type ParExportKind = ApiQuery<'/api/par/assessments/{id}/export'>['what'];

export type ScoreView = ApiResponse<'/api/par/assessments/{id}/scores/{criterionId}', 'put'>;
export type SelfScoreInput = ApiBody<'/api/par/assessments/{id}/scores/{criterionId}', 'put'>;
export type AppraisalInput = ApiBody<'/api/par/assessments/{id}/appraisals/{criterionId}', 'put'>;
export type PublishInput = ApiBody<'/api/par/assessments/{id}/publish', 'post'>;
/** POST /api/par/published-results: figures as published, decimal strings with a point ("80.08"). */
export type PublishedResultInput = ApiBody<'/api/par/published-results', 'post'>;

export type EvidenceView = Schema<'ParEvidence'>;
export type EvidenceInput = ApiBody<'/api/par/assessments/{id}/evidence', 'post'>;
export type UpdateEvidenceInput = ApiBody<'/api/par/evidence/{id}', 'patch'>;
export type UploadedFile = ApiResponse<'/api/files', 'post'>;

export type ProjectionView = Schema<'ParProjection'>;
export type AtRiskRow = ProjectionView['atRisk'][number];
/** The domain's RuleInputSchema as plain JSON: what a rule is evaluated on. */
export type ParRuleInput = NonNullable<AtRiskRow['metricValue']>;
export type ParRuleInputKind = ParRuleInput['kind'];
/** What would bring a row back to its maximum (domain `RecoveryHint`). */
export type RecoveryHint = NonNullable<AtRiskRow['recoveryHint']>;
/** Advice from the metric's provider: an i18n key under `par.hints` and its parameters (`due` is a day). */
export type MetricHint = NonNullable<AtRiskRow['hint']>;
/** Where a projected row's points come from: the metric, a score entered, or nowhere yet ("chưa rõ"). */
export type ProjectionSource = AtRiskRow['source'];

/** One entry of the metric catalogue (GET /api/par/metrics). */
export type MetricDefinitionView = Item<ApiResponse<'/api/par/metrics'>>;
export type RankingRow = Item<ApiResponse<'/api/par/rankings'>>;
export type HistoryRow = Item<ApiResponse<'/api/par/agencies/{unitId}/history'>>;

/** A row problem of a refused .xlsx import: spreadsheet row (header = 1) and column key. */
export interface SheetRowProblem {
  path: string;
  code: string;
  row: number;
  column: string;
}
