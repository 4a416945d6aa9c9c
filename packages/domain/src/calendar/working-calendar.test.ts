import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../values';
import { ANNOUNCED_YEARS, defaultYears } from './announced';
import { calendarFromYears } from './calendar-of';
import { dayNumberFromCivil, formatDayNumber } from './day-number';
import { createWorkingCalendar, naiveAddWorkingDays, type WorkingCalendar } from './working-calendar';

const announced = calendarFromYears(ANNOUNCED_YEARS);
const full = calendarFromYears(defaultYears(1900, 2100));
const d = (s: string): LocalDate => s as LocalDate;

const dateArb = (fromYear: number, toYear: number): fc.Arbitrary<LocalDate> =>
  fc.integer({ min: dayNumberFromCivil(fromYear, 1, 1), max: dayNumberFromCivil(toYear, 12, 31) }).map(formatDayNumber);
// Starts end in 2090 so that adding up to 2,000 working days stays inside the calendar.
const startArb = dateArb(1900, 2090);
const workingDayArb = (cal: WorkingCalendar): fc.Arbitrary<LocalDate> => startArb.map((date) => cal.nextWorkingDay(date));

describe('addWorkingDays with the announced calendar', () => {
  it.each([
    { from: '2019-02-01', n: 1, expected: '2019-02-11', why: 'Tết 2019: 4–8/2 closed' },
    { from: '2020-01-22', n: 1, expected: '2020-01-30', why: 'Tết 2020: 23, 24, 27–29/1 closed' },
    { from: '2021-02-09', n: 1, expected: '2021-02-17', why: 'Tết 2021: 10–12, 15, 16/2 closed' },
    { from: '2022-01-28', n: 1, expected: '2022-02-07', why: 'Tết 2022: 31/1–4/2 closed' },
    { from: '2023-01-19', n: 1, expected: '2023-01-27', why: 'Tết 2023: 20, 23–26/1 closed' },
    { from: '2024-02-07', n: 1, expected: '2024-02-15', why: 'Tết 2024: 8, 9, 12–14/2 closed' },
    { from: '2025-01-24', n: 1, expected: '2025-02-03', why: 'Tết 2025: 27–31/1 closed' },
    { from: '2026-02-13', n: 1, expected: '2026-02-23', why: 'Tết 2026: 16–20/2 closed' },
    { from: '2025-01-24', n: 5, expected: '2025-02-07', why: 'counting continues after Tết' },
    { from: '2024-08-30', n: 1, expected: '2024-09-04', why: 'National Day 2–3/9 (docs/domain/calendar.md#calendar-model-and-arithmetic)' },
    { from: '2024-03-01', n: 1, expected: '2024-03-04', why: 'Friday → Monday' },
    { from: '2024-03-02', n: 1, expected: '2024-03-04', why: 'a Saturday start is not counted' },
    { from: '2025-04-25', n: 1, expected: '2025-04-26', why: 'make-up Saturday 26/4/2025 is worked' },
    { from: '2025-04-29', n: 1, expected: '2025-05-05', why: '30/4, 1/5 and the swapped 2/5 are closed' },
    { from: '2024-04-26', n: 1, expected: '2024-05-02', why: 'swapped 29/4/2024 is closed' },
    { from: '2024-05-03', n: 1, expected: '2024-05-04', why: 'make-up Saturday 4/5/2024 is worked' },
    { from: '2025-12-31', n: 1, expected: '2026-01-05', why: '1/1 and the swapped 2/1/2026 are closed' },
    { from: '2026-01-09', n: 1, expected: '2026-01-10', why: 'make-up Saturday 10/1/2026 is worked' },
    { from: '2018-12-28', n: 1, expected: '2019-01-02', why: 'the 2019 swap on 31/12/2018 is closed' },
    { from: '2026-08-28', n: 1, expected: '2026-09-03', why: 'swapped 31/8 and 1–2/9/2026 are closed' },
    { from: '2025-01-24', n: 0, expected: '2025-01-24', why: 'n = 0 returns the start' },
    { from: '2025-01-27', n: 0, expected: '2025-01-27', why: 'n = 0 returns the start, even a closed day' },
  ])('addWorkingDays($from, $n) = $expected: $why', ({ from, n, expected }) => {
    expect(announced.addWorkingDays(d(from), n)).toBe(expected);
    expect(naiveAddWorkingDays(announced, d(from), n)).toBe(expected);
  });

  it.each([
    { date: '2025-04-26', isWorking: true },
    { date: '2025-05-02', isWorking: false },
    { date: '2024-05-04', isWorking: true },
    { date: '2026-01-10', isWorking: true },
    { date: '2026-01-02', isWorking: false },
    { date: '2026-08-22', isWorking: true },
    { date: '2026-08-29', isWorking: false },
    { date: '2025-01-31', isWorking: false },
    { date: '2025-02-03', isWorking: true },
  ])('isWorkingDay($date) is $isWorking', ({ date, isWorking }) => {
    expect(announced.isWorkingDay(d(date))).toBe(isWorking);
  });
});

describe('other day arithmetic', () => {
  it.each([
    { a: '2025-01-24', b: '2025-02-03', expected: 1 },
    { a: '2025-02-03', b: '2025-01-24', expected: -1 },
    { a: '2025-01-24', b: '2025-01-24', expected: 0 },
    { a: '2025-01-25', b: '2025-01-31', expected: 0 },
    { a: '2025-04-25', b: '2025-05-05', expected: 4 }, // Sat 26/4, Mon 28, Tue 29, Mon 5/5,
  ])('workingDaysBetween($a, $b) = $expected', ({ a, b, expected }) => {
    expect(announced.workingDaysBetween(d(a), d(b))).toBe(expected);
  });

  it.each([
    { date: '2025-01-24', expected: '2025-02-03' },
    { date: '2025-01-29', expected: '2025-02-03' },
    { date: '2025-02-03', expected: '2025-02-04' },
  ])('nextWorkingDay($date) = $expected', ({ date, expected }) => {
    expect(announced.nextWorkingDay(d(date))).toBe(expected);
  });

  it.each([
    { from: '2025-01-17', n: 10, expected: '2025-02-03', why: '27/1 is closed: rolls to Monday 3/2' },
    { from: '2025-01-17', n: 7, expected: '2025-01-24', why: 'a working day stays' },
    { from: '2024-08-25', n: 7, expected: '2024-09-04', why: '1/9 Sunday rolls past 2–3/9' },
    { from: '2025-03-01', n: 0, expected: '2025-03-03', why: 'day 0 on a Saturday rolls to Monday' },
  ])('addCalendarDays($from, $n) = $expected: $why', ({ from, n, expected }) => {
    expect(full.addCalendarDays(d(from), n)).toBe(expected);
  });

  it('builds the 2019–2026 announced calendar into the default one', () => {
    expect(full.addWorkingDays(d('2025-01-24'), 1)).toBe('2025-02-03');
    expect(full.isWorkingDay(d('2027-05-03'))).toBe(false); // generated: nghỉ bù for 1/5/2027
  });
});

describe('properties', () => {
  it('addWorkingDays equals the day-by-day loop', () => {
    fc.assert(
      fc.property(startArb, fc.nat(400), (from, n) => full.addWorkingDays(from, n) === naiveAddWorkingDays(full, from, n)),
      { numRuns: 1000 },
    );
  });

  it('addWorkingDays equals the day-by-day loop on random closures and Saturdays', () => {
    const closedArb = fc.uniqueArray(dateArb(2024, 2025), { maxLength: 200 });
    const saturdaysArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 104 }), { maxLength: 30 })
      .map((weeks) => weeks.map((w) => formatDayNumber(dayNumberFromCivil(2024, 1, 6) + 7 * w)));
    fc.assert(
      fc.property(closedArb, saturdaysArb, dateArb(2024, 2025), fc.nat(120), (closedDays, workingSaturdays, from, n) => {
        const cal = createWorkingCalendar({ closedDays, workingSaturdays }, { fromYear: 2023, toYear: 2027 });
        return cal.addWorkingDays(from, n) === naiveAddWorkingDays(cal, from, n);
      }),
      { numRuns: 300 },
    );
  });

  it('counts back what it added: workingDaysBetween(a, addWorkingDays(a, n)) = n', () => {
    fc.assert(
      fc.property(startArb, fc.nat(2000), (from, n) => full.workingDaysBetween(from, full.addWorkingDays(from, n)) === n),
      { numRuns: 2000 },
    );
  });

  it('lands on a working day when n ≥ 1, and from a working day nextWorkingDay is n = 1', () => {
    fc.assert(
      fc.property(workingDayArb(full), fc.integer({ min: 1, max: 400 }), (from, n) => {
        const due = full.addWorkingDays(from, n);
        return full.isWorkingDay(due) && due > from && full.nextWorkingDay(from) === full.addWorkingDays(from, 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('workingDaysBetween is antisymmetric', () => {
    fc.assert(fc.property(dateArb(1900, 2100), dateArb(1900, 2100), (a, b) => full.workingDaysBetween(a, b) === -full.workingDaysBetween(b, a)));
  });

  it('addCalendarDays lands on the first working day on or after from + n', () => {
    fc.assert(
      fc.property(startArb, fc.nat(400), (from, n) => {
        const due = full.addCalendarDays(from, n);
        const plain = formatDayNumber(dayNumberFromCivil(+from.slice(0, 4), +from.slice(5, 7), +from.slice(8)) + n);
        return full.isWorkingDay(due) && due >= plain && full.workingDaysBetween(plain, due) === (plain === due ? 0 : 1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('invalid input', () => {
  it.each([
    { date: '2025-02-30', code: 'date.invalid' },
    { date: '2023-02-29', code: 'date.invalid' },
    { date: '2025-13-01', code: 'date.invalid' },
    { date: '2025-00-10', code: 'date.invalid' },
    { date: '2025-01-00', code: 'date.invalid' },
    { date: '2025-1-5', code: 'date.invalid' },
    { date: '2025/01/05', code: 'date.invalid' },
    { date: '2025-01-0a', code: 'date.invalid' },
    { date: ' 2025-01-05', code: 'date.invalid' },
    { date: '', code: 'date.invalid' },
    { date: '1800-02-30', code: 'date.invalid' },
    { date: '1899-12-31', code: 'date.out_of_range' },
    { date: '2101-01-01', code: 'date.out_of_range' },
  ])('rejects $date with $code in every method', ({ date, code }) => {
    const error = expect.objectContaining({ code });
    expect(() => full.isWorkingDay(d(date))).toThrow(error);
    expect(() => full.nextWorkingDay(d(date))).toThrow(error);
    expect(() => full.addWorkingDays(d(date), 1)).toThrow(error);
    expect(() => full.addWorkingDays(d(date), 0)).toThrow(error);
    expect(() => full.workingDaysBetween(d(date), d('2025-01-01'))).toThrow(error);
    expect(() => full.addCalendarDays(d(date), 1)).toThrow(error);
    expect(() => naiveAddWorkingDays(full, d(date), 1)).toThrow(error);
  });

  it('accepts 29 February of a leap year', () => {
    expect(full.isWorkingDay(d('2024-02-29'))).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects n = %s with calendar.invalid_days', (n) => {
    const error = expect.objectContaining({ code: 'calendar.invalid_days' });
    expect(() => full.addWorkingDays(d('2025-01-02'), n)).toThrow(error);
    expect(() => full.addCalendarDays(d('2025-01-02'), n)).toThrow(error);
    expect(() => naiveAddWorkingDays(full, d('2025-01-02'), n)).toThrow(error);
  });

  it.each([
    { what: 'addWorkingDays past 2100', run: () => full.addWorkingDays(d('2100-12-30'), 5) },
    { what: 'a huge n', run: () => full.addWorkingDays(d('2025-01-02'), 1e9) },
    { what: 'nextWorkingDay of the last day', run: () => full.nextWorkingDay(d('2100-12-31')) },
    { what: 'addCalendarDays past 2100', run: () => full.addCalendarDays(d('2100-12-31'), 1) },
  ])('reports $what as date.out_of_range', ({ run }) => {
    expect(run).toThrow(expect.objectContaining({ code: 'date.out_of_range' }));
  });

  it('rejects a listed working Saturday that is not a Saturday', () => {
    expect(() => createWorkingCalendar({ closedDays: [], workingSaturdays: [d('2025-04-25')] })).toThrow(
      expect.objectContaining({ code: 'calendar.not_saturday' }),
    );
  });

  it('rejects a malformed closed day, and ignores one outside the range', () => {
    expect(() => createWorkingCalendar({ closedDays: [d('2025-02-30')], workingSaturdays: [] })).toThrow(expect.objectContaining({ code: 'date.invalid' }));
    const cal = createWorkingCalendar({ closedDays: [d('2018-12-31')], workingSaturdays: [] }, { fromYear: 2019, toYear: 2019 });
    expect(cal.addWorkingDays(d('2019-01-01'), 1)).toBe('2019-01-02');
  });

  it('lets a closure win over a make-up Saturday on the same day', () => {
    const cal = createWorkingCalendar({ closedDays: [d('2025-04-26')], workingSaturdays: [d('2025-04-26')] });
    expect(cal.isWorkingDay(d('2025-04-26'))).toBe(false);
  });
});
