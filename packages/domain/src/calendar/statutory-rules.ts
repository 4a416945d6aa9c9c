import { assertSupportedYear, dayNumberFromCivil, dayNumberOf, formatDayNumber, isWeekendDayNumber, weekdayOfDayNumber } from './day-number';
import { hungKingsDayOf, tetOf } from './lunar';
import type { Closure, YearCalendar } from './year-calendar';

/** Labour Code 2019 (45/2019/QH14) is in force from 1/1/2021; 2020 still used the 2012 code. */
const LABOUR_CODE_2019_FIRST_YEAR = 2021;

const TET = 'Tết Nguyên đán';

interface Holiday {
  readonly dayNumber: number;
  readonly name: string;
}

/**
 * The day that joins National Day (2/9) under Labour Code 2019 Art. 112(1), which the Prime
 * Minister fixes each year. Our provisional choice: the day after when 2/9 is a Monday or a Thursday
 * (giving Mon–Tue or a Thu–Sun break), otherwise the day before. It reproduces every announced year
 * 2021–2026 (2022 Fri → Thu 1/9, 2023 Sat → Fri 1/9, 2025 Tue → Mon 1/9, 2026 Wed → Tue 1/9).
 */
function nationalDayCompanion(year: number): number {
  const nationalDay = dayNumberFromCivil(year, 9, 2);
  const weekday = weekdayOfDayNumber(nationalDay);
  return weekday === 1 || weekday === 4 ? nationalDay + 1 : nationalDay - 1;
}

/**
 * The statutory paid holidays of a year, before weekend compensation. Tết is placed provisionally as
 * five consecutive days from two days before 1/1 lunar ("2 before + 3 after"): the Prime Minister
 * fixes Tết yearly (Art. 112(3)) and no rule derives it (docs/domain/calendar.md#announced-closures-and-make-up-saturdays). Years before 2021 use the
 * 2012 code (Art. 115: National Day one day); it is also applied to years before 2013 as the nearest
 * rule we model.
 */
function statutoryHolidays(year: number): Holiday[] {
  const tet = dayNumberOf(tetOf(year));
  const holidays: Holiday[] = [{ dayNumber: dayNumberFromCivil(year, 1, 1), name: 'Tết Dương lịch' }];
  for (let offset = -2; offset <= 2; offset++) holidays.push({ dayNumber: tet + offset, name: TET });
  holidays.push(
    { dayNumber: dayNumberOf(hungKingsDayOf(year)), name: 'Giỗ Tổ Hùng Vương' },
    { dayNumber: dayNumberFromCivil(year, 4, 30), name: 'Ngày Chiến thắng' },
    { dayNumber: dayNumberFromCivil(year, 5, 1), name: 'Quốc tế Lao động' },
    { dayNumber: dayNumberFromCivil(year, 9, 2), name: 'Quốc khánh' },
  );
  if (year >= LABOUR_CODE_2019_FIRST_YEAR) holidays.push({ dayNumber: nationalDayCompanion(year), name: 'Quốc khánh' });
  return holidays.sort((a, b) => a.dayNumber - b.dayNumber);
}

/**
 * A provisional year generated from the statutory rules: fixed holidays, Hùng Kings' day (10/3
 * lunar), a proposed Tết and National Day pair, and Art. 111(3) compensation (nghỉ bù): a holiday
 * on a Saturday or Sunday (civil servants' rest days, QĐ 188/1999) moves to the next working day not
 * already a holiday or a compensation, so compensations after consecutive weekend holidays stack
 * (2022: 30/4 Sat and 1/5 Sun → Mon 2/5 and Tue 3/5). Two holidays on one date are treated alike,
 * the second compensated (our reading; the code does not say). No swaps are generated.
 *
 * Tết's weekend days are compensated into the Tết break and listed as 'Tết Nguyên đán' holidays,
 * because announcements list the whole break as Tết. With these rules the generator reproduces every
 * announced non-swap closure of 2019–2026, but Tết and National Day placements stay provisional.
 *
 * @example generateProvisionalYear(2027).closures.map((c) => c.date)
 * // ['2027-01-01', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-04-16',
 * //  '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03']
 * @throws DomainInputError('date.out_of_range') outside 1900–2100
 */
export function generateProvisionalYear(year: number): YearCalendar {
  assertSupportedYear(year);
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => h.dayNumber));
  const listed = new Set<number>();
  const closures: Closure[] = [];
  const close = (dayNumber: number, kind: Closure['kind'], name: string): void => {
    closures.push({ date: formatDayNumber(dayNumber), kind, name, status: 'provisional' });
  };
  for (const holiday of holidays) {
    const isDuplicate = listed.has(holiday.dayNumber);
    listed.add(holiday.dayNumber);
    if (!isWeekendDayNumber(holiday.dayNumber) && !isDuplicate) {
      close(holiday.dayNumber, 'holiday', holiday.name);
      continue;
    }
    let compensation = holiday.dayNumber + 1;
    while (isWeekendDayNumber(compensation) || taken.has(compensation)) compensation += 1;
    taken.add(compensation);
    if (holiday.name === TET) close(compensation, 'holiday', TET);
    else close(compensation, 'compensatory', `Nghỉ bù ${holiday.name}`);
  }
  closures.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, status: 'provisional', closures, workingSaturdays: [] };
}
