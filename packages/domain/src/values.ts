import { civilFromDayNumber } from './calendar/civil-from-day-number';

/** Civil day in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. Never converted to a `Date`. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };
/** UTC instant, ISO 8601 with milliseconds and a trailing `Z`. */
export type Instant = string & { readonly __brand: 'Instant' };
/** Points as integer hundredths: 80.08 points is 8008. */
export type Hundredths = number & { readonly __brand: 'Hundredths' };

/**
 * Thrown by the domain when input is malformed (a bad date, a negative count).
 * The server maps it to 400 with the code as an i18n key.
 */
export class DomainInputError extends Error {
  constructor(
    readonly code: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'DomainInputError';
  }
}

/**
 * Thrown by the domain when a business rule forbids an action
 * ("cannot pause a returned dossier"). The server maps it to 422.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'RuleViolation';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a Gregorian month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The number the decimal digits `s[from..to)` write; NaN when one of them is not a digit. */
export function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Milliseconds since the Unix epoch of a UTC wall-clock time of the proleptic Gregorian calendar, for any year
 * (`Date.UTC` reads 0–99 as 1900–1999); NaN when a field is out of range (30 February, hour 24) or NaN.
 */
export function utcMsOf(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 && ms >= 0 && ms <= 999))
    return NaN;
  // Days from 1970-01-01 (H. Hinnant's `days_from_civil`: years counted from March, eras of 400 years).
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  return (((days * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms;
}

/** True when `s` is a real calendar day written `YYYY-MM-DD`. */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * Validates and brands a civil date.
 * @example parseLocalDate('2025-02-28') // '2025-02-28'
 * @throws DomainInputError('date.invalid') for '2025-02-30'
 */
export function parseLocalDate(s: string): LocalDate {
  if (!isLocalDate(s)) throw new DomainInputError('date.invalid', { value: s });
  return s;
}

/** The Asia/Ho_Chi_Minh civil day (UTC+7, no daylight saving) of an instant. */
export function localDateOf(instant: Instant | string): LocalDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new DomainInputError('instant.invalid', { value: instant });
  return isoText(ms + 7 * 3600_000, false) as LocalDate;
}

const DAY_MS = 86_400_000;
const two = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * `new Date(ms).toISOString()` (`YYYY-MM-DDTHH:mm:ss.sssZ`), or only its `YYYY-MM-DD`, written from the
 * day number by arithmetic (`civilFromDayNumber`, after Howard Hinnant's "chrono-compatible low-level date
 * algorithms"). `Date#toISOString` costs about 1 µs a call, and an import converts a million records
 * with dozens of instants each (docs/dossier-imports.md "Throughput"). Years outside 0–9999 and invalid
 * times are left to `Date`, which writes (or refuses) them.
 */
function isoText(ms: number, time: boolean): string {
  if (!(ms >= -62_167_219_200_000 && ms < 253_402_300_800_000) || !Number.isInteger(ms)) {
    const text = new Date(ms).toISOString();
    return time ? text : text.slice(0, 10);
  }
  const days = Math.floor(ms / DAY_MS);
  const { year: y, month: m, day: d } = civilFromDayNumber(days);
  const date = `${y < 1000 ? String(y).padStart(4, '0') : y}-${two(m)}-${two(d)}`;
  if (!time) return date;
  let rest = ms - days * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${date}T${two(hour)}:${two(min)}:${two(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** The instant of a time in milliseconds since 1970 UTC, as `Date#toISOString` writes it, for less. */
export function instantOfMs(ms: number): Instant {
  return isoText(ms, true) as Instant;
}

/** Minutes since local midnight (UTC+7) of an instant. */
export function localMinutesOf(instant: Instant | string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new DomainInputError('instant.invalid', { value: instant });
  const local = new Date(ms + 7 * 3600_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** The instant at which a local (UTC+7) day and minute-of-day occurs. */
export function instantAt(date: LocalDate, minuteOfDay: number): Instant {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return instantOfMs(Date.UTC(y, m - 1, d, 0, minuteOfDay) - 7 * 3600_000);
}

/** Converts a decimal string with at most two decimals ("80.08") to hundredths (8008). */
export function parseHundredths(s: string): Hundredths {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) throw new DomainInputError('score.invalid', { value: s });
  const frac = (m[3] ?? '').padEnd(2, '0');
  const v = Number(m[2]) * 100 + Number(frac);
  return (m[1] ? -v : v) as Hundredths;
}

/** Formats hundredths as a plain decimal string with two decimals ("80.08"). */
export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * A percent kept in integer basis points, shown the Vietnamese way with two decimals: the one percent
 * formatter of the app (docs/conventions.md#values-dates-instants-scores), a no-break space before the sign so
 * it never wraps alone; rounded upstream by `ratioBasisPoints`, never truncated. Null (no value) → `empty`.
 * @example formatPercent(9286) // '92,86\u00a0%'
 * @example formatPercent(ratioBasisPoints(13, 14)) // '92,86\u00a0%'
 */
export function formatPercent(basisPoints: number | null | undefined, empty = ''): string {
  if (basisPoints === null || basisPoints === undefined) return empty;
  return `${formatHundredths(basisPoints).replace('.', ',')}\u00a0%`;
}

/**
 * A ratio as basis points rounded half up on integers (13 of 14 → 9286, i.e. 92,86 %); null when the
 * denominator is 0 (no data).
 * @example ratioBasisPoints(13, 14) // 9286
 */
export function ratioBasisPoints(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const n = BigInt(numerator) * 10_000n;
  const d = BigInt(denominator);
  const q = n / d;
  return Number((n % d) * 2n >= d ? q + 1n : q);
}
