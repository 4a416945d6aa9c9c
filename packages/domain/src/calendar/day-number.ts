import { DomainInputError, isLocalDate, type LocalDate } from '../values';
import { civilFromDayNumber } from './civil-from-day-number';

export { civilFromDayNumber };

/**
 * Civil-day arithmetic on plain integers: a day number counts days since 1970-01-01 in the
 * proleptic Gregorian calendar. Working on integers (never on a local-midnight `Date`) is what keeps
 * the calendar independent of the host time zone (docs/domain/calendar.md#lunar-calendar-at-utc7, docs/conventions.md#values-dates-instants-scores).
 */

/** Years the calendar module supports, inclusive (the lunar tables are computed for this span). */
export const SUPPORTED_YEARS = { fromYear: 1900, toYear: 2100 } as const;

/**
 * Day number (days since 1970-01-01) of a Gregorian date, after H. Hinnant's `days_from_civil`.
 * @example dayNumberFromCivil(1970, 1, 2) // 1
 */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
 * @example weekdayOfDayNumber(0) // 4
 */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * Formats a day number as a `YYYY-MM-DD` civil date.
 * @example formatDayNumber(0) // '1970-01-01'
 */
export function formatDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as LocalDate;
}

/**
 * Parses a `YYYY-MM-DD` civil date into a day number. This is the slow, simple path used by the
 * rule generators and the lunar calendar; the working calendar has its own table-driven parser.
 * @example dayNumberOf('1970-01-02') // 1
 * @throws DomainInputError('date.invalid') for a malformed or non-existent date such as '2025-02-30'
 */
export function dayNumberOf(date: string): number {
  if (!isLocalDate(date)) throw new DomainInputError('date.invalid', { value: date });
  return dayNumberFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** True for Saturday and Sunday: civil servants work Monday to Friday (QĐ 188/1999/QĐ-TTg). */
export function isWeekendDayNumber(dayNumber: number): boolean {
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === 0 || weekday === 6;
}

/** Throws DomainInputError('date.out_of_range') unless `year` lies in {@link SUPPORTED_YEARS}. */
export function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year)) throw new DomainInputError('date.invalid', { value: year });
  if (year < SUPPORTED_YEARS.fromYear || year > SUPPORTED_YEARS.toYear) {
    throw new DomainInputError('date.out_of_range', { value: year, ...SUPPORTED_YEARS });
  }
}
