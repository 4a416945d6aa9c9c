import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { actOk, at, bearerOf, createProcedure, receiveDossier, resultReady, tokenActors } from '../dossiers/dossier.fixtures';

// The leader's overview (issue #10 item 5, docs/overview.md) on both databases: every dossier tile is
// the total of the list it opens, for the same user, and the per-unit rows add up to it.

describe.each(engines)('overview on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let desk: Caller;
  let leader: Caller;
  let head: Caller;
  let appraiser: Caller;
  let divId: string;
  let otherId: string;
  let rootId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    divId = (await make.unit({ name: 'Phòng Quản lý khoa học' })).id;
    otherId = (await make.unit({ name: 'Phòng Quản lý công nghệ' })).id;
    const bearer = tokenActors(t, make);
    desk = await bearer('one_stop_officer');
    leader = await bearer('leader');
    head = await bearer('unit_head', divId);
    appraiser = await bearer('appraiser');
    admin = await bearerOf(t, admin, 'admin');
    const applicant = { name: 'Trần Thị Bình', phone: '0905123456', email: '', idNumber: '049123456789', address: 'Quảng Ngãi' };
    const oneDay = (unitId: string) => createProcedure(admin, rootId, { processingUnitId: unitId, timeLimit: { value: 1, unit: 'working_days' }, steps: [] });
    const fiveDays = (unitId: string) => createProcedure(admin, rootId, { processingUnitId: unitId, timeLimit: { value: 5, unit: 'working_days' }, steps: [] });
    const [p1div, p1other, p5div] = await Promise.all([oneDay(divId), oneDay(otherId), fiveDays(divId)]);
    // Monday 2 March 2026: one-day dossiers fall due on Tuesday 3 March, five-day ones on Monday 9 March.
    t.clock.set(at('2026-03-02', '09:00'));
    const receive = (procedureId: string) => receiveDossier(desk, { procedureId, channel: 'counter', applicant });
    const early = await receive(p1div);
    for (const p of [p1div, p1div, p1other, p5div, p5div]) await receive(p);
    // One finished in March on time: the month chart counts it.
    await actOk(head, early.id, { action: 'startProcessing' });
    await actOk(head, early.id, resultReady('2026-03-02'));
    t.clock.set(at('2026-03-04', '09:00'));
  });
  afterAll(() => t.close());

  const total = async (who: Caller, queue: string) => {
    const res = await who.get(`/api/dossiers?queue=${queue}&pageSize=10`);
    expect(res.status).toBe(200);
    return res.body.total as number;
  };

  it('shows the same dossier figures as the lists the tiles open, for each user (API contract)', async () => {
    for (const who of [leader, head, desk]) {
      const res = await who.get('/api/overview');
      expect(res.status).toBe(200);
      const d = res.body.dossiers;
      expect(d.overdue).toBe(await total(who, 'overdue'));
      expect(d.open).toBe(await total(who, 'open'));
      expect(d.dueToday).toBe(await total(who, 'due_today'));
      expect(d.almostDue).toBe(await total(who, 'almost_due'));
      for (const key of ['open', 'overdue', 'dueToday', 'almostDue'] as const) {
        expect(d.byUnit.reduce((s: number, u: Record<string, number>) => s + u[key]!, 0)).toBe(d[key]);
      }
    }
    const leaderView = (await leader.get('/api/overview')).body;
    // Received 2 March: the other four one-day dossiers were due 3 March, so overdue on the 4th; the five-day ones are open.
    expect(leaderView.dossiers).toMatchObject({ open: 6, overdue: 3, dueToday: 0 });
    expect(leaderView.dossiers.byUnit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitName: 'Phòng Quản lý khoa học', overdue: 2, open: 5 }),
        expect.objectContaining({ unitName: 'Phòng Quản lý công nghệ', overdue: 1, open: 1 }),
      ]),
    );
    // The division head sees his division only.
    expect((await head.get('/api/overview')).body.dossiers).toMatchObject({ open: 5, overdue: 2 });
  });

  it('charts the on-time rate of each month of this year', async () => {
    const months = (await leader.get('/api/overview')).body.dossiers.onTimeByMonth;
    expect(months).toHaveLength(12);
    expect(months[2]).toEqual({ month: 3, completed: 1, onTime: 1 });
    expect(months.filter((m: { completed: number }) => m.completed > 0)).toHaveLength(1);
  });

  it('moves the tiles with the clock: due today, then overdue', async () => {
    t.clock.set(at('2026-03-09', '09:00'));
    const d = (await leader.get('/api/overview')).body.dossiers;
    expect(d).toMatchObject({ dueToday: 2, overdue: 3 });
    expect(d.dueToday).toBe(await total(leader, 'due_today'));
    t.clock.set(at('2026-03-10', '09:00'));
    expect((await leader.get('/api/overview')).body.dossiers).toMatchObject({ dueToday: 0, overdue: 5 });
  });

  it('follows a write at once: the cached task tiles never lag behind the list they open', async () => {
    t.clock.set(at('2026-03-10', '09:00'));
    const overdueTasks = async () => {
      const o = (await leader.get('/api/overview')).body.tasks;
      const list = await leader.get('/api/tasks?scope=all&bucket=overdue&pageSize=5');
      expect(o.overdue).toBe(list.body.total);
      return o.overdue as number;
    };
    const before = await overdueTasks();
    expect(await overdueTasks()).toBe(before); // served from the cache: nothing was written
    const plan = await leader.post('/api/plans', {
      unitId: rootId,
      year: 2026,
      kind: 'annual',
      title: 'Kế hoạch cải cách hành chính năm 2026',
      documentNumber: '12/KH-SKHCN',
      documentDate: '2026-01-10',
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect((await leader.post(`/api/plans/${plan.body.id}/issue`, { version: plan.body.version, issuedOn: '2026-01-12' })).status).toBe(200);
    const task = await leader.post('/api/tasks', { planId: plan.body.id, title: 'Rà soát thủ tục', unitId: divId, dueOn: '2026-03-02' });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect(await overdueTasks()).toBe(before + 1);
    const moved = await leader.patch(`/api/tasks/${task.body.id}`, { version: task.body.version, dueOn: '2026-12-31' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await overdueTasks()).toBe(before);
    // The day is part of the key: on 1 January 2027 the same task is overdue without any write.
    t.clock.set(at('2027-01-04', '09:00'));
    expect(await overdueTasks()).toBe(before + 1);
    t.clock.set(at('2026-03-10', '09:00'));
  });

  it('leaves out a section the user may not read', async () => {
    const res = await appraiser.get('/api/overview');
    expect(res.status).toBe(200);
    expect(res.body.dossiers).toBeNull();
    expect((await t.anon.get('/api/overview')).status).toBe(401);
  });
});
