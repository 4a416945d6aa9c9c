import type { DayCalendar } from './day-calendar';
import { openPauseOf, type DossierPause, type DossierState, type DueChange, type PauseKind, type SupplementMode } from './dossier-state';
import { shiftByWorkingDays } from './step-plan';
import { computeDue } from './time-limit';
import { advance, requireText } from './transition-guard';
import { localDateOf, type Instant } from '../values';

/**
 * Closes the open pause at `now` and moves the appointment, the statutory due date and the steps not
 * yet handed over by the paused working days, (pause day, resume day]. Paused days are added here and
 * only here, so the live due date and the reports always agree (docs/domain/dossiers.md#supplement-pause-and-timeliness). With `restart`, a
 * completed supplement restarts the full period instead, never earlier than the moved dates.
 * @example closeOpenPause(awaiting, at('2026-02-24', '09:00'), cal, 'extend').dueDate // moved by 3 days
 */
export function closeOpenPause(state: DossierState, now: Instant, cal: DayCalendar, mode: SupplementMode = 'extend'): Partial<DossierState> {
  const open = openPauseOf(state);
  if (!open) return {};
  const days = open.stopsClock ? cal.workingDaysBetween(localDateOf(open.from), localDateOf(now)) : 0;
  const pauses = [...state.pauses.slice(0, -1), { ...open, to: now, workingDays: days }];
  const { dueDate, dueAt, statutoryDueDate, statutoryDueAt } = state;
  if (!open.stopsClock || !dueDate || !dueAt || !statutoryDueDate || !statutoryDueAt) return { pauses };

  let [newDueDate, newDueAt] = shiftByWorkingDays(cal, dueDate, dueAt, days);
  let [newStatutoryDate, newStatutoryAt] = shiftByWorkingDays(cal, statutoryDueDate, statutoryDueAt, days);
  let cause: DueChange['cause'] = 'pause';
  if (mode === 'restart' && open.kind === 'supplement' && state.timeLimit && state.policy) {
    const restarted = computeDue(cal, now, state.channel, state.timeLimit, state.policy.receipt);
    const later = (a: Instant): boolean => Date.parse(restarted.dueAt) > Date.parse(a);
    if (later(newStatutoryAt)) [newStatutoryDate, newStatutoryAt, cause] = [restarted.dueDate, restarted.dueAt, 'restart'];
    if (later(newDueAt)) [newDueDate, newDueAt] = [restarted.dueDate, restarted.dueAt];
  }
  const steps = state.steps.map((s, i) => {
    if (i < state.currentStep) return s;
    const [stepDueDate, stepDueAt] = shiftByWorkingDays(cal, s.dueDate, s.dueAt, days);
    return { ...s, dueDate: stepDueDate, dueAt: stepDueAt };
  });
  const change: DueChange = {
    at: now,
    cause,
    dueDate: newDueDate,
    dueAt: newDueAt,
    statutoryDueDate: newStatutoryDate,
    statutoryDueAt: newStatutoryAt,
    workingDays: days,
  };
  const changed = newDueAt !== dueAt || newStatutoryAt !== statutoryDueAt;
  return {
    pauses,
    dueDate: newDueDate,
    dueAt: newDueAt,
    statutoryDueDate: newStatutoryDate,
    statutoryDueAt: newStatutoryAt,
    steps,
    dueChanges: changed ? [...state.dueChanges, change] : state.dueChanges,
  };
}

function openPause(kind: PauseKind, stopsClock: boolean, reason: string, items: readonly string[], now: Instant) {
  return { kind, from: now, to: null, stopsClock, reason, items: [...items] } satisfies DossierPause;
}

/**
 * Form 02: asks the applicant to add or correct components; the clock stops until they do.
 * Every request is counted: more than one makes a dossier waiting at period end count as late.
 * @example requestSupplement(processing, { reason: 'Thiếu bản sao', items: ['CCCD'] }, now, cal).status // 'awaiting_supplement'
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.apology_required'), DomainInputError('dossier.reason_required')
 */
export function requestSupplement(state: DossierState, input: { reason: string; items?: readonly string[] }, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'request_supplement', now, () => ({
    pauses: [...state.pauses, openPause('supplement', true, requireText(input.reason, 'dossier.reason_required'), input.items ?? [], now)],
    supplementRequestCount: state.supplementRequestCount + 1,
  }));
}

/**
 * The applicant supplied what was asked: processing resumes and the due date moves forward by the
 * paused working days (or restarts, per policy). The dossier code does not change (NĐ 45/2020 Art. 12).
 * @example completeSupplement(awaiting, {}, at('2026-02-24', '09:00'), cal).dueDate
 * @throws RuleViolation('dossier.invalid_transition')
 */
export function completeSupplement(state: DossierState, _input: Record<string, never>, now: Instant, cal: DayCalendar): DossierState {
  return advance(state, 'complete_supplement', now, () => closeOpenPause(state, now, cal, state.policy?.supplementMode));
}

/**
 * Asks the applicant to pay fees or taxes. Whether this stops the clock is the dossier's policy.
 * @example requestPayment(processing, { reason: 'Lệ phí' }, now, cal).status // 'awaiting_payment'
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.apology_required')
 */
export function requestPayment(state: DossierState, input: { reason?: string }, now: Instant, _cal: DayCalendar): DossierState {
  const stopsClock = state.policy?.paymentStopsClock ?? false;
  return advance(state, 'request_payment', now, () => ({
    pauses: [...state.pauses, openPause('payment', stopsClock, (input.reason ?? '').trim(), [], now)],
  }));
}

/**
 * Records the payment; processing resumes. The due date moves only if the payment pause stopped the clock.
 * @example recordPayment(awaitingPayment, {}, now, cal).status // 'processing'
 * @throws RuleViolation('dossier.invalid_transition')
 */
export function recordPayment(state: DossierState, _input: Record<string, never>, now: Instant, cal: DayCalendar): DossierState {
  return advance(state, 'record_payment', now, () => closeOpenPause(state, now, cal));
}
