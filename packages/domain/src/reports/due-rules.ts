import { z } from 'zod';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { daysInMonth, isLocalDate, type LocalDate } from '../values';
import type { ReportPeriod } from './report-periods';

// When a report is due (docs/reports.md "Due rules"). Provinces set the dates in their reporting
// regimes, so the rule is data on each obligation; three shapes cover what they write.

const LocalDateText = z.string().refine(isLocalDate, { message: 'date.invalid' });

export const DueRuleSchema = z.discriminatedUnion('kind', [
  /**
   * A fixed day of a month counted from the month the period ends in: `monthOffset` 0 is that month
   * (a quarterly report due on the 15th of its last month), 1 the next one. A day past the month's
   * end is its last day. `rollForward` moves a closed day to the next working day.
   */
  z.object({
    kind: z.literal('day_of_month'),
    monthOffset: z.number().int().min(0).max(12),
    day: z.number().int().min(1).max(31),
    rollForward: z.boolean().default(true),
  }),
  /** The n-th working day after the period's last day (that day itself is never counted). */
  z.object({ kind: z.literal('working_days_after'), days: z.number().int().min(1).max(120) }),
  /** A given date (ad hoc requests). */
  z.object({ kind: z.literal('date'), date: LocalDateText }),
]);
export type DueRule = z.output<typeof DueRuleSchema>;

/**
 * The due date of a report for a period.
 * @example dueDateOf({ kind: 'working_days_after', days: 5 }, q1, cal) // '2026-04-07' (5th working day after 31/3)
 * @example dueDateOf({ kind: 'day_of_month', monthOffset: 0, day: 15, rollForward: true }, q1, cal) // '2026-03-16' (15/3 is a Sunday)
 */
export function dueDateOf(rule: DueRule, period: Pick<ReportPeriod, 'to'>, calendar: WorkingCalendar): LocalDate {
  switch (rule.kind) {
    case 'working_days_after':
      return calendar.addWorkingDays(period.to, rule.days);
    case 'date':
      return rule.date as LocalDate;
    case 'day_of_month': {
      const [y, m] = period.to.split('-').map(Number) as [number, number];
      const months = y * 12 + (m - 1) + rule.monthOffset;
      const year = Math.floor(months / 12);
      const month = (months % 12) + 1;
      const d = Math.min(rule.day, daysInMonth(year, month));
      const date = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
      return rule.rollForward && !calendar.isWorkingDay(date) ? calendar.nextWorkingDay(date) : date;
    }
  }
}
