import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultYears } from '../calendar/announced';
import { calendarFromYears } from '../calendar/calendar-of';
import { createWorkingCalendar } from '../calendar/working-calendar';
import type { LocalDate } from '../values';
import { dueDateOf, DueRuleSchema, type DueRule } from './due-rules';
import { PERIOD_KINDS, periodsOf, PeriodSelectionSchema } from './report-periods';
import { completenessOf, dueHorizon, judgeSubmission, reportStatusOf } from './report-status';

// A fixture calendar: weekends plus two closed weekdays (30/4 and 1/5/2026), and a make-up Saturday.
const cal = createWorkingCalendar(
  { closedDays: ['2026-04-30', '2026-05-01'] as LocalDate[], workingSaturdays: ['2026-04-25'] as LocalDate[] },
  { fromYear: 2018, toYear: 2030 },
);
const real = calendarFromYears(defaultYears(2019, 2027), { fromYear: 2018, toYear: 2030 });
const sel = (s: object) => PeriodSelectionSchema.parse(s);

describe('periodsOf', () => {
  it.each([
    {
      s: { kind: 'quarterly' },
      keys: ['2026-Q1:2026-01-01:2026-03-31', '2026-Q2:2026-04-01:2026-06-30', '2026-Q3:2026-07-01:2026-09-30', '2026-Q4:2026-10-01:2026-12-31'],
    },
    { s: { kind: 'quarterly', numbers: [3, 1], cumulative: true }, keys: ['2026-Q1:2026-01-01:2026-03-31', '2026-Q3:2026-01-01:2026-09-30'] },
    { s: { kind: 'six_month' }, keys: ['2026-H1:2026-01-01:2026-06-30'] },
    { s: { kind: 'nine_month' }, keys: ['2026-9M:2026-01-01:2026-09-30'] },
    { s: { kind: 'annual' }, keys: ['2026-Y:2026-01-01:2026-12-31'] },
    { s: { kind: 'monthly', numbers: [2] }, keys: ['2026-M02:2026-02-01:2026-02-28'] },
  ])('$s', ({ s, keys }) => expect(periodsOf(sel(s), 2026).map((p) => `${p.key}:${p.from}:${p.to}`)).toEqual(keys));

  it('has 12 months covering the year without gap or overlap, February 29 in leap years', () => {
    const months = periodsOf(sel({ kind: 'monthly' }), 2024);
    expect(months).toHaveLength(12);
    expect(months[1]!.to).toBe('2024-02-29');
    for (let i = 1; i < 12; i++) expect(months[i - 1]!.to < months[i]!.from).toBe(true);
  });

  it('refuses a quarter above 4', () => expect(() => periodsOf(sel({ kind: 'quarterly', numbers: [5] }), 2026)).toThrow('report.period_number_invalid'));
});

describe('dueDateOf', () => {
  const q1 = periodsOf(sel({ kind: 'quarterly', numbers: [1] }), 2026)[0]!;
  it.each<{ rule: DueRule; to: string; expected: string }>([
    { rule: { kind: 'working_days_after', days: 5 }, to: '2026-03-31', expected: '2026-04-07' },
    { rule: { kind: 'working_days_after', days: 1 }, to: '2026-04-29', expected: '2026-05-04' }, // across 30/4–1/5
    { rule: { kind: 'day_of_month', monthOffset: 0, day: 15, rollForward: true }, to: '2026-03-31', expected: '2026-03-16' }, // Sunday → Monday
    { rule: { kind: 'day_of_month', monthOffset: 0, day: 15, rollForward: false }, to: '2026-03-31', expected: '2026-03-15' },
    { rule: { kind: 'day_of_month', monthOffset: 1, day: 31, rollForward: true }, to: '2026-03-31', expected: '2026-05-04' }, // 30/4 clamps, closed → 4/5
    { rule: { kind: 'day_of_month', monthOffset: 1, day: 10, rollForward: true }, to: '2026-12-31', expected: '2027-01-11' }, // across the year, Sunday 10/1 → Monday
    { rule: { kind: 'date', date: '2026-06-03' as LocalDate }, to: '2026-12-31', expected: '2026-06-03' },
  ])('$rule.kind $to → $expected', ({ rule, to, expected }) => expect(dueDateOf(rule, { to: to as LocalDate }, cal)).toBe(expected));

  it('uses the working calendar (Tết 2026 on the real calendar)', () => {
    const jan = periodsOf(sel({ kind: 'monthly', numbers: [1] }), 2026)[0]!;
    expect(dueDateOf({ kind: 'working_days_after', days: 3 }, jan, real)).toBe('2026-02-04');
    expect(dueDateOf({ kind: 'working_days_after', days: 3 }, q1, real)).toBe('2026-04-03');
  });

  const periodArb = fc
    .record({ year: fc.integer({ min: 2019, max: 2028 }), kind: fc.constantFrom(...PERIOD_KINDS) })
    .chain(({ year, kind }) => fc.constantFrom(...periodsOf(sel({ kind }), year)));
  const afterRuleArb: fc.Arbitrary<DueRule> = fc.oneof(
    fc.integer({ min: 1, max: 60 }).map((days) => ({ kind: 'working_days_after' as const, days })),
    fc
      .record({ monthOffset: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), rollForward: fc.boolean() })
      .map((r) => ({ kind: 'day_of_month' as const, ...r })),
  );

  it('never falls on or before the period end for an "after the period" rule', () =>
    fc.assert(fc.property(periodArb, afterRuleArb, (p, rule) => dueDateOf(rule, p, real) > p.to)));

  it('lands on a working day, exactly n working days after the period end', () =>
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 1, max: 60 }), (p, days) => {
        const due = dueDateOf({ kind: 'working_days_after', days }, p, real);
        return real.isWorkingDay(due) && real.workingDaysBetween(p.to, due) === days;
      }),
    ));

  it('a rolled fixed day is a working day, and no later than the next working day after the day asked', () =>
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 28 }), (p, monthOffset, day) => {
        const asked = dueDateOf({ kind: 'day_of_month', monthOffset, day, rollForward: false }, p, real);
        const due = dueDateOf({ kind: 'day_of_month', monthOffset, day, rollForward: true }, p, real);
        return real.isWorkingDay(due) && due >= asked && (due === asked || due === real.nextWorkingDay(asked));
      }),
    ));

  it('rejects a malformed rule, naming the field', () => {
    const r = DueRuleSchema.safeParse({ kind: 'day_of_month', monthOffset: 0, day: 32 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['day']);
    expect(DueRuleSchema.safeParse({ kind: 'date', date: '2026-02-30' }).success).toBe(false);
  });
});

describe('status, completeness, judgement', () => {
  const today = '2026-04-06' as LocalDate;
  const horizon = dueHorizon(cal, today, 5);
  it('the horizon is 5 working days after today', () => expect(horizon).toBe('2026-04-13'));
  it.each([
    { dueOn: '2026-04-03', sentOn: null, expected: 'late' },
    { dueOn: '2026-04-06', sentOn: null, expected: 'due' },
    { dueOn: '2026-04-13', sentOn: null, expected: 'due' },
    { dueOn: '2026-04-14', sentOn: null, expected: 'upcoming' },
    { dueOn: '2026-04-03', sentOn: '2026-04-03', expected: 'submitted' },
    { dueOn: '2026-04-03', sentOn: '2026-04-04', expected: 'submitted_late' },
  ])('due $dueOn sent $sentOn → $expected', ({ dueOn, sentOn, expected }) =>
    expect(reportStatusOf({ dueOn: dueOn as LocalDate, sentOn: sentOn as LocalDate | null }, today, horizon)).toBe(expected),
  );

  it('completeness lists the missing items and refuses unknown ticks', () => {
    const list = [
      { key: 'a', label: 'A' },
      { key: 'b', label: 'B' },
    ];
    expect(completenessOf(list, ['a', 'b'])).toEqual({ complete: true, missing: [] });
    expect(completenessOf(list, ['b'])).toEqual({ complete: false, missing: ['a'] });
    expect(completenessOf([], [])).toEqual({ complete: true, missing: [] });
    expect(() => completenessOf(list, ['z'])).toThrow('report.checklist_unknown_item');
  });

  it('a late submission needs a reason; a future sent date is refused', () => {
    const dueOn = '2026-04-03' as LocalDate;
    expect(judgeSubmission({ sentOn: '2026-04-03' as LocalDate, dueOn, today, lateReason: null })).toEqual({ isLate: false });
    expect(() => judgeSubmission({ sentOn: '2026-04-04' as LocalDate, dueOn, today, lateReason: '  ' })).toThrow('report.late_reason_required');
    expect(judgeSubmission({ sentOn: '2026-04-04' as LocalDate, dueOn, today, lateReason: 'Chờ số liệu' })).toEqual({ isLate: true });
    expect(() => judgeSubmission({ sentOn: '2026-04-07' as LocalDate, dueOn, today, lateReason: null })).toThrow('report.sent_in_future');
  });
});
