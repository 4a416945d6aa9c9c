import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, TEST_HASHING, type TestApp } from '../../test/harness';
import { seedDemo } from './demo';
import { DEMO_USERS } from './demo-platform';
import { reportMetrics } from '../modules/reports/report-metrics';

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

  it('projects the 2019 field 7 from the demo dossiers: −3.00 for online services without online dossiers, −0.50 for a postal share below 50 %', async () => {
    const vanphong = await t.login('vanphong', 'DemoCchc2026');
    const item = (await vanphong.get('/api/par/assessments?year=2019')).body.items.find(
      (i: { agencyName: string }) => i.agencyName === 'Sở Khoa học và Công nghệ',
    );
    const res = await vanphong.get(`/api/par/assessments/${item.id}/projection`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const risk = new Map((res.body.atRisk as Array<{ code: string }>).map((r) => [r.code, r]));
    // 14 of the 15 procedures offered level 3/4 online services in 2019; none received an online dossier.
    expect(risk.get('7.1')).toMatchObject({ projectedHundredths: 0, atRiskHundredths: 300, metricValue: { kind: 'rate', numerator: 0, denominator: 14 } });
    // 12 procedures received dossiers, 4 of them by post or returned by post: 33 % < 50 %.
    expect(risk.get('7.2')).toMatchObject({ projectedHundredths: 0, atRiskHundredths: 50, metricValue: { kind: 'rate', numerator: 4, denominator: 12 } });
    expect(res.body.fields.find((f: { code: string }) => f.code === '7').projectedHundredths).toBe(650);
    expect(res.body.metrics['dossiers.online_share']).toMatchObject({ numerator: 0 });
    expect(res.body.metrics['dossiers.late_count']).toEqual({ kind: 'count', value: 2 });
  });

  it('projects the 2019 field 1 at the published 10.25: the 0.75 lost sits on the late Q3 report (1.3), the rest keeps its 6.00', async () => {
    const vanphong = await t.login('vanphong', 'DemoCchc2026');
    const item = (await vanphong.get('/api/par/assessments?year=2019')).body.items.find(
      (i: { agencyName: string }) => i.agencyName === 'Sở Khoa học và Công nghệ',
    );
    const res = await vanphong.get(`/api/par/assessments/${item.id}/projection`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const field = (code: string) => res.body.fields.find((f: { code: string }) => f.code === code).projectedHundredths;
    // Before: the stored spread put the 0.75 on 1.5 (5.25) and the data made 1.3 lose its 1.00 too: 8.25.
    expect(field('1')).toBe(1025);
    expect(field('7')).toBe(650);
    const risk = new Map((res.body.atRisk as Array<{ code: string }>).map((r) => [r.code, r]));
    // The data: the Q3 report three working days late, so "all reports on time" is false; 10 of 11 plan tasks on time.
    expect(res.body.metrics['reports.all_on_time']).toEqual({ kind: 'boolean', value: false });
    expect(res.body.metrics['plans.task_completion_rate']).toMatchObject({ numerator: 10, denominator: 11 });
    expect(risk.get('1.3')).toMatchObject({ source: 'data', projectedHundredths: 25, atRiskHundredths: 75 });
    // The plan rows and the manual rest lose nothing: the published loss is not counted twice.
    for (const code of ['1.1', '1.2', '1.4', '1.5']) expect(risk.has(code), code).toBe(false);
    // The data lose 1.00 on 1.3 where the published field lost 0.75: the 0.25 the published score does not carry is shown.
    expect(res.body.reconciliation).toEqual([{ code: '1', publishedHundredths: 1025, dataLossHundredths: 100, unexplainedHundredths: 25 }]);
    // The projected total equals the recomputed published fields (80.18; the document states 80.08, flagged elsewhere).
    expect(res.body.totalHundredths).toBe(item.computedTotalHundredths);
  });

  it('has the 2019 PAR reports with quarter III sent late, and this year one report late and one due soon', async () => {
    const vanphong = await t.login('vanphong', 'DemoCchc2026');
    const late2019 = (await vanphong.get('/api/reports/instances?year=2019&status=submitted_late')).body.items;
    expect(late2019.map((i: { periodKey: string; dueOn: string; sentOn: string }) => [i.periodKey, i.dueOn, i.sentOn])).toEqual([
      ['2019-Q3', '2019-09-16', '2019-09-19'],
    ]);
    const units = (await t.handle.db.selectFrom('units').select('id').where('name', '=', 'Văn phòng Sở').execute()).map((u) => u.id);
    const m2019 = await reportMetrics.compute(t.handle.db, { unitIds: units, from: '2019-01-01', to: '2019-12-31', today: '2026-03-02' });
    expect(m2019.get('reports.all_on_time')?.input).toEqual({ kind: 'boolean', value: false });
    expect(m2019.get('reports.late_count')?.input).toEqual({ kind: 'count', value: 1 });
    // The test clock is 2 March 2026: January's monthly report is late, February's is due on 4 March.
    const overview = (await vanphong.get('/api/reports/overview')).body;
    expect({ due: overview.due, late: overview.late }).toEqual({ due: 1, late: 1 });
  });

  it('fills the one-stop queues of the current year in every state', async () => {
    const motcua = await t.login('motcua', 'DemoCchc2026');
    const all = (await motcua.get('/api/dossiers?queue=all')).body;
    expect(all.total).toBeGreaterThan(150);
    for (const q of ['to_receive', 'to_process', 'awaiting_supplement', 'overdue']) expect(all.counts[q], q).toBeGreaterThan(0);
    for (const status of ['submitted', 'received', 'processing', 'awaiting_supplement', 'result_ready', 'returned', 'refused']) {
      // Online filings not yet received have no receipt day, so the period filter would hide them.
      const since = status === 'submitted' ? '' : `&from=${t.clock.today().slice(0, 4)}-01-01`;
      const res = await motcua.get(`/api/dossiers?queue=all&status=${status}${since}`);
      expect(res.body.total, status).toBeGreaterThan(0);
    }
    const overdue = (await motcua.get('/api/dossiers?queue=overdue')).body.items[0];
    expect(overdue.code).toMatch(/^000\.00\.12\.H55-\d{6}-\d{4}$/);
    const view = (await motcua.get(`/api/dossiers/${overdue.id}`)).body;
    expect(view.can.issueApology).toBe(true);
    // A specialist of the science division sees its own dossiers.
    const chuyenvien = await t.login('chuyenvien', 'DemoCchc2026');
    expect((await chuyenvien.get('/api/dossiers?queue=to_process')).body.total).toBeGreaterThan(0);
  });

  it('shows the QĐ 766 page with data: computed from the demo dossiers, entered by the office, scored with the Department\u2019s targets', async () => {
    const lanhdao = await t.login('lanhdao', 'DemoCchc2026');
    const agency = (await t.handle.db.selectFrom('units').select('id').where('name', '=', 'Sở Khoa học và Công nghệ').executeTakeFirstOrThrow()).id;
    const res = await lanhdao.get(`/api/indicators/766?unitId=${agency}&from=2026-01-01&to=2026-03-02`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const all = res.body.groups.flatMap((g: { indicators: unknown[] }) => g.indicators) as Array<{
      code: string;
      hasData: boolean;
      denominator: number;
      entries: number | null;
      targetBp: number | null;
    }>;
    const byCode = new Map(all.map((i) => [i.code, i]));
    expect(res.body.set.title).toBe('Chỉ tiêu năm 2026 của Sở');
    expect(byCode.get('2.1')).toMatchObject({ hasData: true, targetBp: 9800 });
    expect(byCode.get('2.1')!.denominator).toBeGreaterThan(20);
    expect(byCode.get('1.4')).toMatchObject({ hasData: true, entries: 2 });
    expect(res.body.total).toBeGreaterThan(20);
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
