// Test fixture only: a day-by-day DayCalendar over Mon–Fri weeks, a list of closed days and a list of
// make-up Saturdays. It is deliberately naive (loops, no indexes) so that tests can trust it; the real
// calendar lives in ../calendar and is not imported here. Not exported from the package.
import type { DayCalendar, OfficeHours } from './day-calendar';
import { instantAt, localDateOf, localMinutesOf, type Instant, type LocalDate } from '../values';

/** Adds calendar days to a civil date through UTC arithmetic, never a local-midnight `Date`. */
export function plusDays(d: LocalDate, n: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day + n)).toISOString().slice(0, 10) as LocalDate;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: LocalDate): number {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day)).getUTCDay();
}

/** Builds a fixture calendar from closed weekdays and make-up Saturdays. */
export function makeTestCalendar(spec: { closed: readonly string[]; workingSaturdays: readonly string[]; version?: string }): DayCalendar {
  const closed = new Set(spec.closed);
  const saturdays = new Set(spec.workingSaturdays);
  const isWorkingDay = (d: LocalDate): boolean => {
    if (closed.has(d)) return false;
    const w = weekdayOf(d);
    if (w === 6) return saturdays.has(d);
    return w !== 0;
  };
  const nextWorkingDay = (d: LocalDate): LocalDate => {
    let cur = plusDays(d, 1);
    while (!isWorkingDay(cur)) cur = plusDays(cur, 1);
    return cur;
  };
  const rollForward = (d: LocalDate): LocalDate => (isWorkingDay(d) ? d : nextWorkingDay(d));
  const openingOf = (office: OfficeHours): number => Math.min(...office.sessions.map((s) => s.start));
  return {
    version: spec.version ?? 'test',
    isWorkingDay,
    nextWorkingDay,
    addWorkingDays(from, n) {
      let cur = from;
      for (let i = 0; i < n; i++) cur = nextWorkingDay(cur);
      return cur;
    },
    workingDaysBetween(a, b) {
      let count = 0;
      for (let cur = plusDays(a, 1); cur <= b; cur = plusDays(cur, 1)) if (isWorkingDay(cur)) count++;
      return count;
    },
    addCalendarDays(from, n) {
      return rollForward(plusDays(from, n));
    },
    addWorkingHours(start, hours, office) {
      let day = localDateOf(start);
      let minute = localMinutesOf(start);
      if (!isWorkingDay(day)) {
        day = nextWorkingDay(day);
        minute = openingOf(office);
      }
      let remaining = Math.round(hours * 60);
      for (;;) {
        for (const s of office.sessions) {
          if (minute >= s.end) continue;
          const from = Math.max(minute, s.start);
          if (remaining <= s.end - from) return instantAt(day, from + remaining);
          remaining -= s.end - from;
          minute = s.end;
        }
        day = nextWorkingDay(day);
        minute = openingOf(office);
      }
    },
  };
}

/**
 * The civil-servant closures and make-up Saturdays announced for 2025 and 2026 (docs/domain/calendar.md#announced-closures-and-make-up-saturdays).
 * Weekends are implied.
 */
export const CLOSED_2025_2026: readonly string[] = [
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  '2026-01-01',
  '2026-01-02',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-08-31',
  '2026-09-01',
  '2026-09-02',
];
export const WORKING_SATURDAYS_2025_2026: readonly string[] = ['2025-04-26', '2026-01-10', '2026-08-22'];

/** Fixture calendar for 2025–2026. */
export const testCalendar: DayCalendar = makeTestCalendar({
  closed: CLOSED_2025_2026,
  workingSaturdays: WORKING_SATURDAYS_2025_2026,
  version: 'test-2025-2026',
});

/** 07:00–11:30 / 13:30–17:00, the vendor default quoted in docs/domain/dossiers.md#deadline-counting. */
export const testOffice: OfficeHours = {
  sessions: [
    { start: 7 * 60, end: 11 * 60 + 30 },
    { start: 13 * 60 + 30, end: 17 * 60 },
  ],
};

/** The instant of a local (UTC+7) wall-clock time, e.g. `at('2026-02-12', '09:30')`. */
export function at(date: string, hhmm: string): Instant {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return instantAt(date as LocalDate, h * 60 + m);
}
