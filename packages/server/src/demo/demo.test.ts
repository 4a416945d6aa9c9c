import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, TEST_HASHING, type TestApp } from '../../test/harness';
import { seedDemo } from './demo';
import { DEMO_USERS } from './demo-platform';

describe.each(engines)('demo data on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('fills an empty database once, and every demo user can log in with the demo password', async () => {
    const first = await seedDemo(t.handle, { password: 'DemoCchc2026', clock: t.clock, hashing: TEST_HASHING });
    expect(first).toEqual({ password: 'DemoCchc2026', generated: false });
    expect(await seedDemo(t.handle, { password: 'Other2026x', clock: t.clock, hashing: TEST_HASHING })).toBeNull();
    for (const u of DEMO_USERS) {
      const s = await t.login(u.username, 'DemoCchc2026');
      const me = (await s.get('/api/me')).body;
      expect(me.fullName, u.username).toBe(u.fullName);
      expect(me.grants.map((g: { role: string }) => g.role).sort(), u.username).toEqual(u.grants.map(([role]) => role).sort());
    }
  });

  it('generates a password when none is given', async () => {
    const fresh = await createTestApp(engine);
    try {
      const r = await seedDemo(fresh.handle, { clock: fresh.clock, hashing: TEST_HASHING });
      expect(r?.generated).toBe(true);
      expect(r!.password.length).toBeGreaterThanOrEqual(10);
      await fresh.login('admin', r!.password);
    } finally {
      await fresh.close();
    }
  });
});
