import { describe, expect, it } from 'vitest';
import { at, testCalendar as cal, testOffice } from './test-calendar';
import type { LocalDate } from '../values';

const d = (s: string) => s as LocalDate;

describe('the fixture calendar', () => {
  it.each([
    { day: '2025-01-27', working: false }, // Tết 2025
    { day: '2025-01-31', working: false },
    { day: '2025-02-03', working: true },
    { day: '2025-04-26', working: true }, // make-up Saturday
    { day: '2025-05-02', working: false }, // swapped Friday
    { day: '2026-01-02', working: false }, // swapped Friday
    { day: '2026-01-10', working: true }, // make-up Saturday
    { day: '2026-02-16', working: false }, // Tết 2026
    { day: '2026-02-20', working: false },
    { day: '2026-02-23', working: true },
    { day: '2025-07-12', working: false }, // ordinary Saturday
    { day: '2025-07-13', working: false }, // Sunday
  ])('$day is a working day: $working', ({ day, working }) => expect(cal.isWorkingDay(d(day))).toBe(working));

  it.each([
    { from: '2025-07-11', n: 1, expected: '2025-07-14' },
    { from: '2025-01-24', n: 1, expected: '2025-02-03' },
    { from: '2026-01-09', n: 1, expected: '2026-01-10' },
    { from: '2026-02-13', n: 3, expected: '2026-02-25' },
    { from: '2025-07-14', n: 0, expected: '2025-07-14' },
  ])('addWorkingDays($from, $n) = $expected', ({ from, n, expected }) => expect(cal.addWorkingDays(d(from), n)).toBe(expected));

  it('counts working days in (a, b] and back what it added', () => {
    expect(cal.workingDaysBetween(d('2026-02-12'), d('2026-02-24'))).toBe(3);
    expect(cal.workingDaysBetween(d('2026-02-12'), d('2026-02-12'))).toBe(0);
    expect(cal.workingDaysBetween(d('2025-01-01'), cal.addWorkingDays(d('2025-01-01'), 250))).toBe(250);
  });

  it('adds working hours through office sessions, ending exactly at a session end', () => {
    expect(cal.addWorkingHours(at('2025-07-14', '09:30'), 2, testOffice)).toBe(at('2025-07-14', '11:30'));
    expect(cal.addWorkingHours(at('2025-07-14', '10:00'), 8, testOffice)).toBe(at('2025-07-15', '10:00'));
    expect(cal.addWorkingHours(at('2025-07-12', '10:00'), 4, testOffice)).toBe(at('2025-07-14', '11:00'));
  });
});
