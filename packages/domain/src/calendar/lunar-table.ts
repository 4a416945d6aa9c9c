import { UNIX_EPOCH_JD, lunationNear, newMoonJde, sunApparentLongitude, ttToUt, utToTt } from './astronomy';
import { dayNumberFromCivil } from './day-number';

/**
 * Month table of the Vietnamese lunisolar calendar, built from the published astronomical rules
 * (Hồ Ngọc Đức, "Vietnamese calendar rules", after Meeus); written from the method description,
 * not from his source code, whose licence forbids commercial use (docs/domain/calendar.md#lunar-calendar-at-utc7):
 *   1. a month starts on the civil day (UTC+7) of a new moon;
 *   2. month 11 is the month containing the winter solstice (Sun at 270°);
 *   3. when 13 months separate two months 11, the first month after the first month 11 that contains
 *      no principal solar term (Sun crossing a multiple of 30°) is leap and repeats the previous number.
 * A month "contains" a term when the Sun's sector (longitude / 30°) differs between the starts of that
 * month and of the next, both taken at local midnight.
 */

/** UTC+7, the meridian 105°E used by North Vietnam since 1967 and by the whole country since 1975. */
const ZONE_DAYS = 7 / 24;

/** Civil day number (UTC+7) on which lunation `k` begins. */
function newMoonDayNumber(k: number): number {
  return Math.floor(ttToUt(newMoonJde(k)) + ZONE_DAYS - UNIX_EPOCH_JD);
}

/** The Sun's apparent longitude at 00:00 local time (UTC+7) of a civil day. */
function sunLongitudeAtDayStart(dayNumber: number): number {
  return sunApparentLongitude(utToTt(UNIX_EPOCH_JD + dayNumber - ZONE_DAYS));
}

/** Sun's longitude measured from 270° into (−180°, 180°]: negative before the winter solstice. */
function degreesPastSolstice(longitude: number): number {
  const d = (((longitude - 270) % 360) + 360) % 360;
  return d > 180 ? d - 360 : d;
}

/** Lunation that starts month 11 of a Gregorian year: the one whose days contain the solstice. */
function monthElevenLunation(gregorianYear: number, startOf: (k: number) => number): number {
  const roughSolstice = UNIX_EPOCH_JD + dayNumberFromCivil(gregorianYear, 12, 21);
  let k = lunationNear(roughSolstice) - 2;
  while (degreesPastSolstice(sunLongitudeAtDayStart(startOf(k + 1))) < 0) k += 1;
  return k;
}

export interface LunarTable {
  /** Start day numbers of consecutive months, with one extra entry closing the last month. */
  readonly starts: Int32Array;
  readonly years: Int16Array;
  readonly months: Int8Array;
  readonly leaps: Uint8Array;
  /** First and last lunar year whose every month is in the table. */
  readonly firstYear: number;
  readonly lastYear: number;
  /** Index into `starts` of month 1 of each lunar year, from `firstYear` to `lastYear + 1`. */
  readonly yearStarts: Int32Array;
}

/**
 * Builds the month table covering whole lunar years `firstYear`…`lastYear`.
 * A "suì" S runs from month 11 of Gregorian year S − 1 to month 11 of year S; its months 11 and 12
 * (and a leap month among them) belong to lunar year S − 1, the others to lunar year S.
 */
export function buildLunarTable(firstYear: number, lastYear: number): LunarTable {
  const startCache = new Map<number, number>();
  const startOf = (k: number): number => {
    let day = startCache.get(k);
    if (day === undefined) {
      day = newMoonDayNumber(k);
      startCache.set(k, day);
    }
    return day;
  };
  const sectorOf = (k: number): number => Math.floor(sunLongitudeAtDayStart(startOf(k)) / 30);

  const starts: number[] = [];
  const years: number[] = [];
  const months: number[] = [];
  const leaps: number[] = [];
  let previousEleven = monthElevenLunation(firstYear - 1, startOf);
  for (let sui = firstYear; sui <= lastYear + 1; sui++) {
    const nextEleven = monthElevenLunation(sui, startOf);
    const count = nextEleven - previousEleven;
    let leapOffset = -1;
    if (count === 13) {
      for (let j = 1; j <= 12 && leapOffset < 0; j++) {
        if (sectorOf(previousEleven + j) === sectorOf(previousEleven + j + 1)) leapOffset = j;
      }
    }
    let month = 11;
    for (let j = 0; j < count; j++) {
      const isLeap = j === leapOffset;
      if (j > 0 && !isLeap) month = (month % 12) + 1;
      starts.push(startOf(previousEleven + j));
      years.push(month >= 11 ? sui - 1 : sui);
      months.push(month);
      leaps.push(isLeap ? 1 : 0);
    }
    previousEleven = nextEleven;
  }
  starts.push(startOf(previousEleven));

  const yearStarts = new Int32Array(lastYear - firstYear + 2);
  for (let i = 0; i < months.length; i++) {
    const year = years[i] ?? 0;
    if (months[i] === 1 && leaps[i] === 0 && year >= firstYear && year <= lastYear + 1) {
      yearStarts[year - firstYear] = i;
    }
  }
  return {
    starts: Int32Array.from(starts),
    years: Int16Array.from(years),
    months: Int8Array.from(months),
    leaps: Uint8Array.from(leaps),
    firstYear,
    lastYear,
    yearStarts,
  };
}
