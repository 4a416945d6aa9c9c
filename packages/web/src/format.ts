// Vietnamese display formats. Civil days stay strings end to end: `new Date('2024-09-04')` is UTC
// midnight and would show the previous day west of Greenwich.
import { formatHundredths, isLocalDate } from '@cchc/domain';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** '2024-09-04' → '04/09/2024'. Anything that is not a civil day is returned unchanged. */
export function formatDate(day: string | null | undefined): string {
  if (!day) return '';
  if (!isLocalDate(day)) return day;
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** '04/09/2024' → '2024-09-04', or null when the text is not a real day. */
export function parseDisplayDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isLocalDate(day) ? day : null;
}

const instantParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as seen in Viet Nam: '2024-09-04T01:30:00.000Z' → '04/09/2024 08:30'. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const parts: Record<string, string> = {};
  for (const p of instantParts.formatToParts(ms)) parts[p.type] = p.value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

const integer = new Intl.NumberFormat('vi-VN');

/** 1234567.5 → '1.234.567,5'. */
export function formatNumber(value: number, fractionDigits?: number): string {
  if (fractionDigits === undefined) return integer.format(value);
  return new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A file size in Vietnamese number format: 512 → '512 B', 12_345 → '12,1 KB', 3_500_000 → '3,3 MB'. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

const score = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Points kept as integer hundredths, shown with a decimal comma: 8008 → '80,08'.
 * The decimal string goes to Intl as text so no float division touches the score.
 */
export function formatScore(hundredths: number): string {
  return score.format(formatHundredths(hundredths) as `${number}`);
}
