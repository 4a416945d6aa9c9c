import {
  ASSESSMENT_STATUSES,
  CRITERION_LEVELS,
  CriteriaSetSchema,
  METRIC_VALUE_KINDS,
  ROUNDING_MODES,
  RuleInputSchema,
  ScoringRuleSchema,
  TIMELINESS_LEVELS,
} from '@cchc/domain';
import { z } from 'zod';

// Request and response shapes of the PAR index API. Scores are integer hundredths (80.08 → 8008);
// percents and indexes are basis points (80.18 % → 8018).

export const IdParams = z.object({ id: z.string().min(1) });
export const NodeParams = z.object({ id: z.string().min(1), nodeId: z.string().min(1) });
export const ScoreParams = z.object({ id: z.string().min(1), criterionId: z.string().min(1) });
export const UnitParams = z.object({ unitId: z.string().min(1) });
export const VersionQuery = z.object({ version: z.coerce.number().int().min(1) });
export const VersionBody = z.object({ version: z.number().int().min(1) });

const Hundredths = z.number().int();
const LocalDate = z.iso.date();

export const BandSchema = z.object({ code: z.string().min(1), label: z.string().min(1), min: z.number().int().min(0).max(10_000), minInclusive: z.boolean() });
export type Band = z.output<typeof BandSchema>;
/** National bands (docs/domain/par-index.md#percent-bands-and-ranking): A ≥ 90 %, B 80 – < 90 %. */
export const DEFAULT_BANDS: Band[] = [
  { code: 'A', label: 'A', min: 9_000, minInclusive: true },
  { code: 'B', label: 'B', min: 8_000, minInclusive: true },
];

export const SET_TEMPLATES = ['2019_department', '2021_fields', 'empty'] as const;

export const CreateSetBody = z.object({
  ownerUnitId: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  scope: z.string().min(1).max(50).default('department'),
  title: z.string().min(1).max(500),
  template: z.enum(SET_TEMPLATES).default('empty'),
  legalBasisNumber: z.string().max(100).nullable().optional(),
  legalBasisDate: LocalDate.nullable().optional(),
  bands: z.array(BandSchema).optional(),
});
export type CreateSetInput = z.output<typeof CreateSetBody>;

export const UpdateSetBody = z.object({
  version: z.number().int().min(1),
  title: z.string().min(1).max(500).optional(),
  legalBasisNumber: z.string().max(100).nullable().optional(),
  legalBasisDate: LocalDate.nullable().optional(),
  rounding: z.enum(ROUNDING_MODES).optional(),
  notApplicableMethod: z.enum(['rescale', 'none']).optional(),
  bands: z.array(BandSchema).optional(),
});
export type UpdateSetInput = z.output<typeof UpdateSetBody>;

export const CloneSetBody = z.object({ year: z.number().int().min(2000).max(2100), title: z.string().min(1).max(500).optional() });

export const ImportSetBody = z.object({
  ownerUnitId: z.string().min(1),
  title: z.string().min(1).max(500),
  legalBasisNumber: z.string().max(100).nullable().optional(),
  legalBasisDate: LocalDate.nullable().optional(),
  bands: z.array(BandSchema).optional(),
  /** The export format: a domain CriteriaSet; checked as a whole, every row's problems listed. */
  set: z.unknown(),
});

/** Multipart .xlsx import: the file is the field "file"; year and scope override the workbook's details sheet. */
export const ImportXlsxQuery = z.object({
  ownerUnitId: z.string().min(1),
  title: z.string().min(1).max(500),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  scope: z.string().min(1).max(50).optional(),
});

export const NodeBody = z.object({
  parentId: z.string().min(1).nullable(),
  code: z.string().min(1).max(50),
  title: z.string().min(1).max(1000),
  level: z.enum(CRITERION_LEVELS),
  maxHundredths: Hundredths,
  rule: ScoringRuleSchema,
  evidenceRequired: z.boolean(),
  responsibleUnitId: z.string().nullable().optional(),
  metric: z.string().min(1).nullable().optional(),
  notSelfScored: z.boolean().optional(),
  order: z.number().int(),
});
export const AddNodeBody = NodeBody.extend({ version: z.number().int().min(1) });
export const UpdateNodeBody = NodeBody.partial().extend({ version: z.number().int().min(1) });
export type AddNodeInput = z.output<typeof AddNodeBody>;
export type UpdateNodeInput = z.output<typeof UpdateNodeBody>;

export const CriterionView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  title: z.string(),
  level: z.enum(CRITERION_LEVELS),
  maxHundredths: Hundredths,
  rule: ScoringRuleSchema,
  evidenceRequired: z.boolean(),
  responsibleUnitId: z.string().nullable(),
  metric: z.string().nullable(),
  notSelfScored: z.boolean(),
  order: z.number().int(),
});
export const IssueView = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  nodeId: z.string(),
  nodeCode: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const SetSummary = z.object({
  id: z.string(),
  ownerUnitId: z.string(),
  year: z.number().int(),
  scope: z.string(),
  title: z.string(),
  legalBasisNumber: z.string().nullable(),
  legalBasisDate: z.string().nullable(),
  rounding: z.enum(ROUNDING_MODES),
  notApplicableMethod: z.enum(['rescale', 'none']),
  bands: z.array(BandSchema),
  status: z.enum(['draft', 'active']),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ manage: z.boolean() }),
});
export const SetView = SetSummary.extend({ nodes: z.array(CriterionView), issues: z.array(IssueView) }).meta({ id: 'ParCriteriaSet' });
export type SetViewT = z.output<typeof SetView>;
export const SetList = z.object({ items: z.array(SetSummary) });
export const SetExport = CriteriaSetSchema;

export { ASSESSMENT_STATUSES };
export type { AssessmentStatus } from '@cchc/domain';

export const CreateAssessmentBody = z.object({ setId: z.string().min(1), agencyUnitId: z.string().min(1) });

export const SelfScoreBody = z.object({
  version: z.number().int().min(0),
  selfHundredths: Hundredths.min(0).nullable().optional(),
  selfNote: z.string().max(4000).nullable().optional(),
  notApplicable: z.boolean().optional(),
});
export type SelfScoreInput = z.output<typeof SelfScoreBody>;
export const AppraisalBody = z.object({
  version: z.number().int().min(0),
  appraisedHundredths: Hundredths.min(0).nullable(),
  appraiserComment: z.string().max(4000).nullable().optional(),
});
export type AppraisalInput = z.output<typeof AppraisalBody>;
export const PublishBody = z.object({
  version: z.number().int().min(1),
  reportedRank: z.number().int().min(1).nullable().optional(),
  rankGroupSize: z.number().int().min(1).nullable().optional(),
  publishedRef: z.string().max(200).nullable().optional(),
});

/** A year's list is whole (one row per agency); the list of every year is paginated. */
export const ListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const RankSource = z.enum(['published', 'computed']);
const TotalLayer = z.enum(['self', 'appraised', 'final']);
export const AssessmentListItem = z.object({
  id: z.string(),
  agencyUnitId: z.string(),
  agencyName: z.string(),
  year: z.number().int(),
  status: z.enum(ASSESSMENT_STATUSES),
  computedTotalHundredths: Hundredths.nullable(),
  reportedTotalHundredths: Hundredths.nullable(),
  totalsDiffer: z.boolean(),
  maxHundredths: Hundredths,
  percentBasisPoints: z.number().int().nullable(),
  /** The rank shown everywhere: the published rank when there is one, else the rank among finished results here. */
  rank: z.number().int().nullable(),
  rankGroupSize: z.number().int().nullable(),
  rankSource: RankSource.nullable(),
  band: z.string().nullable(),
  /** The layer the computed total is read from. */
  totalLayer: TotalLayer,
});
export const AssessmentList = z.object({ items: z.array(AssessmentListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const LayerView = z.object({
  points: Hundredths.nullable(),
  unscoredCount: z.number().int(),
  percentBasisPoints: z.number().int().nullable(),
  indexBasisPoints: z.number().int().nullable(),
});
const Layers = z.object({ self: LayerView, appraised: LayerView, final: LayerView, projected: LayerView });
export const ScorecardLineView = z.object({
  nodeId: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  title: z.string(),
  level: z.enum(CRITERION_LEVELS),
  depth: z.number().int(),
  isScored: z.boolean(),
  countsTowardTotal: z.boolean(),
  applicable: z.boolean(),
  maxHundredths: Hundredths,
  applicableMaxHundredths: Hundredths,
  responsibleUnitId: z.string().nullable(),
  metric: z.string().nullable(),
  evidenceRequired: z.boolean(),
  notSelfScored: z.boolean(),
  layers: Layers,
  score: z.object({
    selfNote: z.string().nullable(),
    appraiserComment: z.string().nullable(),
    version: z.number().int(),
    evidenceCount: z.number().int(),
  }),
});
export const AssessmentView = z
  .object({
    id: z.string(),
    setId: z.string(),
    agencyUnitId: z.string(),
    agencyName: z.string(),
    year: z.number().int(),
    status: z.enum(ASSESSMENT_STATUSES),
    version: z.number().int(),
    reportedTotalHundredths: Hundredths.nullable(),
    reportedRank: z.number().int().nullable(),
    rankGroupSize: z.number().int().nullable(),
    publishedRef: z.string().nullable(),
    computedTotalHundredths: Hundredths.nullable(),
    totalsDiffer: z.boolean(),
    maxHundredths: Hundredths,
    percentBasisPoints: z.number().int().nullable(),
    band: z.string().nullable(),
    total: z.object({ maxHundredths: Hundredths, applicableMaxHundredths: Hundredths, layers: Layers }),
    lines: z.array(ScorecardLineView),
    /** Evidence completeness per field (root row): rows needing evidence, and how many have it. */
    completeness: z.array(z.object({ nodeId: z.string(), code: z.string(), required: z.number().int(), withEvidence: z.number().int() })),
    publishedCheck: z
      .object({
        computedTotalHundredths: Hundredths,
        reportedTotalHundredths: Hundredths,
        differs: z.boolean(),
        differenceHundredths: Hundredths,
        percentMismatches: z.array(z.object({ code: z.string(), publishedPercent: z.string(), computedBasisPoints: z.number().int() })),
      })
      .nullable(),
    can: z.object({
      selfAssess: z.boolean(),
      appraise: z.boolean(),
      submit: z.boolean(),
      requestExplanation: z.boolean(),
      finalize: z.boolean(),
      publish: z.boolean(),
    }),
  })
  .meta({ id: 'ParAssessment' });
export type AssessmentViewT = z.output<typeof AssessmentView>;

export const EvidenceBody = z.object({
  numberSymbol: z.string().min(1).max(200),
  issuedOn: LocalDate.nullable().optional(),
  issuer: z.string().max(500).nullable().optional(),
  title: z.string().min(1).max(2000),
  attachmentId: z.string().nullable().optional(),
  criterionIds: z.array(z.string().min(1)).optional(),
});
export const UpdateEvidenceBody = EvidenceBody.omit({ criterionIds: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export const LinkBody = z.object({ criterionId: z.string().min(1) });
export const LinkParams = z.object({ id: z.string().min(1), criterionId: z.string().min(1) });
export const EvidenceView = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    numberSymbol: z.string(),
    issuedOn: z.string().nullable(),
    issuer: z.string().nullable(),
    title: z.string(),
    attachmentId: z.string().nullable(),
    /** The attached file's name and size, so the list names the document's file (issue #13 item 10). */
    file: z.object({ name: z.string(), size: z.number().int() }).nullable(),
    criterionIds: z.array(z.string()),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'ParEvidence' });
export type EvidenceViewT = z.output<typeof EvidenceView>;
export const EvidenceList = z.object({ items: z.array(EvidenceView) });

export const ProjectionQuery = z.object({ asOf: LocalDate.optional() });
export const WhatIfBody = z.object({ asOf: LocalDate.optional(), metrics: z.record(z.string(), RuleInputSchema) });
/** The domain's RecoveryHint: what would bring a row back to its maximum. */
const RecoveryHintView = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('score_at_least'), targetHundredths: Hundredths }),
    z.object({ kind: z.literal('make_true') }),
    z.object({ kind: z.literal('make_false') }),
    z.object({ kind: z.literal('timeliness'), target: z.enum(TIMELINESS_LEVELS) }),
    z.object({ kind: z.literal('rate_at_least'), basisPoints: z.number().int(), inclusive: z.boolean(), pointsHundredths: Hundredths }),
    z.object({ kind: z.literal('count_at_most'), value: z.number(), pointsHundredths: Hundredths }),
  ])
  .nullable();
const MetricHintView = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export const ProjectionView = z
  .object({
    assessmentId: z.string(),
    asOf: z.string(),
    totalHundredths: Hundredths.nullable(),
    maxHundredths: Hundredths,
    percentBasisPoints: z.number().int().nullable(),
    fields: z.array(
      z.object({ nodeId: z.string(), code: z.string(), title: z.string(), maxHundredths: Hundredths, projectedHundredths: Hundredths.nullable() }),
    ),
    atRisk: z.array(
      z.object({
        nodeId: z.string(),
        code: z.string(),
        title: z.string(),
        responsibleUnitId: z.string().nullable(),
        metric: z.string().nullable(),
        metricValue: RuleInputSchema.nullable(),
        maxHundredths: Hundredths,
        projectedHundredths: Hundredths.nullable(),
        atRiskHundredths: Hundredths.nullable(),
        recoveryHint: RecoveryHintView,
        /** 'data': scored from the metric; 'score': from the latest score entered; 'unknown': neither yet. */
        source: z.enum(['data', 'score', 'unknown']),
        /** The metric provider's advice, an i18n key under `par.hints` with its parameters. */
        hint: MetricHintView.nullable(),
      }),
    ),
    /** Points lost by the scored rows (max − projected). */
    atRiskHundredths: Hundredths,
    /** Maxima of the rows neither computed from data nor scored ("chưa rõ"): shown beside the points at risk. */
    unknownHundredths: Hundredths,
    /** Published fields whose data rows lose more than the published score lost (docs/domain/par-index.md#worked-example-the-2019-scorecard). */
    reconciliation: z.array(z.object({ code: z.string(), publishedHundredths: Hundredths, dataLossHundredths: Hundredths, unexplainedHundredths: Hundredths })),
    metrics: z.record(z.string(), RuleInputSchema),
  })
  .meta({ id: 'ParProjection' });

export const SummaryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
/** The PAR headline of the actor's agency (hundredths), or null without an assessment of the year. */
export const ProjectionSummaryView = z.object({ projected: Hundredths.nullable(), atRisk: Hundredths, unknown: Hundredths }).nullable();

export const MetricCatalogueView = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      module: z.string(),
      valueKind: z.enum(METRIC_VALUE_KINDS),
      label: z.object({ vi: z.string(), en: z.string() }),
      description: z.object({ vi: z.string(), en: z.string() }),
    }),
  ),
});

export const RankingQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), scope: z.string().optional() });
export const RankingView = z.object({
  items: z.array(
    z.object({
      assessmentId: z.string(),
      agencyUnitId: z.string(),
      agencyName: z.string(),
      indexBasisPoints: z.number().int(),
      ranked: z.boolean(),
      /** The rank among the finished results of the year in this system. */
      rank: z.number().int().nullable(),
      groupSize: z.number().int(),
      band: z.string().nullable(),
      /** The rank the province published, with its group size, when there is one: it takes precedence on screen. */
      publishedRank: z.number().int().nullable(),
      publishedGroupSize: z.number().int().nullable(),
    }),
  ),
});

export const HistoryView = z.object({
  items: z.array(
    z.object({
      assessmentId: z.string(),
      year: z.number().int(),
      status: z.enum(ASSESSMENT_STATUSES),
      computedTotalHundredths: Hundredths.nullable(),
      reportedTotalHundredths: Hundredths.nullable(),
      totalLayer: TotalLayer,
      maxHundredths: Hundredths,
      percentBasisPoints: z.number().int().nullable(),
      reportedRank: z.number().int().nullable(),
      rankGroupSize: z.number().int().nullable(),
      /** The rank shown (as in the list): published where there is one, else computed among finished results. */
      rank: z.number().int().nullable(),
      rankSource: RankSource.nullable(),
      band: z.string().nullable(),
      /** Change of the computed total against `comparedWithYear`: finished results only, like with like. */
      changeHundredths: Hundredths.nullable(),
      comparedWithYear: z.number().int().nullable(),
    }),
  ),
});

export const PublishedResultBody = z.object({
  setId: z.string().min(1),
  agencyUnitId: z.string().min(1),
  /** Field scores as published, decimal strings with a point: "80.08". */
  fields: z.array(z.object({ code: z.string().min(1), score: z.string().min(1), publishedPercent: z.string().optional() })).min(1),
  reportedTotal: z.string().min(1),
  rank: z.number().int().min(1).nullable().optional(),
  groupSize: z.number().int().min(1).nullable().optional(),
  publishedRef: z.string().max(200).nullable().optional(),
});
export type PublishedResultInput = z.output<typeof PublishedResultBody>;

export const ExportQuery = z.object({ what: z.enum(['scorecard', 'evidence', 'report']), format: z.enum(['xlsx', 'docx']).optional() });
