import type { Instant, LocalDate } from '../values';

/**
 * Office reception sessions of one local day, in minutes since local midnight (UTC+7),
 * e.g. `[{ start: 420, end: 690 }, { start: 810, end: 1020 }]` for 07:00–11:30 / 13:30–17:00.
 * Sessions are sorted and do not overlap (docs/domain/calendar.md#statutory-holidays-and-weekends: office hours are per-office configuration).
 */
export interface OfficeHours {
  readonly sessions: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/**
 * The working-day arithmetic the dossier rules need. It is declared here, structurally, so that the
 * dossier module does not depend on how the calendar module stores closures and swaps; the real
 * calendar satisfies it, and tests use a small fixture (`test-calendar.ts`).
 * Conventions follow docs/domain/calendar.md#calendar-model-and-arithmetic and Civil Code Art. 147: the start day is never counted.
 */
export interface DayCalendar {
  /** Calendar version (announcement set) used, recorded next to each due date when present. */
  readonly version?: string;
  isWorkingDay(d: LocalDate): boolean;
  /** First working day strictly after `d`. */
  nextWorkingDay(d: LocalDate): LocalDate;
  /** The n-th working day strictly after `from`; n = 0 gives `from` itself. */
  addWorkingDays(from: LocalDate, n: number): LocalDate;
  /** Working days in (a, b]. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
  /** `from` + n calendar days, rolled forward to a working day. */
  addCalendarDays(from: LocalDate, n: number): LocalDate;
  /** `start` + `hours` of office time (1 working day = 8 working hours is the office's business). */
  addWorkingHours(start: Instant, hours: number, office: OfficeHours): Instant;
}
