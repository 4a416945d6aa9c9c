import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, engines, factories, type TestApp } from '../../../test/harness';
import { procedureBody } from '../procedures/procedure.fixtures';

// The first steps of a new installation on the home page (issue #13 item 6b), counted by the server.
describe.each(engines)('setup progress on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('counts units, users and procedures in the administrator scope and checks the year calendar; others get 403', async () => {
    const { admin, rootId } = await t.setup();
    const fresh = await admin.get('/api/setup/progress');
    expect(fresh.status).toBe(200);
    // 2026 is an announced year: the calendar step is done from the start; nothing else is.
    expect(fresh.body).toMatchObject({
      units: { count: 0, done: false },
      users: { count: 0, done: false },
      procedures: { count: 0, done: false },
      calendar: { year: 2026, done: true },
    });
    expect(fresh.body.calendar.count).toBeGreaterThan(0);
    expect(fresh.body.calendar.official).toBe(fresh.body.calendar.count);

    const f = factories(t, admin, rootId);
    const division = await f.unit();
    await f.unit();
    const specialist = await f.actor('specialist', division.id);
    await f.user({ unitId: division.id });
    expect((await admin.post('/api/procedures', procedureBody(rootId))).status).toBe(201);
    const after = await admin.get('/api/setup/progress');
    expect(after.body).toMatchObject({
      units: { count: 2, done: true },
      users: { count: 2, done: true },
      procedures: { count: 1, done: true },
    });

    // A year nobody announced yet (generated, provisional): the calendar step is open.
    t.clock.set('2031-02-10T02:00:00.000Z');
    const later = await (await t.login('admin', ADMIN_PASSWORD)).get('/api/setup/progress');
    expect(later.body.calendar).toMatchObject({ year: 2031, done: false });
    t.clock.set('2026-03-02T02:00:00.000Z');

    // Only administrators (unit.manage) see it.
    expect((await specialist.caller.get('/api/setup/progress')).status).toBe(403);
    expect((await t.anon.get('/api/setup/progress')).status).toBe(401);
  });
});
