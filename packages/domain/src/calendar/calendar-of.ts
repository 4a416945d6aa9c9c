import type { LocalDate } from '../values';
import type { YearRange } from './day-table';
import { SUPPORTED_YEARS } from './day-number';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar';
import type { YearCalendar } from './year-calendar';

/**
 * A working calendar from year calendars (announced or generated): every closure is a closed day
 * and every make-up Saturday a working day. Years not given have only weekends off.
 * @example
 * const cal = calendarFromYears(defaultYears(2019, 2030));
 * cal.addWorkingDays('2025-01-24', 1) // '2025-02-03', after the Tết break
 */
export function calendarFromYears(years: Iterable<YearCalendar>, range: YearRange = SUPPORTED_YEARS): WorkingCalendar {
  const closedDays: LocalDate[] = [];
  const workingSaturdays: LocalDate[] = [];
  for (const year of years) {
    for (const closure of year.closures) closedDays.push(closure.date);
    for (const saturday of year.workingSaturdays) workingSaturdays.push(saturday.date);
  }
  return createWorkingCalendar({ closedDays, workingSaturdays }, range);
}
