// Words for days: weekday names, why a day is (not) worked, the announcing document. Each returns
// translated text; the aria-label of a grid day reads e.g. "Thứ Hai, 27/01/2025: Tết Nguyên đán (nghỉ lễ)".
import type { TFunction } from 'i18next';
import type { CalendarDay, LocalDateString, LunarDateView } from '../../api/types';
import { formatDate } from '../../format';
import { weekdayOf } from './civil-days';

/** Full weekday names, Sunday first (the index of `weekdayOf`). */
const WEEKDAY_KEYS = [
  'calendar.weekday.sun',
  'calendar.weekday.mon',
  'calendar.weekday.tue',
  'calendar.weekday.wed',
  'calendar.weekday.thu',
  'calendar.weekday.fri',
  'calendar.weekday.sat',
] as const;

/** Column heads of a month, Monday first: T2 … T7, CN. */
export const WEEK_COLUMNS = [
  { short: 'calendar.weekday_short.mon', full: 'calendar.weekday.mon' },
  { short: 'calendar.weekday_short.tue', full: 'calendar.weekday.tue' },
  { short: 'calendar.weekday_short.wed', full: 'calendar.weekday.wed' },
  { short: 'calendar.weekday_short.thu', full: 'calendar.weekday.thu' },
  { short: 'calendar.weekday_short.fri', full: 'calendar.weekday.fri' },
  { short: 'calendar.weekday_short.sat', full: 'calendar.weekday.sat' },
  { short: 'calendar.weekday_short.sun', full: 'calendar.weekday.sun' },
] as const;

export const MONTH_KEYS = [
  'calendar.month.m1',
  'calendar.month.m2',
  'calendar.month.m3',
  'calendar.month.m4',
  'calendar.month.m5',
  'calendar.month.m6',
  'calendar.month.m7',
  'calendar.month.m8',
  'calendar.month.m9',
  'calendar.month.m10',
  'calendar.month.m11',
  'calendar.month.m12',
] as const;

export function weekdayName(t: TFunction, date: LocalDateString): string {
  return t(WEEKDAY_KEYS[weekdayOf(date)]!);
}

/** "Thứ Hai, 27/01/2025". */
export function longDate(t: TFunction, date: LocalDateString): string {
  return t('calendar.long_date', { weekday: weekdayName(t, date), date: formatDate(date) });
}

/** Why the day is or is not worked: "Tết Nguyên đán (nghỉ lễ)", "nghỉ cuối tuần", "ngày làm việc". */
export function dayReason(t: TFunction, date: LocalDateString, listed: CalendarDay | undefined): string {
  if (listed) {
    const kind = t(`calendar.kind_short.${listed.kind}`);
    return listed.status === 'provisional' ? t('calendar.reason_provisional', { name: listed.name, kind }) : t('calendar.reason', { name: listed.name, kind });
  }
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6 ? t('calendar.reason_weekend') : t('calendar.reason_working');
}

/** The accessible name of a grid day. */
export function dayLabel(t: TFunction, date: LocalDateString, listed: CalendarDay | undefined): string {
  return t('calendar.day_label', { weekday: weekdayName(t, date), date: formatDate(date), reason: dayReason(t, date, listed) });
}

/** "12729/VPCP-KGVX ngày 25/12/2025", or null when no document is recorded. */
export function sourceText(t: TFunction, day: Pick<CalendarDay, 'sourceNumber' | 'sourceDate'>): string | null {
  if (day.sourceNumber && day.sourceDate) return t('calendar.source_full', { number: day.sourceNumber, date: formatDate(day.sourceDate) });
  if (day.sourceNumber) return day.sourceNumber;
  if (day.sourceDate) return t('calendar.source_dated', { date: formatDate(day.sourceDate) });
  return null;
}

// The sexagenary year name (can chi) is a proper name, written the same in every UI language.
const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** 2025 → 'Ất Tỵ'. */
export function canChiOfYear(lunarYear: number): string {
  return `${STEMS[(((lunarYear + 6) % 10) + 10) % 10]} ${BRANCHES[(((lunarYear + 8) % 12) + 12) % 12]}`;
}

/** "Ngày 28 tháng Chạp năm Giáp Thìn", "Ngày 1 tháng 6 nhuận năm Ất Tỵ". */
export function lunarText(t: TFunction, lunar: LunarDateView): string {
  const month =
    lunar.month === 1
      ? t('calendar.lunar_month_first')
      : lunar.month === 12
        ? t('calendar.lunar_month_last')
        : t('calendar.lunar_month', { month: lunar.month });
  return t('calendar.lunar_value', {
    day: lunar.day,
    month,
    leap: lunar.leap ? t('calendar.lunar_leap') : '',
    yearName: canChiOfYear(lunar.year),
  });
}
