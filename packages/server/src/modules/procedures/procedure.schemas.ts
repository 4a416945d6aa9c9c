import { CHANNELS, ROLES } from '@cchc/domain';
import { z } from 'zod';
import { contentIssues, isProcedureCode, type ContentIssue } from './procedure-rules';

export const PROCEDURE_STATUSES = ['active', 'inactive'] as const;
export const PROCEDURE_LEVELS = ['ministry', 'province', 'commune'] as const;
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export const RESULT_TYPES = ['paper', 'electronic', 'both'] as const;
export const COMPONENT_KINDS = ['original', 'certified_copy', 'copy', 'original_or_copy'] as const;
export const TIME_LIMIT_UNITS = ['working_days', 'calendar_days', 'working_hours', 'same_day'] as const;
export const STEP_BUDGET_UNITS = ['working_days', 'working_hours'] as const;

const LocalDate = z.iso.date();
const Id = z.string().min(1).max(100);

export const ProcedureCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => isProcedureCode(s), { message: 'procedure.code_format' });

export const TimeLimitInput = z.object({
  value: z.number().min(0).max(3650),
  unit: z.enum(TIME_LIMIT_UNITS),
});
const FeeInput = z.object({
  name: z.string().trim().min(1).max(500),
  amountVnd: z.number().int().min(0).max(1_000_000_000_000),
  note: z.string().trim().max(1000).nullable().default(null),
});
const ComponentInput = z.object({
  name: z.string().trim().min(1).max(1000),
  kind: z.enum(COMPONENT_KINDS),
  quantity: z.number().int().min(1).max(100).default(1),
  mandatory: z.boolean().default(true),
  templateFileId: Id.nullable().default(null),
});
const StepInput = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(500),
  unitId: Id.nullable().default(null),
  /** The role that performs the step (docs/domain/dossiers.md#step-performers); null maps it from the step's name. */
  performerRole: z.enum(ROLES).nullable().default(null),
  budget: z.object({ value: z.number().min(0).max(3650), unit: z.enum(STEP_BUDGET_UNITS) }),
});

/** Every content field, required and without defaults: the base of create, update and import. */
const ContentFields = {
  name: z.string().trim().min(1).max(1000),
  sector: z.object({ code: z.string().trim().min(1).max(50), name: z.string().trim().min(1).max(300) }),
  level: z.enum(PROCEDURE_LEVELS).nullable(),
  processingUnitId: Id.nullable(),
  timeLimit: TimeLimitInput,
  fees: z.array(FeeInput).max(50),
  components: z.array(ComponentInput).max(100),
  channels: z.array(z.enum(CHANNELS)).min(1).max(3),
  onlineLevel: z.enum(ONLINE_LEVELS),
  resultType: z.enum(RESULT_TYPES),
  resultName: z.string().trim().max(1000),
  legalBasis: z.string().trim().max(20_000),
  applicants: z.string().trim().max(5000),
  publication: z.object({ number: z.string().trim().min(1).max(100), date: LocalDate }).nullable(),
  /** Minute of day after which a receipt counts from the next working day (900 = 15:00). */
  receivingCutoffMinute: z.number().int().min(0).max(1439).nullable(),
  steps: z.array(StepInput).max(50),
};

/** The content with its optional parts defaulted, as created by the API and by imports. */
const ContentWithDefaults = {
  ...ContentFields,
  level: ContentFields.level.default(null),
  processingUnitId: ContentFields.processingUnitId.default(null),
  fees: ContentFields.fees.default([]),
  components: ContentFields.components.default([]),
  onlineLevel: ContentFields.onlineLevel.default('none'),
  resultType: ContentFields.resultType.default('paper'),
  resultName: ContentFields.resultName.default(''),
  legalBasis: ContentFields.legalBasis.default(''),
  applicants: ContentFields.applicants.default(''),
  publication: ContentFields.publication.default(null),
  receivingCutoffMinute: ContentFields.receivingCutoffMinute.default(null),
  steps: ContentFields.steps.default([]),
};

function addIssues(issues: ContentIssue[], ctx: z.RefinementCtx) {
  for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.code });
}

export const ProcedureContentSchema = z.object(ContentWithDefaults).superRefine((c, ctx) => addIssues(contentIssues(c), ctx));
export type ProcedureContent = z.output<typeof ProcedureContentSchema>;

export const CreateProcedureBody = z
  .object({
    unitId: Id,
    code: ProcedureCode,
    status: z.enum(PROCEDURE_STATUSES).default('active'),
    /** Day the content takes effect; today when omitted. */
    effectiveFrom: LocalDate.optional(),
    ...ContentWithDefaults,
  })
  .superRefine((c, ctx) => addIssues(contentIssues(c), ctx));
export type CreateProcedureInput = z.output<typeof CreateProcedureBody>;

/** A content change: the fields sent replace the latest version's, and a new version is created. */
export const UpdateProcedureBody = z.object({
  version: z.number().int().positive(),
  effectiveFrom: LocalDate.optional(),
  ...z.object(ContentFields).partial().shape,
});
export type UpdateProcedureInput = z.output<typeof UpdateProcedureBody>;

export const SetStatusBody = z.object({ version: z.number().int().positive(), status: z.enum(PROCEDURE_STATUSES) });
export const ProcedureIdParams = z.object({ id: Id });
export const DeleteProcedureQuery = z.object({ version: z.coerce.number().int().positive() });

const ListFilters = {
  q: z.string().trim().max(100).optional(),
  sector: z.string().trim().max(50).optional(),
  status: z.enum(PROCEDURE_STATUSES).optional(),
  unitId: Id.optional(),
};
export const ProcedureListQuery = z.object({
  ...ListFilters,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['code', 'name', 'updatedAt']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ProcedureListQuery = z.infer<typeof ProcedureListQuery>;

export const FILE_FORMATS = ['xlsx', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
export const ExportQuery = z.object({ ...ListFilters, format: z.enum(FILE_FORMATS).default('xlsx') });
export type ExportQuery = z.infer<typeof ExportQuery>;
export const ImportQuery = z.object({ unitId: Id, format: z.enum(FILE_FORMATS).optional() });
export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int() });

// ---- Responses: plain types, so the serializer only drops undeclared fields.

const TimeLimitView = z.object({ value: z.number(), unit: z.enum(TIME_LIMIT_UNITS) });
const SectorView = z.object({ code: z.string(), name: z.string() });
const FeeView = z.object({ name: z.string(), amountVnd: z.number().int(), note: z.string().nullable() });
const ContentView = {
  name: z.string(),
  sector: SectorView,
  level: z.enum(PROCEDURE_LEVELS).nullable(),
  processingUnitId: z.string().nullable(),
  timeLimit: TimeLimitView,
  fees: z.array(FeeView),
  components: z.array(
    z.object({ name: z.string(), kind: z.enum(COMPONENT_KINDS), quantity: z.number().int(), mandatory: z.boolean(), templateFileId: z.string().nullable() }),
  ),
  channels: z.array(z.enum(CHANNELS)),
  onlineLevel: z.enum(ONLINE_LEVELS),
  resultType: z.enum(RESULT_TYPES),
  resultName: z.string(),
  legalBasis: z.string(),
  applicants: z.string(),
  publication: z.object({ number: z.string(), date: z.string() }).nullable(),
  receivingCutoffMinute: z.number().int().nullable(),
  steps: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unitId: z.string().nullable(),
      performerRole: z.enum(ROLES).nullable().default(null),
      budget: z.object({ value: z.number(), unit: z.enum(STEP_BUDGET_UNITS) }),
    }),
  ),
};
const Can = z.object({ update: z.boolean(), delete: z.boolean() });

export const ProcedureSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timeLimit: TimeLimitView,
  sector: SectorView,
  channels: z.array(z.enum(CHANNELS)),
  onlineLevel: z.enum(ONLINE_LEVELS),
  status: z.enum(PROCEDURE_STATUSES),
  unitId: z.string(),
  processingUnitId: z.string().nullable(),
  version: z.number().int(),
  versionNo: z.number().int(),
  effectiveFrom: z.string(),
  updatedAt: z.string(),
  can: Can,
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;
export const ProcedureList = z.object({ items: z.array(ProcedureSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ProcedureView = z
  .object({
    id: z.string(),
    code: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    status: z.enum(PROCEDURE_STATUSES),
    version: z.number().int(),
    /** The latest version's number and effective day; its content is spread below. */
    versionNo: z.number().int(),
    effectiveFrom: z.string(),
    ...ContentView,
    /** The version in force today (null when the first version takes effect later). */
    inForceVersionNo: z.number().int().nullable(),
    versions: z.array(
      z.object({ id: z.string(), versionNo: z.number().int(), effectiveFrom: z.string(), createdAt: z.string(), createdByName: z.string().nullable() }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    can: Can,
  })
  .meta({ id: 'Procedure' });
export type ProcedureView = z.infer<typeof ProcedureView>;

// ---- Public catalogue: only what a citizen needs, no unit ids of internal steps, no audit data.

export const PublicListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  sector: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PublicListQuery = z.infer<typeof PublicListQuery>;

const PublicSummaryFields = {
  id: z.string(),
  code: z.string(),
  name: z.string(),
  sector: SectorView,
  agencyName: z.string(),
  timeLimit: TimeLimitView,
  channels: z.array(z.enum(CHANNELS)),
  onlineLevel: z.enum(ONLINE_LEVELS),
};
export const PublicProcedureSummary = z.object(PublicSummaryFields);
export const PublicProcedureList = z.object({
  items: z.array(PublicProcedureSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const PublicProcedureView = z.object({
  ...PublicSummaryFields,
  level: z.enum(PROCEDURE_LEVELS).nullable(),
  effectiveFrom: z.string(),
  fees: z.array(FeeView),
  components: z.array(
    z.object({ name: z.string(), kind: z.enum(COMPONENT_KINDS), quantity: z.number().int(), mandatory: z.boolean(), hasTemplate: z.boolean() }),
  ),
  resultType: z.enum(RESULT_TYPES),
  resultName: z.string(),
  legalBasis: z.string(),
  applicants: z.string(),
  publication: z.object({ number: z.string(), date: z.string() }).nullable(),
  receivingCutoffMinute: z.number().int().nullable(),
  steps: z.array(z.object({ name: z.string(), budget: z.object({ value: z.number(), unit: z.enum(STEP_BUDGET_UNITS) }) })),
});
export type PublicProcedureView = z.infer<typeof PublicProcedureView>;
export const SectorList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })) });
