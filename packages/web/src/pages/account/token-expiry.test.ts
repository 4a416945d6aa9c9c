import { describe, expect, it } from 'vitest';
import { expiryInstantOf, isExpired, isExpiryDayAllowed } from './token-expiry';

describe('token expiry', () => {
  const now = Date.parse('2026-03-02T02:00:00.000Z'); // 09:00 on 2 March in Viet Nam

  it('lasts to 23:59 of the chosen day in Viet Nam', () => {
    expect(expiryInstantOf('2026-03-05')).toBe('2026-03-05T16:59:00.000Z');
  });

  it('allows today up to the same day next year, not the past nor beyond', () => {
    expect(isExpiryDayAllowed('2026-03-01', now)).toBe(false);
    expect(isExpiryDayAllowed('2026-03-02', now)).toBe(true);
    expect(isExpiryDayAllowed('2027-03-02', now)).toBe(true);
    expect(isExpiryDayAllowed('2027-03-04', now)).toBe(false);
  });

  it('tells an expired token', () => {
    expect(isExpired(null, now)).toBe(false);
    expect(isExpired('2026-03-02T02:00:00.000Z', now)).toBe(true);
    expect(isExpired('2026-03-02T02:00:01.000Z', now)).toBe(false);
  });
});
