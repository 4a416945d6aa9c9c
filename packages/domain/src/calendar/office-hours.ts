import { DomainInputError, instantOfMs, isLocalDate, type Instant } from '../values';
import type { DayTable } from './day-table';

/** Office sessions of a working day, in minutes after local midnight (UTC+7), in order. */
export interface OfficeHours {
  readonly sessions: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/**
 * 07:00–11:30 and 13:30–17:00: 8 working hours, the vendor convention that 1 working day is 8 hours
 * (docs/domain/dossiers.md#deadline-counting, [S]). Offices differ, so this is only a default.
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: 7 * 60, end: 11 * 60 + 30 },
    { start: 13 * 60 + 30, end: 17 * 60 },
  ],
};

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const ZONE_MS = 7 * HOUR_MS;
// An offset or 'Z' is required: without one, Date.parse reads the time in the host's zone.
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Sessions as [start, end) milliseconds of the day, validated. */
function sessionsMs(office: OfficeHours): number[] {
  const bounds: number[] = [];
  let previousEnd = 0;
  for (const { start, end } of office.sessions) {
    const isValid = Number.isInteger(start) && Number.isInteger(end) && start >= previousEnd && start < end && end <= 1440;
    if (!isValid) throw new DomainInputError('calendar.invalid_office_hours', { start, end });
    bounds.push(start * MINUTE_MS, end * MINUTE_MS);
    previousEnd = end;
  }
  if (bounds.length === 0) throw new DomainInputError('calendar.invalid_office_hours', { sessions: 0 });
  return bounds;
}

function parseInstantMs(instant: string): number {
  const match = typeof instant === 'string' ? INSTANT_RE.exec(instant) : null;
  const ms = match && isLocalDate(match[1]) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new DomainInputError('instant.invalid', { value: instant });
  return ms;
}

/** Office time (ms) of one working day. */
function dayLengthMs(bounds: readonly number[]): number {
  let total = 0;
  for (let s = 0; s < bounds.length; s += 2) total += (bounds[s + 1] as number) - (bounds[s] as number);
  return total;
}

/**
 * Working time elapsed (ms) from the start of the table's range up to an instant. Everything else
 * is derived from this one monotonic function, so adding hours and measuring them always agree.
 */
function workingMsUntil(table: DayTable, bounds: readonly number[], utcMs: number): number {
  const localMs = utcMs + ZONE_MS;
  const dayNumber = Math.floor(localMs / DAY_MS);
  const index = dayNumber - table.firstDayNumber;
  if (index < 0 || index >= table.size) throw new DomainInputError('date.out_of_range', { value: utcMs });
  const isWorking = table.working[index] === 1;
  const before = (table.workingThrough[index] as number) - (isWorking ? 1 : 0);
  let within = 0;
  if (isWorking) {
    const msOfDay = localMs - dayNumber * DAY_MS;
    for (let s = 0; s < bounds.length; s += 2) {
      const start = bounds[s] as number;
      within += Math.max(0, Math.min(msOfDay, bounds[s + 1] as number) - start);
    }
  }
  return before * dayLengthMs(bounds) + within;
}

/**
 * The instant at which `target` ms of working time have elapsed. With `isEnd` it is the earliest
 * such instant (a span ending at closing time ends at 17:00, not the next morning); without it, the
 * instant the next working moment starts (so a start at 17:00 moves to the next opening).
 */
function instantAtWorkingMs(table: DayTable, bounds: readonly number[], target: number, isEnd: boolean): Instant {
  const dayLength = dayLengthMs(bounds);
  const ordinal = isEnd && target > 0 ? Math.ceil(target / dayLength) - 1 : Math.floor(target / dayLength);
  let rest = target - ordinal * dayLength;
  let msOfDay = bounds[0] as number;
  for (let s = 0; s < bounds.length; s += 2) {
    const start = bounds[s] as number;
    const length = (bounds[s + 1] as number) - start;
    if (isEnd ? rest <= length : rest < length) {
      msOfDay = start + rest;
      break;
    }
    rest -= length;
  }
  const dayNumber = table.firstDayNumber + table.workingDayAt(ordinal);
  return instantOfMs(dayNumber * DAY_MS + msOfDay - ZONE_MS);
}

/**
 * Adds working hours to an instant within office hours. A start before opening moves to opening,
 * during a break to the next session, after closing (or on a non-working day) to the next working
 * morning; then time is consumed session by session across working days. Zero hours returns that
 * moved start.
 * @throws DomainInputError('calendar.invalid_hours') unless hours is a finite number ≥ 0;
 *   ('instant.invalid'), ('calendar.invalid_office_hours'), ('date.out_of_range')
 */
export function addWorkingHoursIn(table: DayTable, start: Instant, hours: number, office: OfficeHours): Instant {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new DomainInputError('calendar.invalid_hours', { value: hours });
  }
  const bounds = sessionsMs(office);
  const from = workingMsUntil(table, bounds, parseInstantMs(start));
  const amount = Math.round(hours * HOUR_MS);
  return instantAtWorkingMs(table, bounds, from + amount, amount > 0);
}

/**
 * Working minutes within office hours from `a` to `b`; negative when `b` is before `a`.
 * Fractional when the instants carry seconds.
 */
export function workingMinutesIn(table: DayTable, a: Instant, b: Instant, office: OfficeHours): number {
  const bounds = sessionsMs(office);
  return (workingMsUntil(table, bounds, parseInstantMs(b)) - workingMsUntil(table, bounds, parseInstantMs(a))) / MINUTE_MS;
}
