import { DueRuleSchema, PERIOD_KINDS, REPORT_STATUSES } from '@cchc/domain';
import { z } from 'zod';

// HTTP shapes of the reports module (docs/reports.md). Requests are validated here; responses list
// their fields so nothing undeclared leaves the server.

const LocalDate = z.iso.date();
const Id = z.string().min(1).max(100);
const Version = z.number().int().min(1);

export const ChecklistItemInput = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[a-z0-9_]+$/, 'report.checklist_key_format'),
  label: z.string().trim().min(1).max(500),
});
export const PeriodInput = z.object({
  kind: z.enum(PERIOD_KINDS),
  numbers: z.array(z.number().int().min(1).max(12)).min(1).max(12).nullable().default(null),
  cumulative: z.boolean().default(false),
});

const ObligationFields = {
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(500),
  recipient: z.string().trim().min(1).max(300),
  period: PeriodInput,
  dueRule: DueRuleSchema,
  responsibleUnitId: Id,
  checklist: z.array(ChecklistItemInput).max(50),
  parCriteria: z.array(z.string().trim().min(1).max(20)).max(20),
  isActive: z.boolean(),
};

export const CreateObligationBody = z.object({
  agencyId: Id,
  ...ObligationFields,
  isActive: z.boolean().default(true),
  parCriteria: ObligationFields.parCriteria.default([]),
  checklist: ObligationFields.checklist.default([]),
});
export type CreateObligationInput = z.output<typeof CreateObligationBody>;
export const UpdateObligationBody = z
  .object({ version: Version, ...ObligationFields })
  .partial()
  .required({ version: true });
export type UpdateObligationInput = z.output<typeof UpdateObligationBody>;
export const IdParams = z.object({ id: Id });
export const VersionQuery = z.object({ version: z.coerce.number().int().min(1) });
export const AgencyBody = z.object({ agencyId: Id, responsibleUnitId: Id.optional() });

const Can = z.object({ update: z.boolean(), submit: z.boolean() });

export const ObligationView = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    code: z.string(),
    name: z.string(),
    recipient: z.string(),
    period: z.object({ kind: z.enum(PERIOD_KINDS), numbers: z.array(z.number()).nullable(), cumulative: z.boolean() }),
    dueRule: DueRuleSchema,
    responsibleUnitId: z.string(),
    responsibleUnitName: z.string().nullable(),
    checklist: z.array(z.object({ key: z.string(), label: z.string() })),
    parCriteria: z.array(z.string()),
    servesPar: z.boolean(),
    shippedKey: z.string().nullable(),
    isActive: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
    can: z.object({ update: z.boolean() }),
  })
  .meta({ id: 'ReportObligation' });
export type ObligationView = z.infer<typeof ObligationView>;
export const ObligationList = z.object({ items: z.array(ObligationView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ObligationListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  agencyId: Id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});
export type ObligationListQuery = z.output<typeof ObligationListQuery>;

export const GenerateQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const GenerateResult = z.object({ year: z.number().int(), created: z.number().int(), updated: z.number().int() });

export const INSTANCE_SORTS = ['dueOn', 'name', 'periodTo', 'sentOn'] as const;
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const InstanceListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  unitId: Id.optional(),
  obligationId: Id.optional(),
  /** Unsubmitted and due within this many working days from today (or overdue when combined with nothing else: see docs). */
  dueWithin: z.coerce.number().int().min(0).max(60).optional(),
  servesPar: Flag.optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(INSTANCE_SORTS).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type InstanceListQuery = z.output<typeof InstanceListQuery>;
export const InstanceExportQuery = InstanceListQuery.omit({ page: true, pageSize: true });
export type InstanceExportQuery = z.output<typeof InstanceExportQuery>;

export const InstanceSummary = z.object({
  id: z.string(),
  obligationId: z.string(),
  obligationCode: z.string(),
  name: z.string(),
  recipient: z.string(),
  periodKind: z.enum(PERIOD_KINDS),
  periodKey: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  year: z.number().int(),
  dueOn: z.string(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  sentOn: z.string().nullable(),
  isComplete: z.boolean().nullable(),
  servesPar: z.boolean(),
  submissionCount: z.number().int(),
  version: z.number().int(),
  can: Can,
});
export type InstanceSummary = z.infer<typeof InstanceSummary>;
export const InstanceList = z.object({ items: z.array(InstanceSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const SubmissionView = z.object({
  id: z.string(),
  versionNo: z.number().int(),
  sentNumber: z.string(),
  sentOn: z.string(),
  ticked: z.array(z.string()),
  missing: z.array(z.string()),
  isComplete: z.boolean(),
  isLate: z.boolean(),
  lateReason: z.string().nullable(),
  files: z.array(z.object({ id: z.string(), name: z.string() })),
  note: z.string().nullable(),
  submittedBy: z.string(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string(),
});
export const InstanceView = InstanceSummary.extend({
  checklist: z.array(z.object({ key: z.string(), label: z.string() })),
  parCriteria: z.array(z.string()),
  calendarVersion: z.string(),
  submissions: z.array(SubmissionView),
}).meta({ id: 'ReportInstance' });
export type InstanceView = z.infer<typeof InstanceView>;

export const SubmitBody = z.object({
  version: Version,
  sentNumber: z.string().trim().min(1).max(100),
  sentOn: LocalDate,
  ticked: z.array(z.string().min(1).max(50)).max(50).default([]),
  fileIds: z.array(Id).min(1).max(20),
  lateReason: z.string().trim().max(2000).nullable().default(null),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type SubmitInput = z.output<typeof SubmitBody>;

export const OverviewView = z.object({
  due: z.number().int(),
  late: z.number().int(),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string().nullable(), due: z.number().int(), late: z.number().int() })),
});
