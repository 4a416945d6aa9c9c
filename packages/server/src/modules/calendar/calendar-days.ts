import { ANNOUNCED_YEARS, type Closure, type ClosureKind, type LocalDate, type WorkingSaturday, type YearCalendar } from '@cchc/domain';
import type { CalendarDayRow } from './calendar.repository';
import type { CalendarDayView, CalendarYearStatus, DayKind } from './calendar.schemas';

// Conversions between stored calendar rows and the domain's YearCalendar, and the weekday rules an
// edited row must satisfy. Pure functions: the service owns the database and the transaction.

/** Note on every row seeded from the announced data set (seed data, so Vietnamese). */
export const ANNOUNCED_NOTE = 'Dữ liệu công bố';

const CLOSURE_KINDS: readonly string[] = ['holiday', 'compensatory', 'swap'] satisfies ClosureKind[];

/** The calendar year of a row's date (its default `year`). */
export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * Day of the week of a civil date, 0 = Sunday … 6 = Saturday (Sakamoto's method): plain integer
 * arithmetic, so no `Date` and no host time zone is involved (docs/conventions.md#values-dates-instants-scores).
 */
export function weekdayOf(date: string): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const year = yearOfDate(date) - (month < 3 ? 1 : 0);
  return (year + Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400) + (offsets[month - 1] as number) + day) % 7;
}

/**
 * Why a row of `kind` may not sit on `date`, or null when it may: a make-up Saturday must be a
 * Saturday, and a closure must be a weekday because weekends are already days off (docs/domain/calendar.md#announced-closures-and-make-up-saturdays).
 */
export function kindMismatch(date: string, kind: DayKind): 'calendar.not_saturday' | 'calendar.not_weekday' | null {
  const weekday = weekdayOf(date);
  if (kind === 'working_saturday') return weekday === 6 ? null : 'calendar.not_saturday';
  return weekday === 0 || weekday === 6 ? 'calendar.not_weekday' : null;
}

/** The domain's view of one stored year. */
export function yearCalendarOf(year: number, rows: readonly CalendarDayRow[]): YearCalendar {
  const closures: Closure[] = [];
  const workingSaturdays: WorkingSaturday[] = [];
  for (const r of rows) {
    const status = r.status === 'official' ? 'official' : 'provisional';
    if (CLOSURE_KINDS.includes(r.kind)) closures.push({ date: r.date as LocalDate, kind: r.kind as ClosureKind, name: r.name, status });
    else workingSaturdays.push({ date: r.date as LocalDate, name: r.name, status });
  }
  return { year, status: yearStatusOf(rows) === 'official' ? 'official' : 'provisional', closures, workingSaturdays };
}

/** 'mixed' when a year holds both official and provisional rows (an edited generated year). */
export function yearStatusOf(rows: readonly { status: string }[]): CalendarYearStatus {
  if (rows.length === 0) return 'provisional';
  const official = rows.filter((r) => r.status === 'official').length;
  return official === rows.length ? 'official' : official === 0 ? 'provisional' : 'mixed';
}

/** Rows for a domain year (announced or generated), all at version 1. */
export function rowsOf(year: YearCalendar, now: string, note: string | null): CalendarDayRow[] {
  const base = { year: year.year, sourceNumber: null, sourceDate: null, note, version: 1, createdAt: now, updatedAt: now, updatedBy: null };
  return [
    ...year.closures.map((c) => ({ ...base, date: c.date, kind: c.kind, name: c.name, status: c.status })),
    ...year.workingSaturdays.map((s) => ({ ...base, date: s.date, kind: 'working_saturday', name: s.name, status: s.status })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The announced years 2019–2026 as rows (official, no document number recorded yet). */
export function announcedRows(now: string): CalendarDayRow[] {
  return ANNOUNCED_YEARS.flatMap((y) => rowsOf(y, now, ANNOUNCED_NOTE));
}

export function toDayView(r: CalendarDayRow): CalendarDayView {
  return {
    date: r.date,
    year: r.year,
    kind: r.kind as DayKind,
    name: r.name,
    status: r.status === 'official' ? 'official' : 'provisional',
    sourceNumber: r.sourceNumber,
    sourceDate: r.sourceDate,
    note: r.note,
    version: r.version,
  };
}
