import type { DayCalendar } from './day-calendar';
import { assertResultRecord, type DossierResultRecord } from './desk-records';
import type { DossierState, ReturnMethod } from './dossier-state';
import { closeOpenPause } from './pauses';
import { advance, requireText } from './transition-guard';
import { DomainInputError, RuleViolation, type Instant } from '../values';

/**
 * Hands the dossier to the processing unit.
 * @example startProcessing(received, {}, now, cal).status // 'processing'
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.apology_required')
 */
export function startProcessing(state: DossierState, _input: Record<string, never>, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'start_processing', now, () => ({}));
}

/**
 * Refusal with reasons (Form 03): at the receipt check or, later, returning an ineligible dossier.
 * A refusal is an end of processing (state 3).
 * @example refuseDossier(received, { reason: 'Không thuộc thẩm quyền' }, now, cal).status // 'refused'
 * @throws RuleViolation('dossier.invalid_transition'), DomainInputError('dossier.reason_required')
 */
export function refuseDossier(state: DossierState, input: { reason: string }, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'refuse', now, () => ({
    closingReason: requireText(input.reason, 'dossier.reason_required'),
    endOfProcessingAt: now,
    finishedAt: now,
  }));
}

/**
 * Stops processing (Form 05 under TT 03/2025, state 8). An open pause closes at this moment.
 * @example stopDossier(awaitingSupplement, { reason: 'Quá hạn bổ sung' }, now, cal).status // 'stopped'
 * @throws RuleViolation('dossier.invalid_transition'), DomainInputError('dossier.reason_required')
 */
export function stopDossier(state: DossierState, input: { reason: string }, now: Instant, cal: DayCalendar): DossierState {
  return advance(state, 'stop', now, () => ({
    ...closeOpenPause(state, now, cal),
    closingReason: requireText(input.reason, 'dossier.reason_required'),
    endOfProcessingAt: now,
    finishedAt: now,
  }));
}

/**
 * The applicant withdraws the dossier (state 7). It ends processing only if the dossier had been
 * received (QĐ 766 rules, docs/domain/dossiers.md#national-status-codes).
 * @example withdrawDossier(submitted, {}, now, cal).endOfProcessingAt // null
 * @throws RuleViolation('dossier.invalid_transition')
 */
export function withdrawDossier(state: DossierState, input: { reason?: string }, now: Instant, cal: DayCalendar): DossierState {
  return advance(state, 'withdraw', now, () => ({
    ...closeOpenPause(state, now, cal),
    closingReason: (input.reason ?? '').trim() || null,
    endOfProcessingAt: state.receivedAt === null ? null : now,
    finishedAt: now,
  }));
}

/**
 * The result is signed and issued (state 9); this moment is the end of processing even if the
 * result is collected later. Every planned step must have been handed over first. The result document
 * (kind, number, date, signer, signed file) is recorded with it; the server always sends one, while
 * the demo's generated history and older callers may omit it.
 * @example markResultReady(processing, {}, now, cal).endOfProcessingAt // now
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.apology_required' | 'dossier.steps_incomplete'), DomainInputError for a bad result record
 */
export function markResultReady(
  state: DossierState,
  input: { result?: DossierResultRecord; electronicAllowed?: boolean },
  now: Instant,
  _cal: DayCalendar,
): DossierState {
  return advance(state, 'mark_result_ready', now, () => {
    if (state.currentStep < state.steps.length) {
      throw new RuleViolation('dossier.steps_incomplete', { currentStep: state.currentStep, steps: state.steps.length });
    }
    if (!input.result) return { endOfProcessingAt: now };
    assertResultRecord(input.result, { now, receivedAt: state.receivedAt, electronicAllowed: input.electronicAllowed ?? false });
    return { endOfProcessingAt: now, resultRecord: { ...input.result } };
  });
}

const RETURN_METHODS: readonly ReturnMethod[] = ['counter', 'post', 'online'];

/**
 * The result reaches the applicant: at the desk (signature), by post, or online (state 10). The end
 * of processing stays at the result-ready time.
 * @example returnResult(ready, { method: 'counter', receivedBy: 'Nguyễn Văn A' }, now, cal).status // 'returned'
 * @throws RuleViolation('dossier.invalid_transition'), DomainInputError('dossier.return_method_invalid' | 'dossier.recipient_required')
 */
export function returnResult(state: DossierState, input: { method: ReturnMethod; receivedBy: string }, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'return_result', now, () => {
    if (!RETURN_METHODS.includes(input.method)) {
      throw new DomainInputError('dossier.return_method_invalid', { value: input.method });
    }
    return {
      returnMethod: input.method,
      returnedTo: requireText(input.receivedBy, 'dossier.recipient_required'),
      finishedAt: now,
    };
  });
}
