import type { DayCalendar } from './day-calendar';
import { isClockRunning, openPauseOf, type DossierState } from './dossier-state';
import { classifyOpen } from './timeliness';
import { advance, requireText } from './transition-guard';
import { DomainInputError, instantAt, isLocalDate, localDateOf, localMinutesOf, RuleViolation, type Instant, type LocalDate } from '../values';

/**
 * True when an apology may be issued now: the clock runs and the dossier is almost due or overdue.
 * Provinces require the letter on the appointment date at the latest (HCM) or one day before
 * (Lâm Hà), so the almost-due threshold is the dossier's setting (docs/domain/dossiers.md#apology-letter).
 * @example canIssueApology(state, at('2025-07-17', '08:00'), cal) // true when due on 2025-07-17
 */
export function canIssueApology(state: DossierState, now: Instant, cal: DayCalendar): boolean {
  if (!isClockRunning(state) || state.dueDate === null) return false;
  const threshold = state.policy?.almostDueWorkingDays ?? 1;
  return classifyOpen(cal, state.dueDate, localDateOf(now), threshold) !== 'not_due';
}

/**
 * Form 04: apology and new appointment. The new date must be a working day, after the current
 * appointment and not before today. The original and the statutory due dates are kept: reports still
 * judge timeliness against the statutory one.
 * @example issueApology(late, { reason: 'Chờ ý kiến liên ngành', newDueDate: '2025-07-22' }, now, cal).dueDate // '2025-07-22'
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.clock_paused' | 'dossier.apology_not_due' |
 *   'dossier.apology_date_not_later' | 'dossier.apology_date_in_past' | 'dossier.apology_date_not_working_day'),
 *   DomainInputError('dossier.reason_required' | 'date.invalid')
 */
export function issueApology(state: DossierState, input: { reason: string; newDueDate: LocalDate }, now: Instant, cal: DayCalendar): DossierState {
  return advance(state, 'issue_apology', now, () => {
    if (openPauseOf(state)?.stopsClock) throw new RuleViolation('dossier.clock_paused', { status: state.status });
    const reason = requireText(input.reason, 'dossier.reason_required');
    const newDueDate = input.newDueDate;
    if (!isLocalDate(newDueDate)) throw new DomainInputError('date.invalid', { value: newDueDate });
    const oldDueDate = state.dueDate;
    const { dueAt: oldDueAt, statutoryDueDate, statutoryDueAt } = state;
    if (oldDueDate === null || oldDueAt === null || statutoryDueDate === null || statutoryDueAt === null) {
      throw new RuleViolation('dossier.not_received');
    }
    if (!canIssueApology(state, now, cal)) throw new RuleViolation('dossier.apology_not_due', { dueDate: oldDueDate });
    if (newDueDate <= oldDueDate) throw new RuleViolation('dossier.apology_date_not_later', { dueDate: oldDueDate });
    if (newDueDate < localDateOf(now)) throw new RuleViolation('dossier.apology_date_in_past', { newDueDate });
    if (!cal.isWorkingDay(newDueDate)) throw new RuleViolation('dossier.apology_date_not_working_day', { newDueDate });
    const dueAt = instantAt(newDueDate, localMinutesOf(oldDueAt));
    return {
      dueDate: newDueDate,
      dueAt,
      dueChanges: [...state.dueChanges, { at: now, cause: 'apology', dueDate: newDueDate, dueAt, statutoryDueDate, statutoryDueAt }],
      apologies: [...state.apologies, { issuedAt: now, reason, oldDueDate, newDueDate }],
    };
  });
}
