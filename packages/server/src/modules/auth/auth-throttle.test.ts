import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, engines, factories, TEST_HASHING, USER_PASSWORD, type Caller, type TestApp } from '../../../test/harness';
import { buildApp, type App } from '../../app';

// Login throttling (issue #9, defect 10; docs/architecture.md "Security") on both engines. Failures
// are counted per username and client address in the database, never per account: an unknown and a
// known username get the same answers, an attacker slows down without locking the owner out, an
// administrator can clear the counters, and every instance (and a restarted one) sees them.

describe.each(engines)('login throttling on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let make: ReturnType<typeof factories>;
  let rootId: string;
  let ipSeq = 0;
  const newIp = () => `203.0.113.${++ipSeq}`;

  beforeAll(async () => {
    t = await createTestApp(engine, { login: { maxPerMinute: 10_000, lockAfterFailures: 5, lockMinutes: 15, userCeiling: 20 } });
    rootId = (await t.setup()).rootId;
  });

  /** Moves the clock to a new day (each test its own) and logs the administrator in again. */
  async function day(at: string) {
    t.clock.set(at);
    admin = await t.login('admin', ADMIN_PASSWORD);
    make = factories(t, admin, rootId);
  }
  afterAll(() => t.close());

  async function login(username: string, password: string, ip: string, app: App = t) {
    const res = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
    return {
      status: res.statusCode,
      text: res.body,
      body: JSON.parse(res.body) as { code?: string; detail?: { retryAfterSeconds: number } },
      retryAfter: res.headers['retry-after'],
    };
  }

  it('answers an unknown and a known username identically, before and after many failures', async () => {
    await day('2026-03-02T02:00:00.000Z');
    const u = await make.user({ role: 'specialist' });
    const ip = newIp();
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      const known = await login(u.username, 'Wrong1234', ip);
      const unknown = await login(`${u.username}-nobody`, 'Wrong1234', ip);
      expect([unknown.status, unknown.text, unknown.retryAfter]).toEqual([known.status, known.text, known.retryAfter]);
      seen.push(`${known.status} ${known.body.code}`);
      // Half the backoff passes: a blocked pair stays blocked, so the answers stay equal.
      if (known.status === 429) t.clock.advanceMinutes(known.body.detail!.retryAfterSeconds / 120);
    }
    expect(seen.slice(0, 4)).toEqual(Array(4).fill('401 auth.invalid_credentials'));
    expect(seen[4]).toBe('429 auth.throttled');
    expect(seen.slice(5)).toEqual(Array(7).fill('429 auth.throttled'));
  });

  it('backs off exponentially per username and address, up to LOGIN_LOCK_MINUTES', async () => {
    await day('2026-03-03T02:00:00.000Z');
    const u = await make.user({ role: 'specialist' });
    const ip = newIp();
    for (let i = 0; i < 4; i++) expect((await login(u.username, 'Wrong1234', ip)).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await login(u.username, 'Wrong1234', ip);
      expect(r.status).toBe(429);
      expect(r.retryAfter).toBe(String(r.body.detail!.retryAfterSeconds));
      waits.push(r.body.detail!.retryAfterSeconds);
      t.clock.advanceMinutes(r.body.detail!.retryAfterSeconds / 60);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    // While blocked, even the right password is refused from that address; after the wait it works.
    expect((await login(u.username, 'Wrong1234', ip)).status).toBe(429);
    expect((await login(u.username, USER_PASSWORD, ip)).status).toBe(429);
    t.clock.advanceMinutes(15);
    expect((await login(u.username, USER_PASSWORD, ip)).status).toBe(200);
  });

  it('keeps the owner able to log in from another address while an attacker is throttled, also past the ceiling', async () => {
    await day('2026-03-04T02:00:00.000Z');
    const u = await make.user({ role: 'specialist' });
    const attacker = newIp();
    for (let i = 0; i < 8; i++) await login(u.username, 'Wrong1234', attacker);
    expect((await login(u.username, USER_PASSWORD, attacker)).status).toBe(429);
    expect((await login(u.username, USER_PASSWORD, newIp())).status).toBe(200);
    // A distributed attack passes the per-username ceiling (20 failures an hour from all addresses):
    // from then on every address backs off from its first failure ...
    const botnet = Array.from({ length: 24 }, newIp);
    for (const ip of botnet) await login(u.username, 'Wrong1234', ip);
    const slowed = await login(u.username, 'Wrong1234', botnet[0]!);
    expect(slowed.status).toBe(429);
    expect(slowed.body.detail!.retryAfterSeconds).toBeGreaterThanOrEqual(60);
    // ... but the right password from an address without recent failures still works.
    expect((await login(u.username, USER_PASSWORD, newIp())).status).toBe(200);
    // An unknown username under the same attack gets the same treatment.
    const ghost = `${u.username}-ghost`;
    for (const ip of botnet) await login(ghost, 'Wrong1234', ip);
    expect((await login(ghost, 'Wrong1234', botnet[0]!)).text).toBe(slowed.text);
  });

  it('lets an administrator unlock a username (user.manage where the user works)', async () => {
    await day('2026-03-05T02:00:00.000Z');
    const u = await make.user({ role: 'specialist' });
    const ip = newIp();
    for (let i = 0; i < 6; i++) await login(u.username, 'Wrong1234', ip);
    expect((await login(u.username, USER_PASSWORD, ip)).status).toBe(429);
    const viewer = (await make.actor('viewer')).caller;
    expect((await viewer.post(`/api/users/${u.id}/unlock`)).status).toBe(404);
    expect((await admin.post('/api/users/00000000-0000-0000-0000-000000000000/unlock')).status).toBe(404);
    expect((await admin.post(`/api/users/${u.id}/unlock`)).status).toBe(204);
    expect((await login(u.username, USER_PASSWORD, ip)).status).toBe(200);
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', u.id).where('action', '=', 'login_unlock').execute();
    expect(audit).toHaveLength(1);
  });

  it('shares the counters with another instance on the same database, and keeps them across a restart', async () => {
    await day('2026-03-06T02:00:00.000Z');
    const u = await make.user({ role: 'specialist' });
    const ip = newIp();
    const other = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    try {
      // Failures alternate between the two instances; the fifth one (on either) starts the backoff.
      for (let i = 0; i < 4; i++) expect((await login(u.username, 'Wrong1234', ip, i % 2 ? other : t)).status).toBe(401);
      expect((await login(u.username, 'Wrong1234', ip, other)).status).toBe(429);
      expect((await login(u.username, USER_PASSWORD, ip, t)).status).toBe(429);
    } finally {
      await other.close();
    }
    const restarted = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    try {
      expect((await login(u.username, USER_PASSWORD, ip, restarted)).status).toBe(429);
      expect((await login('admin', ADMIN_PASSWORD, newIp(), restarted)).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('limits login requests per client address across usernames, shared by instances', async () => {
    const limited = await createTestApp(engine, { login: { maxPerMinute: 3, lockAfterFailures: 100, lockMinutes: 1 } });
    const other = await buildApp(limited.config, { clock: limited.clock, hashing: TEST_HASHING, logger: false });
    try {
      const ip = newIp();
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await login(`x${i}`, 'y', ip, i % 2 ? other : limited)).status);
      expect(codes).toEqual([401, 401, 401, 429]);
      expect((await login('x', 'y', newIp(), other)).status).toBe(401);
    } finally {
      await other.close();
      await limited.close();
    }
  });
});
