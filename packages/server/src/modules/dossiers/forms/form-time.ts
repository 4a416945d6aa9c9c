import { localDateOf, localMinutesOf } from '@cchc/domain';

// Forms print local time in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). These go through the
// domain's fixed-offset helpers, never `Date#getHours`, so the output does not depend on the
// host's TZ.

const pad = (n: number) => String(n).padStart(2, '0');

function dayParts(day: string): { y: string; m: string; d: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`form: not a YYYY-MM-DD day: ${day}`);
  return { y: match[1]!, m: match[2]!, d: match[3]! };
}

/** '2026-03-02' → '02/03/2026'. */
export function formatDay(day: string): string {
  const { y, m, d } = dayParts(day);
  return `${d}/${m}/${y}`;
}

/** '2026-03-02' → 'ngày 02 tháng 03 năm 2026'. */
export function longDay(day: string): string {
  const { y, m, d } = dayParts(day);
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** '2026-03-02T02:00:00Z' → '09 giờ 00 phút, ngày 02 tháng 03 năm 2026'. */
export function longInstant(instant: string): string {
  const minutes = localMinutesOf(instant);
  return `${pad(Math.floor(minutes / 60))} giờ ${pad(minutes % 60)} phút, ${longDay(localDateOf(instant))}`;
}

/** '2026-03-02T02:00:00Z' → '09:00 02/03/2026'. */
export function shortInstant(instant: string): string {
  const minutes = localMinutesOf(instant);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} ${formatDay(localDateOf(instant))}`;
}
