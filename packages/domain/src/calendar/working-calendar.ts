import { DomainInputError, type Instant, type LocalDate } from '../values';
import { SUPPORTED_YEARS, dayNumberOf, formatDayNumber } from './day-number';
import { DayTable, type YearRange } from './day-table';
import { addWorkingHoursIn, DEFAULT_OFFICE_HOURS, workingMinutesIn, type OfficeHours } from './office-hours';

/**
 * Working-day arithmetic for civil servants (docs/domain/calendar.md#calendar-model-and-arithmetic, docs/domain/dossiers.md#deadline-counting). A working day is Monday–Friday
 * not closed, or a listed make-up Saturday. Every method rejects a malformed date with
 * DomainInputError('date.invalid') and a date or result outside the calendar's years with
 * ('date.out_of_range').
 */
export interface WorkingCalendar {
  /** The Gregorian years the calendar covers. */
  readonly range: YearRange;
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /**
   * The n-th working day strictly after `from`; `from` itself is never counted, working day or not
   * (Civil Code 2015 Art. 147). n = 0 returns `from`.
   */
  addWorkingDays(from: LocalDate, n: number): LocalDate;
  /** Working days in (a, b]; the negative count of (b, a] when b < a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
  /** `from` + n calendar days, rolled forward to the next working day (Civil Code Art. 148). */
  addCalendarDays(from: LocalDate, n: number): LocalDate;
  /** Adds hours of office time; see {@link addWorkingHoursIn}. */
  addWorkingHours(start: Instant, hours: number, office?: OfficeHours): Instant;
  /** Minutes of office time from a to b (negative when b < a). */
  workingMinutesBetween(a: Instant, b: Instant, office?: OfficeHours): number;
}

function checkedDays(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new DomainInputError('calendar.invalid_days', { value: n });
  return n;
}

class TableWorkingCalendar implements WorkingCalendar {
  // The hot arrays are held on the instance too, so each call reads them without another hop.
  private readonly working: Uint8Array;
  private readonly workingThrough: Int32Array;
  private readonly workingDays: Int32Array;
  private readonly labels: readonly LocalDate[];

  constructor(
    private readonly table: DayTable,
    readonly range: YearRange,
  ) {
    this.working = table.working;
    this.workingThrough = table.workingThrough;
    this.workingDays = table.workingDays;
    this.labels = table.labels;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.working[this.table.indexOf(date)] === 1;
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    const ordinal = this.workingThrough[this.table.indexOf(date)] as number;
    return this.table.labelAt(this.table.workingDayAt(ordinal));
  }

  addWorkingDays(from: LocalDate, n: number): LocalDate {
    const index = this.table.indexOf(from);
    if (checkedDays(n) === 0) return from;
    const target = this.workingDays[(this.workingThrough[index] as number) + n - 1];
    if (target === undefined) throw new DomainInputError('date.out_of_range', { from, n });
    return this.labels[target] as LocalDate;
  }

  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    return (this.workingThrough[this.table.indexOf(b)] as number) - (this.workingThrough[this.table.indexOf(a)] as number);
  }

  addCalendarDays(from: LocalDate, n: number): LocalDate {
    const index = this.table.indexOf(from) + checkedDays(n);
    if (index >= this.table.size) throw new DomainInputError('date.out_of_range', { from, n });
    if (this.working[index] === 1) return this.labels[index] as LocalDate;
    return this.table.labelAt(this.table.workingDayAt(this.workingThrough[index] as number));
  }

  addWorkingHours(start: Instant, hours: number, office: OfficeHours = DEFAULT_OFFICE_HOURS): Instant {
    return addWorkingHoursIn(this.table, start, hours, office);
  }

  workingMinutesBetween(a: Instant, b: Instant, office: OfficeHours = DEFAULT_OFFICE_HOURS): number {
    return workingMinutesIn(this.table, a, b, office);
  }
}

/**
 * Builds a working calendar from closed weekdays and make-up Saturdays. Dates outside `range` are
 * ignored (they cannot affect a result inside it); a closure on a listed Saturday wins.
 * @example
 * const cal = createWorkingCalendar({ closedDays: ['2024-09-02', '2024-09-03'], workingSaturdays: [] });
 * cal.addWorkingDays('2024-08-30', 1) // '2024-09-04'
 * @throws DomainInputError('date.invalid') for a malformed input date, ('calendar.not_saturday') for
 *   a working "Saturday" that is another day, ('calendar.invalid_range') for a bad range
 */
export function createWorkingCalendar(
  input: { closedDays: Iterable<LocalDate>; workingSaturdays: Iterable<LocalDate> },
  range: YearRange = SUPPORTED_YEARS,
): WorkingCalendar {
  const table = new DayTable(range, input.closedDays, input.workingSaturdays);
  return new TableWorkingCalendar(table, { fromYear: range.fromYear, toYear: range.toYear });
}

/**
 * Reference implementation of {@link WorkingCalendar.addWorkingDays}: walks day by day asking
 * `isWorkingDay`. Kept for the property tests and the benchmark, not for production use.
 * @example naiveAddWorkingDays(cal, '2024-08-30', 1) // '2024-09-04' with 2024 data
 */
export function naiveAddWorkingDays(calendar: WorkingCalendar, from: LocalDate, n: number): LocalDate {
  calendar.isWorkingDay(from); // the same date and range checks as the fast path
  let remaining = checkedDays(n);
  if (remaining === 0) return from;
  let dayNumber = dayNumberOf(from);
  while (remaining > 0) {
    dayNumber += 1;
    if (calendar.isWorkingDay(formatDayNumber(dayNumber))) remaining -= 1;
  }
  return formatDayNumber(dayNumber);
}
