import type { WorkingCalendar } from '../calendar/working-calendar';
import { RuleViolation, type LocalDate } from '../values';

// Where a report instance stands, and what a submission must carry (docs/reports.md "Definitions").

export const REPORT_STATUSES = ['upcoming', 'due', 'late', 'submitted', 'submitted_late'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Default horizon of "due": not submitted and due within this many working days (or today). */
export const DEFAULT_DUE_WITHIN_WORKING_DAYS = 5;

/**
 * The last day of the "due" window: `today` plus `n` working days. An unsubmitted report due on a day
 * in [today, horizon] is "due"; before today it is "late"; after the horizon "upcoming".
 * @example dueHorizon(cal, '2026-03-02', 5) // '2026-03-09'
 */
export function dueHorizon(calendar: WorkingCalendar, today: LocalDate, n: number = DEFAULT_DUE_WITHIN_WORKING_DAYS): LocalDate {
  return calendar.addWorkingDays(today, n);
}

/** A report is on time when it was sent on or before its due day. */
export function isSentOnTime(sentOn: LocalDate, dueOn: LocalDate): boolean {
  return sentOn <= dueOn;
}

/**
 * The status of an instance: submitted (on time or late) by its latest submission, otherwise by the
 * due date against today and the due horizon.
 * @example reportStatusOf({ dueOn: '2026-04-07', sentOn: null }, '2026-04-08', '2026-04-15') // 'late'
 */
export function reportStatusOf(i: { dueOn: LocalDate; sentOn: LocalDate | null }, today: LocalDate, horizon: LocalDate): ReportStatus {
  if (i.sentOn !== null) return isSentOnTime(i.sentOn, i.dueOn) ? 'submitted' : 'submitted_late';
  if (i.dueOn < today) return 'late';
  return i.dueOn <= horizon ? 'due' : 'upcoming';
}

export interface ChecklistItem {
  key: string;
  label: string;
}

/**
 * Completeness of a report against its obligation's content checklist: every item ticked.
 * @throws RuleViolation('report.checklist_unknown_item') when a tick names no item of the checklist
 * @example completenessOf([{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }], ['a']) // { complete: false, missing: ['b'] }
 */
export function completenessOf(checklist: readonly ChecklistItem[], ticked: readonly string[]): { complete: boolean; missing: string[] } {
  const keys = new Set(checklist.map((c) => c.key));
  const unknown = ticked.filter((t) => !keys.has(t));
  if (unknown.length) throw new RuleViolation('report.checklist_unknown_item', { items: unknown });
  const done = new Set(ticked);
  const missing = checklist.filter((c) => !done.has(c.key)).map((c) => c.key);
  return { complete: missing.length === 0, missing };
}

/**
 * Judges a submission: late when sent after the due day, and then a reason is required.
 * @throws RuleViolation('report.late_reason_required') for a late submission without a reason
 * @throws RuleViolation('report.sent_in_future') for a sent date after today
 */
export function judgeSubmission(input: { sentOn: LocalDate; dueOn: LocalDate; today: LocalDate; lateReason: string | null }): { isLate: boolean } {
  if (input.sentOn > input.today) throw new RuleViolation('report.sent_in_future', { sentOn: input.sentOn, today: input.today });
  const isLate = !isSentOnTime(input.sentOn, input.dueOn);
  if (isLate && !input.lateReason?.trim()) throw new RuleViolation('report.late_reason_required', { dueOn: input.dueOn, sentOn: input.sentOn });
  return { isLate };
}
