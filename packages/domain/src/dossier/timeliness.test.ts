import { describe, expect, it } from 'vitest';
import { at, testCalendar as cal } from './test-calendar';
import { classifyEnd, classifyOpen, classifyWaitingForApplicant } from './timeliness';
import type { LocalDate } from '../values';

const d = (s: string) => s as LocalDate;
const DUE = at('2025-07-17', '17:00');

describe('classifyEnd', () => {
  it.each([
    { end: ['2025-07-16', '16:00'], granularity: 'day', expected: 'early' },
    { end: ['2025-07-17', '08:00'], granularity: 'day', expected: 'on_time' },
    { end: ['2025-07-17', '17:00'], granularity: 'day', expected: 'on_time' },
    { end: ['2025-07-17', '17:01'], granularity: 'day', expected: 'late' },
    { end: ['2025-07-18', '08:00'], granularity: 'day', expected: 'late' },
    { end: ['2025-07-17', '08:00'], granularity: 'minute', expected: 'early' },
    { end: ['2025-07-17', '17:00'], granularity: 'minute', expected: 'on_time' },
    { end: ['2025-07-17', '17:01'], granularity: 'minute', expected: 'late' },
  ] as const)('ending $end at $granularity granularity is $expected', ({ end, granularity, expected }) =>
    expect(classifyEnd(at(end[0], end[1]), DUE, granularity)).toBe(expected),
  );

  it('compares local days, not UTC days, for "early"', () => {
    // 06:30 local on the due day is still the previous day in UTC.
    expect(classifyEnd(at('2025-07-17', '06:30'), DUE)).toBe('on_time');
  });
});

describe('classifyOpen', () => {
  it.each([
    { on: '2025-07-14', threshold: 1, expected: 'not_due' },
    { on: '2025-07-16', threshold: 1, expected: 'almost_due' },
    { on: '2025-07-17', threshold: 1, expected: 'almost_due' },
    { on: '2025-07-18', threshold: 1, expected: 'overdue' },
    { on: '2025-07-15', threshold: 2, expected: 'almost_due' },
    { on: '2025-07-16', threshold: 0, expected: 'not_due' },
    { on: '2025-07-17', threshold: 0, expected: 'almost_due' },
  ])('on $on with threshold $threshold: $expected', ({ on, threshold, expected }) =>
    expect(classifyOpen(cal, d('2025-07-17'), d(on), threshold)).toBe(expected),
  );

  it('counts working days only: Friday before a Monday due date is almost due', () => {
    expect(classifyOpen(cal, d('2025-07-21'), d('2025-07-18'))).toBe('almost_due');
  });
});

describe('classifyWaitingForApplicant', () => {
  it.each([
    [1, 'on_time'],
    [2, 'late'],
    [3, 'late'],
  ] as const)('%i supplement request(s) → %s', (count, expected) => expect(classifyWaitingForApplicant(count)).toBe(expected));
});
