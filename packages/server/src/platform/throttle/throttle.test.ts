import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from '../../../test/harness';
import { TooManyRequestsError } from '../errors';
import { Throttle } from './throttle';
import { ThrottleRepository } from './throttle.repository';

// The database-backed security counters (issue #9, defect 7) on both engines: atomic under
// concurrency (PostgreSQL runs the upserts on several pooled connections at once), windows that
// restart, blocks, and the cleanup that keeps the table small.

describe.each(engines)('throttle counters on %s', (engine) => {
  let t: TestApp;
  let throttle: Throttle;
  beforeAll(async () => {
    t = await createTestApp(engine);
    throttle = new Throttle(new ThrottleRepository(t.handle.db), t.clock);
  });
  afterAll(() => t.close());

  const refused = (p: Promise<void>) =>
    p.then(
      () => false,
      (e: unknown) => {
        if (e instanceof TooManyRequestsError) return true;
        throw e;
      },
    );

  it('lets exactly `limit` of many concurrent requests through, and starts a new window after it ends', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 60 }, () => refused(throttle.consume('test:burst', 1, 25, 60_000, 'auth.rate_limited'))));
    expect(results.filter((r) => !r)).toHaveLength(25);
    const e = await throttle.consume('test:burst', 1, 25, 60_000, 'auth.rate_limited').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TooManyRequestsError);
    expect((e as TooManyRequestsError).detail).toEqual({ retryAfterSeconds: 60 });
    t.clock.advanceMinutes(1);
    expect(await refused(throttle.consume('test:burst', 1, 25, 60_000, 'auth.rate_limited'))).toBe(false);
  });

  it('counts amounts (bytes) and refuses one that would pass the limit without using any of it', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    expect(await refused(throttle.consume('test:bytes', 700, 1000, 60_000, 'q'))).toBe(false);
    expect(await refused(throttle.consume('test:bytes', 400, 1000, 60_000, 'q'))).toBe(true);
    expect(await refused(throttle.consume('test:bytes', 300, 1000, 60_000, 'q'))).toBe(false);
    expect(await refused(throttle.consume('test:huge', 5000, 1000, 60_000, 'q'))).toBe(true);
  });

  it('counts concurrent failures without losing any, blocks, and forgets after a quiet period', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    await Promise.all(Array.from({ length: 30 }, () => throttle.fail('test:fail', 15 * 60_000, (n) => (n >= 10 ? 15 * 60_000 : null))));
    expect(await throttle.state('test:fail')).toEqual({ count: 30, blockedSeconds: 900, blockedUntil: '2026-03-02T02:15:00.000Z' });
    t.clock.advanceMinutes(15);
    expect(await throttle.state('test:fail')).toEqual({ count: 0, blockedSeconds: 0, blockedUntil: null });
    expect(await throttle.fail('test:fail', 15 * 60_000, () => null)).toBe(1);
  });

  it('the cleanup deletes expired rows only', async () => {
    t.clock.set('2026-03-03T02:00:00.000Z');
    await throttle.consume('test:old', 1, 5, 60_000, 'q');
    await throttle.fail('test:blocked', 60_000, () => 3600_000);
    t.clock.advanceMinutes(2);
    await throttle.consume('test:new', 1, 5, 60_000, 'q');
    await throttle.purge();
    const keys = (await t.handle.db.selectFrom('throttleCounters').select('key').where('key', 'in', ['test:old', 'test:new', 'test:blocked']).execute())
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(['test:blocked', 'test:new']);
  });
});
