import { describe, expect, it } from 'vitest';
import { at, testCalendar as cal, testOffice } from './test-calendar';
import { assertOfficeHours, computeDue, deemedReceiptDate, type ReceiptPolicy, type TimeLimit } from './time-limit';
import type { Channel } from './status';
import { DomainInputError } from '../values';

const withCutoff: ReceiptPolicy = { cutoffMinute: 15 * 60, onlineOutsideHoursNextDay: true, office: testOffice };
const noCutoff: ReceiptPolicy = { cutoffMinute: null, onlineOutsideHoursNextDay: true, office: testOffice };
const noDeemedStep: ReceiptPolicy = { ...noCutoff, onlineOutsideHoursNextDay: false, nonWorkingDayNextDay: false };
const days = (value: number): TimeLimit => ({ value, unit: 'working_days' });

describe('deemedReceiptDate', () => {
  it.each([
    { when: ['2025-07-12', '10:00'], channel: 'counter', policy: withCutoff, expected: '2025-07-14', reason: 'non_working_day' },
    { when: ['2025-07-12', '10:00'], channel: 'counter', policy: noDeemedStep, expected: '2025-07-12', reason: 'none' },
    { when: ['2025-07-14', '15:30'], channel: 'counter', policy: withCutoff, expected: '2025-07-15', reason: 'after_cutoff' },
    { when: ['2025-07-14', '15:00'], channel: 'counter', policy: withCutoff, expected: '2025-07-14', reason: 'none' },
    { when: ['2025-07-14', '16:30'], channel: 'counter', policy: noCutoff, expected: '2025-07-14', reason: 'none' },
    { when: ['2025-07-14', '17:30'], channel: 'online', policy: noCutoff, expected: '2025-07-15', reason: 'online_after_hours' },
    { when: ['2025-07-14', '17:30'], channel: 'post', policy: noCutoff, expected: '2025-07-14', reason: 'none' },
    { when: ['2025-07-14', '06:00'], channel: 'online', policy: noCutoff, expected: '2025-07-14', reason: 'none' },
    { when: ['2025-07-14', '12:00'], channel: 'online', policy: noCutoff, expected: '2025-07-14', reason: 'none' },
    { when: ['2025-01-26', '10:00'], channel: 'online', policy: withCutoff, expected: '2025-02-03', reason: 'non_working_day' },
    { when: ['2026-01-10', '10:00'], channel: 'counter', policy: withCutoff, expected: '2026-01-10', reason: 'none' },
  ] as const)('$channel at $when → day 0 is $expected ($reason)', ({ when, channel, policy, expected, reason }) => {
    expect(deemedReceiptDate(cal, at(when[0], when[1]), channel, policy)).toEqual({ deemedReceivedOn: expected, reason });
  });

  it('treats a receipt seconds after the cut-off as after it', () => {
    const justAfter = at('2025-07-14', '15:00').replace(':00.000Z', ':30.000Z') as ReturnType<typeof at>;
    expect(deemedReceiptDate(cal, justAfter, 'counter', withCutoff).reason).toBe('after_cutoff');
  });
});

describe('computeDue', () => {
  it.each([
    // docs/domain/calendar.md#calendar-model-and-arithmetic: filed Saturday, n = 1 → Monday without the deemed-receipt step, Tuesday with it.
    { name: 'Saturday filing, deemed step', when: ['2025-07-12', '10:00'], policy: withCutoff, limit: days(1), due: '2025-07-15' },
    { name: 'Saturday filing, no deemed step', when: ['2025-07-12', '10:00'], policy: noDeemedStep, limit: days(1), due: '2025-07-14' },
    { name: 'after the 15:00 cut-off', when: ['2025-07-14', '15:30'], policy: withCutoff, limit: days(1), due: '2025-07-16' },
    { name: 'before the cut-off', when: ['2025-07-14', '14:59'], policy: withCutoff, limit: days(1), due: '2025-07-15' },
    { name: 'across Tết 2025', when: ['2025-01-24', '10:00'], policy: withCutoff, limit: days(3), due: '2025-02-05' },
    { name: 'onto make-up Saturday 2026-01-10', when: ['2026-01-09', '10:00'], policy: withCutoff, limit: days(1), due: '2026-01-10' },
    { name: 'from make-up Saturday 2026-01-10', when: ['2026-01-10', '10:00'], policy: withCutoff, limit: days(1), due: '2026-01-12' },
    { name: 'over the swapped 2026-01-02', when: ['2025-12-31', '10:00'], policy: withCutoff, limit: days(1), due: '2026-01-05' },
    { name: 'onto make-up Saturday 2025-04-26', when: ['2025-04-25', '10:00'], policy: withCutoff, limit: days(2), due: '2025-04-28' },
    { name: 'over 30/4 – 2/5 2025', when: ['2025-04-29', '10:00'], policy: withCutoff, limit: days(1), due: '2025-05-05' },
    { name: 'zero working days', when: ['2025-07-14', '10:00'], policy: withCutoff, limit: days(0), due: '2025-07-14' },
    {
      name: 'calendar days rolled off Saturday',
      when: ['2025-07-14', '10:00'],
      policy: withCutoff,
      limit: { value: 5, unit: 'calendar_days' },
      due: '2025-07-21',
    },
    { name: 'calendar days on a weekday', when: ['2025-07-14', '10:00'], policy: withCutoff, limit: { value: 3, unit: 'calendar_days' }, due: '2025-07-17' },
    { name: 'same day', when: ['2025-07-14', '10:00'], policy: withCutoff, limit: { value: 0, unit: 'same_day' }, due: '2025-07-14' },
    { name: 'same day after the cut-off', when: ['2025-07-14', '15:30'], policy: withCutoff, limit: { value: 0, unit: 'same_day' }, due: '2025-07-15' },
    {
      name: 'same day on a Saturday without the deemed step',
      when: ['2025-07-12', '10:00'],
      policy: noDeemedStep,
      limit: { value: 0, unit: 'same_day' },
      due: '2025-07-14',
    },
  ] as const)('$name: due $due at office closing', ({ when, policy, limit, due }) => {
    const r = computeDue(cal, at(when[0], when[1]), 'counter', limit, policy);
    expect(r.dueDate).toBe(due);
    expect(r.dueAt).toBe(at(due, '17:00'));
  });

  it.each([
    { name: 'runs through lunch into the next morning', when: ['2025-07-14', '10:00'], hours: 8, dueAt: ['2025-07-15', '10:00'] },
    { name: 'starts after lunch when received during it', when: ['2025-07-14', '12:00'], hours: 2, dueAt: ['2025-07-14', '15:30'] },
    { name: 'starts next morning after the cut-off', when: ['2025-07-14', '15:30'], hours: 2, dueAt: ['2025-07-15', '09:00'] },
    { name: 'ends at the end of a session, not the next start', when: ['2025-07-14', '09:30'], hours: 2, dueAt: ['2025-07-14', '11:30'] },
    { name: 'starts on Monday for a Saturday receipt', when: ['2025-07-12', '10:00'], hours: 4, dueAt: ['2025-07-14', '11:00'] },
    { name: 'skips Tết 2026', when: ['2026-02-13', '14:00'], hours: 4, dueAt: ['2026-02-23', '08:00'] },
  ] as const)('working hours $name', ({ when, hours, dueAt }) => {
    const r = computeDue(cal, at(when[0], when[1]), 'counter', { value: hours, unit: 'working_hours' }, withCutoff);
    expect(r.dueAt).toBe(at(dueAt[0], dueAt[1]));
    expect(r.dueDate).toBe(dueAt[0]);
  });

  it('records the convention and the calendar version with the due date', () => {
    const r = computeDue(cal, at('2025-07-12', '10:00'), 'online' as Channel, days(3), withCutoff);
    expect(r.convention).toBe('working_days:3;deemed=nwd,cutoff@900,online_after_hours;office=420-690+810-1020');
    expect(r.calendarVersion).toBe('test-2025-2026');
    expect(r.deemedReason).toBe('non_working_day');
    expect(r.clockStartAt).toBe(at('2025-07-14', '07:00'));
  });

  it('keeps the receipt instant as the clock start when day 0 is the receipt day', () => {
    expect(computeDue(cal, at('2025-07-14', '10:00'), 'counter', days(1), withCutoff).clockStartAt).toBe(at('2025-07-14', '10:00'));
  });

  it.each([
    { value: 1.5, unit: 'working_days' },
    { value: -1, unit: 'calendar_days' },
    { value: Number.NaN, unit: 'working_hours' },
  ] as const)('rejects the time limit $value $unit', (limit) => {
    expect(() => computeDue(cal, at('2025-07-14', '10:00'), 'counter', limit, withCutoff)).toThrow(DomainInputError);
  });

  it.each([
    { sessions: [] },
    { sessions: [{ start: 600, end: 540 }] },
    {
      sessions: [
        { start: 420, end: 700 },
        { start: 690, end: 1020 },
      ],
    },
    { sessions: [{ start: 420, end: 1500 }] },
  ])('rejects office hours %j', (office) => expect(() => assertOfficeHours(office)).toThrow(DomainInputError));
});
