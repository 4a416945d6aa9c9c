import { DomainInputError, type LocalDate } from '../values';
import { SUPPORTED_YEARS, dayNumberFromCivil, dayNumberOf, formatDayNumber } from './day-number';
import { buildLunarTable, type LunarTable } from './lunar-table';

/** A day of the Vietnamese lunisolar calendar (âm lịch), computed at UTC+7. */
export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  readonly leap: boolean;
}

const FIRST_DAY = dayNumberFromCivil(SUPPORTED_YEARS.fromYear, 1, 1);
const LAST_DAY = dayNumberFromCivil(SUPPORTED_YEARS.toYear, 12, 31);

// January 1900 still belongs to lunar year 1899, so the table starts one lunar year early.
let table: LunarTable | undefined;
/** The month table, computed once on first use (about 2,500 new moons; a few milliseconds). */
function lunarTable(): LunarTable {
  table ??= buildLunarTable(SUPPORTED_YEARS.fromYear - 1, SUPPORTED_YEARS.toYear);
  return table;
}

function outOfRange(value: unknown): DomainInputError {
  return new DomainInputError('date.out_of_range', {
    value,
    from: formatDayNumber(FIRST_DAY),
    to: formatDayNumber(LAST_DAY),
  });
}

/** Index in the table of the month whose days include `dayNumber` (binary search). */
function monthIndexOfDay(t: LunarTable, dayNumber: number): number {
  let low = 0;
  let high = t.starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((t.starts[mid] ?? 0) <= dayNumber) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Index of lunar month (`year`, `month`, `leap`), or throws when that month does not exist. */
function monthIndexOf(year: number, month: number, leap: boolean): number {
  const isWellFormed = Number.isInteger(year) && Number.isInteger(month) && month >= 1 && month <= 12 && typeof leap === 'boolean';
  if (!isWellFormed) throw new DomainInputError('lunar.invalid', { year, month, leap });
  const t = lunarTable();
  if (year < t.firstYear || year > t.lastYear) throw outOfRange({ year, month, leap });
  const end = t.yearStarts[year - t.firstYear + 1] ?? 0;
  for (let i = t.yearStarts[year - t.firstYear] ?? 0; i < end; i++) {
    if (t.months[i] === month && (t.leaps[i] === 1) === leap) return i;
  }
  throw new DomainInputError('lunar.invalid', { year, month, leap });
}

function monthLengthAt(t: LunarTable, index: number): number {
  return (t.starts[index + 1] ?? 0) - (t.starts[index] ?? 0);
}

/**
 * The lunar date of a civil date (Asia/Ho_Chi_Minh). January 1900 gives lunar year 1899.
 * @example solarToLunar('2025-01-29' as LocalDate) // { year: 2025, month: 1, day: 1, leap: false }
 * @throws DomainInputError('date.invalid') for a malformed date, ('date.out_of_range') outside 1900–2100
 */
export function solarToLunar(date: LocalDate): LunarDate {
  const dayNumber = dayNumberOf(date);
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) throw outOfRange(date);
  const t = lunarTable();
  const i = monthIndexOfDay(t, dayNumber);
  return {
    year: t.years[i] ?? 0,
    month: t.months[i] ?? 0,
    day: dayNumber - (t.starts[i] ?? 0) + 1,
    leap: t.leaps[i] === 1,
  };
}

/**
 * The civil date of a lunar date.
 * @example lunarToSolar({ year: 2024, month: 1, day: 1, leap: false }) // '2024-02-10'
 * @throws DomainInputError('lunar.invalid') for a day that does not exist (a leap month the year
 *   lacks, day 30 of a 29-day month); ('date.out_of_range') when the day falls outside 1900–2100
 */
export function lunarToSolar(lunar: LunarDate): LocalDate {
  const { year, month, day, leap } = lunar;
  const i = monthIndexOf(year, month, leap);
  const t = lunarTable();
  if (!Number.isInteger(day) || day < 1 || day > monthLengthAt(t, i)) {
    throw new DomainInputError('lunar.invalid', { year, month, day, leap });
  }
  const dayNumber = (t.starts[i] ?? 0) + day - 1;
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) throw outOfRange(lunar);
  return formatDayNumber(dayNumber);
}

/**
 * Number of days (29 or 30) of a lunar month.
 * @example lunarMonthLength(2024, 12) // 29: lunar year 2024 ends on the 29th (Tết 2025 is 29/01)
 * @throws DomainInputError('lunar.invalid') when the year has no such (leap) month
 */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  return monthLengthAt(lunarTable(), monthIndexOf(year, month, leap));
}

/**
 * Tết Nguyên đán: the civil date of 1/1 of a lunar year.
 * @example tetOf(2030) // '2030-02-02' (China, at UTC+8, has 2030-02-03)
 */
export function tetOf(year: number): LocalDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false });
}

/**
 * Giỗ Tổ Hùng Vương: the civil date of 10/3 (of the ordinary, not a leap, third month).
 * @example hungKingsDayOf(2025) // '2025-04-07'
 */
export function hungKingsDayOf(year: number): LocalDate {
  return lunarToSolar({ year, month: 3, day: 10, leap: false });
}
