import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDayNumber, dayNumberFromCivil, dayNumberOf, formatDayNumber, weekdayOfDayNumber } from './day-number';

describe('day numbers', () => {
  it.each([
    { date: '1970-01-01', dayNumber: 0, weekday: 4 },
    { date: '1900-01-01', dayNumber: -25567, weekday: 1 },
    { date: '2000-02-29', dayNumber: 11016, weekday: 2 },
    { date: '2024-09-02', dayNumber: 19968, weekday: 1 },
    { date: '2100-12-31', dayNumber: 47846, weekday: 5 },
  ])('$date is day $dayNumber, weekday $weekday', ({ date, dayNumber, weekday }) => {
    expect(dayNumberOf(date)).toBe(dayNumber);
    expect(formatDayNumber(dayNumber)).toBe(date);
    expect(weekdayOfDayNumber(dayNumber)).toBe(weekday);
  });

  it('converts civil dates and day numbers both ways, one day apart each step', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (dayNumber) => {
        const { year, month, day } = civilFromDayNumber(dayNumber);
        const next = civilFromDayNumber(dayNumber + 1);
        const isNextDay = next.day === day + 1 || (next.day === 1 && (next.month === month + 1 || (month === 12 && next.month === 1)));
        return dayNumberFromCivil(year, month, day) === dayNumber && isNextDay;
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['2025-02-30', '2025-1-1', 'x'])('rejects %s with date.invalid', (date) => {
    expect(() => dayNumberOf(date)).toThrow(expect.objectContaining({ code: 'date.invalid' }));
  });
});
