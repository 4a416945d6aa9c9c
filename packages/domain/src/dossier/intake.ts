import type { DayCalendar } from './day-calendar';
import { checkComponents } from './desk-records';
import type { DossierPolicy, DossierState, SupplementMode } from './dossier-state';
import type { Channel } from './status';
import { planSteps, type ProcessStep } from './step-plan';
import { computeDue, type ReceiptPolicy, type TimeLimit } from './time-limit';
import { DEFAULT_TIMELINESS_POLICY, type TimelinessGranularity } from './timeliness';
import { advance, assertNowInOrder } from './transition-guard';
import { DomainInputError, type Instant } from '../values';

/** What the desk fixes at receipt: the procedure's time limit, the counting rules and its steps. */
export interface ReceiveInput {
  timeLimit: TimeLimit;
  receipt: ReceiptPolicy;
  steps?: readonly ProcessStep[];
  paymentStopsClock?: boolean;
  supplementMode?: SupplementMode;
  granularity?: TimelinessGranularity;
  almostDueWorkingDays?: number;
  /**
   * An online filing's checklist: the procedure's components and the names the officer confirmed.
   * When given, every mandatory component must be confirmed (issue #13).
   */
  componentCheck?: { components: readonly { name: string; mandatory: boolean }[]; confirmed: readonly string[] };
}

function blankState(channel: Channel): DossierState {
  return {
    status: 'submitted',
    channel,
    submittedAt: null,
    receivedAt: null,
    deemedReceivedOn: null,
    timeLimit: null,
    policy: null,
    dueConvention: null,
    calendarVersion: null,
    dueDate: null,
    dueAt: null,
    statutoryDueDate: null,
    statutoryDueAt: null,
    originalDueDate: null,
    originalDueAt: null,
    dueChanges: [],
    pauses: [],
    supplementRequestCount: 0,
    apologies: [],
    steps: [],
    currentStep: 0,
    handovers: [],
    endOfProcessingAt: null,
    finishedAt: null,
    closingReason: null,
    returnMethod: null,
    returnedTo: null,
    history: [],
  };
}

/** Starts the clock: due date from the receipt instant, steps planned from the clock start. */
function clockFields(state: DossierState, input: ReceiveInput, now: Instant, cal: DayCalendar): Partial<DossierState> {
  const almost = input.almostDueWorkingDays ?? DEFAULT_TIMELINESS_POLICY.almostDueWorkingDays;
  if (!Number.isInteger(almost) || almost < 0) {
    throw new DomainInputError('dossier.policy_invalid', { almostDueWorkingDays: almost });
  }
  const policy: DossierPolicy = {
    receipt: input.receipt,
    paymentStopsClock: input.paymentStopsClock ?? false,
    supplementMode: input.supplementMode ?? 'extend',
    granularity: input.granularity ?? DEFAULT_TIMELINESS_POLICY.granularity,
    almostDueWorkingDays: almost,
  };
  const due = computeDue(cal, now, state.channel, input.timeLimit, input.receipt);
  return {
    receivedAt: now,
    deemedReceivedOn: due.deemedReceivedOn,
    timeLimit: input.timeLimit,
    policy,
    dueConvention: due.convention,
    calendarVersion: due.calendarVersion,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    statutoryDueDate: due.dueDate,
    statutoryDueAt: due.dueAt,
    originalDueDate: due.dueDate,
    originalDueAt: due.dueAt,
    steps: planSteps(cal, due.clockStartAt, input.steps ?? [], input.receipt.office),
    currentStep: 0,
  };
}

/**
 * An online filing not yet checked by the desk (national status 1).
 * @example submitOnline(at('2025-07-14', '21:00')).status // 'submitted'
 */
export function submitOnline(now: Instant): DossierState {
  assertNowInOrder(null, now);
  return {
    ...blankState('online'),
    submittedAt: now,
    history: [{ action: 'submit', from: null, to: 'submitted', at: now }],
  };
}

/**
 * The desk registers a complete, valid dossier it received directly, by post or online: the clock
 * starts now (docs/domain/dossiers.md#deadline-counting).
 * @example receiveNew({ channel: 'counter', timeLimit: { value: 3, unit: 'working_days' }, receipt }, now, cal).status // 'received'
 */
export function receiveNew(input: ReceiveInput & { channel: Channel }, now: Instant, cal: DayCalendar): DossierState {
  assertNowInOrder(null, now);
  const base = blankState(input.channel);
  return {
    ...base,
    ...clockFields(base, input, now, cal),
    status: 'received',
    history: [{ action: 'receive', from: null, to: 'received', at: now }],
  };
}

/**
 * The desk accepts an online filing after checking it; the clock starts at this moment, not at filing.
 * @example receiveSubmitted(submitted, { timeLimit, receipt }, now, cal).status // 'received'
 * @throws RuleViolation('dossier.invalid_transition') unless submitted, ('dossier.components_unconfirmed') when a mandatory component is not confirmed
 */
export function receiveSubmitted(state: DossierState, input: ReceiveInput, now: Instant, cal: DayCalendar): DossierState {
  return advance(state, 'receive', now, () => ({
    ...clockFields(state, input, now, cal),
    ...(input.componentCheck ? { receiptChecks: checkComponents(input.componentCheck.components, input.componentCheck.confirmed) } : {}),
  }));
}
