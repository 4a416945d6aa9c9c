// Shared guards for the transition files: every transition goes through `advance`, so the lifecycle
// table, the time order and the history row are enforced in one place.
import { isOverdueAt, type DossierState } from './dossier-state';
import { assertTransition, BLOCKED_WHEN_OVERDUE, type DossierAction } from './transition-table';
import { DomainInputError, RuleViolation, type Instant } from '../values';

/**
 * Rejects a malformed `now` and one earlier than the last recorded event: paused working days
 * and hand-over times would otherwise go negative.
 * @example assertNowInOrder(state, at('2025-07-15', '09:00')) // passes after a 08:00 receipt
 * @throws DomainInputError('instant.invalid') or ('dossier.time_goes_backwards')
 */
export function assertNowInOrder(state: DossierState | null, now: Instant): void {
  const ms = Date.parse(now);
  if (Number.isNaN(ms) || !now.endsWith('Z')) throw new DomainInputError('instant.invalid', { value: now });
  const last = state?.history[state.history.length - 1];
  if (last && ms < Date.parse(last.at)) {
    throw new DomainInputError('dossier.time_goes_backwards', { last: last.at, now });
  }
}

/**
 * An overdue dossier may not move on until an apology with a new date is issued (docs/domain/dossiers.md#apology-letter).
 * The apology moves the due date past today, so "issued after it became overdue" needs no flag.
 * @example assertNotOverdue(dueYesterday, 'mark_result_ready', now) // throws until an apology is issued
 * @throws RuleViolation('dossier.apology_required', { dueDate, action })
 */
export function assertNotOverdue(state: DossierState, action: DossierAction, now: Instant): void {
  if (BLOCKED_WHEN_OVERDUE.includes(action) && isOverdueAt(state, now)) {
    throw new RuleViolation('dossier.apology_required', { dueDate: state.dueDate, action });
  }
}

/**
 * Returns a trimmed non-empty text or throws.
 * @example requireText(' Thiếu bản sao ', 'dossier.reason_required') // 'Thiếu bản sao'
 * @throws DomainInputError(code)
 */
export function requireText(value: string | undefined, code: string): string {
  const t = (value ?? '').trim();
  if (t === '') throw new DomainInputError(code);
  return t;
}

/**
 * Applies an action: checks the lifecycle table, the time order and the apology rule, and only then
 * builds the patch (so a forbidden action never reaches action-specific checks), and returns a new
 * state with a history row.
 * @example advance(received, 'start_processing', now, () => ({})).status // 'processing'
 * @throws RuleViolation('dossier.invalid_transition') | RuleViolation('dossier.apology_required')
 */
export function advance(state: DossierState, action: DossierAction, now: Instant, makePatch: () => Partial<DossierState>): DossierState {
  const to = assertTransition(state.status, action);
  assertNowInOrder(state, now);
  assertNotOverdue(state, action, now);
  return { ...state, ...makePatch(), status: to, history: [...state.history, { action, from: state.status, to, at: now }] };
}
