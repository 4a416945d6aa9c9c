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

  describe('the assessment cycle, one state per fixture', () => {
    interface Line {
      nodeId: string;
      code: string;
      isScored: boolean;
      notSelfScored: boolean;
      maxHundredths: number;
    }
    interface Assessment {
      id: string;
      year: number;
      /** The rows the Department scores itself (the survey field 8 is the appraiser's). */
      self: Line[];
      row: (code: string) => Line;
      version: number;
    }
    const province = () => unit.get('Ủy ban nhân dân tỉnh Quảng Ngãi')!;
    const sokhcn = () => unit.get('Sở Khoa học và Công nghệ')!;
    // One assessment per agency and year: every fixture takes a year no other test uses.
    let nextYear = 2031;
    const cycleYears: number[] = [];

    const draftSet = async () => {
      const year = nextYear++;
      const set = await provinceSecretary.post('/api/par/criteria-sets', {
        ownerUnitId: province(),
        year,
        title: `Bộ chỉ số ${year}`,
        template: '2019_department',
      });
      expect(set.status, JSON.stringify(set.body)).toBe(201);
      return set.body as { id: string; version: number; year: number; nodes: unknown[] };
    };
    const activeSet = async () => {
      const set = await draftSet();
      const res = await provinceSecretary.post(`/api/par/criteria-sets/${set.id}/activate`, { version: set.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return set;
    };
    /** The Department's assessment on a fresh active set, nothing scored (self_assessing). */
    const started = async (): Promise<Assessment> => {
      const set = await activeSet();
      const created = await vanphong.post('/api/par/assessments', { setId: set.id, agencyUnitId: sokhcn() });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      cycleYears.push(set.year);
      const lines = created.body.lines as Line[];
      const row = (code: string) => lines.find((l) => l.code === code)!;
      return { id: created.body.id, year: set.year, self: lines.filter((l) => l.isScored && !l.notSelfScored), row, version: created.body.version };
    };
    /** The fixture with the assessment's version as it is now. */
    const current = async (a: Assessment): Promise<Assessment> => ({ ...a, version: (await vanphong.get(`/api/par/assessments/${a.id}`)).body.version });
    /** Every self-scored row at its maximum: row 1.5 backed by an evidence record, the others by a note. */
    const selfScored = async (): Promise<Assessment> => {
      const a = await started();
      const ev = await vanphong.post(`/api/par/assessments/${a.id}/evidence`, {
        numberSymbol: '01/BC-SKHCN',
        issuedOn: '2027-01-10',
        issuer: 'Sở KH&CN',
        title: 'Báo cáo CCHC năm 2027',
        criterionIds: [a.row('1.5').nodeId],
      });
      expect(ev.status, JSON.stringify(ev.body)).toBe(201);
      for (const l of a.self) {
        const body = { version: 0, selfHundredths: l.maxHundredths, ...(l.code === '1.5' ? {} : { selfNote: 'Đã thực hiện đầy đủ' }) };
        const res = await vanphong.put(`/api/par/assessments/${a.id}/scores/${l.nodeId}`, body);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      return current(a);
    };
    /** One step of the cycle (submit, finalize) by the role that takes it. */
    const advance = async (a: Assessment, by: Caller, step: 'submit' | 'finalize'): Promise<Assessment> => {
      const res = await by.post(`/api/par/assessments/${a.id}/${step}`, { version: a.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { ...a, version: res.body.version };
    };
    const submitted = async (): Promise<Assessment> => advance(await selfScored(), vanphong, 'submit');
    /** Row 1.5 appraised one point under the self score (6.00 → 5.00), the survey field 8 at 30.00. */
    const appraiseRow15 = (a: Assessment) =>
      thamdinh.put(`/api/par/assessments/${a.id}/appraisals/${a.row('1.5').nodeId}`, {
        version: 1,
        appraisedHundredths: 500,
        appraiserComment: 'Thiếu sáng kiến',
      });
    const appraised = async (): Promise<Assessment> => {
      const a = await submitted();
      const r15 = await appraiseRow15(a);
      expect(r15.status, JSON.stringify(r15.body)).toBe(200);
      const r8 = await thamdinh.put(`/api/par/assessments/${a.id}/appraisals/${a.row('8').nodeId}`, { version: 0, appraisedHundredths: 3_000 });
      expect(r8.status, JSON.stringify(r8.body)).toBe(200);
      return current(a);
    };
    const finalized = async (): Promise<Assessment> => advance(await appraised(), provinceSecretary, 'finalize');
    // The self maximum of the 2019 department template is 64.00; appraisal takes 1.00 off and adds the survey's 30.00.
    const FINAL_TOTAL = 6_400 - 100 + 3_000;

    it('creates a set from the 2019 template with its 16 criteria; the Department cannot create a set for the province', async () => {
      const set = await draftSet();
      expect(set.nodes).toHaveLength(16);
      expect((await vanphong.post('/api/par/criteria-sets', { ownerUnitId: province(), year: 2039, title: 'x' })).status).toBe(404);
    });

    it('starts no assessment on a draft set (409); on the activated set the Department scores 13 rows itself', async () => {
      const set = await draftSet();
      expect((await vanphong.post('/api/par/assessments', { setId: set.id, agencyUnitId: sokhcn() })).status).toBe(409);
      const a = await started();
      expect(a.self.map((l) => l.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2', '3', '4', '5', '6', '7.1', '7.2', '7.3']);
    });

    it('refuses an incomplete submission, naming every missing row', async () => {
      const a = await started();
      const early = await vanphong.post(`/api/par/assessments/${a.id}/submit`, { version: a.version });
      expect(early.status).toBe(400);
      expect(early.body.code).toBe('par.submit_incomplete');
      expect(early.body.errors).toHaveLength(13);
      expect(early.body.errors[0]).toEqual({ path: 'scores.1.1', code: 'par.score_missing' });
    });

    it('totals the self scores and counts the rows with evidence per field; the leader may correct a self score', async () => {
      const a = await selfScored();
      expect((await vanphong.get(`/api/par/assessments/${a.id}`)).body.total.layers.self.points).toBe(6_400);
      const lanhdao = await t.login('lanhdao', DEMO_PASSWORD);
      expect((await lanhdao.put(`/api/par/assessments/${a.id}/scores/${a.row('2').nodeId}`, { version: 1, selfHundredths: 700 })).status).toBe(200);
      const card = (await vanphong.get(`/api/par/assessments/${a.id}`)).body;
      expect(card.total.layers.self.points).toBe(6_300);
      expect(card.completeness.find((c: { code: string }) => c.code === '1')).toEqual({ nodeId: a.row('1').nodeId, code: '1', required: 5, withEvidence: 1 });
    });

    it('submits a complete self-assessment and locks the self scores, for the Department and the appraiser alike', async () => {
      const a = await submitted();
      expect((await vanphong.get(`/api/par/assessments/${a.id}`)).body.status).toBe('submitted');
      const r15 = a.row('1.5').nodeId;
      expect((await vanphong.put(`/api/par/assessments/${a.id}/scores/${r15}`, { version: 1, selfHundredths: 100 })).status).toBe(409);
      expect((await thamdinh.put(`/api/par/assessments/${a.id}/scores/${r15}`, { version: 1, selfHundredths: 100 })).status).toBe(403);
    });

    it('records the appraisal beside the self score and moves the assessment to appraising', async () => {
      const a = await submitted();
      const appraisal = await appraiseRow15(a);
      expect(appraisal.status, JSON.stringify(appraisal.body)).toBe(200);
      expect(appraisal.body).toMatchObject({ selfHundredths: 600, appraisedHundredths: 500, appraiserComment: 'Thiếu sáng kiến', version: 2 });
      expect((await vanphong.get(`/api/par/assessments/${a.id}`)).body.status).toBe('appraising');
    });

    it('finalizes by the province secretary only (the Department 403), with the appraised figures', async () => {
      const a = await appraised();
      expect((await vanphong.post(`/api/par/assessments/${a.id}/finalize`, { version: a.version })).status).toBe(403);
      const final = await provinceSecretary.post(`/api/par/assessments/${a.id}/finalize`, { version: a.version });
      expect(final.status, JSON.stringify(final.body)).toBe(200);
      expect(final.body.status).toBe('final');
      expect(final.body.total.layers.final.points).toBe(FINAL_TOTAL);
    });

    it('publishes the final result with the reported rank, its total and band, and shows it in the agency history', async () => {
      const a = await finalized();
      const published = await provinceSecretary.post(`/api/par/assessments/${a.id}/publish`, { version: a.version, reportedRank: 3, rankGroupSize: 25 });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({
        status: 'published',
        reportedTotalHundredths: FINAL_TOTAL,
        computedTotalHundredths: FINAL_TOTAL,
        totalsDiffer: false,
        reportedRank: 3,
        rankGroupSize: 25,
        band: 'A',
      });
      const history = (await vanphong.get(`/api/par/agencies/${sokhcn()}/history`)).body.items as { year: number; status: string }[];
      expect(history.map((h) => h.year)).toEqual([2019, 2026, ...cycleYears].sort((x, y) => x - y));
      expect(history.find((h) => h.year === a.year)).toMatchObject({ status: 'published', computedTotalHundredths: FINAL_TOTAL });
    });

    it('writes every score change to the audit log with before and after', async () => {
      const a = await started();
      const r15 = a.row('1.5').nodeId;
      expect((await vanphong.put(`/api/par/assessments/${a.id}/scores/${r15}`, { version: 0, selfHundredths: 600, selfNote: 'Lần đầu' })).status).toBe(200);
      expect((await vanphong.put(`/api/par/assessments/${a.id}/scores/${r15}`, { version: 1, selfHundredths: 500 })).status).toBe(200);
      const audit = await admin.get(`/api/audit?entity=par_score&entityId=${encodeURIComponent(`${a.id}:${r15}`)}`);
      expect(audit.status).toBe(200);
      expect(audit.body.items).toMatchObject([
        { action: 'update', before: { selfHundredths: 600 }, after: { selfHundredths: 500, version: 2 } },
        { action: 'create', before: null, after: { selfHundredths: 600, version: 1 } },
      ]);
    });

    it('exports the scorecard as .xlsx, the self-assessment report as .docx and the evidence register', async () => {
      const a = await selfScored();
      const xlsx = await vanphong.get(`/api/par/assessments/${a.id}/export?what=scorecard`);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getRow(2).getCell(4).value).toBe('Điểm tự đánh giá');
      const docx = await vanphong.get(`/api/par/assessments/${a.id}/export?what=report`);
      expect(docx.status).toBe(200);
      expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
      expect((await vanphong.get(`/api/par/assessments/${a.id}/export?what=evidence`)).status).toBe(200);
    });
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
    // Issue #13 item 10: the list names the file and its size, not only "Tải tệp".
    expect(ev.file).toBeNull();
    expect(patched.body.file).toEqual({ name: 'qd.pdf', size: pdf.length });
    const listed = (await vanphong.get(`/api/par/assessments/${id}/evidence`)).body.items.find((e: { id: string }) => e.id === ev.id);
    expect(listed.file).toEqual({ name: 'qd.pdf', size: pdf.length });
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
