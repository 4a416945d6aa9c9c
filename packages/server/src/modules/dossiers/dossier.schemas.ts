import { CHANNELS, DOSSIER_STATUSES, RESULT_KINDS, ROLES } from '@cchc/domain';
import { DOSSIER_FIGURES, SPAN_FIGURES } from './dossier-counting';
import { z } from 'zod';
import { optionalText } from '../../platform/http/text-schema';

// Request and response shapes of the staff dossier API (issue #4 "API contract"). Actions are
// camelCase on the wire (the web client's names) and snake_case in the domain; ACTION_NAMES maps.

const LocalDate = z.iso.date();
const Instant = z.string();
const Id = z.string().min(1).max(100);

/** A person files for themself; an organisation files through its representative (issue #13 item 5). */
export const APPLICANT_KINDS = ['person', 'organization'] as const;

/** The applicant's fields; `ApplicantInput` adds the organisation rule (so the public form can extend the fields first). */
export const ApplicantFields = z.object({
  kind: z.enum(APPLICANT_KINDS).default('person'),
  /** The person's name, or the organisation's registered name. */
  name: z.string().trim().min(1).max(300),
  phone: optionalText(30).refine((v) => v === null || /^[0-9+()\s.-]{6,30}$/.test(v), { message: 'dossier.phone_invalid' }),
  email: optionalText(200).refine((v) => v === null || z.email().safeParse(v).success, { message: 'dossier.email_invalid' }),
  idNumber: optionalText(30),
  address: optionalText(500),
  /** Organisation: the enterprise / tax code, 10 digits or 10 digits, a hyphen and 3 for a branch. */
  taxCode: optionalText(20).refine((v) => v === null || /^\d{10}(-\d{3})?$/.test(v), { message: 'dossier.tax_code_invalid' }),
  /** Organisation: who files on its behalf (the legal representative or an authorised person). */
  representative: optionalText(300),
});

/** An organisation names its tax code and its representative; a person has neither. */
export function organisationRule(
  a: { kind: (typeof APPLICANT_KINDS)[number]; taxCode: string | null; representative: string | null },
  ctx: z.RefinementCtx,
): void {
  if (a.kind === 'organization') {
    if (!a.taxCode) ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'dossier.tax_code_required' });
    if (!a.representative) ctx.addIssue({ code: 'custom', path: ['representative'], message: 'dossier.representative_required' });
  } else {
    if (a.taxCode) ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'dossier.organisation_only' });
    if (a.representative) ctx.addIssue({ code: 'custom', path: ['representative'], message: 'dossier.organisation_only' });
  }
}

export const ApplicantInput = ApplicantFields.superRefine(organisationRule);
export type ApplicantInput = z.output<typeof ApplicantInput>;

const ComponentInput = z.object({
  name: z.string().trim().min(1).max(1000),
  kind: z.string().trim().max(30).optional(),
  quantity: z.number().int().min(1).max(100).optional(),
});

export const CreateDossierBody = z.object({
  procedureId: Id,
  channel: z.enum(CHANNELS),
  applicant: ApplicantInput,
  /** Backlog entry: a past instant (ISO 8601 with offset); never a future one. Defaults to now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  components: z.array(ComponentInput).max(100).default([]),
  note: optionalText(2000),
});
export type CreateDossierInput = z.output<typeof CreateDossierBody>;

/** GET /api/dossiers/receipt-preview: what a receipt now (or at `receivedAt`) would promise (issue #13 item 5). */
export const ReceiptPreviewQuery = z.object({
  procedureId: Id,
  channel: z.enum(CHANNELS).default('counter'),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export const ReceiptPreview = z.object({
  receivedAt: Instant,
  /** The day the time limit counts from (the next working day after a cut-off or a day off). */
  deemedReceivedOn: LocalDate.nullable(),
  dueDate: LocalDate.nullable(),
  dueAt: Instant.nullable(),
  /** The receipt falls on a weekend or holiday of the working calendar. */
  nonWorkingDay: z.boolean(),
  /** After the receipt cut-off (the procedure's, else the agency's), given as minutes of the day. */
  afterCutoff: z.boolean(),
  cutoffMinute: z.number().int().nullable(),
  /** The procedure's agency has no electronic identifier yet: a receipt would be refused (409). */
  agencyCodeMissing: z.boolean(),
});

export const WIRE_ACTIONS = [
  'receive',
  'startProcessing',
  'completeStep',
  'returnStep',
  'requestSupplement',
  'completeSupplement',
  'requestPayment',
  'recordPayment',
  'refuse',
  'stop',
  'withdraw',
  'markResultReady',
  'returnResult',
  'issueApology',
  'requestCompletion',
] as const;
export type WireAction = (typeof WIRE_ACTIONS)[number];

const Version = z.number().int().positive();
const Reason = z.string().trim().min(1).max(2000);
/**
 * The result document recorded with "result ready" (issue #13): `fileId` is an attachment of the
 * dossier (uploaded first through POST /api/files?ownerEntity=dossier), required unless the kind is a
 * refusal; `electronic` only when the procedure issues electronic results.
 */
export const ResultInput = z.object({
  kind: z.enum(RESULT_KINDS),
  number: z.string().trim().min(1).max(100),
  date: LocalDate,
  signer: z.string().trim().min(1).max(300),
  fileId: Id.nullish().transform((v) => v ?? null),
  electronic: z.boolean().default(false),
});
export type ResultInput = z.output<typeof ResultInput>;
export const DossierActionBody = z.discriminatedUnion('action', [
  z.object({ version: Version, action: z.enum(['startProcessing', 'completeSupplement', 'recordPayment']) }),
  /** Receiving an online filing: the names of the procedure's components the officer checked; every mandatory one is required. */
  z.object({ version: Version, action: z.literal('receive'), confirmedComponents: z.array(z.string().trim().min(1).max(1000)).max(100).default([]) }),
  z.object({ version: Version, action: z.literal('markResultReady'), result: ResultInput }),
  /**
   * Hands the step over (docs/domain/dossiers.md#step-performers): `handoverTo` is the next step's
   * performer chosen among GET /api/dossiers/:id/handover-candidates; null or absent leaves it in the unit's queue.
   */
  z.object({ version: Version, action: z.literal('completeStep'), note: optionalText(2000), handoverTo: Id.nullish().transform((v) => v ?? null) }),
  /** Sends the dossier back to the previous step, to whoever handed that step over. */
  z.object({ version: Version, action: z.literal('returnStep'), reason: Reason }),
  z.object({
    version: Version,
    action: z.literal('requestSupplement'),
    reason: Reason,
    items: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  }),
  z.object({ version: Version, action: z.enum(['refuse', 'stop']), reason: Reason }),
  z.object({ version: Version, action: z.enum(['withdraw', 'requestPayment']), reason: optionalText(2000) }),
  z.object({
    version: Version,
    action: z.literal('returnResult'),
    method: z.enum(['counter', 'post', 'online']),
    receivedBy: z.string().trim().min(1).max(300),
  }),
  z.object({ version: Version, action: z.literal('issueApology'), reason: Reason, newDueDate: LocalDate }),
  /**
   * Sends an online filing back to the filer before receipt (docs/domain/dossiers.md#completion-before-receipt):
   * the reason and every component to add or correct (at least one); the filer completes it on the public site.
   */
  z.object({
    version: Version,
    action: z.literal('requestCompletion'),
    reason: Reason,
    items: z.array(z.string().trim().min(1).max(1000)).min(1).max(50),
  }),
]);
export type DossierActionInput = z.output<typeof DossierActionBody>;

// 'open' and 'due_today' are the leader's overview tiles' drill-downs (docs/overview.md); the page shows them as tabs only when named.
export const DOSSIER_QUEUES = [
  'mine',
  'to_receive',
  'to_process',
  'awaiting_supplement',
  'almost_due',
  'overdue',
  'all',
  'open',
  'due_today',
  'to_assign',
  'result_ready',
] as const;
export type DossierQueue = (typeof DOSSIER_QUEUES)[number];
export const DOSSIER_SORTS = ['code', 'receivedAt', 'dueAt', 'applicantName'] as const;

const ListFilters = {
  queue: z.enum(DOSSIER_QUEUES).default('all'),
  q: z.string().trim().max(100).optional(),
  status: z.enum(DOSSIER_STATUSES).optional(),
  procedureId: Id.optional(),
  channel: z.enum(CHANNELS).optional(),
  /** Received on or after / on or before these days. */
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  /**
   * Drill-down from the statistics (docs/domain/statistics.md): the dossiers behind one figure of the report of
   * [figureFrom, figureTo], by the report's own SQL conditions; with the breakdown's line when given.
   */
  figure: z.enum([...DOSSIER_FIGURES, ...SPAN_FIGURES, 'paused_late', 'late']).optional(),
  figureFrom: LocalDate.optional(),
  figureTo: LocalDate.optional(),
  /** Only dossiers passing through this unit or those below it (the statistics' unit narrowing). */
  withinUnitId: Id.optional(),
  /** The deciding unit: the processing unit, else the agency (the statistics' unit lines). */
  decidingUnitId: Id.optional(),
  sectorCode: z.string().trim().max(50).optional(),
  /** The assigned officer (the statistics' officer lines); `none` for dossiers nobody holds. */
  officerId: z.union([Id, z.literal('none')]).optional(),
  sort: z.enum(DOSSIER_SORTS).default('receivedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
};
export const DossierListQuery = z.object({
  ...ListFilters,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /**
   * A page's `nextCursor` or `prevCursor` (opaque): the page after or before that page's rows, read from the
   * position instead of skipping an offset (docs/conventions.md#keyset-pages). `page` is then only echoed.
   */
  cursor: z.string().max(600).optional(),
});
export type DossierListQuery = z.output<typeof DossierListQuery>;
export const DossierExportQuery = z.object(ListFilters);
export type DossierExportQuery = z.output<typeof DossierExportQuery>;

const StatisticsPeriod = { from: LocalDate, to: LocalDate, unitId: Id.optional() };
export const StatisticsQuery = z.object(StatisticsPeriod).refine((q) => q.from <= q.to, { message: 'period.invalid', path: ['to'] });
export type StatisticsQuery = z.output<typeof StatisticsQuery>;
export const STATISTICS_DIMENSIONS = ['unit', 'procedure', 'sector', 'officer'] as const;
export const StatisticsBreakdownQuery = z
  .object({ ...StatisticsPeriod, by: z.enum(STATISTICS_DIMENSIONS) })
  .refine((q) => q.from <= q.to, { message: 'period.invalid', path: ['to'] });
export type StatisticsBreakdownQuery = z.output<typeof StatisticsBreakdownQuery>;
/** A series covers at most ten years (120 months). */
export const StatisticsSeriesQuery = z
  .object({ ...StatisticsPeriod, granularity: z.enum(['month', 'quarter']).default('month') })
  .refine((q) => q.from <= q.to, { message: 'period.invalid', path: ['to'] })
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) < 10, { message: 'period.too_long', path: ['to'] });
export type StatisticsSeriesQuery = z.output<typeof StatisticsSeriesQuery>;

export const DossierIdParams = z.object({ id: Id });
export const DossierFileParams = z.object({ id: Id, fileId: Id });
/** `inline` previews PDF and images in the browser; any other type is always a download. */
export const DossierFileQuery = z.object({ disposition: z.enum(['inline', 'attachment']).default('attachment') });
export const DossierFileList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      size: z.number().int(),
      contentType: z.string(),
      uploadedAt: Instant,
      /** `applicant`: uploaded by the citizen with the online filing; `staff`: by an officer (named). */
      uploadedBy: z.object({ kind: z.enum(['applicant', 'staff']), name: z.string().nullable() }),
      /** The component of the filing the file was attached to, if any. */
      component: z.string().nullable(),
      /** Whether it is the signed result document. */
      isResult: z.boolean(),
      /** Whether the browser can show it (PDF, PNG, JPEG). */
      previewable: z.boolean(),
    }),
  ),
});
export type DossierFileList = z.infer<typeof DossierFileList>;
/** The people a step can be handed to: holders of the next step's role over its unit. */
export const HandoverCandidates = z.object({
  step: z.object({ code: z.string(), name: z.string(), performerRole: z.enum(ROLES).nullable(), unitId: z.string().nullable() }).nullable(),
  items: z.array(z.object({ id: z.string(), fullName: z.string(), unitName: z.string().nullable() })),
});

/**
 * Bulk assignment from the "Chờ phân công" queue (issue #13 item 4): every dossier must still be
 * unassigned and assignable to the person, or nothing is assigned.
 */
export const BulkAssignBody = z.object({ ids: z.array(Id).min(1).max(100), assigneeId: Id });
export type BulkAssignInput = z.output<typeof BulkAssignBody>;
export const BulkAssigned = z.object({ assigned: z.number().int() });

/** Hand the dossier to a specialist (null takes the assignment back). */
export const AssignBody = z.object({ version: Version, assigneeId: Id.nullable() });
export type AssignInput = z.output<typeof AssignBody>;
export const AssigneeList = z.object({ items: z.array(z.object({ id: z.string(), fullName: z.string(), unitName: z.string().nullable() })) });
export const DOSSIER_FORMS = ['receipt', 'supplement', 'refusal', 'apology', 'control-sheet'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];
export const DossierFormParams = z.object({ id: Id, form: z.enum(DOSSIER_FORMS) });

// ---- Responses

const Status = z.enum(DOSSIER_STATUSES);
const Channel = z.enum(CHANNELS);
const OpenTimeliness = z.enum(['not_due', 'almost_due', 'overdue']);
const Timeliness = z.enum(['early', 'on_time', 'late']);

export const CreatedDossier = z.object({
  id: z.string(),
  code: z.string(),
  status: Status,
  dueDate: LocalDate.nullable(),
  dueAt: Instant.nullable(),
  lookupPin: z.string(),
  version: z.number().int(),
});

export const DossierListItem = z.object({
  id: z.string(),
  code: z.string(),
  status: Status,
  channel: Channel,
  applicantName: z.string(),
  procedureId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  receivedAt: Instant.nullable(),
  dueDate: LocalDate.nullable(),
  dueAt: Instant.nullable(),
  timeliness: OpenTimeliness.nullable(),
  overdueDays: z.number().int().nullable(),
  assigneeId: z.string().nullable(),
  /** Who holds the dossier now, and the unit of its current step (issue #13 item 4). */
  assigneeName: z.string().nullable(),
  currentUnitName: z.string().nullable(),
});
export type DossierListItem = z.infer<typeof DossierListItem>;

export const DossierPage = z.object({
  items: z.array(DossierListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  /** The cursor of the page after this one and before it (`cursor` of the query); null at the list's ends. */
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
});
export type DossierPage = z.infer<typeof DossierPage>;

const Applicant = z.object({
  kind: z.enum(APPLICANT_KINDS),
  name: z.string(),
  taxCode: z.string().nullable(),
  representative: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
});

export const DossierView = z
  .object({
    id: z.string(),
    code: z.string(),
    status: Status,
    nationalStatusCode: z.number().int(),
    channel: Channel,
    applicant: Applicant,
    procedureId: z.string(),
    procedureCode: z.string(),
    procedureName: z.string(),
    procedureVersionNo: z.number().int(),
    timeLimit: z.object({ value: z.number(), unit: z.string() }).nullable(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    processingUnitId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    components: z.array(z.object({ name: z.string(), kind: z.string().optional(), quantity: z.number().int().optional() })),
    note: z.string().nullable(),
    lookupPin: z.string(),
    submittedAt: Instant.nullable(),
    receivedAt: Instant.nullable(),
    deemedReceivedOn: LocalDate.nullable(),
    dueDate: LocalDate.nullable(),
    dueAt: Instant.nullable(),
    originalDueDate: LocalDate.nullable(),
    statutoryDueDate: LocalDate.nullable(),
    timeliness: OpenTimeliness.nullable(),
    overdueDays: z.number().int().nullable(),
    result: Timeliness.nullable(),
    endOfProcessingAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
    closingReason: z.string().nullable(),
    returnMethod: z.enum(['counter', 'post', 'online']).nullable(),
    returnedTo: z.string().nullable(),
    supplementRequestCount: z.number().int(),
    steps: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        unitId: z.string().nullable(),
        /** Who performs the step (the procedure's role, or the default from the step's name); null = any officer of the dossier. */
        performerRole: z.enum(ROLES).nullable(),
        startAt: Instant,
        dueDate: LocalDate,
        dueAt: Instant,
        done: z.boolean(),
      }),
    ),
    currentStep: z.number().int(),
    pauses: z.array(
      z.object({
        kind: z.enum(['supplement', 'payment']),
        from: Instant,
        to: Instant.nullable(),
        reason: z.string(),
        items: z.array(z.string()),
        workingDays: z.number().int().nullable(),
      }),
    ),
    /** Requests to complete the online filing before receipt, oldest first; the last is open while `completedAt` is null. */
    completionRequests: z.array(z.object({ at: Instant, reason: z.string(), items: z.array(z.string()), completedAt: Instant.nullable() })),
    apologies: z.array(z.object({ issuedAt: Instant, reason: z.string(), oldDueDate: LocalDate, newDueDate: LocalDate })),
    handovers: z.array(
      z.object({
        stepIndex: z.number().int(),
        fromStep: z.string(),
        toStep: z.string().nullable(),
        at: Instant,
        dueAt: Instant,
        timeliness: Timeliness,
        note: z.string().nullable(),
        kind: z.enum(['forward', 'return']),
        /** Who handed over and who received (null: not recorded, or still in the unit's queue). */
        byName: z.string().nullable(),
        toName: z.string().nullable(),
        receivedAt: Instant.nullable(),
      }),
    ),
    history: z.array(
      z.object({ action: z.string(), from: Status.nullable(), to: Status, at: Instant, actorName: z.string().nullable(), note: z.string().nullable() }),
    ),
    rating: z.object({ overall: z.number().int(), comment: z.string().nullable(), createdAt: Instant }).nullable(),
    /** The procedure's components (of the version the dossier follows) with their mandatory flag: the receipt checklist. */
    procedureComponents: z.array(z.object({ name: z.string(), mandatory: z.boolean() })),
    /** The components the desk confirmed when it received the online filing; [] for other dossiers. */
    receiptChecks: z.array(z.object({ name: z.string(), mandatory: z.boolean(), checked: z.boolean() })),
    /** Whether the procedure issues electronic results (its result type is electronic or both). */
    electronicResultAllowed: z.boolean(),
    /** The result document recorded at "result ready"; null before, and for dossiers from before issue #13. */
    resultRecord: z
      .object({
        kind: z.enum(RESULT_KINDS),
        number: z.string(),
        date: LocalDate,
        signer: z.string(),
        fileId: z.string().nullable(),
        fileName: z.string().nullable(),
        electronic: z.boolean(),
      })
      .nullable(),
    version: z.number().int(),
    can: z.record(z.string(), z.boolean()),
    forms: z.array(z.enum(DOSSIER_FORMS)),
  })
  .meta({ id: 'Dossier' });
export type DossierView = z.infer<typeof DossierView>;

export const StatisticsView = z.object({
  period: z.object({ from: LocalDate, to: LocalDate }),
  carriedOver: z.number().int(),
  received: z.object({ total: z.number().int(), online: z.number().int(), counter: z.number().int(), post: z.number().int() }),
  toProcess: z.number().int(),
  completed: z.object({ total: z.number().int(), early: z.number().int(), onTime: z.number().int(), late: z.number().int() }),
  inProgress: z.object({ total: z.number().int(), withinTime: z.number().int(), almostDue: z.number().int(), overdue: z.number().int() }),
  paused: z.object({ total: z.number().int(), supplement: z.number().int(), payment: z.number().int(), late: z.number().int() }),
  withdrawn: z.number().int(),
  refused: z.number().int(),
  stopped: z.number().int(),
  returned: z.number().int(),
  resultReadyNotCollected: z.number().int(),
  awaitingReceipt: z.number().int(),
  apologiesIssued: z.number().int(),
  late: z.number().int(),
  lateRateBasisPoints: z.number().int().nullable(),
  onTimeRateBasisPoints: z.number().int().nullable(),
});
export const StatisticsBreakdownView = z.object({
  by: z.enum(STATISTICS_DIMENSIONS),
  /** One report per key; `key` null gathers the dossiers without one (no assignee, say). */
  items: z.array(z.object({ key: z.string().nullable(), name: z.string().nullable(), statistics: StatisticsView })),
});
export const StatisticsSeriesView = z.object({ granularity: z.enum(['month', 'quarter']), items: z.array(StatisticsView) });

/**
 * GET /api/dossiers/:id/receipt-slip: the receipt slip (Form 01) as data, for the print-ready page of the staff
 * app (issue #13 item 5); the same view the .docx is rendered from, with the lookup QR code as a PNG data URL.
 */
export const ReceiptSlipData = z.object({
  header: z.object({ agencyParent: z.string(), agencyName: z.string(), place: z.string(), issuedOn: LocalDate }),
  dossierCode: z.string(),
  lookupUrl: z.string(),
  lookupPin: z.string(),
  qrPng: z.string(),
  applicant: z.object({
    name: z.string(),
    taxCode: z.string().optional(),
    representative: z.string().optional(),
    address: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
  procedureName: z.string(),
  components: z.array(z.object({ name: z.string(), kind: z.enum(['original', 'certified_copy', 'copy', 'original_or_copy']), copies: z.number().int() })),
  sets: z.number().int(),
  timeLimitText: z.string(),
  receivedAt: Instant,
  dueAt: Instant,
  resultDelivery: z.string(),
  officerName: z.string(),
});
