/**
 * API tokens may expire (issue #9, defect 8). The expiry is optional; when given it must lie in the
 * future and at most this many days ahead: one year, plus a day so that the same date next year can be
 * chosen in the form (the token then lasts to the end of that day, Asia/Ho_Chi_Minh).
 */
export const API_TOKEN_MAX_DAYS = 366;

/**
 * Why an expiry instant is refused at token creation, or null when it is acceptable.
 * @example tokenExpiryProblem('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z') // 'api_token.expiry_not_future'
 */
export function tokenExpiryProblem(expiresAt: string, now: string): 'api_token.expiry_not_future' | 'api_token.expiry_too_far' | null {
  const at = Date.parse(expiresAt);
  const from = Date.parse(now);
  if (!(at > from)) return 'api_token.expiry_not_future';
  if (at - from > API_TOKEN_MAX_DAYS * 86_400_000) return 'api_token.expiry_too_far';
  return null;
}
