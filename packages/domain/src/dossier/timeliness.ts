import type { DayCalendar } from './day-calendar';
import { DomainInputError, localDateOf, type Instant, type LocalDate } from '../values';

/** Result of a finished dossier or step (QĐ 766 rules, docs/domain/dossiers.md#supplement-pause-and-timeliness [S]). */
export type Timeliness = 'early' | 'on_time' | 'late';
/** Position of an open dossier against its appointment (Gia Lai dashboards, docs/domain/dossiers.md#supplement-pause-and-timeliness [C]). */
export type OpenTimeliness = 'not_due' | 'almost_due' | 'overdue';
/** How "early" is judged: before the due day, or before the due minute ([U], a setting). */
export type TimelinessGranularity = 'day' | 'minute';

export interface TimelinessPolicy {
  granularity: TimelinessGranularity;
  /** An open dossier due within this many working days is "almost due" ([U], a setting). */
  almostDueWorkingDays: number;
}

export const DEFAULT_TIMELINESS_POLICY: TimelinessPolicy = { granularity: 'day', almostDueWorkingDays: 1 };

/**
 * Classifies an end of processing against the appointment: late after `dueAt`; early when strictly
 * before the due day (or minute); otherwise on time.
 * @example classifyEnd(at('2025-07-17', '09:00'), at('2025-07-17', '17:00')) // 'on_time'
 * @example classifyEnd(at('2025-07-16', '16:00'), at('2025-07-17', '17:00')) // 'early'
 * @example classifyEnd(at('2025-07-16', '16:00'), at('2025-07-17', '17:00'), 'minute') // 'early'
 */
export function classifyEnd(endAt: Instant, dueAt: Instant, granularity: TimelinessGranularity = 'day'): Timeliness {
  const end = Date.parse(endAt);
  const due = Date.parse(dueAt);
  if (Number.isNaN(end) || Number.isNaN(due)) throw new DomainInputError('instant.invalid', { endAt, dueAt });
  if (end > due) return 'late';
  const isEarly = granularity === 'day' ? localDateOf(endAt) < localDateOf(dueAt) : Math.floor(end / 60_000) < Math.floor(due / 60_000);
  return isEarly ? 'early' : 'on_time';
}

/**
 * Classifies an open dossier on a given day: overdue once the day is past the due date, almost due
 * when at most `almostDueWorkingDays` working days remain (the due day itself included).
 * @example classifyOpen(cal, '2025-07-17', '2025-07-16') // 'almost_due' (1 working day left)
 * @example classifyOpen(cal, '2025-07-17', '2025-07-18') // 'overdue'
 */
export function classifyOpen(
  cal: DayCalendar,
  dueDate: LocalDate,
  on: LocalDate,
  almostDueWorkingDays: number = DEFAULT_TIMELINESS_POLICY.almostDueWorkingDays,
): OpenTimeliness {
  if (on > dueDate) return 'overdue';
  return cal.workingDaysBetween(on, dueDate) <= almostDueWorkingDays ? 'almost_due' : 'not_due';
}

/**
 * A dossier waiting for the applicant at period end: the request counts as the end of processing,
 * on time, unless supplementation was requested more than once (docs/domain/dossiers.md#supplement-pause-and-timeliness [S]).
 * @example classifyWaitingForApplicant(1) // 'on_time'
 * @example classifyWaitingForApplicant(2) // 'late'
 */
export function classifyWaitingForApplicant(supplementRequestCount: number): Timeliness {
  return supplementRequestCount > 1 ? 'late' : 'on_time';
}
