import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, TEST_HASHING, type TestApp } from '../../test/harness';
import { seedDemo } from './demo';
import { DEMO_USERS } from './demo-platform';

// The demo's plans (docs/plans.md): the contract of issue #10 — as `vanphong`, the 2020 plans list the
// Department's conclusion from the source document with at least its seven key tasks — and tasks for everyone.

describe.each(engines)('demo plans on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemo(t.handle, { password: 'DemoCchc2026', clock: t.clock, hashing: TEST_HASHING });
  });
  afterAll(() => t.close());

  it('lists the 2020 conclusion of the Department with its key tasks (GET /api/plans?year=2020 as vanphong)', async () => {
    const vanphong = await t.login('vanphong', 'DemoCchc2026');
    const res = await vanphong.get('/api/plans?year=2020');
    expect(res.status).toBe(200);
    const plan = res.body.items.find((p: { unitName: string; kind: string }) => p.unitName === 'Sở Khoa học và Công nghệ' && p.kind === 'conclusion');
    expect(plan).toMatchObject({ status: 'issued', year: 2020, signer: 'Nguyễn Văn Thành' });
    expect(plan.taskCount).toBeGreaterThanOrEqual(7);
    const top = (await vanphong.get(`/api/tasks?planId=${plan.id}&topLevel=true&pageSize=50`)).body;
    expect(top.total).toBe(7);
    const statuses = new Set(top.items.map((i: { status: string }) => i.status));
    for (const s of ['done', 'done_late', 'in_progress']) expect(statuses, s).toContain(s);
    expect(top.items.filter((i: { bucket: string }) => i.bucket === 'overdue')).toHaveLength(1);
    const y2019 = (await vanphong.get('/api/plans?year=2019&kind=annual')).body.items;
    expect(y2019).toHaveLength(1);
    expect(y2019[0]).toMatchObject({ status: 'issued', taskCount: 11 });
  });

  it('gives every demo user tasks to see, and the lead persons their own', async () => {
    for (const u of DEMO_USERS) {
      const s = await t.login(u.username, 'DemoCchc2026');
      const year = t.clock.today().slice(0, 4);
      expect((await s.get(`/api/tasks?year=${year}`)).body.total, u.username).toBeGreaterThan(0);
    }
    for (const name of ['chuyenvien', 'truongphong', 'vanphong', 'lanhdao']) {
      const s = await t.login(name, 'DemoCchc2026');
      expect((await s.get('/api/tasks?scope=mine&bucket=open')).body.total, name).toBeGreaterThan(0);
    }
    const lanhdao = await t.login('lanhdao', 'DemoCchc2026');
    const o = (await lanhdao.get('/api/tasks/overview')).body;
    expect(o.overdue).toBeGreaterThan(0);
    expect(o.overdue).toBe((await lanhdao.get('/api/tasks?bucket=overdue')).body.total);
  });
});
