// Request and response shapes of the HTTP API, mirroring the contract one to one.
// They live in this one file so that the generated OpenAPI types can replace them in one move.
import type { Role, UnitKind } from '@cchc/domain';

/** ISO 8601 UTC instant with a trailing Z. */
export type InstantString = string;
/** Civil day, YYYY-MM-DD. */
export type LocalDateString = string;

export interface FieldProblem {
  path: string;
  code: string;
}

/** RFC 9457 problem document as the server sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: unknown;
  errors?: FieldProblem[];
}

export interface Health {
  status: 'ok';
  db: 'sqlite' | 'postgres';
}

export interface SetupStatus {
  needsSetup: boolean;
}

export type AgencyKind = 'province' | 'department' | 'service_center';

export interface SetupInput {
  agencyName: string;
  agencyKind: AgencyKind;
  agencyCode?: string | null;
  username: string;
  fullName: string;
  password: string;
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export interface GrantView {
  role: Role;
  unitId: string;
  unitName: string;
}

export interface GrantInput {
  role: Role;
  unitId: string;
}

export interface Me {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unitId: string;
  unitName: string;
  mustChangePassword: boolean;
  grants: GrantView[];
  /** Actions the user holds on at least one unit, e.g. 'unit.manage', 'user.read'. */
  permissions: string[];
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: InstantString;
  lastUsedAt: InstantString | null;
  /** After this instant the token is refused; null = no expiry. */
  expiresAt: InstantString | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  createdAt: InstantString;
  expiresAt: InstantString | null;
  /** Shown once; the server keeps only a hash. */
  token: string;
}

export interface Unit {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  code: string | null;
  version: number;
  createdAt: InstantString;
  updatedAt: InstantString;
  can: { update: boolean; delete: boolean; createChild: boolean };
}

export interface CreateUnitInput {
  /** null: a new top-level agency (system administrators of a top-level agency). */
  parentId: string | null;
  kind: UnitKind;
  name: string;
  code?: string | null;
}

export interface UpdateUnitInput {
  version: number;
  name?: string;
  kind?: UnitKind;
  code?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unitId: string;
  unitName: string;
  isActive: boolean;
  mustChangePassword: boolean;
  lockedUntil: InstantString | null;
  grants: GrantView[];
  version: number;
  createdAt: InstantString;
  can: { update: boolean };
}

export type UserSort = 'username' | 'fullName' | 'createdAt';
export type SortOrder = 'asc' | 'desc';

export interface UserQuery {
  q?: string;
  unitId?: string;
  page?: number;
  pageSize?: number;
  sort?: UserSort;
  order?: SortOrder;
}

export interface CreateUserInput {
  username: string;
  fullName: string;
  email?: string | null;
  unitId: string;
  password: string;
  grants: GrantInput[];
}

export interface UpdateUserInput {
  version: number;
  fullName?: string;
  email?: string | null;
  unitId?: string;
  isActive?: boolean;
  grants?: GrantInput[];
}

// ---- Administrative procedure catalogue (docs/domain/procedures.md)

export type ProcedureStatus = 'active' | 'inactive';
export type ProcedureChannel = 'counter' | 'post' | 'online';
export type ProcedureLevel = 'ministry' | 'province' | 'commune';
export type OnlineLevel = 'full' | 'partial' | 'none';
export type ProcedureResultType = 'paper' | 'electronic' | 'both';
export type ComponentKind = 'original' | 'certified_copy' | 'copy' | 'original_or_copy';
export type TimeLimitUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
export type StepBudgetUnit = 'working_days' | 'working_hours';

export interface ProcedureTimeLimit {
  value: number;
  unit: TimeLimitUnit;
}

export interface ProcedureFee {
  name: string;
  amountVnd: number;
  note: string | null;
}

export interface ProcedureComponent {
  name: string;
  kind: ComponentKind;
  quantity: number;
  mandatory: boolean;
  templateFileId: string | null;
}

export interface ProcedureStep {
  code: string;
  name: string;
  unitId: string | null;
  budget: { value: number; unit: StepBudgetUnit };
}

export interface ProcedureContent {
  name: string;
  sector: { code: string; name: string };
  level: ProcedureLevel | null;
  processingUnitId: string | null;
  timeLimit: ProcedureTimeLimit;
  fees: ProcedureFee[];
  components: ProcedureComponent[];
  channels: ProcedureChannel[];
  onlineLevel: OnlineLevel;
  resultType: ProcedureResultType;
  resultName: string;
  legalBasis: string;
  applicants: string;
  publication: { number: string; date: LocalDateString } | null;
  receivingCutoffMinute: number | null;
  steps: ProcedureStep[];
}

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  timeLimit: ProcedureTimeLimit;
  sector: { code: string; name: string };
  channels: ProcedureChannel[];
  onlineLevel: OnlineLevel;
  status: ProcedureStatus;
  unitId: string;
  processingUnitId: string | null;
  version: number;
  versionNo: number;
  effectiveFrom: LocalDateString;
  updatedAt: InstantString;
  can: { update: boolean; delete: boolean };
}

export interface ProcedureVersionEntry {
  id: string;
  versionNo: number;
  effectiveFrom: LocalDateString;
  createdAt: InstantString;
  createdByName: string | null;
}

export interface ProcedureView extends ProcedureContent {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  status: ProcedureStatus;
  version: number;
  versionNo: number;
  effectiveFrom: LocalDateString;
  inForceVersionNo: number | null;
  versions: ProcedureVersionEntry[];
  createdAt: InstantString;
  updatedAt: InstantString;
  can: { update: boolean; delete: boolean };
}

export type ProcedureSort = 'code' | 'name' | 'updatedAt';

export interface ProcedureFilters {
  q?: string;
  sector?: string;
  status?: ProcedureStatus;
  unitId?: string;
}

export interface ProcedureQuery extends ProcedureFilters {
  page?: number;
  pageSize?: number;
  sort?: ProcedureSort;
  order?: SortOrder;
}

export type CreateProcedureInput = Partial<Omit<ProcedureContent, 'name' | 'sector' | 'timeLimit' | 'channels'>> &
  Pick<ProcedureContent, 'name' | 'sector' | 'timeLimit' | 'channels'> & {
    unitId: string;
    code: string;
    status?: ProcedureStatus;
    effectiveFrom?: LocalDateString;
  };

export type UpdateProcedureInput = Partial<ProcedureContent> & { version: number; effectiveFrom?: LocalDateString };

/** One problem of an import: the spreadsheet row (1 = header) and column key. */
export interface ImportRowProblem extends FieldProblem {
  row: number;
  column: string;
}

export interface ImportResult {
  created: number;
  updated: number;
}

export interface SectorOption {
  code: string;
  name: string;
  count: number;
}

export interface AuditEntry {
  seq: number;
  at: InstantString;
  actorId: string | null;
  actorName: string | null;
  /** 'citizen' for an applicant's action on the public site, 'system' when no one acted. */
  actorKind: 'user' | 'citizen' | 'system';
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: LocalDateString;
  to?: LocalDateString;
  page?: number;
  pageSize?: number;
}

/** Why a weekday is not worked, or that a Saturday is: weekends are implied and never listed. */
export type CalendarDayKind = 'holiday' | 'compensatory' | 'swap' | 'working_saturday';
export type CalendarDayStatus = 'official' | 'provisional';
/** 'mixed' when a year holds both official and provisional days (an edited generated year). */
export type CalendarYearStatus = 'official' | 'provisional' | 'mixed';

export interface CalendarDay {
  date: LocalDateString;
  /** The calendar year whose set lists the day (2018-12-31 belongs to 2019). */
  year: number;
  kind: CalendarDayKind;
  name: string;
  status: CalendarDayStatus;
  sourceNumber: string | null;
  sourceDate: LocalDateString | null;
  note: string | null;
  version: number;
}

export interface CalendarYear {
  year: number;
  status: CalendarYearStatus;
  /** Non-working weekdays and make-up Saturdays, sorted by date. */
  days: CalendarDay[];
  can: { manage: boolean };
}

export interface CreateCalendarDayInput {
  date: LocalDateString;
  kind: CalendarDayKind;
  name: string;
  status: CalendarDayStatus;
  sourceNumber?: string | null;
  sourceDate?: LocalDateString | null;
  note?: string | null;
}

export interface UpdateCalendarDayInput {
  version: number;
  kind?: CalendarDayKind;
  name?: string;
  status?: CalendarDayStatus;
  sourceNumber?: string | null;
  sourceDate?: LocalDateString | null;
  note?: string | null;
}

/** An open record whose counting span contains a date; its stored due date does not move. */
export interface CalendarImpactItem {
  source: string;
  entity: string;
  id: string;
  code: string;
  title: string;
  startDate: LocalDateString;
  dueDate: LocalDateString;
  unitId: string;
}

export interface CalendarImpact {
  date: LocalDateString;
  /** Always false: a calendar change never moves a due date already promised. */
  dueDatesChange: false;
  items: CalendarImpactItem[];
}

/** A Vietnamese lunar date (computed at UTC+7). */
export interface LunarDateView {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

// ---- One-stop dossiers (hồ sơ một cửa). Statuses follow the national codes (docs/domain/dossiers.md#national-status-codes).

export type DossierStatus =
  | 'submitted'
  | 'received'
  | 'refused'
  | 'processing'
  | 'awaiting_supplement'
  | 'awaiting_payment'
  | 'withdrawn'
  | 'stopped'
  | 'result_ready'
  | 'returned';
export type DossierChannel = 'counter' | 'post' | 'online';
export type DossierReturnMethod = 'counter' | 'post' | 'online';
/** An open dossier against its appointment. */
export type DossierOpenTimeliness = 'not_due' | 'almost_due' | 'overdue';
/** A finished dossier or hand-over step. */
export type DossierTimeliness = 'early' | 'on_time' | 'late';
/** Work queues; 'mine' is the dossiers assigned to the signed-in user. */
export type DossierQueue =
  | 'mine'
  | 'to_receive'
  | 'to_process'
  | 'awaiting_supplement'
  | 'almost_due'
  | 'overdue'
  | 'all'
  | 'open'
  | 'due_today'
  | 'to_assign'
  | 'result_ready';
export type DossierSort = 'code' | 'receivedAt' | 'dueAt' | 'applicantName';
export type DossierForm = 'receipt' | 'supplement' | 'refusal' | 'apology' | 'control-sheet';

/** A person files for themself; an organisation through its representative. */
export type ApplicantKind = 'person' | 'organization';

export interface DossierApplicant {
  kind?: ApplicantKind;
  /** The person's name, or the organisation's. */
  name: string;
  taxCode?: string | null;
  representative?: string | null;
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

/** A component handed in at the desk, ticked from the procedure's list. */
export interface DossierComponentInput {
  name: string;
  kind?: string;
  quantity?: number;
}

export interface CreateDossierInput {
  procedureId: string;
  channel: DossierChannel;
  applicant: DossierApplicant;
  /** Past instants are allowed for backlog entry, never future ones. */
  receivedAt?: InstantString;
  components?: DossierComponentInput[];
  note?: string | null;
}

/** What the desk needs right after receipt: code, PIN and appointment for the slip. */
export interface CreatedDossier {
  id: string;
  code: string;
  status: DossierStatus;
  dueDate: LocalDateString | null;
  dueAt: InstantString | null;
  lookupPin: string;
  version: number;
}

export interface DossierListItem {
  id: string;
  code: string;
  status: DossierStatus;
  channel: DossierChannel;
  applicantName: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  receivedAt: InstantString | null;
  dueDate: LocalDateString | null;
  dueAt: InstantString | null;
  /** Set for open dossiers with a running clock. */
  timeliness: DossierOpenTimeliness | null;
  /** Days past the due date, when overdue. */
  overdueDays: number | null;
  assigneeId: string | null;
  /** Who holds the dossier now, and the unit of its current step. */
  assigneeName: string | null;
  currentUnitName: string | null;
}

export interface DossierQuery {
  queue?: DossierQueue;
  q?: string;
  status?: DossierStatus;
  procedureId?: string;
  channel?: DossierChannel;
  from?: LocalDateString;
  to?: LocalDateString;
  /** Drill-down from the statistics: the dossiers behind one figure of the report of [figureFrom, figureTo]. */
  figure?: StatisticsFigure;
  figureFrom?: LocalDateString;
  figureTo?: LocalDateString;
  withinUnitId?: string;
  decidingUnitId?: string;
  sectorCode?: string;
  officerId?: string;
  page?: number;
  pageSize?: number;
  sort?: DossierSort;
  order?: SortOrder;
}

/** The figures of the statistics a dossier list can be opened on (the server's list filter `figure`). */
export const STATISTICS_FIGURES = [
  'to_process',
  'carried_over',
  'received',
  'received_online',
  'received_counter',
  'received_post',
  'completed',
  'completed_early',
  'completed_on_time',
  'completed_late',
  'in_progress',
  'in_progress_within_time',
  'in_progress_almost_due',
  'in_progress_overdue',
  'paused',
  'paused_supplement',
  'paused_payment',
  'paused_late',
  'withdrawn',
  'refused',
  'stopped',
  'returned',
  'result_ready_not_collected',
  'awaiting_receipt',
  'late',
] as const;
export type StatisticsFigure = (typeof STATISTICS_FIGURES)[number];
export type StatisticsDimension = 'unit' | 'procedure' | 'sector' | 'officer';

export interface DossierStatisticsBreakdown {
  by: StatisticsDimension;
  items: Array<{ key: string | null; name: string | null; statistics: DossierStatistics }>;
}

export interface DossierStatisticsSeries {
  granularity: 'month' | 'quarter';
  items: DossierStatistics[];
}

export interface DossierPage extends Page<DossierListItem> {
  /** Dossiers per queue in the user's scope (not narrowed by the filters). */
  counts: Partial<Record<DossierQueue, number>>;
}

/** One row of the control sheet (Form 05): hand-over with its time, due time and result. */
export interface DossierHandover {
  stepIndex: number;
  fromStep: string;
  toStep: string | null;
  at: InstantString;
  dueAt: InstantString;
  timeliness: DossierTimeliness;
  note: string | null;
  /** A hand-over to the next step, or a return to the previous one (the reason in `note`). */
  kind: 'forward' | 'return';
  byName: string | null;
  /** Who received it; null while it waits in the unit's queue (or on older rows). */
  toName: string | null;
  receivedAt: InstantString | null;
}

export interface DossierHistoryEntry {
  action: string;
  from: DossierStatus | null;
  to: DossierStatus;
  at: InstantString;
  actorName: string | null;
  note: string | null;
}

export interface DossierPauseView {
  kind: 'supplement' | 'payment';
  from: InstantString;
  to: InstantString | null;
  reason: string;
  items: string[];
  /** Working days the clock stood still, once the pause has ended. */
  workingDays: number | null;
}

/** One step of the procedure's internal process, with its own due time. */
export interface DossierStepView {
  code: string;
  name: string;
  unitId: string | null;
  /** The role that performs the step; null: any officer of the dossier. */
  performerRole: Role | null;
  startAt: InstantString;
  dueDate: LocalDateString;
  dueAt: InstantString;
  done: boolean;
}

export interface DossierApologyView {
  issuedAt: InstantString;
  reason: string;
  oldDueDate: LocalDateString;
  newDueDate: LocalDateString;
}

/** Actions on an existing dossier, as sent to POST /api/dossiers/:id/actions. */
export type DossierAction =
  | 'receive'
  | 'startProcessing'
  | 'completeStep'
  | 'returnStep'
  | 'requestSupplement'
  | 'completeSupplement'
  | 'requestPayment'
  | 'recordPayment'
  | 'refuse'
  | 'stop'
  | 'withdraw'
  | 'markResultReady'
  | 'returnResult'
  | 'issueApology';

/** GET /api/dossiers/:id (DossierView on the server). */
export interface Dossier {
  id: string;
  code: string;
  status: DossierStatus;
  /** The national status code 1–10 (docs/domain/dossiers.md#national-status-codes). */
  nationalStatusCode: number;
  channel: DossierChannel;
  applicant: DossierApplicant;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  procedureVersionNo: number;
  timeLimit: { value: number; unit: string } | null;
  unitId: string;
  unitName: string | null;
  processingUnitId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  components: DossierComponentInput[];
  note: string | null;
  lookupPin: string;
  submittedAt: InstantString | null;
  receivedAt: InstantString | null;
  /** The day the time limit counts from (the next working day after a late or off-hours receipt). */
  deemedReceivedOn: LocalDateString | null;
  dueDate: LocalDateString | null;
  dueAt: InstantString | null;
  originalDueDate: LocalDateString | null;
  statutoryDueDate: LocalDateString | null;
  timeliness: DossierOpenTimeliness | null;
  overdueDays: number | null;
  /** Timeliness of a finished dossier. */
  result: DossierTimeliness | null;
  endOfProcessingAt: InstantString | null;
  finishedAt: InstantString | null;
  closingReason: string | null;
  returnMethod: DossierReturnMethod | null;
  returnedTo: string | null;
  supplementRequestCount: number;
  steps: DossierStepView[];
  /** Index of the step in progress; equals steps.length when all are done. */
  currentStep: number;
  pauses: DossierPauseView[];
  apologies: DossierApologyView[];
  handovers: DossierHandover[];
  history: DossierHistoryEntry[];
  rating: { overall: number; comment: string | null; createdAt: InstantString } | null;
  /** The procedure's components with their mandatory flag: the receipt checklist (issue #13). */
  procedureComponents: { name: string; mandatory: boolean }[];
  /** What the desk confirmed when receiving the online filing. */
  receiptChecks: { name: string; mandatory: boolean; checked: boolean }[];
  /** Whether the procedure issues electronic results. */
  electronicResultAllowed: boolean;
  /** The result document recorded at "result ready". */
  resultRecord: DossierResultRecord | null;
  version: number;
  /** What the signed-in user may do now: one flag per action, plus `assign`. */
  can: Partial<Record<DossierAction | 'assign', boolean>>;
  /** Forms that can be printed now. */
  forms: DossierForm[];
}

/** GET /api/dossiers/receipt-preview: the appointment a receipt would get, and what to warn about. */
export interface DossierReceiptPreview {
  receivedAt: InstantString;
  deemedReceivedOn: LocalDateString | null;
  dueDate: LocalDateString | null;
  dueAt: InstantString | null;
  nonWorkingDay: boolean;
  afterCutoff: boolean;
  cutoffMinute: number | null;
  /** The procedure's agency has no electronic identifier: a receipt would be refused. */
  agencyCodeMissing: boolean;
}

/** GET /api/dossiers/:id/handover-candidates: the next step and who may receive it. */
export interface DossierHandoverCandidates {
  step: { code: string; name: string; performerRole: Role | null; unitId: string | null } | null;
  items: DossierAssignee[];
}

/** A user a dossier can be assigned to. */
export interface DossierAssignee {
  id: string;
  fullName: string;
  unitName: string | null;
}

export type DossierActionInput =
  | { action: 'requestSupplement'; reason: string; items: string[] }
  | { action: 'refuse' | 'stop'; reason: string }
  | { action: 'withdraw' | 'requestPayment'; reason?: string }
  | { action: 'completeStep'; note?: string; handoverTo?: string | null }
  | { action: 'returnStep'; reason: string }
  | { action: 'returnResult'; method: DossierReturnMethod; receivedBy: string }
  | { action: 'issueApology'; reason: string; newDueDate: LocalDateString }
  | { action: 'receive'; confirmedComponents: string[] }
  | { action: 'markResultReady'; result: DossierResultInput }
  | { action: 'startProcessing' | 'completeSupplement' | 'recordPayment' };

export type DossierResultKind = 'licence' | 'certificate' | 'written_answer' | 'refusal';

/** The result record as sent with "result ready"; `fileId` is an attachment of the dossier. */
export interface DossierResultInput {
  kind: DossierResultKind;
  number: string;
  date: LocalDateString;
  signer: string;
  fileId: string | null;
  electronic: boolean;
}

export interface DossierResultRecord extends DossierResultInput {
  fileName: string | null;
}

/** GET /api/dossiers/:id/files: one file of the dossier. */
export interface DossierFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  uploadedAt: InstantString;
  uploadedBy: { kind: 'applicant' | 'staff'; name: string | null };
  component: string | null;
  isResult: boolean;
  previewable: boolean;
}

export interface DossierStatisticsQuery {
  from: LocalDateString;
  to: LocalDateString;
  unitId?: string;
}

/** The national report shape (docs/domain/statistics.md). Rates are basis points: 9850 is 98,5%. */
export interface DossierStatistics {
  period: { from: LocalDateString; to: LocalDateString };
  carriedOver: number;
  received: { total: number; online: number; counter: number; post: number };
  toProcess: number;
  completed: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinTime: number; almostDue: number; overdue: number };
  paused: { total: number; supplement: number; payment: number; late: number };
  withdrawn: number;
  refused: number;
  stopped: number;
  returned: number;
  resultReadyNotCollected: number;
  awaitingReceipt: number;
  apologiesIssued: number;
  late: number;
  lateRateBasisPoints: number | null;
  onTimeRateBasisPoints: number | null;
}

/** A procedure as the receipt form lists it. */
export interface DossierProcedureOption {
  id: string;
  code: string;
  name: string;
  timeLimit: { value: number; unit: 'working_days' | 'calendar_days' | 'working_hours' | 'same_day' };
  channels: DossierChannel[];
}

export interface DossierProcedureComponent {
  name: string;
  kind: 'original' | 'certified_copy' | 'copy' | 'original_or_copy';
  quantity: number;
  mandatory: boolean;
}

/** The procedure's details the receipt form needs: its components checklist. */
export interface DossierProcedureDetail extends DossierProcedureOption {
  components: DossierProcedureComponent[];
}

/** GET /api/dossiers/:id/receipt-slip: the receipt slip (Form 01) as data for the print page, with the lookup QR code. */
export interface DossierReceiptSlip {
  header: { agencyParent: string; agencyName: string; place: string; issuedOn: LocalDateString };
  dossierCode: string;
  lookupUrl: string;
  lookupPin: string;
  /** PNG data URL. */
  qrPng: string;
  applicant: { name: string; taxCode?: string; representative?: string; address?: string; phone?: string; email?: string };
  procedureName: string;
  components: Array<{ name: string; kind: 'original' | 'certified_copy' | 'copy' | 'original_or_copy'; copies: number }>;
  sets: number;
  timeLimitText: string;
  receivedAt: InstantString;
  dueAt: InstantString;
  resultDelivery: string;
  officerName: string;
}
