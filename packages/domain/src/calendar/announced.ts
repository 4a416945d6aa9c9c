import { DomainInputError, parseLocalDate } from '../values';
import { assertSupportedYear } from './day-number';
import { generateProvisionalYear } from './statutory-rules';
import type { Closure, ClosureKind, YearCalendar } from './year-calendar';
import announced from './data/vn-civil-service-calendar.json' with { type: 'json' };

/** Shape of one year in the seed file (docs/domain/calendar.md#announced-closures-and-make-up-saturdays). */
interface AnnouncedYearData {
  readonly closures: ReadonlyArray<{ readonly date: string; readonly name: string; readonly kind: string }>;
  readonly workingSaturdays: readonly string[];
}

const KINDS: readonly ClosureKind[] = ['holiday', 'compensatory', 'swap'];

function toClosureKind(kind: string): ClosureKind {
  const match = KINDS.find((k) => k === kind);
  if (!match) throw new DomainInputError('calendar.invalid_closure_kind', { value: kind });
  return match;
}

/**
 * Converts one year of the seed file, validating every date, so that a typo in the data fails at
 * load time rather than silently moving a deadline.
 */
function toYearCalendar(year: number, data: AnnouncedYearData): YearCalendar {
  const closures: Closure[] = data.closures.map((c) => ({
    date: parseLocalDate(c.date),
    kind: toClosureKind(c.kind),
    name: c.name,
    status: 'official',
  }));
  return {
    year,
    status: 'official',
    closures,
    workingSaturdays: data.workingSaturdays.map((date) => ({
      date: parseLocalDate(date),
      name: 'Làm bù',
      status: 'official',
    })),
  };
}

/**
 * The announced civil-service calendars 2019–2026 (Government announcements as reported publicly;
 * see the seed file's description). Years after 2026 are generated until an announcement is entered.
 */
export const ANNOUNCED_YEARS: readonly YearCalendar[] = Object.entries(announced.years as Record<string, AnnouncedYearData>).map(([year, data]) =>
  toYearCalendar(Number(year), data),
);

/**
 * The default calendar years: the announced year where there is one, a provisional year generated
 * from the statutory rules otherwise.
 * @example defaultYears(2026, 2027).map((y) => y.status) // ['official', 'provisional']
 * @throws DomainInputError('date.out_of_range') outside 1900–2100
 */
export function defaultYears(fromYear: number, toYear: number): YearCalendar[] {
  assertSupportedYear(fromYear);
  assertSupportedYear(toYear);
  const byYear = new Map(ANNOUNCED_YEARS.map((y) => [y.year, y]));
  const years: YearCalendar[] = [];
  for (let year = fromYear; year <= toYear; year++) years.push(byYear.get(year) ?? generateProvisionalYear(year));
  return years;
}
