import type { LocalDate } from '../values';

/** `official`: announced by the Government; `provisional`: generated from the statutory rules. */
export type CalendarStatus = 'official' | 'provisional';

/** holiday: statutory day (ngày nghỉ lễ, Tết); compensatory: nghỉ bù; swap: hoán đổi (paid back by a Saturday). */
export type ClosureKind = 'holiday' | 'compensatory' | 'swap';

/** A weekday on which civil servants do not work. Weekends are implied and never listed. */
export interface Closure {
  readonly date: LocalDate;
  readonly kind: ClosureKind;
  /** Vietnamese name as announced, e.g. 'Nghỉ bù Quốc khánh' (data, not UI text). */
  readonly name: string;
  readonly status: CalendarStatus;
}

/** A Saturday worked to pay back a swapped weekday (làm bù). */
export interface WorkingSaturday {
  readonly date: LocalDate;
  readonly name: string;
  readonly status: CalendarStatus;
}

/**
 * The closures and make-up Saturdays of one calendar year. A year's list may hold a date of the
 * previous Gregorian year (the 2019 New Year swap fell on 2018-12-31): dates are kept as announced.
 */
export interface YearCalendar {
  readonly year: number;
  readonly status: CalendarStatus;
  readonly closures: readonly Closure[];
  readonly workingSaturdays: readonly WorkingSaturday[];
}
