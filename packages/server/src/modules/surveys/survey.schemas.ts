import { QUESTION_TYPES, QuestionnaireDefinitionSchema } from '@cchc/domain';
import { z } from 'zod';
import { SURVEY_TEMPLATE_KEYS } from './survey-templates';

const LocalDate = z.iso.date();
const Id = z.string().min(1).max(100);
const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) };
const order = z.enum(['asc', 'desc']).default('desc');

export const IdParams = z.object({ id: Id });
export const VersionBody = z.object({ version: z.number().int().positive() });

// ---- sample size ----
export const SampleSizeQuery = z.object({
  population: z.coerce.number().int(),
  margin: z.coerce.number().default(0.05),
});
export const SampleSizeResult = z.object({ n: z.number().int() });

// ---- questionnaires ----
export const QUESTIONNAIRE_STATUSES = ['draft', 'published'] as const;
export const TemplateList = z.array(
  z.object({ key: z.enum(SURVEY_TEMPLATE_KEYS), title: z.object({ vi: z.string(), en: z.string() }), questionCount: z.number().int() }),
);

export const CreateQuestionnaireBody = z
  .object({ unitId: Id, template: z.enum(SURVEY_TEMPLATE_KEYS).optional(), definition: QuestionnaireDefinitionSchema.optional() })
  .refine((b) => !!b.template !== !!b.definition, { message: 'survey.template_or_definition', path: ['template'] });
export type CreateQuestionnaireInput = z.output<typeof CreateQuestionnaireBody>;
export const UpdateQuestionnaireBody = z.object({ version: z.number().int().positive(), definition: QuestionnaireDefinitionSchema });
export type UpdateQuestionnaireInput = z.output<typeof UpdateQuestionnaireBody>;
/** The exchange format of a questionnaire (export and import). */
export const QuestionnaireDocument = z.object({
  format: z.literal('cchc-questionnaire'),
  formatVersion: z.literal(1),
  definition: QuestionnaireDefinitionSchema,
});
export const ImportQuestionnaireBody = z.object({ unitId: Id, document: QuestionnaireDocument });
export const ImportSheetQuery = z.object({ unitId: Id });

export const QuestionnaireListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(QUESTIONNAIRE_STATUSES).optional(),
  ...page,
  sort: z.enum(['title', 'updatedAt']).default('updatedAt'),
  order,
});
export type QuestionnaireListQuery = z.output<typeof QuestionnaireListQuery>;

const QuestionnaireCan = z.object({ update: z.boolean(), publish: z.boolean() });
export const QuestionnaireSummary = z.object({
  id: z.string(),
  familyId: z.string(),
  versionNo: z.number().int(),
  unitId: z.string(),
  status: z.enum(QUESTIONNAIRE_STATUSES),
  title: z.string(),
  questionCount: z.number().int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  can: QuestionnaireCan,
});
export type QuestionnaireSummary = z.output<typeof QuestionnaireSummary>;
export const QuestionnaireList = z.object({
  items: z.array(QuestionnaireSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
const Issue = z.object({ path: z.string(), code: z.string(), questionId: z.string().optional(), sectionId: z.string().optional() });
export const QuestionnaireView = QuestionnaireSummary.extend({
  definition: QuestionnaireDefinitionSchema,
  /** What would stop publication now (empty when it can be published). */
  publishIssues: z.array(Issue),
  versions: z.array(z.object({ id: z.string(), versionNo: z.number().int(), status: z.enum(QUESTIONNAIRE_STATUSES) })),
}).meta({ id: 'SurveyQuestionnaire' });
export type QuestionnaireView = z.output<typeof QuestionnaireView>;

// ---- campaigns ----
export const STRATIFY_BY = ['procedure', 'unit', 'none'] as const;
export const DossierPopulation = z.object({
  kind: z.literal('dossiers'),
  /** Dossiers returned from `from` to `to` inclusive (Asia/Ho_Chi_Minh days). */
  from: LocalDate,
  to: LocalDate,
  unitIds: z.array(Id).max(500).optional(),
  procedureIds: z.array(Id).max(500).optional(),
  stratifyBy: z.enum(STRATIFY_BY).default('procedure'),
});
export type DossierPopulation = z.output<typeof DossierPopulation>;
export const OpenPopulation = z.object({ kind: z.literal('open') });
/** Officials or organisations from an imported sheet (`POST …/respondents`); everyone listed is invited. */
export const ListPopulation = z.object({ kind: z.literal('list') });
export const Population = z.discriminatedUnion('kind', [DossierPopulation, OpenPopulation, ListPopulation]);

export const PopulationPreviewQuery = z.object({
  from: LocalDate,
  to: LocalDate,
  stratifyBy: z.enum(STRATIFY_BY).default('procedure'),
  margin: z.coerce.number().default(0.05),
});
const StratumView = z.object({ key: z.string(), label: z.string(), population: z.number().int(), allocated: z.number().int() });
export const PopulationPreview = z.object({ population: z.number().int(), n: z.number().int(), strata: z.array(StratumView) });

export const CreateCampaignBody = z.object({
  unitId: Id,
  questionnaireId: Id,
  title: z.string().trim().min(1).max(300),
  opensOn: LocalDate,
  closesOn: LocalDate,
  anonymous: z.boolean().default(true),
  margin: z.number().default(0.05),
  /** Web responses sent faster are flagged too_fast (docs/surveys.md, "Results"); 0 = no check. */
  minDurationSeconds: z.number().int().min(0).max(7200).default(60),
  population: Population,
  /** Fixes the draw (tests, a re-run); a random 32-bit seed otherwise. */
  seed: z.number().int().min(0).max(4294967295).optional(),
});
export type CreateCampaignInput = z.output<typeof CreateCampaignBody>;

export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;
export const CampaignListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  ...page,
  sort: z.enum(['title', 'createdAt', 'closesOn']).default('createdAt'),
  order,
});
export type CampaignListQuery = z.output<typeof CampaignListQuery>;
export const CampaignSummary = z.object({
  id: z.string(),
  unitId: z.string(),
  questionnaireId: z.string(),
  title: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  anonymous: z.boolean(),
  minDurationSeconds: z.number().int(),
  populationKind: z.enum(['dossiers', 'open', 'list']),
  population: z.number().int(),
  marginBasisPoints: z.number().int(),
  sampleSize: z.number().int(),
  status: z.enum(CAMPAIGN_STATUSES),
  responses: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  can: z.object({ manage: z.boolean() }),
});
export type CampaignSummary = z.output<typeof CampaignSummary>;
export const CampaignList = z.object({ items: z.array(CampaignSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const CampaignView = CampaignSummary.extend({
  seed: z.string(),
  questionnaireTitle: z.string(),
  strata: z.array(
    StratumView.extend({
      invited: z.number().int(),
      replaced: z.number().int(),
      answered: z.number().int(),
      responseRateBasisPoints: z.number().int().nullable(),
    }),
  ),
  /** The public link of an open campaign; shown once, when the campaign is created. */
  openUrl: z.string().nullable(),
}).meta({ id: 'SurveyCampaign' });
export type CampaignView = z.output<typeof CampaignView>;

export const IssueLinksBody = z.object({ invitationIds: z.array(Id).max(5000).optional() });
export const IssuedLinks = z.object({
  items: z.array(
    z.object({
      invitationId: z.string(),
      stratumKey: z.string(),
      respondentName: z.string().nullable(),
      respondentEmail: z.string().nullable(),
      token: z.string(),
      url: z.string(),
      expiresAt: z.string(),
    }),
  ),
});
export const EmailInvitationsBody = z.object({ version: z.number().int(), remindOn: LocalDate.optional() });
export const EmailInvitationsResult = z.object({ queued: z.number().int(), withoutEmail: z.number().int(), remindOn: z.string().nullable() });
export const RespondentsImported = z.object({ imported: z.number().int(), groups: z.array(z.object({ key: z.string(), count: z.number().int() })) });
export const LettersBody = z.object({
  invitationIds: z.array(Id).max(1000).optional(),
  stratumKey: z.string().max(200).optional(),
  withoutEmailOnly: z.boolean().default(false),
  withQuestionnaire: z.boolean().default(false),
});
export const InvitationListQuery = z.object({ stratumKey: z.string().max(200).optional(), ...page });
export const InvitationView = z.object({
  id: z.string(),
  stratumKey: z.string(),
  drawNo: z.number().int(),
  respondentName: z.string().nullable(),
  respondentEmail: z.string().nullable(),
  status: z.enum(['selected', 'unreachable']),
  issued: z.boolean(),
  used: z.boolean(),
});
export const InvitationList = z.object({ items: z.array(InvitationView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const InvitationParams = z.object({ id: Id, invitationId: Id });

// ---- answering (public) ----
export const TokenParams = z.object({ token: z.string().min(10).max(100) });
export const PublicSurvey = z.object({
  campaignTitle: z.string(),
  anonymous: z.boolean(),
  closesOn: z.string(),
  definition: QuestionnaireDefinitionSchema,
});
export const AnswerValueSchema = z.union([z.string().max(4000), z.number(), z.array(z.string().max(20)).max(30)]);
export const SubmitBody = z.object({ answers: z.record(z.string().max(40), AnswerValueSchema) });
/** A web submission: the seconds the page measured from first opening the form (never stored, only compared). */
export const PublicSubmitBody = SubmitBody.extend({ durationSeconds: z.number().int().min(0).max(10_000_000).optional() });
export const Submitted = z.object({ received: z.literal(true) });
export const PaperEntryBody = SubmitBody.extend({ respondentGroup: z.string().trim().min(1).max(60).optional() });
export const PaperEntryCreated = z.object({ id: z.string(), status: z.literal('pending'), version: z.number().int() });
export const PaperEntryListQuery = z.object({ ...page });
export const PaperEntryList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      enteredOn: z.string(),
      respondentGroup: z.string().nullable(),
      version: z.number().int(),
      enteredBy: z.string(),
      enteredByName: z.string(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const PaperEntryParams = z.object({ id: Id, entryId: Id });
export const PaperConfirmBody = SubmitBody.extend({ version: z.number().int().min(1), acceptSecond: z.boolean().optional() });
const PaperDifferenceSchema = z.object({ questionId: z.string(), first: AnswerValueSchema.nullable(), second: AnswerValueSchema.nullable() });
export const PaperConfirmed = z.object({ status: z.literal('confirmed'), differences: z.array(PaperDifferenceSchema) });

const ResultText = z.object({ vi: z.string(), en: z.string() });
const ResultTag = z.object({ element: z.string().nullable(), aspect: z.string().nullable(), dimension: z.string().nullable() });
const BasisPoints = z.number().int().nullable();
/** GET /api/surveys/campaigns/{id}/results (docs/surveys.md, "Results"). */
export const SurveyResultsView = z
  .object({
    responses: z.number().int(),
    population: z.number().int().nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.enum(QUESTION_TYPES),
        text: ResultText,
        tag: ResultTag,
        answered: z.number().int(),
        distribution: z.array(z.object({ code: z.string(), label: ResultText, count: z.number().int(), shareBasisPoints: BasisPoints })),
        percentSatisfiedBasisPoints: BasisPoints,
        marginBasisPoints: BasisPoints,
        weightedMeanBasisPoints: BasisPoints,
        number: z.object({ count: z.number().int(), meanHundredths: z.number(), min: z.number(), max: z.number() }).nullable(),
      }),
    ),
    elements: z.array(z.object({ element: z.string(), questions: z.number().int(), indexBasisPoints: BasisPoints, marginBasisPoints: BasisPoints })),
    aspects: z.array(z.object({ aspect: z.string(), questions: z.number().int(), indexBasisPoints: BasisPoints, marginBasisPoints: BasisPoints })),
    expectations: z.array(z.object({ questionId: z.string(), code: z.string(), label: ResultText, count: z.number().int() })),
    overall: z.object({ indexBasisPoints: BasisPoints, marginBasisPoints: BasisPoints }),
    quality: z.object({
      flagged: z.number().int(),
      straightLine: z.number().int(),
      duplicate: z.number().int(),
      tooFast: z.number().int(),
      excluded: z.boolean(),
    }),
    breakdown: z
      .object({
        by: z.string(),
        groups: z.array(
          z.object({
            key: z.string().nullable(),
            label: z.string().nullable(),
            responses: z.number().int().nullable(),
            suppressed: z.boolean(),
            indexBasisPoints: BasisPoints,
          }),
        ),
      })
      .nullable(),
  })
  .meta({ id: 'SurveyResults' });
