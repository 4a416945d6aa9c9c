import { describe, expect, it } from 'vitest';
import { SessionCache, type SessionRow } from './session-cache';

const row = (expiresAt = '2026-03-02T14:00:00.000Z'): SessionRow => ({
  id: 'u1',
  username: 'lan',
  fullName: 'Nguyễn Thị Lan',
  email: null,
  unitId: 'd1',
  mustChangePassword: 0,
  generation: 1,
  lastSeenAt: '2026-03-02T02:00:00.000Z',
  expiresAt,
});
const NOW = '2026-03-02T02:00:00.000Z';

describe('session cache', () => {
  it('keys by a hash of the signed cookie, never the cookie itself', () => {
    const key = SessionCache.keyOf('abc.signature');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('abc');
  });

  it('serves an entry for at most the TTL (the staleness bound), then reads again', () => {
    let t = 0;
    const cache = new SessionCache(5_000, 100, () => t);
    cache.set('k', 's1', row(), cache.epoch);
    t = 5_000;
    expect(cache.get('k', NOW)?.sessionId).toBe('s1');
    t = 5_001;
    expect(cache.get('k', NOW)).toBeUndefined();
  });

  it('never serves an expired session', () => {
    const cache = new SessionCache(5_000, 100, () => 0);
    cache.set('k', 's1', row('2026-03-02T02:00:00.000Z'), cache.epoch);
    expect(cache.get('k', NOW)).toBeUndefined();
  });

  it('a clear drops every entry, and a read that overlapped it cannot store its stale row', () => {
    const cache = new SessionCache(5_000, 100, () => 0);
    cache.set('a', 's1', row(), cache.epoch);
    const before = cache.epoch;
    cache.clear();
    expect(cache.get('a', NOW)).toBeUndefined();
    cache.set('b', 's2', row(), before);
    expect(cache.get('b', NOW)).toBeUndefined();
    cache.set('b', 's2', row(), cache.epoch);
    expect(cache.get('b', NOW)?.sessionId).toBe('s2');
  });
});
