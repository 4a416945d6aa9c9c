// Display helpers of the dossier pages: Viet Nam wall-clock time for the receipt picker, rates and
// file saving. Viet Nam keeps UTC+7 all year, so a wall-clock reading converts with a fixed offset.
import dayjs, { type Dayjs } from 'dayjs';
import { formatDate, formatInstant } from '../../format';

const VN_OFFSET = '+07:00';
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The Viet Nam wall-clock reading of an instant as a picker value, whatever the browser's zone:
 * '2025-07-15T01:30:00.000Z' → a Dayjs showing 15/07/2025 08:30.
 */
export function vnWallClock(instant: string | number = Date.now()): Dayjs {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const iso = new Date(ms + VN_OFFSET_MS).toISOString(); // the VN reading, written as if UTC
  return dayjs(iso.slice(0, 16).replace('T', ' '), 'YYYY-MM-DD HH:mm');
}

/** A picker's wall-clock reading, taken as Viet Nam time, as a UTC instant with milliseconds. */
export function instantOfVnWallClock(value: Dayjs): string {
  return new Date(`${value.format('YYYY-MM-DDTHH:mm')}:00${VN_OFFSET}`).toISOString();
}

/** Today's civil day in Viet Nam, YYYY-MM-DD. */
export function vnToday(now: number = Date.now()): string {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first day of the month of a civil day: '2025-07-15' → '2025-07-01'. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Hands a downloaded file to the browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The appointment shown for a dossier: the due time when known, else the due day, else `none`.
 * @example dueText({ dueAt: '2026-03-16T10:00:00.000Z', dueDate: '2026-03-16' }, '') // '16/03/2026 17:00'
 */
export function dueText(d: { dueAt: string | null; dueDate: string | null }, none: string): string {
  return d.dueAt ? formatInstant(d.dueAt) : d.dueDate ? formatDate(d.dueDate) : none;
}

const TIME_LIMIT_UNITS = ['working_days', 'calendar_days', 'working_hours', 'same_day'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

/** Whether a time-limit unit from the server is one the UI has words for. */
export const isTimeLimitUnit = (unit: string): unit is TimeLimitUnit => (TIME_LIMIT_UNITS as readonly string[]).includes(unit);

/**
 * A step of the internal process by its name, for the control sheet: 'TD' → 'Thẩm định (TD)'; the
 * bare code when the dossier has no such step.
 */
export function stepLabel(d: { steps: ReadonlyArray<{ code: string; name: string }> }, code: string): string {
  const step = d.steps.find((s) => s.code === code);
  return step && step.name !== code ? `${step.name} (${code})` : code;
}

/**
 * Free text as a sentence that ends with one full stop, for text placed inside a longer message:
 * 'Bản sao bị mờ.' and 'Bản sao bị mờ' both → 'Bản sao bị mờ.'; '' stays ''.
 */
export function asSentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
}
