import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantAt, type Instant, type LocalDate } from '../values';
import { ANNOUNCED_YEARS } from './announced';
import { calendarFromYears } from './calendar-of';
import { dayNumberFromCivil, formatDayNumber } from './day-number';
import type { OfficeHours } from './office-hours';

const cal = calendarFromYears(ANNOUNCED_YEARS);
/** Local (UTC+7) wall-clock time as an instant: at('2025-03-03 08:00'). */
const at = (local: string): Instant => {
  const [date = '', time = ''] = local.split(' ');
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return instantAt(date as LocalDate, hours * 60 + minutes);
};

describe('addWorkingHours with 07:00–11:30 / 13:30–17:00', () => {
  it.each([
    { start: '2025-03-03 08:00', hours: 2, expected: '2025-03-03 10:00', why: 'inside the morning' },
    { start: '2025-03-03 06:00', hours: 1, expected: '2025-03-03 08:00', why: 'before opening: starts at 07:00' },
    { start: '2025-03-03 10:30', hours: 2, expected: '2025-03-03 14:30', why: 'skips the lunch break' },
    { start: '2025-03-03 12:00', hours: 1, expected: '2025-03-03 14:30', why: 'during lunch: starts at 13:30' },
    { start: '2025-03-03 18:00', hours: 1, expected: '2025-03-04 08:00', why: 'after closing: next morning' },
    { start: '2025-03-07 16:00', hours: 2, expected: '2025-03-10 08:00', why: 'Friday → Monday' },
    { start: '2025-03-03 07:00', hours: 8, expected: '2025-03-03 17:00', why: 'a full day ends at closing' },
    { start: '2025-03-03 07:00', hours: 16, expected: '2025-03-04 17:00', why: 'two full days' },
    { start: '2025-03-03 11:15', hours: 0.5, expected: '2025-03-03 13:45', why: 'half an hour across lunch' },
    { start: '2025-01-24 16:00', hours: 2, expected: '2025-02-03 08:00', why: 'across the Tết 2025 break' },
    { start: '2025-04-25 16:00', hours: 2, expected: '2025-04-26 08:00', why: 'make-up Saturday 26/4/2025' },
    { start: '2025-03-03 18:00', hours: 0, expected: '2025-03-04 07:00', why: 'zero hours: the moved start' },
    { start: '2025-03-03 09:10', hours: 0, expected: '2025-03-03 09:10', why: 'zero hours inside a session' },
    { start: '2025-03-08 09:00', hours: 1, expected: '2025-03-10 08:00', why: 'Saturday: from Monday morning' },
  ])('$start + $hours h = $expected ($why)', ({ start, hours, expected }) => {
    expect(cal.addWorkingHours(at(start), hours)).toBe(at(expected));
  });

  it('accepts an instant written with an offset', () => {
    expect(cal.addWorkingHours('2025-03-03T08:00:00+07:00' as Instant, 2)).toBe('2025-03-03T03:00:00.000Z');
  });

  it('uses the office hours it is given (08:00–11:00 / 13:30–16:30)', () => {
    const office: OfficeHours = {
      sessions: [
        { start: 480, end: 660 },
        { start: 810, end: 990 },
      ],
    };
    expect(cal.addWorkingHours(at('2025-03-03 10:00'), 2, office)).toBe(at('2025-03-03 14:30'));
    expect(cal.workingMinutesBetween(at('2025-03-03 07:00'), at('2025-03-03 18:00'), office)).toBe(360);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    { a: '2025-03-03 08:00', b: '2025-03-03 10:00', expected: 120 },
    { a: '2025-03-03 10:30', b: '2025-03-03 14:30', expected: 120 },
    { a: '2025-03-07 16:00', b: '2025-03-10 08:00', expected: 120 },
    { a: '2025-03-10 08:00', b: '2025-03-07 16:00', expected: -120 },
    { a: '2025-01-24 16:00', b: '2025-02-03 08:00', expected: 120 },
    { a: '2025-03-08 08:00', b: '2025-03-09 16:00', expected: 0 },
    { a: '2025-03-03 00:00', b: '2025-03-04 00:00', expected: 480 },
  ])('from $a to $b is $expected minutes', ({ a, b, expected }) => {
    expect(cal.workingMinutesBetween(at(a), at(b))).toBe(expected);
  });
});

describe('properties', () => {
  const instantArb = fc
    .integer({ min: dayNumberFromCivil(2019, 1, 1) * 1440, max: dayNumberFromCivil(2026, 6, 30) * 1440 })
    .chain((minute) => fc.integer({ min: 0, max: 59_999 }).map((ms) => new Date(minute * 60_000 + ms).toISOString() as Instant));

  it('measures back the minutes it added', () => {
    fc.assert(
      fc.property(instantArb, fc.nat(20_000), (start, minutes) => {
        const end = cal.addWorkingHours(start, minutes / 60);
        return cal.workingMinutesBetween(start, end) === minutes && cal.workingMinutesBetween(end, start) === -minutes;
      }),
      { numRuns: 2000 },
    );
  });

  it('never moves backwards as hours grow', () => {
    fc.assert(
      fc.property(instantArb, fc.nat(5_000), fc.nat(5_000), (start, m1, m2) => {
        const [low, high] = m1 <= m2 ? [m1, m2] : [m2, m1];
        return cal.addWorkingHours(start, low / 60) <= cal.addWorkingHours(start, high / 60);
      }),
    );
  });

  it('makes 8n hours from opening end at closing of the (n − 1)-th working day after', () => {
    const days = fc.integer({ min: dayNumberFromCivil(2019, 1, 1), max: dayNumberFromCivil(2026, 6, 30) });
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 60 }), (dayNumber, n) => {
        const opening = cal.nextWorkingDay(formatDayNumber(dayNumber));
        const lastDay = cal.addWorkingDays(opening, n - 1);
        return cal.addWorkingHours(instantAt(opening, 7 * 60), 8 * n) === instantAt(lastDay, 17 * 60);
      }),
    );
  });
});

describe('invalid input', () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number])('rejects %s hours', (hours) => {
    expect(() => cal.addWorkingHours(at('2025-03-03 08:00'), hours)).toThrow(expect.objectContaining({ code: 'calendar.invalid_hours' }));
  });

  it.each(['2025-03-03 08:00', '2025-03-03T08:00:00', '2025-02-30T01:00:00Z', 'soon'])('rejects instant %s', (value) => {
    const error = expect.objectContaining({ code: 'instant.invalid' });
    expect(() => cal.addWorkingHours(value as Instant, 1)).toThrow(error);
    expect(() => cal.workingMinutesBetween(value as Instant, at('2025-03-03 08:00'))).toThrow(error);
  });

  it.each([
    { what: 'no sessions', sessions: [] },
    {
      what: 'overlapping sessions',
      sessions: [
        { start: 420, end: 700 },
        { start: 690, end: 1020 },
      ],
    },
    { what: 'an empty session', sessions: [{ start: 420, end: 420 }] },
    { what: 'a session past midnight', sessions: [{ start: 420, end: 1500 }] },
    { what: 'fractional minutes', sessions: [{ start: 420.5, end: 690 }] },
  ])('rejects office hours with $what', ({ sessions }) => {
    expect(() => cal.addWorkingHours(at('2025-03-03 08:00'), 1, { sessions })).toThrow(expect.objectContaining({ code: 'calendar.invalid_office_hours' }));
  });

  it('reports instants outside 1900–2100 as date.out_of_range', () => {
    expect(() => cal.addWorkingHours('2101-01-01T00:00:00.000Z' as Instant, 1)).toThrow(expect.objectContaining({ code: 'date.out_of_range' }));
  });
});
