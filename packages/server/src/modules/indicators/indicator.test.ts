import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { actOk, at, bearerOf, createProcedure, rateAsCitizen, receiveDossier, resultReady, type Receipt } from '../dossiers/dossier.fixtures';

// QĐ 766 indicators through the API on both databases (issue #11 item 3), against figures worked out by hand.
//
// The agency `dept` (an affiliate of the Department) has divisions A and B; procedures in force 2026-01-01:
//   P1 divA  online full,    counter/post/online, no steps          → online-capable, fully online, incomplete
//   P2 divA  online partial, counter/post/online, no steps          → online-capable, incomplete
//   P3 divB  no online,      counter/post,        no steps          → incomplete
//   P4 dept  online partial, every mandatory part (steps, etc.)     → online-capable, complete; no dossiers
//   PX another affiliate (out of scope).
// Dossiers (10 working days; Tết 2026 closes 16–20 February), period 2026-01-01 … 2026-03-02:
//   d1 P1 counter, received 01-05 09:00, result ready 01-08 10:00 (early, electronic result), returned; rated 2 (unsatisfied)
//   d2 P1 counter, received 01-06 09:00, apology, result ready 01-22 10:00 (late), returned by post; rated 1
//   d3 P2 post,    received 02-25, open
//   d4 P3 counter, received 01-07, open and overdue (due 01-21)
//   d5 P3 counter, received 03-02, open
//   d6 P1 online,  received 02-10, open, not yet due
// So: 2.1 = (6 − d2 − d4) ÷ 6; 2.2 = (73 h + 385 h) ÷ 2; 3.3 = 1 ÷ 6; 4.1 = 1 ÷ 2; 5.4 = (6 − 2 late − d1) ÷ 6;
// 1.3 = 1 ÷ 4 (P4); 3.1 = 1 ÷ 4 (P1); 3.2 = 1 ÷ 3 (P1 of P1, P2, P4).

describe.each(engines)('QĐ 766 indicators on %s', (engine) => {
  let t: TestApp;
  let staff: Caller;
  let secretary: Caller;
  let leader: Caller;
  let outsider: Caller;
  let specialist: Caller;
  let deptId: string;
  let divAId: string;
  let divBId: string;
  const ids: Record<string, string> = {};
  const proc = {} as Record<'P1' | 'P2' | 'P3' | 'P4' | 'PX', string>;
  const applicant = { name: 'Trần Văn Bình', phone: '0905000111' };

  const receipts: Record<string, Receipt> = {};
  async function receive(procedureId: string, channel: string, when: string) {
    t.clock.set(when);
    const receipt = await receiveDossier(staff, { procedureId, channel, applicant });
    receipts[receipt.id] = receipt;
    return receipt.id;
  }
  async function act(id: string, when: string, body: Record<string, unknown>) {
    t.clock.set(when);
    return actOk(staff, id, body);
  }
  const q = (unitId: string, from = '2026-01-01', to = '2026-03-02') => `unitId=${unitId}&from=${from}&to=${to}`;
  const indicator = (body: any, code: string) => body.groups.flatMap((g: any) => g.indicators).find((i: any) => i.code === code);

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.clock.set(at('2026-01-05', '08:00'));
    const { admin: cookieAdmin, rootId } = await t.setup();
    const admin = await bearerOf(t, cookieAdmin);
    const make = factories(t, admin, rootId);
    const dept = await make.unit({ kind: 'affiliate', name: 'Chi cục Tiêu chuẩn Đo lường Chất lượng' });
    deptId = dept.id;
    divAId = (await make.unit({ parentId: dept.id, name: 'Phòng A' })).id;
    divBId = (await make.unit({ parentId: dept.id, name: 'Phòng B' })).id;
    const other = await make.unit({ kind: 'affiliate', name: 'Trung tâm Ứng dụng' });
    const staffUser = await make.user({
      grants: [
        { role: 'one_stop_officer', unitId: rootId },
        { role: 'specialist', unitId: rootId },
      ],
    });
    const staffBearer = await t.bearerHeader(await t.login(staffUser.username));
    staff = t.as(staffBearer);
    secretary = await bearerOf(t, (await make.actor('par_secretary', rootId)).caller);
    leader = await bearerOf(t, (await make.actor('leader', dept.id)).caller);
    outsider = await bearerOf(t, (await make.actor('leader', other.id)).caller);
    specialist = await bearerOf(t, (await make.actor('specialist', dept.id)).caller);

    const create = (unitId: string, processingUnitId: string | null, over: Record<string, unknown>) =>
      createProcedure(admin, unitId, { processingUnitId, timeLimit: { value: 10, unit: 'working_days' }, steps: [], ...over });
    proc.P1 = await create(dept.id, divAId, { onlineLevel: 'full', resultType: 'both' });
    proc.P2 = await create(dept.id, divAId, { onlineLevel: 'partial' });
    proc.P3 = await create(dept.id, divBId, { onlineLevel: 'none', channels: ['counter', 'post'] });
    proc.P4 = await createProcedure(admin, dept.id, { processingUnitId: null, sector: { code: 'TDC', name: 'Tiêu chuẩn đo lường chất lượng' } });
    proc.PX = await create(other.id, other.id, { onlineLevel: 'full' });

    ids.d1 = await receive(proc.P1, 'counter', at('2026-01-05', '09:00'));
    ids.d2 = await receive(proc.P1, 'counter', at('2026-01-06', '09:00'));
    ids.d4 = await receive(proc.P3, 'counter', at('2026-01-07', '09:00'));
    await act(ids.d1, at('2026-01-06', '10:00'), { action: 'startProcessing' });
    // d1's result is issued as an electronic one, with its signed file: the procedure issues electronic results.
    const signed = multipart('ket-qua.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% Kết quả đã ký\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=dossier&ownerId=${ids.d1}`,
      headers: { authorization: staffBearer, 'content-type': signed.contentType },
      payload: signed.body,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId: string = JSON.parse(upload.body).id;
    await act(ids.d1, at('2026-01-08', '10:00'), {
      action: 'markResultReady',
      result: { kind: 'licence', number: '01/GP-TĐC', date: '2026-01-08', signer: 'Nguyễn Văn Bình', fileId, electronic: true },
    });
    await act(ids.d1, at('2026-01-09', '10:00'), { action: 'returnResult', method: 'counter', receivedBy: applicant.name });
    await act(ids.d2, at('2026-01-07', '10:00'), { action: 'startProcessing' });
    await act(ids.d2, at('2026-01-22', '08:00'), { action: 'issueApology', reason: 'Chờ ý kiến phối hợp', newDueDate: '2026-01-28' });
    await act(ids.d2, at('2026-01-22', '10:00'), resultReady('2026-01-22'));
    await act(ids.d2, at('2026-01-23', '10:00'), { action: 'returnResult', method: 'post', receivedBy: 'Bưu điện tỉnh' });
    await receive(proc.PX, 'online', at('2026-01-12', '09:00'));
    await receive(proc.PX, 'post', at('2026-01-12', '10:00'));
    ids.d6 = await receive(proc.P1, 'online', at('2026-02-10', '09:00'));
    ids.d3 = await receive(proc.P2, 'post', at('2026-02-25', '09:00'));
    ids.d5 = await receive(proc.P3, 'counter', at('2026-03-02', '09:00'));

    // Two ratings, given by the applicants with their receipts' PINs.
    t.clock.set(at('2026-01-25', '09:00'));
    await rateAsCitizen(t, receipts[ids.d1]!, { overall: 2 });
    await rateAsCitizen(t, receipts[ids.d2]!, { overall: 1 });
    t.clock.set(at('2026-03-02', '15:00'));
  });
  afterAll(() => t.close());

  it('answers the contract with every computed indicator counted by hand', async () => {
    const res = await leader.get(`/api/indicators/766?${q(deptId)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.max).toBe(100);
    expect(b.groups.map((g: any) => [g.group, g.max])).toEqual([
      [1, 18],
      [2, 20],
      [3, 22],
      [4, 22],
      [5, 18],
    ]);
    for (const g of b.groups)
      for (const i of g.indicators) expect(Object.keys(i)).toEqual(expect.arrayContaining(['code', 'numerator', 'denominator', 'points', 'max']));
    const fig = (code: string) => ({ numerator: indicator(b, code).numerator, denominator: indicator(b, code).denominator });
    expect(fig('2.1')).toEqual({ numerator: 4, denominator: 6 });
    expect(fig('3.3')).toEqual({ numerator: 1, denominator: 6 });
    expect(fig('4.1')).toEqual({ numerator: 1, denominator: 2 });
    expect(fig('5.4')).toEqual({ numerator: 3, denominator: 6 });
    expect(fig('1.3')).toEqual({ numerator: 1, denominator: 4 });
    expect(fig('3.1')).toEqual({ numerator: 1, denominator: 4 });
    expect(fig('3.2')).toEqual({ numerator: 1, denominator: 3 });
    // 2.2: hours from receipt to the end of processing (73 + 385), against the statutory due moments.
    const due = await t.handle.db.selectFrom('dossiers').select(['id', 'statutoryDueAt', 'receivedAt']).where('id', 'in', [ids.d1!, ids.d2!]).execute();
    const reference = Math.round(due.reduce((s, d) => s + (Date.parse(d.statutoryDueAt!) - Date.parse(d.receivedAt!)), 0) / 3_600_000);
    expect(indicator(b, '2.2')).toMatchObject({ numerator: 458, denominator: 2, reference, valueHundredths: 22_900 });
    // Points: 2.1 = 12 × 4/6 = 8.00; 3.3 = 4 × (1/6 ÷ 50 %) = 1.33; 5.4 = 6 × (50 % ÷ 90 %) = 3.33.
    expect(indicator(b, '2.1')).toMatchObject({ points: 8, max: 12, pointsHundredths: 800, source: 'computed', hasData: true });
    expect(indicator(b, '3.3').points).toBe(1.33);
    expect(indicator(b, '5.4').points).toBe(3.33);
    expect(indicator(b, '3.3').drill).toEqual({
      numerator: { queue: 'all', from: '2026-01-01', to: '2026-03-02', channel: 'online' },
      denominator: { queue: 'all', from: '2026-01-01', to: '2026-03-02' },
    });
    // Nothing entered: entered indicators have no data and earn nothing.
    expect(indicator(b, '1.4')).toMatchObject({ source: 'entered', hasData: false, points: 0, entries: 0 });
    const sum = b.groups.reduce((s: number, g: any) => s + g.pointsHundredths, 0);
    expect(b.totalHundredths).toBe(sum);
  });

  it('limits the counts to the period and to the unit asked for', async () => {
    const jan = (await leader.get(`/api/indicators/766?${q(deptId, '2026-01-01', '2026-01-31')}`)).body;
    // Finished d1 (on time) and d2 (late); open at the end of January: d4, overdue.
    expect(indicator(jan, '2.1')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(indicator(jan, '3.3')).toMatchObject({ numerator: 0, denominator: 3 });
    const divB = (await leader.get(`/api/indicators/766?${q(divBId)}`)).body;
    expect(indicator(divB, '2.1')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(indicator(divB, '3.3')).toMatchObject({ numerator: 0, denominator: 2 });
  });

  it('sums entered figures over the period, weighs 3.3 by 1.4 and marks who entered them', async () => {
    const enter = (body: Record<string, unknown>) => secretary.post('/api/indicators/766/entries', body);
    const jan = await enter({ unitId: deptId, code: '1.4', periodFrom: '2026-01-01', periodTo: '2026-01-31', numerator: 90, denominator: 100 });
    expect(jan.status, JSON.stringify(jan.body)).toBe(201);
    expect(jan.body).toMatchObject({ code: '1.4', numerator: 90, enteredByName: expect.any(String), version: 1, can: { update: true } });
    expect((await enter({ unitId: deptId, code: '1.4', periodFrom: '2026-02-01', periodTo: '2026-02-28', numerator: 80, denominator: 100 })).status).toBe(201);
    expect((await enter({ unitId: divAId, code: '4.2', periodFrom: '2026-02-01', periodTo: '2026-02-28', numerator: 10, denominator: 20 })).status).toBe(201);
    // Outside the period: not counted.
    expect((await enter({ unitId: deptId, code: '1.4', periodFrom: '2025-12-01', periodTo: '2025-12-31', numerator: 0, denominator: 100 })).status).toBe(201);

    const b = (await leader.get(`/api/indicators/766?${q(deptId)}`)).body;
    expect(indicator(b, '1.4')).toMatchObject({ numerator: 170, denominator: 200, hasData: true, entries: 2, points: 6.8 });
    expect(indicator(b, '4.2')).toMatchObject({ numerator: 10, denominator: 20, points: 3.75 });
    // 1/6 × 85 % ÷ 50 % × 4 = 1.13
    expect(indicator(b, '3.3')).toMatchObject({ factorBp: 8500, points: 1.13 });

    // One entry per unit, code and period; only entered indicators; numerator ≤ denominator; every field named.
    expect((await enter({ unitId: deptId, code: '1.4', periodFrom: '2026-01-01', periodTo: '2026-01-31', numerator: 1, denominator: 1 })).status).toBe(409);
    const bad = await enter({ unitId: deptId, code: '2.1', periodFrom: '2026-02-01', periodTo: '2026-01-01', numerator: 5, denominator: 4 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['body.periodTo', 'indicators.period_order'],
      ['body.code', 'indicators.not_entered'],
      ['body.numerator', 'indicators.numerator_above_denominator'],
    ]);
    expect((await enter({ unitId: deptId, code: 'x', periodFrom: 'nope', numerator: -1 })).body.errors.length).toBeGreaterThanOrEqual(4);

    // Edit with the version read; a stale one is 409 with the current entry; delete likewise.
    const upd = await secretary.patch(`/api/indicators/766/entries/${jan.body.id}`, {
      version: 1,
      numerator: 95,
      denominator: 100,
      note: 'Số liệu Cổng DVCQG',
    });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body).toMatchObject({ numerator: 95, version: 2, note: 'Số liệu Cổng DVCQG' });
    const stale = await secretary.patch(`/api/indicators/766/entries/${jan.body.id}`, { version: 1, numerator: 1, denominator: 100 });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current.version).toBe(2);
    const list = await leader.get(`/api/indicators/766/entries?${q(deptId)}`);
    expect(list.body.items.map((e: any) => `${e.code} ${e.periodFrom}`)).toEqual(['1.4 2026-02-01', '4.2 2026-02-01', '1.4 2026-01-01']);
    expect(list.body.items[0].can.update).toBe(false); // the leader reads, the office enters
    expect((await secretary.delete(`/api/indicators/766/entries/${jan.body.id}?version=1`)).status).toBe(409);
    expect((await secretary.delete(`/api/indicators/766/entries/${jan.body.id}?version=2`)).status).toBe(204);
    // Audited, with who did it.
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('entity', '=', 'indicator_entry')
      .where('entityId', '=', jan.body.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('applies a unit\u2019s own set: targets and thresholds', async () => {
    const res = await secretary.post('/api/indicators/766/sets', {
      ownerUnitId: deptId,
      title: 'Chỉ tiêu 2026',
      effectiveFrom: '2026-01-01',
      overrides: [
        { code: '2.1', targetBp: 9800 },
        { code: '5.4', fullAtBp: 5000 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = (await leader.get(`/api/indicators/766?${q(deptId)}`)).body;
    expect(b.set.title).toBe('Chỉ tiêu 2026');
    expect(indicator(b, '2.1')).toMatchObject({ targetBp: 9800, meetsTarget: false });
    expect(indicator(b, '5.4')).toMatchObject({ fullAtBp: 5000, points: 6 });
    // Before it takes effect, and for another agency, the national set applies.
    expect((await leader.get(`/api/indicators/766?${q(deptId, '2025-01-01', '2025-12-31')}`)).body.set.key).toBe('qd766-2022');
    const bad = await secretary.post('/api/indicators/766/sets', {
      ownerUnitId: deptId,
      title: 'Sai',
      effectiveFrom: '2026-01-01',
      overrides: [{ code: '5.9', maxHundredths: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'body.overrides.0.code', code: 'indicators.unknown_code' }]);
    expect((await leader.post('/api/indicators/766/sets', { ownerUnitId: deptId, title: 'X', effectiveFrom: '2026-01-01', overrides: [] })).status).toBe(403);
    const sets = (await leader.get('/api/indicators/766/sets')).body.items.map((s: any) => s.title);
    expect(sets).toEqual(expect.arrayContaining(['Chỉ tiêu 2026', 'QĐ 766/QĐ-TTg (23/6/2022)']));
  });

  it('gives the trend by month and the breakdowns with their drill-down', async () => {
    const trend = await leader.get(`/api/indicators/766/trend?${q(deptId)}`);
    expect(trend.status, JSON.stringify(trend.body)).toBe(200);
    expect(trend.body.months.map((m: any) => [m.month, m.values['3.3'] ?? null])).toEqual([
      ['2026-01', 0],
      ['2026-02', 5000], // d6 online, d3 post
      ['2026-03', 0],
    ]);
    const byUnit = (await leader.get(`/api/indicators/766/breakdown?${q(deptId)}&by=unit`)).body;
    const line = (name: string) => byUnit.lines.find((l: any) => l.name === name).indicators.find((i: any) => i.code === '2.1');
    expect(line('Phòng A')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(line('Phòng B')).toMatchObject({ numerator: 1, denominator: 2 });
    const byProcedure = (await leader.get(`/api/indicators/766/breakdown?${q(deptId)}&by=procedure`)).body;
    expect(byProcedure.lines).toHaveLength(3);
    expect(byProcedure.lines.map((l: any) => l.drill.procedureId).sort()).toEqual([proc.P1, proc.P2, proc.P3].sort());
    const bySector = (await leader.get(`/api/indicators/766/breakdown?${q(deptId)}&by=sector`)).body;
    expect(bySector.lines.map((l: any) => [l.name, l.indicators.find((i: any) => i.code === '3.3').denominator])).toEqual([
      ['Hoạt động khoa học và công nghệ', 6],
    ]);
    // The drill-down of 3.3 lists exactly its numerator.
    const online = await leader.get('/api/dossiers?queue=all&from=2026-01-01&to=2026-03-02&channel=online');
    expect(online.body.total).toBe(1);
  });

  it('exports the national report layout as a workbook that opens', async () => {
    const res = await leader.get(`/api/indicators/766/export?${q(deptId)}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Chỉ số 766')!;
    expect(String(ws.getCell(1, 1).value)).toContain('CHẤT LƯỢNG PHỤC VỤ');
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const r21 = rows.find((r) => r[1] === '2.1')!;
    expect([r21[4], r21[5], r21[6], r21[8]]).toEqual([12, 4, 6, 8]);
    expect(rows.some((r) => r[2] === 'Tổng điểm')).toBe(true);
    expect(wb.getWorksheet('Theo đơn vị')!.rowCount).toBeGreaterThan(1);
  });

  it('scopes by unit and role, and validates the period', async () => {
    expect((await outsider.get(`/api/indicators/766?${q(deptId)}`)).status).toBe(404);
    expect((await specialist.get(`/api/indicators/766?${q(deptId)}`)).status).toBe(403);
    const bad = await leader.get(`/api/indicators/766?unitId=${deptId}&from=2026-03-02&to=2026-01-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.code)).toContain('indicators.period_order');
    expect((await leader.get(`/api/indicators/766?unitId=${deptId}`)).status).toBe(400);
    expect(
      (
        await outsider.post('/api/indicators/766/entries', {
          unitId: deptId,
          code: '1.4',
          periodFrom: '2026-01-01',
          periodTo: '2026-01-31',
          numerator: 1,
          denominator: 1,
        })
      ).status,
    ).toBe(404);
  });

  it('publishes the indicators into the PAR metric catalogue', async () => {
    const res = await secretary.get('/api/par/metrics');
    expect(res.status).toBe(200);
    const keys = (res.body.items ?? res.body).map((m: any) => m.key);
    expect(keys).toEqual(expect.arrayContaining(['indicators.qd766_2_1', 'indicators.qd766_3_3', 'indicators.qd766_1_4']));
    expect(keys).not.toContain('indicators.qd766_2_2');
  });
});
