import {
  can,
  canIssueApology,
  classifyFinished,
  classifyOpen,
  DEFAULT_OFFICE_HOURS,
  isClockRunning,
  localDateOf,
  performerRoleOf,
  nextStatusOf,
  summarizeDossier,
  type Action,
  type DayCalendar,
  type CompletionNationalCode,
  type DossierAction,
  type DossierState,
  type LocalDate,
  type OfficeHours,
  type OpenTimeliness,
  type PlannedStep,
  type SupplementMode,
  type TimelinessGranularity,
} from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import { statisticsColumns } from './dossier-timeline';
import type { DossierRow } from './dossier.repository';
import { storedStateText } from './dossier-state-store';
import type { DossierForm, WireAction } from './dossier.schemas';

/**
 * Agency-wide dossier rules marked as settings in docs/domain/README.md#confidence-marks, not constants (docs/domain/dossiers.md#deadline-counting cut-off, docs/domain/dossiers.md#supplement-pause-and-timeliness
 * "almost due", payment pauses, supplement restart, early-by-day or by-minute). A procedure's own
 * receipt cut-off wins over the agency's. Each dossier keeps the values in force at its receipt.
 */
export interface DossierSettings {
  /** Minute of day after which a receipt counts from the next working day; null = no cut-off. */
  receiptCutoffMinute: number | null;
  almostDueWorkingDays: number;
  paymentStopsClock: boolean;
  supplementMode: SupplementMode;
  granularity: TimelinessGranularity;
  office: OfficeHours;
  /**
   * The national code reported for an online filing sent back for completion before receipt ([U]: 5 "Yêu cầu bổ
   * sung giấy tờ" by default, 1 where the portal keeps it as filed; docs/domain/dossiers.md#national-status-codes).
   */
  completionNationalCode?: CompletionNationalCode;
  /** Base address of the public site printed on slips (e.g. https://dichvucong.example.gov.vn); null = not configured (config.ts). */
  publicBaseUrl: string | null;
  /** Place name of the date line on printed forms (e.g. 'Quảng Ngãi'); null = the province of the top unit when it is a People's Committee, else dots to fill by hand. */
  place?: string | null;
}

export const DEFAULT_DOSSIER_SETTINGS: DossierSettings = {
  receiptCutoffMinute: null,
  almostDueWorkingDays: 1,
  paymentStopsClock: false,
  supplementMode: 'extend',
  granularity: 'day',
  office: DEFAULT_OFFICE_HOURS,
  publicBaseUrl: null,
  place: null,
};

/** Wire (camelCase) action names and the domain's. */
export const ACTION_NAMES = {
  receive: 'receive',
  startProcessing: 'start_processing',
  completeStep: 'complete_step',
  returnStep: 'return_step',
  requestSupplement: 'request_supplement',
  completeSupplement: 'complete_supplement',
  requestPayment: 'request_payment',
  recordPayment: 'record_payment',
  refuse: 'refuse',
  stop: 'stop',
  withdraw: 'withdraw',
  markResultReady: 'mark_result_ready',
  returnResult: 'return_result',
  issueApology: 'issue_apology',
  requestCompletion: 'request_completion',
} as const satisfies Record<WireAction, DossierAction>;

/**
 * Who may run each action (any of the permissions, on a unit the dossier passes through). The desk
 * receives, takes supplements and payments in, and returns; the processing units process; both may
 * refuse, ask for a supplement and issue an apology letter (docs/domain/dossiers.md#lifecycle, docs/domain/dossiers.md#apology-letter).
 */
export const ACTION_PERMISSIONS: Record<DossierAction, readonly Action[]> = {
  receive: ['dossier.receive'],
  start_processing: ['dossier.receive', 'dossier.process'],
  complete_step: ['dossier.receive', 'dossier.process'],
  return_step: ['dossier.receive', 'dossier.process'],
  request_supplement: ['dossier.receive', 'dossier.process'],
  complete_supplement: ['dossier.receive', 'dossier.process'],
  request_payment: ['dossier.receive', 'dossier.process'],
  record_payment: ['dossier.receive'],
  refuse: ['dossier.receive', 'dossier.process'],
  stop: ['dossier.process'],
  withdraw: ['dossier.receive'],
  // The desk records the result when the last step is its own ("Vào sổ, trả kết quả").
  mark_result_ready: ['dossier.process', 'dossier.receive'],
  return_result: ['dossier.receive'],
  issue_apology: ['dossier.receive', 'dossier.process'],
  // Before receipt only the desk checks an online filing; completing it is the filer's, on the public site.
  request_completion: ['dossier.receive'],
  complete_filing: [],
};

/** The units a dossier passes through; permissions are checked against any of them. */
export function involvedUnits(row: Pick<DossierRow, 'unitId' | 'processingUnitId' | 'currentUnitId'>): string[] {
  return [row.unitId, row.processingUnitId, row.currentUnitId].filter((u): u is string => !!u);
}

export function mayRun(actor: ServerActor, action: DossierAction, row: Pick<DossierRow, 'unitId' | 'processingUnitId' | 'currentUnitId'>): boolean {
  const units = involvedUnits(row);
  return ACTION_PERMISSIONS[action].some((p) => units.some((u) => can(actor, p, u)));
}

/**
 * The units a step's performer must hold their role on: the step's own unit, else any unit the dossier
 * passes through (docs/domain/dossiers.md#step-performers).
 */
export function performerUnits(step: Pick<PlannedStep, 'unitId'>, row: Pick<DossierRow, 'unitId' | 'processingUnitId' | 'currentUnitId'>): string[] {
  return step.unitId ? [step.unitId] : involvedUnits(row);
}

/**
 * Whether the actor performs the step: holds its role (the procedure's, or the default from its name) on
 * the step's unit or above. A step with no role is anyone's who may act on the dossier (`mayRun`).
 */
export function performs(actor: ServerActor, step: PlannedStep, row: Pick<DossierRow, 'unitId' | 'processingUnitId' | 'currentUnitId'>): boolean {
  const role = performerRoleOf(step);
  if (role === null) return true;
  const units = performerUnits(step, row);
  return actor.grants.some((g) => g.role === role && units.some((u) => g.unitIds.includes(u)));
}

/**
 * Whether the action is possible now for this actor: allowed by the lifecycle, by the step plan
 * and by the apology rule, and by the actor's roles. The server re-checks on the request.
 */
export function canRun(
  actor: ServerActor,
  action: DossierAction,
  row: DossierRow,
  state: DossierState,
  today: LocalDate,
  now: string,
  cal: DayCalendar,
): boolean {
  if (nextStatusOf(state.status, action) === null || !mayRun(actor, action, row)) return false;
  const overdue = isClockRunning(state) && state.dueDate !== null && today > state.dueDate;
  if (overdue && ['start_processing', 'complete_step', 'request_supplement', 'request_payment', 'mark_result_ready'].includes(action)) return false;
  switch (action) {
    case 'complete_step': {
      const step = state.steps[state.currentStep];
      return step !== undefined && performs(actor, step, row);
    }
    case 'return_step': {
      // Whoever holds the dossier now returns it: the current step's performer, or, after the last step, the last one's.
      const step = state.steps[Math.min(state.currentStep, state.steps.length - 1)];
      return state.currentStep > 0 && step !== undefined && performs(actor, step, row);
    }
    case 'mark_result_ready':
      return state.currentStep >= state.steps.length;
    case 'issue_apology':
      return canIssueApology(state, now as never, cal);
    default:
      return true;
  }
}

/** The open position of a dossier today, and the working days it is overdue by. */
export function openTimeliness(
  state: DossierState,
  today: LocalDate,
  cal: DayCalendar,
  almostDue: number,
): { timeliness: OpenTimeliness | null; overdueDays: number | null } {
  return openTimelinessOf(
    { clockRunning: isClockRunning(state), dueDate: state.dueDate, almostDueWorkingDays: state.policy?.almostDueWorkingDays ?? null },
    today,
    cal,
    almostDue,
  );
}

/** `openTimeliness` from the state's column copies (lists read no state JSON). */
export function openTimelinessOf(
  open: { clockRunning: boolean; dueDate: LocalDate | null; almostDueWorkingDays: number | null },
  today: LocalDate,
  cal: DayCalendar,
  almostDue: number,
): { timeliness: OpenTimeliness | null; overdueDays: number | null } {
  if (!open.clockRunning || open.dueDate === null) return { timeliness: null, overdueDays: null };
  const timeliness = classifyOpen(cal, open.dueDate, today, open.almostDueWorkingDays ?? almostDue);
  return { timeliness, overdueDays: timeliness === 'overdue' ? cal.workingDaysBetween(open.dueDate, today) : null };
}

export function finishedTimeliness(state: DossierState) {
  return state.endOfProcessingAt ? classifyFinished(summarizeDossier(state), state.policy?.granularity) : null;
}

/** The forms that make sense for the dossier now. */
export function availableForms(state: DossierState): DossierForm[] {
  const forms: DossierForm[] = [];
  if (state.receivedAt) forms.push('receipt');
  if (state.pauses.some((p) => p.kind === 'supplement') || (state.completionRequests?.length ?? 0) > 0) forms.push('supplement');
  if (state.status === 'refused') forms.push('refusal');
  if (state.apologies.length > 0) forms.push('apology');
  if (state.receivedAt) forms.push('control-sheet');
  return forms;
}

/** The columns copied from the state on every write. */
export function stateColumns(state: DossierState) {
  const current = state.steps[state.currentStep];
  return {
    status: state.status,
    clockRunning: isClockRunning(state) ? 1 : 0,
    receivedAt: state.receivedAt,
    receivedOn: state.receivedAt ? localDateOf(state.receivedAt) : null,
    dueDate: state.dueDate,
    dueAt: state.dueAt,
    statutoryDueAt: state.statutoryDueAt,
    deemedReceivedOn: state.deemedReceivedOn,
    endOfProcessingAt: state.endOfProcessingAt,
    finishedAt: state.finishedAt,
    returnMethod: state.returnMethod,
    supplementRequests: state.supplementRequestCount,
    apologies: state.apologies.length,
    currentUnitId: current?.unitId ?? null,
    ...statisticsColumns(state),
    state: storedStateText(state),
  };
}
