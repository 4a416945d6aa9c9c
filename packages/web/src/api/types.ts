// Request and response shapes of the HTTP API: aliases of the types generated from the server's OpenAPI
// document (schema.d.ts, `npm run gen:api`), under the names the pages import. Only what the document does not
// describe (the problem document, the generic page) is written here.
import type { ApiBody, ApiQuery, ApiResponse, Schema } from './contract';

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

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type Item<L> = L extends { items: (infer T)[] } ? T : never;

export type Health = ApiResponse<'/api/health'>;
export type SetupStatus = ApiResponse<'/api/setup'>;
export type SetupProgress = ApiResponse<'/api/setup/progress'>;
export type SetupInput = ApiBody<'/api/setup', 'post'>;
export type AgencyKind = SetupInput['agencyKind'];
export type LoginInput = ApiBody<'/api/auth/login', 'post'>;
export type ChangePasswordInput = ApiBody<'/api/auth/password', 'post'>;

export type Me = Schema<'Me'>;
export type GrantView = Me['grants'][number];
export type ApiToken = Item<ApiResponse<'/api/auth/tokens'>>;
export type CreatedApiToken = ApiResponse<'/api/auth/tokens', 'post'>;

export type Unit = Schema<'Unit'>;
export type CreateUnitInput = ApiBody<'/api/units', 'post'>;
export type UpdateUnitInput = ApiBody<'/api/units/{id}', 'patch'>;

export type User = Schema<'User'>;
export type UserQuery = ApiQuery<'/api/users'>;
export type UserSort = NonNullable<UserQuery['sort']>;
export type SortOrder = NonNullable<UserQuery['order']>;
export type CreateUserInput = ApiBody<'/api/users', 'post'>;
export type UpdateUserInput = ApiBody<'/api/users/{id}', 'patch'>;
export type GrantInput = NonNullable<CreateUserInput['grants']>[number];

// ---- Administrative procedure catalogue (docs/domain/procedures.md)

export type ProcedureView = Schema<'Procedure'>;
export type ProcedureSummary = Item<ApiResponse<'/api/procedures'>>;
export type ProcedureStatus = ProcedureView['status'];
export type ProcedureChannel = ProcedureView['channels'][number];
export type ProcedureLevel = NonNullable<ProcedureView['level']>;
export type OnlineLevel = ProcedureView['onlineLevel'];
export type ProcedureResultType = ProcedureView['resultType'];
export type ProcedureTimeLimit = ProcedureView['timeLimit'];
export type TimeLimitUnit = ProcedureTimeLimit['unit'];
export type ProcedureFee = ProcedureView['fees'][number];
export type ProcedureComponent = ProcedureView['components'][number];
export type ComponentKind = ProcedureComponent['kind'];
export type ProcedureStep = ProcedureView['steps'][number];
export type StepBudgetUnit = ProcedureStep['budget']['unit'];
/** The content fields of a procedure as the form sends them (a new version replaces them all). */
export type ProcedureContent = Required<Omit<UpdateProcedureInput, 'version' | 'effectiveFrom'>>;
export type ProcedureVersionEntry = ProcedureView['versions'][number];
export type ProcedureQuery = ApiQuery<'/api/procedures'>;
export type ProcedureSort = NonNullable<ProcedureQuery['sort']>;
export type ProcedureFilters = Pick<ProcedureQuery, 'q' | 'sector' | 'status' | 'unitId'>;
export type CreateProcedureInput = ApiBody<'/api/procedures', 'post'>;
export type UpdateProcedureInput = ApiBody<'/api/procedures/{id}', 'patch'>;

/** One problem of an import: the spreadsheet row (1 = header) and column key. */
export interface ImportRowProblem extends FieldProblem {
  row: number;
  column: string;
}

export type ImportResult = ApiResponse<'/api/procedures/import', 'post'>;
export type SectorOption = Item<ApiResponse<'/api/public/sectors'>>;

export type AuditEntry = Item<ApiResponse<'/api/audit'>>;
/** The filters as typed in the form: the server refuses an unknown entity or action with 400. */
export type AuditQuery = Omit<ApiQuery<'/api/audit'>, 'entity' | 'action'> & { entity?: string; action?: string };

// ---- Working calendar (docs/domain/calendar.md)

export type CalendarYear = ApiResponse<'/api/calendar/{year}'>;
export type CalendarDay = Schema<'CalendarDay'>;
/** Why a weekday is not worked, or that a Saturday is: weekends are implied and never listed. */
export type CalendarDayKind = CalendarDay['kind'];
export type CalendarDayStatus = CalendarDay['status'];
/** 'mixed' when a year holds both official and provisional days (an edited generated year). */
export type CalendarYearStatus = CalendarYear['status'];
export type CreateCalendarDayInput = ApiBody<'/api/calendar/days', 'post'>;
export type UpdateCalendarDayInput = ApiBody<'/api/calendar/days/{date}', 'patch'>;
export type CalendarImpact = ApiResponse<'/api/calendar/impact'>;
/** An open record whose counting span contains a date; its stored due date does not move. */
export type CalendarImpactItem = CalendarImpact['items'][number];
/** A Vietnamese lunar date (computed at UTC+7). */
export type LunarDateView = ApiResponse<'/api/calendar/lunar/{date}'>;

// ---- One-stop dossiers (hồ sơ một cửa). Statuses follow the national codes (docs/domain/dossiers.md#national-status-codes).

/** GET /api/dossiers/:id (DossierView on the server). */
export type Dossier = Schema<'Dossier'>;
export type DossierStatus = Dossier['status'];
export type DossierChannel = Dossier['channel'];
export type DossierReturnMethod = NonNullable<Dossier['returnMethod']>;
/** An open dossier against its appointment. */
export type DossierOpenTimeliness = NonNullable<Dossier['timeliness']>;
/** A finished dossier or hand-over step. */
export type DossierTimeliness = NonNullable<Dossier['result']>;
export type DossierForm = Dossier['forms'][number];
export type DossierApplicant = CreateDossierInput['applicant'];
/** A person files for themself; an organisation through its representative. */
export type ApplicantKind = NonNullable<DossierApplicant['kind']>;
/** A component handed in at the desk, ticked from the procedure's list. */
export type DossierComponentInput = Dossier['components'][number];
/** One row of the control sheet (Form 05): hand-over with its time, due time and result. */
export type DossierHandover = Dossier['handovers'][number];
export type DossierHistoryEntry = Dossier['history'][number];
export type DossierPauseView = Dossier['pauses'][number];
/** One step of the procedure's internal process, with its own due time. */
export type DossierStepView = Dossier['steps'][number];
export type DossierApologyView = Dossier['apologies'][number];
export type DossierResultRecord = NonNullable<Dossier['resultRecord']>;

export type CreateDossierInput = ApiBody<'/api/dossiers', 'post'>;
/** What the desk needs right after receipt: code, PIN and appointment for the slip. */
export type CreatedDossier = ApiResponse<'/api/dossiers', 'post'>;
export type DossierPage = ApiResponse<'/api/dossiers'>;
export type DossierListItem = DossierPage['items'][number];
/** The list filters; a drill-down opens on one of the figures the statistics table shows. */
export type DossierQuery = Omit<ApiQuery<'/api/dossiers'>, 'figure'> & { figure?: StatisticsFigure };
/** Work queues; 'mine' is the dossiers assigned to the signed-in user. */
export type DossierQueue = NonNullable<DossierQuery['queue']>;
export type DossierSort = NonNullable<DossierQuery['sort']>;

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

/** GET /api/dossiers/receipt-preview: the appointment a receipt would get, and what to warn about. */
export type DossierReceiptPreview = ApiResponse<'/api/dossiers/receipt-preview'>;
/** GET /api/dossiers/:id/handover-candidates: the next step and who may receive it. */
export type DossierHandoverCandidates = ApiResponse<'/api/dossiers/{id}/handover-candidates'>;
/** A user a dossier can be assigned to. */
export type DossierAssignee = Item<ApiResponse<'/api/dossiers/{id}/assignees'>>;

type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;
export type DossierActionInput = WithoutVersion<ApiBody<'/api/dossiers/{id}/actions', 'post'>>;
/** Actions on an existing dossier, as sent to POST /api/dossiers/:id/actions. */
export type DossierAction = DossierActionInput['action'];
/** The result record as sent with "result ready"; `fileId` is an attachment of the dossier. */
export type DossierResultInput = Extract<DossierActionInput, { action: 'markResultReady' }>['result'];
export type DossierResultKind = DossierResultInput['kind'];
/** GET /api/dossiers/:id/files: one file of the dossier. */
export type DossierFile = Item<ApiResponse<'/api/dossiers/{id}/files'>>;

export type DossierStatisticsQuery = ApiQuery<'/api/dossiers/statistics'>;
/** The national report shape (docs/domain/statistics.md). Rates are basis points: 9850 is 98,5%. */
export type DossierStatistics = ApiResponse<'/api/dossiers/statistics'>;
export type DossierStatisticsBreakdown = ApiResponse<'/api/dossiers/statistics/breakdown'>;
export type DossierStatisticsSeries = ApiResponse<'/api/dossiers/statistics/series'>;
export type StatisticsDimension = DossierStatisticsBreakdown['by'];

/** The procedure's details the receipt form needs: its components checklist. */
export type DossierProcedureDetail = Pick<ProcedureView, 'id' | 'code' | 'name' | 'timeLimit' | 'channels' | 'components'>;
/** A procedure as the receipt form lists it. */
export type DossierProcedureOption = Pick<ProcedureSummary, 'id' | 'code' | 'name' | 'timeLimit' | 'channels'>;
export type DossierProcedureComponent = DossierProcedureDetail['components'][number];
/** GET /api/dossiers/:id/receipt-slip: the receipt slip (Form 01) as data for the print page, with the lookup QR code. */
export type DossierReceiptSlip = ApiResponse<'/api/dossiers/{id}/receipt-slip'>;
