import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../values';
import { dayNumberFromCivil, dayNumberOf, formatDayNumber, weekdayOfDayNumber } from './day-number';
import { hungKingsDayOf, lunarMonthLength, lunarToSolar, solarToLunar, tetOf, type LunarDate } from './lunar';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekdayOf = (date: LocalDate): string => WEEKDAYS[weekdayOfDayNumber(dayNumberOf(date))] ?? '?';
const dayBefore = (date: LocalDate): LocalDate => formatDayNumber(dayNumberOf(date) - 1);
const FIRST_DAY = dayNumberFromCivil(1900, 1, 1);
const LAST_DAY = dayNumberFromCivil(2100, 12, 31);

describe('Tết and Hùng Kings’ day at UTC+7 (docs/domain/calendar.md#lunar-calendar-at-utc7 table)', () => {
  it.each([
    { year: 2019, tet: '2019-02-05 Tue', oldYearEnds: 30, hungKings: '2019-04-14 Sun' },
    { year: 2020, tet: '2020-01-25 Sat', oldYearEnds: 30, hungKings: '2020-04-02 Thu' },
    { year: 2021, tet: '2021-02-12 Fri', oldYearEnds: 30, hungKings: '2021-04-21 Wed' },
    { year: 2022, tet: '2022-02-01 Tue', oldYearEnds: 29, hungKings: '2022-04-10 Sun' },
    { year: 2023, tet: '2023-01-22 Sun', oldYearEnds: 30, hungKings: '2023-04-29 Sat' },
    { year: 2024, tet: '2024-02-10 Sat', oldYearEnds: 30, hungKings: '2024-04-18 Thu' },
    { year: 2025, tet: '2025-01-29 Wed', oldYearEnds: 29, hungKings: '2025-04-07 Mon' },
    { year: 2026, tet: '2026-02-17 Tue', oldYearEnds: 29, hungKings: '2026-04-26 Sun' },
    { year: 2027, tet: '2027-02-06 Sat', oldYearEnds: 29, hungKings: '2027-04-16 Fri' },
    { year: 2028, tet: '2028-01-26 Wed', oldYearEnds: 29, hungKings: '2028-04-04 Tue' },
    { year: 2029, tet: '2029-02-13 Tue', oldYearEnds: 29, hungKings: '2029-04-23 Mon' },
    { year: 2030, tet: '2030-02-02 Sat', oldYearEnds: 29, hungKings: '2030-04-12 Fri' },
    { year: 2031, tet: '2031-01-23 Thu', oldYearEnds: 29, hungKings: '2031-04-01 Tue' },
    { year: 2032, tet: '2032-02-11 Wed', oldYearEnds: 29, hungKings: '2032-04-19 Mon' },
    { year: 2033, tet: '2033-01-31 Mon', oldYearEnds: 30, hungKings: '2033-04-09 Sat' },
    { year: 2034, tet: '2034-02-19 Sun', oldYearEnds: 30, hungKings: '2034-04-28 Fri' },
    { year: 2035, tet: '2035-02-08 Thu', oldYearEnds: 30, hungKings: '2035-04-17 Tue' },
  ])('$year: Tết $tet, old year ends on the $oldYearEnds, Hùng Kings $hungKings', ({ year, tet, oldYearEnds, hungKings }) => {
    const tetDate = tetOf(year);
    const hungKingsDate = hungKingsDayOf(year);
    expect(`${tetDate} ${weekdayOf(tetDate)}`).toBe(tet);
    expect(`${hungKingsDate} ${weekdayOf(hungKingsDate)}`).toBe(hungKings);
    expect(solarToLunar(dayBefore(tetDate))).toEqual({ year: year - 1, month: 12, day: oldYearEnds, leap: false });
    expect(lunarMonthLength(year - 1, 12)).toBe(oldYearEnds);
  });

  it.each([
    { year: 1968, tet: '1968-01-29', china: '1968-01-30' },
    { year: 1969, tet: '1969-02-16', china: '1969-02-17' },
    { year: 1985, tet: '1985-01-21', china: '1985-02-20' },
    { year: 2007, tet: '2007-02-17', china: '2007-02-18' },
    { year: 2030, tet: '2030-02-02', china: '2030-02-03' },
    { year: 2053, tet: '2053-02-18', china: '2053-02-19' },
  ])('Tết $year is $tet at UTC+7, not China’s $china', ({ year, tet }) => {
    expect(tetOf(year)).toBe(tet);
  });

  it('puts every Tết 1900–2100 between 21 January and 20 February', () => {
    for (let year = 1900; year <= 2100; year++) {
      const monthDay = tetOf(year).slice(5);
      expect(monthDay >= '01-21' && monthDay <= '02-20', `${year}: ${monthDay}`).toBe(true);
    }
  });
});

describe('leap months', () => {
  it.each([
    { lunar: { year: 2020, month: 4, day: 1, leap: true }, solar: '2020-05-23' },
    { lunar: { year: 2023, month: 2, day: 1, leap: true }, solar: '2023-03-22' },
    { lunar: { year: 2025, month: 6, day: 1, leap: true }, solar: '2025-07-25' },
    { lunar: { year: 2023, month: 3, day: 10, leap: false }, solar: '2023-04-29' },
  ])('$lunar.day/$lunar.month (leap: $lunar.leap) of $lunar.year is $solar', ({ lunar, solar }) => {
    expect(lunarToSolar(lunar)).toBe(solar);
    expect(solarToLunar(solar as LocalDate)).toEqual(lunar);
  });

  it('gives a lunar year at most one leap month, and 383–385 days with it or 353–355 without', () => {
    for (let year = 1900; year <= 2100; year++) {
      const leapMonths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((month) => hasLeapMonth(year, month));
      const days = dayNumberOf(dayAfterLunarYear(year)) - dayNumberOf(tetOf(year));
      const [min, max] = leapMonths.length === 1 ? [383, 385] : [353, 355];
      expect(leapMonths.length, String(year)).toBeLessThanOrEqual(1);
      expect(days >= min && days <= max, `${year}: ${days} days`).toBe(true);
    }
  });
});

function hasLeapMonth(year: number, month: number): boolean {
  try {
    lunarMonthLength(year, month, true);
    return true;
  } catch {
    return false;
  }
}

/** Tết of the next year; for 2100 (whose next Tết is out of range) computed from its last month. */
function dayAfterLunarYear(year: number): LocalDate {
  if (year < 2100) return tetOf(year + 1);
  const lastMonthStart = dayNumberOf(lunarToSolar({ year, month: 12, day: 1, leap: false }));
  return formatDayNumber(lastMonthStart + lunarMonthLength(year, 12));
}

describe('round trips', () => {
  it('maps every day 1900-01-01…2100-12-31 to a lunar date and back, one lunar day per solar day', () => {
    let previous = solarToLunar(formatDayNumber(FIRST_DAY));
    expect(previous).toEqual({ year: 1899, month: 12, day: 1, leap: false });
    for (let dayNumber = FIRST_DAY + 1; dayNumber <= LAST_DAY; dayNumber++) {
      const date = formatDayNumber(dayNumber);
      const lunar = solarToLunar(date);
      if (lunarToSolar(lunar) !== date) expect(lunarToSolar(lunar)).toBe(date);
      const isNextDay = lunar.day === previous.day + 1 && lunar.month === previous.month && lunar.leap === previous.leap;
      const isNewMonth = lunar.day === 1 && (previous.day === 29 || previous.day === 30);
      if (!isNextDay && !isNewMonth) expect({ date, lunar, previous }).toBe('consecutive');
      previous = lunar;
    }
  });

  it('gives every lunar month 29 or 30 days', () => {
    for (let dayNumber = FIRST_DAY; dayNumber <= LAST_DAY; dayNumber += 29) {
      const { year, month, leap } = solarToLunar(formatDayNumber(dayNumber));
      expect([29, 30]).toContain(lunarMonthLength(year, month, leap));
    }
  });

  it('round-trips sampled lunar dates, or rejects the ones that do not exist', () => {
    const lunarArb = fc.record({
      year: fc.integer({ min: 1900, max: 2099 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 30 }),
      leap: fc.boolean(),
    });
    fc.assert(
      fc.property(lunarArb, (lunar: LunarDate) => {
        let solar: LocalDate;
        try {
          solar = lunarToSolar(lunar);
        } catch (error) {
          return (error as { code?: string }).code === 'lunar.invalid';
        }
        return JSON.stringify(solarToLunar(solar)) === JSON.stringify(lunar);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('invalid input', () => {
  it.each([
    { case: 'a leap month the year lacks', lunar: { year: 2024, month: 2, day: 1, leap: true }, code: 'lunar.invalid' },
    { case: 'day 30 of a 29-day month', lunar: { year: 2024, month: 12, day: 30, leap: false }, code: 'lunar.invalid' },
    { case: 'month 13', lunar: { year: 2024, month: 13, day: 1, leap: false }, code: 'lunar.invalid' },
    { case: 'day 0', lunar: { year: 2024, month: 1, day: 0, leap: false }, code: 'lunar.invalid' },
    { case: 'a fractional day', lunar: { year: 2024, month: 1, day: 1.5, leap: false }, code: 'lunar.invalid' },
    { case: 'a year before 1899', lunar: { year: 1898, month: 1, day: 1, leap: false }, code: 'date.out_of_range' },
    { case: 'a year after 2100', lunar: { year: 2101, month: 1, day: 1, leap: false }, code: 'date.out_of_range' },
    { case: 'a 2100 day that falls in 2101', lunar: { year: 2100, month: 12, day: 2, leap: false }, code: 'date.out_of_range' },
  ])('lunarToSolar rejects $case with $code', ({ lunar, code }) => {
    expect(() => lunarToSolar(lunar)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    { date: '1899-12-31', code: 'date.out_of_range' },
    { date: '2101-01-01', code: 'date.out_of_range' },
    { date: '2024-02-30', code: 'date.invalid' },
    { date: '2024-2-3', code: 'date.invalid' },
  ])('solarToLunar($date) throws $code', ({ date, code }) => {
    expect(() => solarToLunar(date as LocalDate)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    { year: 1899, code: 'date.out_of_range' },
    { year: 2101, code: 'date.out_of_range' },
  ])('tetOf($year) throws $code: its Tết is outside 1900–2100', ({ year, code }) => {
    expect(() => tetOf(year)).toThrow(expect.objectContaining({ code }));
  });
});
