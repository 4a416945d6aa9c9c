import type { DayCalendar, OfficeHours } from './day-calendar';
import type { Channel } from './status';
import { DomainInputError, instantAt, localDateOf, type Instant, type LocalDate } from '../values';

/** A procedure's statutory processing time (docs/domain/dossiers.md#deadline-counting). `value` is ignored for `same_day`. */
export interface TimeLimit {
  value: number;
  unit: 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
}

/**
 * How a receipt instant becomes day 0 (docs/domain/calendar.md#calendar-model-and-arithmetic "deemed receipt date", docs/domain/dossiers.md#deadline-counting cut-off). These are
 * per-office/procedure settings because the rules are [S]/[U], never constants.
 */
export interface ReceiptPolicy {
  /** Minute of day after which receipts count from the next working day (e.g. 900 = 15:00); null = none. */
  cutoffMinute: number | null;
  /** Online filings after the office closes count from the next working day. */
  onlineOutsideHoursNextDay: boolean;
  office: OfficeHours;
  /** A receipt on a non-working day counts from the next working day (default true). */
  nonWorkingDayNextDay?: boolean;
}

export type DeemedReceiptReason = 'none' | 'non_working_day' | 'after_cutoff' | 'online_after_hours';

export interface DeemedReceipt {
  deemedReceivedOn: LocalDate;
  reason: DeemedReceiptReason;
}

export interface DueComputation {
  dueDate: LocalDate;
  dueAt: Instant;
  deemedReceivedOn: LocalDate;
  deemedReason: DeemedReceiptReason;
  /** The instant the clock starts (the receipt, or the opening of the deemed receipt day). */
  clockStartAt: Instant;
  /** Which counting convention produced the due date, stored with it (docs/domain/calendar.md#calendar-model-and-arithmetic). */
  convention: string;
  calendarVersion: string | null;
}

/**
 * Checks that office sessions are sorted, non-overlapping and inside one day.
 * @example assertOfficeHours({ sessions: [{ start: 420, end: 690 }] }) // passes
 * @throws DomainInputError('office_hours.invalid')
 */
export function assertOfficeHours(office: OfficeHours): void {
  const ok =
    office.sessions.length > 0 &&
    office.sessions.every(
      (s, i, all) =>
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.end <= 24 * 60 &&
        s.start < s.end &&
        (i === 0 || (all[i - 1]?.end ?? 0) <= s.start),
    );
  if (!ok) throw new DomainInputError('office_hours.invalid', { sessions: office.sessions });
}

/**
 * Minute of day the office opens.
 * @example openingMinuteOf({ sessions: [{ start: 420, end: 690 }, { start: 810, end: 1020 }] }) // 420
 */
export function openingMinuteOf(office: OfficeHours): number {
  return office.sessions[0]?.start ?? 0;
}

/**
 * Minute of day the office closes; a day-based due date falls due at this minute.
 * @example closingMinuteOf({ sessions: [{ start: 420, end: 690 }, { start: 810, end: 1020 }] }) // 1020
 */
export function closingMinuteOf(office: OfficeHours): number {
  return office.sessions[office.sessions.length - 1]?.end ?? 24 * 60;
}

/** Checks the limit's value: whole days, non-negative finite hours. */
function assertTimeLimit(limit: TimeLimit): void {
  const v = limit.value;
  const ok = limit.unit === 'same_day' || (limit.unit === 'working_hours' ? Number.isFinite(v) && v >= 0 : Number.isInteger(v) && v >= 0);
  if (!ok) throw new DomainInputError('time_limit.invalid', { value: v, unit: limit.unit });
}

/**
 * Day 0 of a time limit: the receipt day, or the next working day when the receipt falls on a
 * non-working day, after the cut-off, or (online) after the office has closed. An online filing
 * before opening stays on its own day: the office still receives it that day.
 * @example
 * // Saturday 2025-07-12 10:00 → Monday 2025-07-14
 * deemedReceiptDate(cal, at('2025-07-12', '10:00'), 'counter', policy)
 * // { deemedReceivedOn: '2025-07-14', reason: 'non_working_day' }
 */
export function deemedReceiptDate(cal: DayCalendar, receivedAt: Instant, channel: Channel, policy: ReceiptPolicy): DeemedReceipt {
  assertOfficeHours(policy.office);
  const day = localDateOf(receivedAt);
  const ms = Date.parse(receivedAt);
  const next = (reason: DeemedReceiptReason): DeemedReceipt => ({ deemedReceivedOn: cal.nextWorkingDay(day), reason });
  if (!cal.isWorkingDay(day)) {
    return policy.nonWorkingDayNextDay === false ? { deemedReceivedOn: day, reason: 'none' } : next('non_working_day');
  }
  // Compare whole instants, not minutes: 15:00:30 is after a 15:00 cut-off.
  if (policy.cutoffMinute !== null && ms > Date.parse(instantAt(day, policy.cutoffMinute))) return next('after_cutoff');
  if (channel === 'online' && policy.onlineOutsideHoursNextDay && ms >= Date.parse(instantAt(day, closingMinuteOf(policy.office)))) {
    return next('online_after_hours');
  }
  return { deemedReceivedOn: day, reason: 'none' };
}

/** Rolls a day forward to a working day; without the non-working-day step day 0 can be a Saturday. */
function onWorkingDay(cal: DayCalendar, d: LocalDate): LocalDate {
  return cal.isWorkingDay(d) ? d : cal.nextWorkingDay(d);
}

/** A stable description of the convention, e.g. `working_days:5;deemed=nwd,cutoff@900,online_after_hours`. */
function describeConvention(limit: TimeLimit, policy: ReceiptPolicy): string {
  const steps: string[] = [];
  if (policy.nonWorkingDayNextDay !== false) steps.push('nwd');
  if (policy.cutoffMinute !== null) steps.push(`cutoff@${policy.cutoffMinute}`);
  if (policy.onlineOutsideHoursNextDay) steps.push('online_after_hours');
  const office = policy.office.sessions.map((s) => `${s.start}-${s.end}`).join('+');
  return `${limit.unit}:${limit.unit === 'same_day' ? 0 : limit.value};deemed=${steps.join(',') || 'none'};office=${office}`;
}

/**
 * The appointment for a time limit counted from a receipt (Civil Code Art. 147–148, docs/domain/dossiers.md#deadline-counting):
 * working days count from the deemed receipt day (never itself counted) and fall due at office
 * closing; calendar days roll forward off a non-working last day; hours run through office sessions;
 * same-day limits fall due at closing of the deemed receipt day.
 * @example
 * // filed Saturday 2025-07-12, 1 working day, with the deemed-receipt step → Tuesday
 * computeDue(cal, at('2025-07-12', '10:00'), 'counter', { value: 1, unit: 'working_days' }, policy).dueDate
 * // '2025-07-15'
 */
export function computeDue(cal: DayCalendar, receivedAt: Instant, channel: Channel, limit: TimeLimit, policy: ReceiptPolicy): DueComputation {
  assertTimeLimit(limit);
  const { deemedReceivedOn, reason } = deemedReceiptDate(cal, receivedAt, channel, policy);
  const moved = deemedReceivedOn !== localDateOf(receivedAt);
  const clockStartAt = moved ? instantAt(deemedReceivedOn, openingMinuteOf(policy.office)) : receivedAt;
  const closing = closingMinuteOf(policy.office);
  const base = {
    deemedReceivedOn,
    deemedReason: reason,
    clockStartAt,
    convention: describeConvention(limit, policy),
    calendarVersion: cal.version ?? null,
  };
  switch (limit.unit) {
    case 'working_days': {
      const dueDate = onWorkingDay(cal, cal.addWorkingDays(deemedReceivedOn, limit.value));
      return { ...base, dueDate, dueAt: instantAt(dueDate, closing) };
    }
    case 'calendar_days': {
      const dueDate = cal.addCalendarDays(deemedReceivedOn, limit.value);
      return { ...base, dueDate, dueAt: instantAt(dueDate, closing) };
    }
    case 'working_hours': {
      const dueAt = cal.addWorkingHours(clockStartAt, limit.value, policy.office);
      return { ...base, dueDate: localDateOf(dueAt), dueAt };
    }
    case 'same_day': {
      const dueDate = onWorkingDay(cal, deemedReceivedOn);
      return { ...base, dueDate, dueAt: instantAt(dueDate, closing) };
    }
  }
}
