import { DomainInputError, daysInMonth, type LocalDate } from '../values';
import { dayNumberFromCivil, dayNumberOf, formatDayNumber, weekdayOfDayNumber } from './day-number';

/** Inclusive span of Gregorian years a working calendar covers. */
export interface YearRange {
  readonly fromYear: number;
  readonly toYear: number;
}

/**
 * Every day of a year range, precomputed once so that deadline arithmetic is a few array reads:
 * day i (0 = 1 January of `fromYear`) is working when `working[i]` is 1; `workingThrough[i]` counts
 * working days in [0, i]; `workingDays` lists the indices of working days in order, so the n-th
 * working day after i is `workingDays[workingThrough[i] + n - 1]`.
 */
export class DayTable {
  readonly firstDayNumber: number;
  readonly size: number;
  readonly working: Uint8Array;
  readonly workingThrough: Int32Array;
  readonly workingDays: Int32Array;
  readonly labels: readonly LocalDate[];
  private readonly fromYear: number;
  private readonly yearCount: number;
  /** Index of day 1 of each month, (year − fromYear) × 12 + month − 1, plus a closing entry. */
  private readonly monthStarts: Int32Array;

  constructor(range: YearRange, closedDays: Iterable<LocalDate>, workingSaturdays: Iterable<LocalDate>) {
    const { fromYear, toYear } = range;
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 1 || toYear > 9999) {
      throw new DomainInputError('calendar.invalid_range', { fromYear, toYear });
    }
    this.fromYear = fromYear;
    this.yearCount = toYear - fromYear + 1;
    this.firstDayNumber = dayNumberFromCivil(fromYear, 1, 1);
    this.size = dayNumberFromCivil(toYear + 1, 1, 1) - this.firstDayNumber;

    this.monthStarts = new Int32Array(this.yearCount * 12 + 1);
    for (let m = 0; m <= this.yearCount * 12; m++) {
      this.monthStarts[m] = dayNumberFromCivil(fromYear + Math.floor(m / 12), (m % 12) + 1, 1) - this.firstDayNumber;
    }

    this.working = new Uint8Array(this.size);
    const labels: LocalDate[] = new Array<LocalDate>(this.size);
    for (let i = 0; i < this.size; i++) {
      const weekday = weekdayOfDayNumber(this.firstDayNumber + i);
      this.working[i] = weekday === 0 || weekday === 6 ? 0 : 1;
      labels[i] = formatDayNumber(this.firstDayNumber + i);
    }
    this.labels = labels;
    // Make-up Saturdays first, closures second: a closure wins if both name a day.
    for (const date of workingSaturdays) {
      const i = this.indexInRange(date);
      if (i < 0) continue;
      if (weekdayOfDayNumber(this.firstDayNumber + i) !== 6) {
        throw new DomainInputError('calendar.not_saturday', { value: date });
      }
      this.working[i] = 1;
    }
    for (const date of closedDays) {
      const i = this.indexInRange(date);
      if (i >= 0) this.working[i] = 0;
    }

    this.workingThrough = new Int32Array(this.size);
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      count += this.working[i] ?? 0;
      this.workingThrough[i] = count;
    }
    this.workingDays = new Int32Array(count);
    for (let i = 0, w = 0; i < this.size; i++) if (this.working[i] === 1) this.workingDays[w++] = i;
  }

  /** Index of a date given as input data; −1 when it lies outside the range (it cannot matter then). */
  private indexInRange(date: string): number {
    const i = dayNumberOf(date) - this.firstDayNumber;
    return i >= 0 && i < this.size ? i : -1;
  }

  /**
   * Index of a `YYYY-MM-DD` date. This is the hot path of every calendar call, so it reads character
   * codes instead of using a regular expression, yet still rejects anything that is not a real date.
   * @throws DomainInputError('date.invalid') or ('date.out_of_range')
   */
  indexOf(date: string): number {
    if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
      throw new DomainInputError('date.invalid', { value: date });
    }
    const y1 = date.charCodeAt(0) - 48;
    const y2 = date.charCodeAt(1) - 48;
    const y3 = date.charCodeAt(2) - 48;
    const y4 = date.charCodeAt(3) - 48;
    const m1 = date.charCodeAt(5) - 48;
    const m2 = date.charCodeAt(6) - 48;
    const d1 = date.charCodeAt(8) - 48;
    const d2 = date.charCodeAt(9) - 48;
    // `>>> 0` turns a negative (a character below '0') into a huge number, so one test per digit.
    if (y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || y4 >>> 0 > 9 || m1 >>> 0 > 9 || m2 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9) {
      throw new DomainInputError('date.invalid', { value: date });
    }
    const month = m1 * 10 + m2;
    const day = d1 * 10 + d2;
    const yearOffset = y1 * 1000 + y2 * 100 + y3 * 10 + y4 - this.fromYear;
    if (month < 1 || month > 12 || day < 1) throw new DomainInputError('date.invalid', { value: date });
    if (yearOffset < 0 || yearOffset >= this.yearCount) {
      if (day > daysInMonth(yearOffset + this.fromYear, month)) throw new DomainInputError('date.invalid', { value: date });
      throw new DomainInputError('date.out_of_range', { value: date });
    }
    const monthIndex = yearOffset * 12 + month - 1;
    const start = this.monthStarts[monthIndex] as number;
    if (day > (this.monthStarts[monthIndex + 1] as number) - start) {
      throw new DomainInputError('date.invalid', { value: date });
    }
    return start + day - 1;
  }

  /** The date at an index, or DomainInputError('date.out_of_range') past either end. */
  labelAt(index: number): LocalDate {
    const label = this.labels[index];
    if (label === undefined) throw new DomainInputError('date.out_of_range', { index });
    return label;
  }

  /** Index of the `ordinal`-th working day (0-based), or date.out_of_range past the last one. */
  workingDayAt(ordinal: number): number {
    const index = this.workingDays[ordinal];
    if (index === undefined) throw new DomainInputError('date.out_of_range', { ordinal });
    return index;
  }
}
