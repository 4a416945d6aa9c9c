import type { DayCalendar } from './day-calendar';
import type { DossierState, HandoverRow } from './dossier-state';
import { classifyEnd } from './timeliness';
import { advance } from './transition-guard';
import { RuleViolation, type Instant } from '../values';

/**
 * Hands the current step over to the next one (or back to the desk after the last) and records the
 * control-sheet row with its timeliness (Form 05/06, docs/domain/dossiers.md#forms). Completing the first step of a
 * received dossier starts processing.
 * @example completeStep(processing, { note: null }, now, cal).handovers.at(-1)?.timeliness // 'on_time'
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.apology_required' | 'dossier.no_pending_step')
 */
export function completeStep(
  state: DossierState,
  input: { note?: string | null },
  now: Instant,
  _cal: DayCalendar,
): DossierState {
  return advance(state, 'complete_step', now, () => {
    const index = state.currentStep;
    const step = state.steps[index];
    if (!step) throw new RuleViolation('dossier.no_pending_step', { currentStep: index });
    const row: HandoverRow = {
      stepIndex: index,
      fromStep: step.code,
      toStep: state.steps[index + 1]?.code ?? null,
      at: now,
      dueAt: step.dueAt,
      timeliness: classifyEnd(now, step.dueAt, state.policy?.granularity),
      note: input.note?.trim() || null,
    };
    return { currentStep: index + 1, handovers: [...state.handovers, row] };
  });
}
