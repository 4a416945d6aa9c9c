import { TASK_BUCKETS, TASK_STATUSES } from '@cchc/domain';
import { z } from 'zod';

// Request and response shapes of the plans module (docs/plans.md). Responses list every field, so the
// serializer drops anything undeclared.

export const PLAN_KINDS = ['annual', 'conclusion', 'thematic'] as const;
export const PLAN_STATUSES = ['draft', 'issued', 'closed'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;

const LocalDate = z.iso.date();
const Id = z.string().min(1).max(100);
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Version = z.number().int().positive();
const CriterionCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[0-9A-Za-z.]+$/, 'plans.criterion_code_format');

export const IdParams = z.object({ id: Id });
export const VersionQuery = z.object({ version: z.coerce.number().int().positive() });

// ---- Plans

export const PlanListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(PLAN_KINDS).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  unitId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;

export const CreatePlanBody = z.object({
  unitId: Id,
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(PLAN_KINDS),
  title: Text(500),
  documentNumber: OptionalText(100),
  documentDate: LocalDate.nullable().optional(),
  signer: OptionalText(200),
  requiresApproval: z.boolean().default(false),
});
export type CreatePlanInput = z.infer<typeof CreatePlanBody>;

export const UpdatePlanBody = z.object({
  version: Version,
  title: Text(500).optional(),
  kind: z.enum(PLAN_KINDS).optional(),
  documentNumber: OptionalText(100),
  documentDate: LocalDate.nullable().optional(),
  signer: OptionalText(200),
  requiresApproval: z.boolean().optional(),
});
export type UpdatePlanInput = z.infer<typeof UpdatePlanBody>;

export const IssuePlanBody = z.object({ version: Version, issuedOn: LocalDate.optional() });
export const ClosePlanBody = z.object({ version: Version });

export const BucketCountsView = z.object({ done_on_time: z.number().int(), done_late: z.number().int(), in_time: z.number().int(), overdue: z.number().int() });

const PlanCan = z.object({ manage: z.boolean(), issue: z.boolean(), close: z.boolean(), delete: z.boolean(), createTask: z.boolean() });
export const PlanSummary = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  signer: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  issuedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  requiresApproval: z.boolean(),
  taskCount: z.number().int(),
  buckets: BucketCountsView,
  /** For an annual plan: its due day and whether it was issued on time. */
  timeliness: z.object({ dueOn: z.string(), status: z.enum(['on_time', 'late', 'not_issued', 'not_due']) }).nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  can: PlanCan,
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = z.object({ items: z.array(PlanSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const PlanSettingsQuery = z.object({ unitId: Id, year: z.coerce.number().int().min(2000).max(2100) });
export const PutPlanSettingsBody = z.object({
  unitId: Id,
  year: z.number().int().min(2000).max(2100),
  annualPlanDueOn: LocalDate,
  version: z.number().int().min(0),
});
export const PlanSettingsView = z.object({
  unitId: z.string(),
  year: z.number().int(),
  annualPlanDueOn: z.string(),
  isDefault: z.boolean(),
  version: z.number().int(),
});

// ---- Tasks

const TaskFields = {
  title: Text(1000),
  description: OptionalText(10_000),
  expectedOutput: OptionalText(2000),
  unitId: Id,
  coordinatingUnitIds: z.array(Id).max(50).default([]),
  startOn: LocalDate.nullable().optional(),
  criteria: z.array(CriterionCode).max(20).default([]),
  priority: z.enum(TASK_PRIORITIES).default('normal'),
};
/** Exactly one of `dueOn` and `dueInWorkingDays` (N working days from the plan's issue). */
export const CreateTaskBody = z
  .object({
    planId: Id,
    parentId: Id.nullable().optional(),
    ...TaskFields,
    dueOn: LocalDate.optional(),
    dueInWorkingDays: z.number().int().min(1).max(1000).optional(),
    leadUserId: Id.nullable().optional(),
  })
  .refine((b) => (b.dueOn === undefined) !== (b.dueInWorkingDays === undefined), { path: ['dueOn'], message: 'task.due_required' });
export type CreateTaskInput = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = z.object({
  version: Version,
  title: TaskFields.title.optional(),
  description: TaskFields.description,
  expectedOutput: TaskFields.expectedOutput,
  unitId: Id.optional(),
  coordinatingUnitIds: z.array(Id).max(50).optional(),
  startOn: LocalDate.nullable().optional(),
  dueOn: LocalDate.optional(),
  criteria: z.array(CriterionCode).max(20).optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  /** A new lead person (null: none); left out, the lead stays unless the owner unit changes. */
  leadUserId: Id.nullable().optional(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskBody>;

export const AssignTaskBody = z.object({ version: Version, leadUserId: Id.nullable() });
const AttachmentIds = z.array(Id).max(20).default([]);
// Progress is checked by the domain rule (task.progress_out_of_range names the field), not by the schema.
export const ProgressBody = z.object({ version: Version, progress: z.number().int(), note: OptionalText(5000), attachmentIds: AttachmentIds });
export const CompleteBody = z.object({ version: Version, note: OptionalText(5000), attachmentIds: AttachmentIds, completedOn: LocalDate.optional() });
export const ApproveBody = z.object({ version: Version });
export const RejectBody = z.object({ version: Version, note: Text(5000) });
export const CancelBody = z.object({ version: Version, reason: Text(2000) });

export const TASK_SORTS = ['dueOn', 'title', 'priority', 'progress', 'status', 'updatedAt'] as const;
export const TASK_LIST_BUCKETS = [...TASK_BUCKETS, 'due_soon', 'due_this_week', 'open'] as const;
export const TaskListQuery = z.object({
  scope: z.enum(['all', 'mine', 'unit', 'coordinating']).default('all'),
  bucket: z.enum(TASK_LIST_BUCKETS).optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(250).default(3),
  planId: Id.optional(),
  unitId: Id.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  topLevel: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(TASK_SORTS).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

const TaskCan = z.object({
  update: z.boolean(),
  edit: z.boolean(),
  assign: z.boolean(),
  complete: z.boolean(),
  approve: z.boolean(),
  cancel: z.boolean(),
  delete: z.boolean(),
  addSubtask: z.boolean(),
});
export const TaskSummary = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  planYear: z.number().int(),
  parentId: z.string().nullable(),
  seq: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  leadUserId: z.string().nullable(),
  leadName: z.string().nullable(),
  title: z.string(),
  startOn: z.string().nullable(),
  dueOn: z.string(),
  dueWorkingDays: z.number().int().nullable(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  progress: z.number().int(),
  completedOn: z.string().nullable(),
  bucket: z.enum(TASK_BUCKETS).nullable(),
  criteria: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;
export const TaskList = z.object({ items: z.array(TaskSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type TaskList = z.infer<typeof TaskList>;

const JournalEntryView = z.object({
  id: z.string(),
  kind: z.string(),
  progress: z.number().int().nullable(),
  note: z.string().nullable(),
  attachments: z.array(z.object({ id: z.string(), name: z.string() })),
  userName: z.string().nullable(),
  at: z.string(),
});
export const TaskView = TaskSummary.extend({
  description: z.string().nullable(),
  expectedOutput: z.string().nullable(),
  coordinatingUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  submittedOn: z.string().nullable(),
  completionNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  planStatus: z.enum(PLAN_STATUSES),
  requiresApproval: z.boolean(),
  subtasks: z.array(TaskSummary),
  journal: z.array(JournalEntryView),
  can: TaskCan,
}).meta({ id: 'Task' });
export type TaskView = z.infer<typeof TaskView>;

// ---- Statistics and overview

export const StatisticsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  asOf: LocalDate.optional(),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;
const StatisticsRow = BucketCountsView.extend({
  id: z.string(),
  name: z.string(),
  total: z.number().int(),
  completionRateBasisPoints: z.number().int().nullable(),
});
export const StatisticsView = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  total: StatisticsRow,
  byUnit: z.array(StatisticsRow),
  byPlan: z.array(StatisticsRow.extend({ documentNumber: z.string().nullable(), documentDate: z.string().nullable() })),
  overdueTasks: z.array(z.object({ id: z.string(), title: z.string(), unitName: z.string(), dueOn: z.string(), planTitle: z.string() })),
});
export type StatisticsView = z.infer<typeof StatisticsView>;

export const OverviewView = z.object({
  today: z.string(),
  weekEndsOn: z.string(),
  overdue: z.number().int(),
  dueThisWeek: z.number().int(),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), overdue: z.number().int(), dueThisWeek: z.number().int() })),
});
export type OverviewView = z.infer<typeof OverviewView>;

export const ImportQuery = z.object({ planId: Id });
export const ImportResult = z.object({ created: z.number().int() });
