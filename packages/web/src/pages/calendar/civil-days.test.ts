import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../api/types';
import { addDays, dateOfDayNumber, dayNumberOf, monthWeeks, todayInVietnam, weekdayOf, yearSummary } from './civil-days';

const day = (date: string, kind: CalendarDay['kind']): CalendarDay => ({
  date,
  year: Number(date.slice(0, 4)),
  kind,
  name: 'x',
  status: 'official',
  sourceNumber: null,
  sourceDate: null,
  note: null,
  version: 1,
});

describe('civil days', () => {
  it('knows the weekday without a Date', () => {
    expect(weekdayOf('2025-01-27')).toBe(1); // Monday, first day of Tết 2025
    expect(weekdayOf('2025-04-26')).toBe(6); // Saturday, make-up day
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2000-02-29')).toBe(2);
  });

  it('round-trips day numbers and crosses month and year ends', () => {
    for (const d of ['1900-01-01', '2024-02-29', '2025-12-31', '2100-12-31']) expect(dateOfDayNumber(dayNumberOf(d))).toBe(d);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('lays a month out Monday-first', () => {
    const jan = monthWeeks(2025, 1);
    expect(jan[0]).toEqual([null, null, '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05']);
    expect(jan.at(-1)).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', null, null]);
    expect(monthWeeks(2025, 9)[0]![0]).toBe('2025-09-01'); // a Monday
  });

  it('takes today in Viet Nam, not in the browser time zone', () => {
    expect(todayInVietnam(Date.parse('2024-12-31T17:30:00Z'))).toBe('2025-01-01');
    expect(todayInVietnam(Date.parse('2024-12-31T16:59:00Z'))).toBe('2024-12-31');
  });

  it('summarises the 2025 calendar as announced: 250 working days', () => {
    const days = [
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ].map((d) => day(d, 'holiday'));
    days.push(day('2025-05-02', 'swap'), day('2025-04-26', 'working_saturday'));
    expect(yearSummary(2025, days)).toEqual({ working: 250, closures: 12, saturdays: 1 });
  });
});
