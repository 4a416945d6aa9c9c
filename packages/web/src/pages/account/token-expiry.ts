// Token expiry in the account page (issue #9, defect 8). The form picks a civil day; the token lasts
// to the end of that day in Viet Nam, and the server checks the same limits (tokenExpiryProblem).
import { instantAt, tokenExpiryProblem, type LocalDate } from '@cchc/domain';

/**
 * The instant a token chosen to expire on `day` stops working: 23:59 that day, Asia/Ho_Chi_Minh, so the
 * list shows the chosen day (midnight would read as the next one).
 */
export function expiryInstantOf(day: string): string {
  return instantAt(day as LocalDate, 23 * 60 + 59);
}

/** True when `day` may be chosen: its end lies in the future and at most API_TOKEN_MAX_DAYS ahead. */
export function isExpiryDayAllowed(day: string, now: number = Date.now()): boolean {
  return tokenExpiryProblem(expiryInstantOf(day), new Date(now).toISOString()) === null;
}

/** True once a token's expiry has passed (the server then refuses it with 401). */
export function isExpired(expiresAt: string | null, now: number = Date.now()): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= now;
}
