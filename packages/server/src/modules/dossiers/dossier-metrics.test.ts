import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { dossierMetrics } from './dossier-metrics';
import { actOk, at, bearerOf, createProcedure, receiveDossier, resultReady } from './dossier.fixtures';

// The PAR dossier metrics on both databases, against counts worked out by hand from the dossiers
// below, and the PAR projection moving when the first online dossier arrives (issue #5).
//
// The agency `dept` (an affiliate of the Department) has divisions A and B; procedures (all 10 working days, in force 2026-01-01):
//   P1 divA  online level full,    counter/post/online   → online-capable
//   P2 divA  online level partial, counter/post/online   → online-capable
//   P3 divB  no online level,      counter/post
//   PX another affiliate (out of scope), full online: its dossiers never count.
// Dossiers (Tết 2026 closes 16–20 February):
//   d1 P1 counter, received Mon 2026-01-05, result ready 2026-01-08 (early), returned at the counter
//   d2 P1 counter, received Tue 2026-01-06 (due 2026-01-20), apology, result ready 2026-01-22 (late), returned by post
//   d3 P2 post,    received 2026-02-25, open
//   d4 P3 counter, received 2026-01-07 (due 2026-01-21), open and overdue
//   d5 P3 counter, received 2026-03-02, open
//   x1, x2 PX online and post (out of scope)

describe.each(engines)('dossier metrics on %s', (engine) => {
  let t: TestApp;
  let staff: Caller;
  let secretary: Caller;
  let deptId: string;
  let rootUnitId: string;
  let scopeUnits: string[];
  const proc = {} as Record<'P1' | 'P2' | 'P3' | 'PX', string>;

  const applicant = { name: 'Trần Văn Bình', phone: '0905000111' };
  async function receive(procedureId: string, channel: string, when: string) {
    t.clock.set(when);
    return (await receiveDossier(staff, { procedureId, channel, applicant })).id;
  }
  async function act(id: string, when: string, body: Record<string, unknown>) {
    t.clock.set(when);
    return actOk(staff, id, body);
  }
  const metrics = (from: string, to: string) => dossierMetrics(t.handle.db, { unitIds: scopeUnits, from, to, today: to });

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.clock.set(at('2026-01-05', '08:00'));
    const { admin: cookieAdmin, rootId } = await t.setup();
    // Tokens, not sessions: the clock moves by weeks.
    const admin = await bearerOf(t, cookieAdmin);
    rootUnitId = rootId;
    const make = factories(t, admin, rootId);
    const dept = await make.unit({ kind: 'affiliate', name: 'Chi cục Tiêu chuẩn Đo lường Chất lượng' });
    deptId = dept.id;
    const divA = await make.unit({ parentId: dept.id, name: 'Phòng A' });
    const divB = await make.unit({ parentId: dept.id, name: 'Phòng B' });
    const other = await make.unit({ kind: 'affiliate', name: 'Trung tâm Ứng dụng' });
    scopeUnits = [dept.id, divA.id, divB.id];
    const staffUser = await make.user({
      grants: [
        { role: 'one_stop_officer', unitId: rootId },
        { role: 'specialist', unitId: rootId },
      ],
    });
    staff = await bearerOf(t, await t.login(staffUser.username));
    const secUser = await make.user({ grants: [{ role: 'par_secretary', unitId: rootId }] });
    secretary = await bearerOf(t, await t.login(secUser.username));

    const create = (unitId: string, processingUnitId: string, over: Record<string, unknown>) =>
      createProcedure(admin, unitId, { processingUnitId, timeLimit: { value: 10, unit: 'working_days' }, steps: [], ...over });
    proc.P1 = await create(dept.id, divA.id, { onlineLevel: 'full' });
    proc.P2 = await create(dept.id, divA.id, { onlineLevel: 'partial' });
    proc.P3 = await create(dept.id, divB.id, { onlineLevel: 'none', channels: ['counter', 'post'] });
    proc.PX = await create(other.id, other.id, { onlineLevel: 'full' });

    const d1 = await receive(proc.P1, 'counter', at('2026-01-05', '09:00'));
    const d2 = await receive(proc.P1, 'counter', at('2026-01-06', '09:00'));
    await receive(proc.P3, 'counter', at('2026-01-07', '09:00'));
    await act(d1, at('2026-01-06', '10:00'), { action: 'startProcessing' });
    await act(d1, at('2026-01-08', '10:00'), resultReady('2026-01-08'));
    await act(d1, at('2026-01-09', '10:00'), { action: 'returnResult', method: 'counter', receivedBy: applicant.name });
    await act(d2, at('2026-01-07', '10:00'), { action: 'startProcessing' });
    await act(d2, at('2026-01-22', '08:00'), { action: 'issueApology', reason: 'Chờ ý kiến phối hợp', newDueDate: '2026-01-28' });
    await act(d2, at('2026-01-22', '10:00'), resultReady('2026-01-22'));
    await act(d2, at('2026-01-23', '10:00'), { action: 'returnResult', method: 'post', receivedBy: 'Bưu điện tỉnh' });
    await receive(proc.PX, 'online', at('2026-01-12', '09:00'));
    await receive(proc.PX, 'post', at('2026-01-12', '10:00'));
    await receive(proc.P2, 'post', at('2026-02-25', '09:00'));
    await receive(proc.P3, 'counter', at('2026-03-02', '09:00'));
  });
  afterAll(() => t.close());

  it('computes every metric of the period by hand-checked counts', async () => {
    const m = Object.fromEntries(await metrics('2026-01-01', '2026-03-02'));
    expect(m).toEqual({
      // P1 and P2 offer online submission; neither received an online dossier.
      'dossiers.online_services_with_online_dossier_rate': { kind: 'rate', numerator: 0, denominator: 2 },
      // P1, P2, P3 received dossiers; P1 returned d2 by post, P2 received d3 by post.
      'dossiers.postal_procedure_share': { kind: 'rate', numerator: 2, denominator: 3 },
      // d1 early, d2 late (the apology's new date does not make it timely).
      'dossiers.on_time_rate': { kind: 'rate', numerator: 1, denominator: 2 },
      // d2 completed late + d4 still open past its due date.
      'dossiers.late_count': { kind: 'count', value: 2 },
      'dossiers.online_share': { kind: 'rate', numerator: 0, denominator: 5 },
      'dossiers.post_share': { kind: 'rate', numerator: 1, denominator: 5 },
    });
  });

  it('limits receipts and completions to the period', async () => {
    const jan = Object.fromEntries(await metrics('2026-01-01', '2026-01-31'));
    expect(jan).toMatchObject({
      'dossiers.postal_procedure_share': { kind: 'rate', numerator: 1, denominator: 2 },
      'dossiers.on_time_rate': { kind: 'rate', numerator: 1, denominator: 2 },
      'dossiers.late_count': { kind: 'count', value: 2 },
      'dossiers.online_share': { kind: 'rate', numerator: 0, denominator: 3 },
      'dossiers.post_share': { kind: 'rate', numerator: 0, denominator: 3 },
    });
    // Nothing was received or finished in 2025; the procedures were not in force yet either.
    const before = Object.fromEntries(await metrics('2025-01-01', '2025-12-31'));
    expect(before).toMatchObject({
      'dossiers.online_services_with_online_dossier_rate': { kind: 'rate', numerator: 0, denominator: 0 },
      'dossiers.postal_procedure_share': { kind: 'rate', numerator: 0, denominator: 0 },
      'dossiers.on_time_rate': { kind: 'rate', numerator: 0, denominator: 0 },
      'dossiers.online_share': { kind: 'rate', numerator: 0, denominator: 0 },
    });
    // A division alone sees its own procedures only.
    const divB = Object.fromEntries(
      await dossierMetrics(t.handle.db, { unitIds: [scopeUnits[2]!], from: '2026-01-01', to: '2026-03-02', today: '2026-03-02' }),
    );
    expect(divB).toMatchObject({
      'dossiers.online_services_with_online_dossier_rate': { kind: 'rate', numerator: 0, denominator: 0 },
      'dossiers.postal_procedure_share': { kind: 'rate', numerator: 0, denominator: 1 },
      'dossiers.late_count': { kind: 'count', value: 1 },
      'dossiers.online_share': { kind: 'rate', numerator: 0, denominator: 2 },
    });
  });

  it('moves the PAR projection of field 7 when the first online dossier arrives', async () => {
    t.clock.set(at('2026-03-02', '10:00'));
    const set = await secretary.post('/api/par/criteria-sets', { ownerUnitId: rootUnitId, year: 2026, title: 'Bộ chỉ số 2026', template: '2019_department' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect((await secretary.post(`/api/par/criteria-sets/${set.body.id}/activate`, { version: set.body.version })).status).toBe(200);
    const a = await secretary.post('/api/par/assessments', { setId: set.body.id, agencyUnitId: deptId });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const projection = async () => {
      const res = await secretary.get(`/api/par/assessments/${a.body.id}/projection`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const risk = new Map((res.body.atRisk as Array<{ code: string }>).map((r) => [r.code, r]));
      return {
        risk,
        total: res.body.totalHundredths as number | null,
        metrics: res.body.metrics,
        field7: res.body.fields.find((f: { code: string }) => f.code === '7').projectedHundredths as number | null,
      };
    };
    const before = await projection();
    expect(before.risk.get('7.1')).toMatchObject({
      projectedHundredths: 0,
      atRiskHundredths: 300,
      metricValue: { kind: 'rate', numerator: 0, denominator: 2 },
    });
    // 2 of 3 procedures with dossiers used the post: 7.2 keeps its 0.50.
    expect(before.risk.has('7.2')).toBe(false);
    expect(before.metrics['dossiers.postal_procedure_share']).toEqual({ kind: 'rate', numerator: 2, denominator: 3 });

    await receive(proc.P2, 'online', at('2026-03-02', '10:30'));
    const after = await projection();
    expect(after.risk.has('7.1')).toBe(false);
    expect(after.metrics['dossiers.online_services_with_online_dossier_rate']).toEqual({ kind: 'rate', numerator: 1, denominator: 2 });
    expect(after.metrics['dossiers.online_share']).toEqual({ kind: 'rate', numerator: 1, denominator: 6 });
    // 7.1 now earns its 3.00; 7.2 keeps 0.50; 7.3 is manual and not scored yet.
    expect(after.field7! - (before.field7 ?? 0)).toBe(300);
  });
});
