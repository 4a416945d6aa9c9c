import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, TEST_HASHING, USER_PASSWORD, type Caller, type TestApp } from '../../../test/harness';
import { buildApp, type App } from '../../app';
import { seedDemo } from '../../demo/demo';
import { dossierMetricProvider } from '../dossiers/dossier-metric-definitions';

const DEMO_PASSWORD = 'DemoCchc2026';

/** A caller on another app over the same database (same sessions). */
function callerOn(app: App, cookie: string): Caller {
  const send = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => {
    const res = await app.app.inject({ method, url, headers: { cookie }, ...(body !== undefined ? { payload: body as object } : {}) });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: type.includes('json') && res.body ? JSON.parse(res.body) : undefined, headers: res.headers, raw: res.rawPayload };
  };
  return {
    get: (u) => send('GET', u),
    post: (u, b) => send('POST', u, b ?? {}),
    patch: (u, b) => send('PATCH', u, b ?? {}),
    put: (u, b) => send('PUT', u, b ?? {}),
    delete: (u) => send('DELETE', u),
  };
}

/** Field 7 of the 2019 template: no online dossier for any level-3/4 service, postal share 30 %. */
const fakeDossierMetrics = dossierMetricProvider(
  async () =>
    new Map([
      ['dossiers.online_services_with_online_dossier_rate', { kind: 'rate', numerator: 0, denominator: 4 }],
      ['dossiers.postal_procedure_share', { kind: 'share', basisPoints: 3_000 }],
    ] as const),
);

describe.each(engines)('PAR index on %s', (engine) => {
  let t: TestApp;
  let admin: Caller & { cookie: string };
  let vanphong: Caller & { cookie: string };
  let thamdinh: Caller;
  let motcua: Caller;
  let sonvSecretary: Caller;
  let provinceSecretary: Caller;
  const unit = new Map<string, string>();
  let n = 0;

  const id2026 = async () =>
    ((await vanphong.get('/api/par/assessments?year=2026')).body.items as { id: string; agencyName: string }[]).find(
      (i) => i.agencyName === 'Sở Khoa học và Công nghệ',
    )!.id;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemo(t.handle, { password: DEMO_PASSWORD, clock: t.clock, hashing: TEST_HASHING });
    admin = await t.login('admin', DEMO_PASSWORD);
    vanphong = await t.login('vanphong', DEMO_PASSWORD);
    thamdinh = await t.login('thamdinh', DEMO_PASSWORD);
    motcua = await t.login('motcua', DEMO_PASSWORD);
    for (const u of (await admin.get('/api/units')).body.items as { id: string; name: string }[]) unit.set(u.name, u.id);
    const user = async (role: string, unitName: string) => {
      const username = `par${engine}${++n}`;
      const res = await admin.post('/api/users', {
        username,
        fullName: `Người dùng ${n}`,
        unitId: unit.get(unitName)!,
        password: USER_PASSWORD,
        grants: [{ role, unitId: unit.get(unitName)! }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await t.passwordChanged(res.body.id);
      return t.login(username);
    };
    sonvSecretary = await user('par_secretary', 'Sở Nội vụ');
    provinceSecretary = await user('par_secretary', 'Ủy ban nhân dân tỉnh Quảng Ngãi');
  });
  afterAll(() => t.close());

  it('lists the 2019 published result of the demo Department: computed 80.18 against reported 80.08', async () => {
    for (const c of [vanphong, provinceSecretary]) {
      const res = await c.get('/api/par/assessments?year=2019');
      expect(res.status).toBe(200);
      const item = res.body.items.find((i: { agencyName: string }) => i.agencyName === 'Sở Khoa học và Công nghệ');
      expect(item).toMatchObject({
        year: 2019,
        status: 'published',
        computedTotalHundredths: 8018,
        reportedTotalHundredths: 8008,
        totalsDiffer: true,
        maxHundredths: 10_000,
        percentBasisPoints: 8018,
        rank: 7,
        band: 'B',
      });
      const card = (await c.get(`/api/par/assessments/${item.id}`)).body;
      expect(card.publishedCheck).toMatchObject({ computedTotalHundredths: 8018, reportedTotalHundredths: 8008, differs: true, differenceHundredths: -10 });
      expect(card.lines.find((l: { code: string }) => l.code === '7').layers.final.points).toBe(650);
    }
  });

  it('keeps another department out: 404 before publication, published results readable; wrong role 403', async () => {
    const id = await id2026();
    expect((await sonvSecretary.get('/api/par/assessments?year=2026')).body.items).toEqual([]);
    expect((await sonvSecretary.get(`/api/par/assessments/${id}`)).status).toBe(404);
    expect((await sonvSecretary.get(`/api/par/assessments/${id}/projection`)).status).toBe(404);
    expect((await sonvSecretary.get(`/api/par/assessments/${id}/evidence`)).status).toBe(404);
    const card = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    const field1 = card.lines.find((l: { code: string }) => l.code === '1.5');
    expect((await sonvSecretary.put(`/api/par/assessments/${id}/scores/${field1.nodeId}`, { version: field1.score.version, selfHundredths: 1 })).status).toBe(
      404,
    );
    expect((await thamdinh.put(`/api/par/assessments/${id}/scores/${field1.nodeId}`, { version: field1.score.version, selfHundredths: 1 })).status).toBe(403);
    expect((await motcua.get('/api/par/assessments')).status).toBe(403);
    const published = (await sonvSecretary.get('/api/par/assessments?year=2019')).body.items;
    expect(published.map((i: { agencyName: string }) => i.agencyName)).toEqual(['Sở Khoa học và Công nghệ']);
  });

  it('runs the whole cycle: template set → assessment → self scores with evidence → submit → appraisal → final → published', async () => {
    const province = unit.get('Ủy ban nhân dân tỉnh Quảng Ngãi')!;
    const sokhcn = unit.get('Sở Khoa học và Công nghệ')!;
    const set = await provinceSecretary.post('/api/par/criteria-sets', {
      ownerUnitId: province,
      year: 2027,
      title: 'Bộ chỉ số 2027',
      template: '2019_department',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    expect(set.body.nodes).toHaveLength(16);
    // The Department cannot create sets for the province, nor start an assessment on a draft set.
    expect((await vanphong.post('/api/par/criteria-sets', { ownerUnitId: province, year: 2027, title: 'x' })).status).toBe(404);
    expect((await vanphong.post('/api/par/assessments', { setId: set.body.id, agencyUnitId: sokhcn })).status).toBe(409);
    expect((await provinceSecretary.post(`/api/par/criteria-sets/${set.body.id}/activate`, { version: set.body.version })).status).toBe(200);

    const created = await vanphong.post('/api/par/assessments', { setId: set.body.id, agencyUnitId: sokhcn });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const lines = created.body.lines as { nodeId: string; code: string; isScored: boolean; notSelfScored: boolean; maxHundredths: number }[];
    const self = lines.filter((l) => l.isScored && !l.notSelfScored);
    expect(self.map((l) => l.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2', '3', '4', '5', '6', '7.1', '7.2', '7.3']);
    const row = (code: string) => self.find((l) => l.code === code)!;

    // Incomplete submission names every missing row.
    const early = await vanphong.post(`/api/par/assessments/${id}/submit`, { version: 1 });
    expect(early.status).toBe(400);
    expect(early.body.code).toBe('par.submit_incomplete');
    expect(early.body.errors).toHaveLength(13);
    expect(early.body.errors[0]).toEqual({ path: 'scores.1.1', code: 'par.score_missing' });

    const ev = await vanphong.post(`/api/par/assessments/${id}/evidence`, {
      numberSymbol: '01/BC-SKHCN',
      issuedOn: '2027-01-10',
      issuer: 'Sở KH&CN',
      title: 'Báo cáo CCHC năm 2027',
      criterionIds: [row('1.5').nodeId],
    });
    expect(ev.status, JSON.stringify(ev.body)).toBe(201);
    for (const l of self) {
      const body = { version: 0, selfHundredths: l.maxHundredths, ...(l.code === '1.5' ? {} : { selfNote: 'Đã thực hiện đầy đủ' }) };
      const res = await vanphong.put(`/api/par/assessments/${id}/scores/${l.nodeId}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const lanhdao = await t.login('lanhdao', DEMO_PASSWORD);
    expect((await lanhdao.put(`/api/par/assessments/${id}/scores/${row('2').nodeId}`, { version: 1, selfHundredths: 700 })).status).toBe(200);
    let card = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    expect(card.total.layers.self.points).toBe(6_300);
    const field1 = lines.find((l) => l.code === '1')!;
    expect(card.completeness.find((c: { code: string }) => c.code === '1')).toEqual({ nodeId: field1.nodeId, code: '1', required: 5, withEvidence: 1 });

    const submitted = await vanphong.post(`/api/par/assessments/${id}/submit`, { version: card.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    // Self scores are locked; the appraiser may not change them.
    expect((await vanphong.put(`/api/par/assessments/${id}/scores/${row('1.5').nodeId}`, { version: 1, selfHundredths: 100 })).status).toBe(409);
    expect((await thamdinh.put(`/api/par/assessments/${id}/scores/${row('1.5').nodeId}`, { version: 1, selfHundredths: 100 })).status).toBe(403);
    const appraised = await thamdinh.put(`/api/par/assessments/${id}/appraisals/${row('1.5').nodeId}`, {
      version: 1,
      appraisedHundredths: 500,
      appraiserComment: 'Thiếu sáng kiến',
    });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(200);
    expect(appraised.body).toMatchObject({ selfHundredths: 600, appraisedHundredths: 500, version: 2 });
    const survey = lines.find((l) => l.code === '8')!;
    expect((await thamdinh.put(`/api/par/assessments/${id}/appraisals/${survey.nodeId}`, { version: 0, appraisedHundredths: 3_000 })).status).toBe(200);

    card = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    expect(card.status).toBe('appraising');
    expect((await vanphong.post(`/api/par/assessments/${id}/finalize`, { version: card.version })).status).toBe(403);
    const final = await provinceSecretary.post(`/api/par/assessments/${id}/finalize`, { version: card.version });
    expect(final.status, JSON.stringify(final.body)).toBe(200);
    expect(final.body.total.layers.final.points).toBe(6_300 - 100 + 3_000);
    const published = await provinceSecretary.post(`/api/par/assessments/${id}/publish`, { version: final.body.version, reportedRank: 3, rankGroupSize: 25 });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      reportedTotalHundredths: 9_200,
      computedTotalHundredths: 9_200,
      totalsDiffer: false,
      band: 'A',
    });

    // Every score change is in the audit log with before and after.
    const audit = (await admin.get('/api/audit?entity=par_score')).body;
    expect(JSON.stringify(audit)).toContain('par_score');
    // Exports.
    const xlsx = await vanphong.get(`/api/par/assessments/${id}/export?what=scorecard`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(4).value).toBe('Điểm tự đánh giá');
    const docx = await vanphong.get(`/api/par/assessments/${id}/export?what=report`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
    expect((await vanphong.get(`/api/par/assessments/${id}/export?what=evidence`)).status).toBe(200);
    const history = (await vanphong.get(`/api/par/agencies/${sokhcn}/history`)).body.items;
    expect(history.map((h: { year: number }) => h.year)).toEqual([2019, 2026, 2027]);
  });

  it('attaches a file to an evidence record; the download follows the assessment scope', async () => {
    const id = await id2026();
    const list = (await vanphong.get(`/api/par/assessments/${id}/evidence`)).body.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ numberSymbol: '12/KH-SKHCN', criterionIds: expect.any(Array) });
    const card = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    const field2 = card.lines.find((l: { code: string }) => l.code === '2');
    const ev = (
      await vanphong.post(`/api/par/assessments/${id}/evidence`, {
        numberSymbol: '05/QĐ-SKHCN',
        title: 'Quyết định ban hành kế hoạch',
        criterionIds: [field2.nodeId],
      })
    ).body;
    const boundary = '----par-boundary';
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="qd.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=par_evidence&ownerId=${ev.id}`,
      headers: { cookie: vanphong.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const attachmentId = JSON.parse(up.body).id as string;
    const patched = await vanphong.patch(`/api/par/evidence/${ev.id}`, { version: ev.version, attachmentId });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ attachmentId, version: 2, criterionIds: [field2.nodeId] });
    expect((await vanphong.patch(`/api/par/evidence/${ev.id}`, { version: 1, title: 'x' })).status).toBe(409);
    expect((await vanphong.get(`/api/files/${attachmentId}`)).status).toBe(200);
    expect((await sonvSecretary.get(`/api/files/${attachmentId}`)).status).toBe(404);
    expect((await sonvSecretary.patch(`/api/par/evidence/${ev.id}`, { version: 2, title: 'x' })).status).toBe(404);
    const unlinked = await vanphong.delete(`/api/par/evidence/${ev.id}/links/${field2.nodeId}`);
    expect(unlinked.body.criterionIds).toEqual([]);
    expect((await vanphong.post(`/api/par/evidence/${ev.id}/links`, { criterionId: field2.nodeId })).body.criterionIds).toEqual([field2.nodeId]);
  });

  it('answers 400 naming the field, and 409 for a stale version', async () => {
    const id = await id2026();
    const card = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    const field4 = card.lines.find((l: { code: string }) => l.code === '4');
    const tooHigh = await vanphong.put(`/api/par/assessments/${id}/scores/${field4.nodeId}`, { version: 0, selfHundredths: 900 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.errors).toEqual([{ path: 'body.selfHundredths', code: 'par.score_out_of_range' }]);
    expect((await vanphong.put(`/api/par/assessments/${id}/scores/${field4.nodeId}`, { version: 0, selfHundredths: 700 })).status).toBe(200);
    const stale = await vanphong.put(`/api/par/assessments/${id}/scores/${field4.nodeId}`, { version: 0, selfHundredths: 750 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict.stale_version');

    const province = unit.get('Ủy ban nhân dân tỉnh Quảng Ngãi')!;
    const set = (await provinceSecretary.post('/api/par/criteria-sets', { ownerUnitId: province, year: 2030, title: 'Nháp', template: '2021_fields' })).body;
    const bad = await provinceSecretary.post(`/api/par/criteria-sets/${set.id}/nodes`, {
      version: set.version,
      parentId: null,
      code: '3',
      title: 'Trùng mã',
      level: 'field',
      maxHundredths: 100,
      rule: { kind: 'manual' },
      evidenceRequired: true,
      order: 9,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual({ path: 'nodes.3', code: 'criteria.duplicate_code' });
    const exported = (await provinceSecretary.get(`/api/par/criteria-sets/${set.id}/export`)).body;
    const broken = { ...exported, nodes: exported.nodes.map((x: object, i: number) => (i === 1 ? { ...x, level: 'nope' } : x)) };
    const imp = await provinceSecretary.post('/api/par/criteria-sets/import', { ownerUnitId: province, title: 'Nhập', set: broken });
    expect(imp.status).toBe(400);
    expect(imp.body.errors[0]).toMatchObject({ path: 'set.nodes.1.level', row: 2 });
    expect((await provinceSecretary.post('/api/par/criteria-sets/import', { ownerUnitId: province, title: 'Nhập', set: exported })).status).toBe(201);
  });

  it('projects field 7 from the metrics: no online dossiers loses 3.00, postal share under 50 % loses 0.50', async () => {
    const id = await id2026();
    const withMetrics = await buildApp(t.config, {
      handle: t.handle,
      clock: t.clock,
      hashing: TEST_HASHING,
      logger: false,
      metricProviders: [fakeDossierMetrics],
    });
    try {
      const res = await callerOn(withMetrics, vanphong.cookie).get(`/api/par/assessments/${id}/projection?asOf=2026-03-01`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const risk = new Map(res.body.atRisk.map((r: { code: string }) => [r.code, r]));
      expect(risk.get('7.1')).toMatchObject({
        atRiskHundredths: 300,
        projectedHundredths: 0,
        metricValue: { kind: 'rate', numerator: 0, denominator: 4 },
        recoveryHint: { kind: 'rate_at_least', basisPoints: 0, inclusive: false },
      });
      expect(risk.get('7.2')).toMatchObject({
        responsibleUnitId: unit.get('Văn phòng Sở'),
        atRiskHundredths: 50,
        recoveryHint: { kind: 'rate_at_least', basisPoints: 5_000, inclusive: true },
      });
      expect(res.body.fields.find((f: { code: string }) => f.code === '7').projectedHundredths).toBe(650);
      expect(res.body.atRisk[0].code).toBe('7.1');
    } finally {
      await withMetrics.app.close();
    }
  });

  it('answers what-if without saving anything', async () => {
    const id = await id2026();
    const before = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    const res = await vanphong.post(`/api/par/assessments/${id}/what-if`, {
      metrics: {
        'dossiers.online_services_with_online_dossier_rate': { kind: 'rate', numerator: 2, denominator: 4 },
        'dossiers.postal_procedure_share': { kind: 'share', basisPoints: 3_000 },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const codes = res.body.atRisk.map((r: { code: string }) => r.code);
    expect(codes).toContain('7.2');
    expect(codes).not.toContain('7.1');
    expect(res.body.fields.find((f: { code: string }) => f.code === '7').projectedHundredths).toBe(950);
    expect((await vanphong.get(`/api/par/assessments/${id}`)).body.version).toBe(before.version);
    expect((await vanphong.post(`/api/par/assessments/${id}/what-if`, { metrics: { x: { kind: 'share', basisPoints: 20_000 } } })).status).toBe(400);
  });

  it('ranks results with ties sharing a rank', async () => {
    const province = unit.get('Ủy ban nhân dân tỉnh Quảng Ngãi')!;
    const set2019 = ((await admin.get('/api/par/criteria-sets')).body.items as { id: string; year: number }[]).find((s) => s.year === 2019)!;
    const scores = [
      ['1', '11.00'],
      ['2', '8.00'],
      ['3', '10.00'],
      ['4', '8.00'],
      ['5', '8.00'],
      ['6', '9.00'],
      ['7', '10.00'],
      ['8', '26.00'],
    ];
    for (const name of ['Sở Tài chính', 'Sở Xây dựng']) {
      const u = await admin.post('/api/units', { parentId: province, kind: 'department', name });
      const res = await admin.post('/api/par/published-results', {
        setId: set2019.id,
        agencyUnitId: u.body.id,
        fields: scores.map(([code, score]) => ({ code, score })),
        reportedTotal: '90.00',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ computedTotalHundredths: 9_000, totalsDiffer: false, band: 'A' });
    }
    const bad = await admin.post('/api/par/published-results', {
      setId: set2019.id,
      agencyUnitId: province,
      fields: [
        { code: '9', score: '1' },
        { code: '1', score: '8,5' },
      ],
      reportedTotal: '80.08',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'body.fields.0.code', code: 'par.unknown_field' },
      { path: 'body.fields.1.score', code: 'par.figure_invalid' },
    ]);
    const ranking = (await provinceSecretary.get('/api/par/rankings?year=2019')).body.items;
    expect(
      ranking
        .map((r: { agencyName: string; rank: number }) => [r.agencyName, r.rank])
        .sort((x: [string, number], y: [string, number]) => x[1] - y[1] || x[0].localeCompare(y[0])),
    ).toEqual([
      ['Sở Tài chính', 1],
      ['Sở Xây dựng', 1],
      ['Sở Khoa học và Công nghệ', 3],
    ]);
  });
});
