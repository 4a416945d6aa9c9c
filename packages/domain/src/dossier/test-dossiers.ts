// Test fixture only: dossier states in every status, built through the public transitions so that
// each one is reachable. Not exported from the package.
import type { DossierState } from './dossier-state';
import { receiveNew, submitOnline, type ReceiveInput } from './intake';
import { requestPayment, requestSupplement } from './pauses';
import type { DossierStatus } from './status';
import type { ProcessStep } from './step-plan';
import { at, testCalendar as cal, testOffice } from './test-calendar';
import type { ReceiptPolicy } from './time-limit';
import { completeStep } from './complete-step';
import { requestCompletion } from './completion';
import { markResultReady, refuseDossier, returnResult, startProcessing, stopDossier, withdrawDossier } from './transitions';

export const receipt: ReceiptPolicy = { cutoffMinute: 15 * 60, onlineOutsideHoursNextDay: true, office: testOffice };

export const oneStep: readonly ProcessStep[] = [{ code: 'appraise', name: 'Thẩm định', budget: { value: 2, unit: 'working_days' } }];

/** Received Mon 2025-07-14 09:00, 5 working days → due Mon 2025-07-21 17:00. */
export function receiveInput(overrides: Partial<ReceiveInput> = {}): ReceiveInput {
  return { timeLimit: { value: 5, unit: 'working_days' }, receipt, ...overrides };
}

export const RECEIVED_AT = at('2025-07-14', '09:00');

/**
 * A dossier in `status`, reached between Mon 2025-07-14 09:00 and 10:00 (well before its due date).
 * With `withSteps`, it carries one planned step, handed over before the result is ready.
 */
export function dossierIn(status: DossierStatus, withSteps = false): DossierState {
  const t = (minute: number) => at('2025-07-14', `09:${String(minute).padStart(2, '0')}`);
  if (status === 'submitted') return submitOnline(t(0));
  if (status === 'awaiting_completion') return requestCompletion(submitOnline(t(0)), { reason: 'Bản chụp mờ', items: ['Bản sao CCCD'] }, t(5), cal);
  const received = receiveNew({ channel: 'counter', ...receiveInput(withSteps ? { steps: oneStep } : {}) }, RECEIVED_AT, cal);
  const processing = startProcessing(received, {}, t(10), cal);
  const finishSteps = (s: DossierState) => (withSteps ? completeStep(s, {}, t(15), cal) : s);
  switch (status) {
    case 'received':
      return received;
    case 'processing':
      return processing;
    case 'awaiting_supplement':
      return requestSupplement(processing, { reason: 'Thiếu bản sao', items: ['CCCD'] }, t(20), cal);
    case 'awaiting_payment':
      return requestPayment(processing, { reason: 'Lệ phí' }, t(20), cal);
    case 'refused':
      return refuseDossier(received, { reason: 'Không thuộc thẩm quyền' }, t(20), cal);
    case 'withdrawn':
      return withdrawDossier(received, {}, t(20), cal);
    case 'stopped':
      return stopDossier(processing, { reason: 'Dừng' }, t(20), cal);
    case 'result_ready':
      return markResultReady(finishSteps(processing), {}, t(20), cal);
    case 'returned':
      return returnResult(markResultReady(finishSteps(processing), {}, t(20), cal), { method: 'counter', receivedBy: 'A' }, t(30), cal);
  }
}
