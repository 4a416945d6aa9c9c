// Civil-day arithmetic for the calendar page on plain integers: a day is its `YYYY-MM-DD` text, never
// a `Date` (a local-midnight Date shifts by a day west of Greenwich; docs/conventions.md#values-dates-instants-scores, docs/domain/calendar.md#lunar-calendar-at-utc7).
import { civilFromDayNumber, dayNumberFromCivil, daysInMonth, localDateOf } from '@cchc/domain';
import type { CalendarDay, LocalDateString } from '../../api/types';

/** Years the server's calendar covers. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** (2025, 1, 7) → '2025-01-07'. */
export function isoDate(year: number, month: number, day: number): LocalDateString {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** '2025-01-07' → { year: 2025, month: 1, day: 7 }. */
export function partsOf(date: LocalDateString): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (the domain's `dayNumberFromCivil`). */
export function dayNumberOf(date: LocalDateString): number {
  const { year, month, day } = partsOf(date);
  return dayNumberFromCivil(year, month, day);
}

/** The civil day of a day number (inverse of {@link dayNumberOf}). */
export function dateOfDayNumber(n: number): LocalDateString {
  const { year, month, day } = civilFromDayNumber(n);
  return isoDate(year, month, day);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: LocalDateString, days: number): LocalDateString {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Day of the week: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: LocalDateString): number {
  return (((dayNumberOf(date) + 4) % 7) + 7) % 7;
}

export const isWeekend = (date: LocalDateString): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

/**
 * A month laid out Monday-first, one array of seven cells per week; cells outside the month are null.
 * @example monthWeeks(2025, 1)[0] // [null, null, '2025-01-01', '2025-01-02', …, '2025-01-05']
 */
export function monthWeeks(year: number, month: number): (LocalDateString | null)[][] {
  const first = isoDate(year, month, 1);
  const lead = (weekdayOf(first) + 6) % 7; // Monday = 0
  const cells: (LocalDateString | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(isoDate(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (LocalDateString | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Today's civil day in Viet Nam (Asia/Ho_Chi_Minh, UTC+7), whatever the browser's time zone. */
export function todayInVietnam(nowMs: number = Date.now()): LocalDateString {
  return localDateOf(new Date(nowMs).toISOString());
}

/** How a day is worked: an ordinary working day, a weekend, or one of the calendar's listed kinds. */
export type DayClass = 'working' | 'weekend' | CalendarDay['kind'];

export function classOf(date: LocalDateString, listed: CalendarDay | undefined): DayClass {
  if (listed) return listed.kind;
  return isWeekend(date) ? 'weekend' : 'working';
}

/** True when a civil servant works that day. */
export const isWorkingClass = (c: DayClass): boolean => c === 'working' || c === 'working_saturday';

/** Counts for the year summary: working days, weekday closures and make-up Saturdays. */
export function yearSummary(year: number, days: readonly CalendarDay[]): { working: number; closures: number; saturdays: number } {
  const inYear = days.filter((d) => d.date.startsWith(`${pad(year, 4)}-`));
  const closures = inYear.filter((d) => d.kind !== 'working_saturday' && !isWeekend(d.date)).length;
  const saturdays = inYear.filter((d) => d.kind === 'working_saturday').length;
  let weekdays = 0;
  const start = dayNumberOf(isoDate(year, 1, 1));
  const end = dayNumberOf(isoDate(year, 12, 31));
  for (let n = start; n <= end; n++) {
    const w = (((n + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6) weekdays++;
  }
  return { working: weekdays - closures + saturdays, closures, saturdays };
}
