import { issueApology } from './apology';
import { completeStep, returnStep, type HandoverParties } from './complete-step';
import { completeFiling, requestCompletion } from './completion';
import type { DayCalendar } from './day-calendar';
import type { DossierResultRecord } from './desk-records';
import type { DossierState, ReturnMethod } from './dossier-state';
import { receiveSubmitted, type ReceiveInput } from './intake';
import { completeSupplement, recordPayment, requestPayment, requestSupplement } from './pauses';
import { markResultReady, refuseDossier, returnResult, startProcessing, stopDossier, withdrawDossier } from './transitions';
import type { Instant, LocalDate } from '../values';

/** One action on an existing dossier with its input, e.g. as sent by the server's command route. */
export type DossierCommand =
  | ({ action: 'receive' } & ReceiveInput)
  | { action: 'start_processing' }
  | ({ action: 'complete_step'; note?: string | null } & HandoverParties)
  | ({ action: 'return_step'; reason: string } & HandoverParties)
  | { action: 'request_supplement'; reason: string; items?: readonly string[] }
  | { action: 'complete_supplement' }
  | { action: 'request_payment'; reason?: string }
  | { action: 'record_payment' }
  | { action: 'refuse'; reason: string }
  | { action: 'stop'; reason: string }
  | { action: 'withdraw'; reason?: string }
  | { action: 'mark_result_ready'; result?: DossierResultRecord; electronicAllowed?: boolean }
  | { action: 'return_result'; method: ReturnMethod; receivedBy: string }
  | { action: 'issue_apology'; reason: string; newDueDate: LocalDate }
  | { action: 'request_completion'; reason: string; items: readonly string[] }
  | { action: 'complete_filing' };

/**
 * Applies a command by dispatching to its transition function.
 * @example applyDossierCommand(received, { action: 'start_processing' }, now, cal).status // 'processing'
 * @throws whatever the transition throws (RuleViolation, DomainInputError)
 */
export function applyDossierCommand(state: DossierState, command: DossierCommand, now: Instant, cal: DayCalendar): DossierState {
  switch (command.action) {
    case 'receive':
      return receiveSubmitted(state, command, now, cal);
    case 'start_processing':
      return startProcessing(state, {}, now, cal);
    case 'complete_step':
      return completeStep(state, command, now, cal);
    case 'return_step':
      return returnStep(state, command, now, cal);
    case 'request_supplement':
      return requestSupplement(state, command, now, cal);
    case 'complete_supplement':
      return completeSupplement(state, {}, now, cal);
    case 'request_payment':
      return requestPayment(state, command, now, cal);
    case 'record_payment':
      return recordPayment(state, {}, now, cal);
    case 'refuse':
      return refuseDossier(state, command, now, cal);
    case 'stop':
      return stopDossier(state, command, now, cal);
    case 'withdraw':
      return withdrawDossier(state, command, now, cal);
    case 'mark_result_ready':
      return markResultReady(state, command, now, cal);
    case 'return_result':
      return returnResult(state, command, now, cal);
    case 'issue_apology':
      return issueApology(state, command, now, cal);
    case 'request_completion':
      return requestCompletion(state, command, now, cal);
    case 'complete_filing':
      return completeFiling(state, {}, now, cal);
  }
}
