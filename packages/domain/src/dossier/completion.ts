import type { DayCalendar } from './day-calendar';
import { openCompletionOf, type DossierState } from './dossier-state';
import { advance, requireText } from './transition-guard';
import { DomainInputError, type Instant } from '../values';

/** Components a completion request may list, and the length of each name. */
const MAX_ITEMS = 50;

/**
 * The desk sends an online filing back before receiving it (NĐ 61/2018 as amended by NĐ 107/2021: "hướng dẫn bổ
 * sung, hoàn thiện hồ sơ", one written request listing everything): the dossier is not received, no clock
 * runs and nothing is paused (docs/domain/dossiers.md#completion-before-receipt).
 * @example requestCompletion(submitted, { reason: 'Bản chụp mờ', items: ['Bản sao CCCD'] }, now, cal).status // 'awaiting_completion'
 * @throws RuleViolation('dossier.invalid_transition'), DomainInputError('dossier.reason_required' | 'dossier.completion_items_required')
 */
export function requestCompletion(state: DossierState, input: { reason: string; items: readonly string[] }, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'request_completion', now, () => {
    const reason = requireText(input.reason, 'dossier.reason_required');
    const items = [...new Set(input.items.map((i) => i.trim()).filter((i) => i !== ''))];
    if (items.length === 0 || items.length > MAX_ITEMS) throw new DomainInputError('dossier.completion_items_required', { max: MAX_ITEMS });
    return { completionRequests: [...(state.completionRequests ?? []), { at: now, reason, items, completedAt: null }] };
  });
}

/**
 * The filer completed the filing: it is filed again (`submitted`), to be checked and received by the desk as
 * usual. The dossier code does not change (NĐ 45/2020 Art. 12); the filing time stays the first one.
 * @example completeFiling(awaitingCompletion, {}, now, cal).status // 'submitted'
 * @throws RuleViolation('dossier.invalid_transition')
 */
export function completeFiling(state: DossierState, _input: Record<string, never>, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'complete_filing', now, () => {
    const open = openCompletionOf(state);
    const requests = state.completionRequests ?? [];
    return { completionRequests: open ? [...requests.slice(0, -1), { ...open, completedAt: now }] : requests };
  });
}
