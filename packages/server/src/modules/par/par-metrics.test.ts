import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, multipart, TEST_HASHING, type Caller, type TestApp } from '../../../test/harness';
import { buildApp, type App } from '../../app';
import { seedDemo } from '../../demo/demo';
import type { MetricProvider, MetricValue } from '../../platform/metrics/metric-types';
import { dossierMetricProvider } from '../dossiers/dossier-metric-definitions';
import { PLAN_METRIC_DEFINITIONS } from '../plans/plan-metric-definitions';
import { REPORT_METRIC_DEFINITIONS } from '../reports/report-metric-definitions';

// Issue #10 item 4: the typed metric catalogue, refused keys, field 1 bound to plans and reports metrics,
// provider hints and "unknown" points in the projection.

const DEMO_PASSWORD = 'DemoCchc2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

const fixed = (values: Record<string, MetricValue>) => async () => new Map(Object.entries(values));

/** The plans module as its provider will answer: plan on time, 6 of 10 tasks done on time, 3 due soon. */
const fakePlans: MetricProvider = {
  definitions: PLAN_METRIC_DEFINITIONS,
  compute: fixed({
    'plans.annual_plan_timeliness': { input: { kind: 'timeliness', value: 'on_time' } },
    'plans.task_completion_rate': {
      input: { kind: 'rate', numerator: 6, denominator: 10 },
      hint: { code: 'plans.tasks_due_soon', params: { count: 3, due: '2026-12-15' } },
    },
  }),
};
/** One periodic report late; completeness not known (no value at all). */
const fakeReports: MetricProvider = {
  definitions: REPORT_METRIC_DEFINITIONS,
  compute: fixed({ 'reports.all_on_time': { input: { kind: 'boolean', value: false }, hint: { code: 'reports.late', params: { count: 1 } } } }),
};
const fakeDossiers = dossierMetricProvider(
  async () =>
    new Map([
      ['dossiers.online_services_with_online_dossier_rate', { kind: 'rate', numerator: 0, denominator: 4 }],
      ['dossiers.postal_procedure_share', { kind: 'rate', numerator: 3, denominator: 10 }],
    ] as const),
);

interface AtRisk {
  code: string;
  source: string;
  maxHundredths: number;
  atRiskHundredths: number | null;
  projectedHundredths: number | null;
  responsibleUnitId: string | null;
  metricValue: unknown;
  hint: unknown;
}

describe.each(engines)('PAR metric catalogue on %s', (engine) => {
  let t: TestApp;
  let withFakes: App;
  let admin: Caller & { cookie: string };
  let vanphong: Caller & { cookie: string };
  let motcua: Caller;
  let province = '';
  const unit = new Map<string, string>();
  let draft: { id: string; version: number; nodes: Array<{ id: string; code: string }> };

  const id2026 = async () =>
    ((await vanphong.get('/api/par/assessments?year=2026')).body.items as { id: string; agencyName: string }[]).find(
      (i) => i.agencyName === 'Sở Khoa học và Công nghệ',
    )!.id;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemo(t.handle, { password: DEMO_PASSWORD, clock: t.clock, hashing: TEST_HASHING });
    withFakes = await buildApp(t.config, {
      handle: t.handle,
      clock: t.clock,
      hashing: TEST_HASHING,
      logger: false,
      metricProviders: [fakeDossiers, fakePlans, fakeReports],
    });
    admin = await t.login('admin', DEMO_PASSWORD);
    vanphong = await t.login('vanphong', DEMO_PASSWORD);
    motcua = await t.login('motcua', DEMO_PASSWORD);
    for (const u of (await admin.get('/api/units')).body.items as { id: string; name: string }[]) unit.set(u.name, u.id);
    province = unit.get('Ủy ban nhân dân tỉnh Quảng Ngãi')!;
    const set = await admin.post('/api/par/criteria-sets', { ownerUnitId: province, year: 2031, title: 'Bộ nháp 2031', template: '2019_department' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    draft = set.body;
  });
  afterAll(async () => {
    await withFakes?.app.close();
    await t.close();
  });

  const node = (code: string) => draft.nodes.find((n) => n.code === code)!;
  const version = async () => (await admin.get(`/api/par/criteria-sets/${draft.id}`)).body.version as number;

  it('lists the catalogue of every module for the picker: key, module, value kind, vi/en label and description', async () => {
    const res = await vanphong.get('/api/par/metrics');
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey.get('plans.task_completion_rate')).toEqual({
      key: 'plans.task_completion_rate',
      module: 'plans',
      valueKind: 'rate',
      label: { vi: 'Tỷ lệ hoàn thành nhiệm vụ đúng hạn', en: 'Tasks completed on time' },
      description: expect.objectContaining({ en: expect.stringContaining('Tasks completed on time') }),
    });
    expect(byKey.get('reports.all_on_time')).toMatchObject({ module: 'reports', valueKind: 'flag' });
    expect(byKey.get('dossiers.late_count')).toMatchObject({ module: 'dossiers', valueKind: 'count', label: { vi: 'Số hồ sơ trễ hạn' } });
    expect([...new Set(res.body.items.map((i: { module: string }) => i.module))].sort()).toEqual(['dossiers', 'indicators', 'plans', 'reports', 'surveys']);
    expect((await motcua.get('/api/par/metrics')).status).toBe(403);
  });

  it('refuses a row bound to an unknown key (422 naming the row and the key), when adding and when editing', async () => {
    const add = await admin.post(`/api/par/criteria-sets/${draft.id}/nodes`, {
      version: await version(),
      parentId: node('2').id,
      code: '2.1',
      title: 'Tiêu chí thử',
      level: 'criterion',
      maxHundredths: 800,
      rule: { kind: 'binary', pointsIfTrue: 800 },
      evidenceRequired: true,
      metric: 'reports.all_on_tme',
      order: 1,
    });
    expect(add.status, JSON.stringify(add.body)).toBe(422);
    expect(add.body).toMatchObject({ code: 'par.metric_unknown', detail: { nodeCode: '2.1', key: 'reports.all_on_tme' } });
    const edit = await admin.patch(`/api/par/criteria-sets/${draft.id}/nodes/${node('1.3').id}`, { version: await version(), metric: 'reports.ontime' });
    expect(edit.status).toBe(422);
    expect(edit.body).toMatchObject({ code: 'par.metric_unknown', detail: { nodeCode: '1.3', key: 'reports.ontime' } });
    // Nothing was written: the row keeps its key.
    const after = (await admin.get(`/api/par/criteria-sets/${draft.id}`)).body;
    expect(after.nodes.find((n: { code: string }) => n.code === '1.3').metric).toBe('reports.all_on_time');
    expect(after.nodes.some((n: { code: string }) => n.code === '2.1')).toBe(false);
  });

  it('refuses a key whose value kind cannot feed the rule: a count on rate bands, a rate on a binary row', async () => {
    const count = await admin.patch(`/api/par/criteria-sets/${draft.id}/nodes/${node('1.2').id}`, {
      version: await version(),
      metric: 'plans.overdue_task_count',
    });
    expect(count.status).toBe(422);
    expect(count.body).toMatchObject({
      code: 'par.metric_kind_mismatch',
      detail: { nodeCode: '1.2', key: 'plans.overdue_task_count', valueKind: 'count', rule: 'rate_bands' },
    });
    // Changing the rule under a bound metric is checked too.
    const rule = await admin.patch(`/api/par/criteria-sets/${draft.id}/nodes/${node('1.3').id}`, {
      version: await version(),
      rule: { kind: 'rate_bands', bands: [{ minInclusive: true, maxInclusive: true, points: 100 }] },
    });
    expect(rule.status).toBe(422);
    expect(rule.body).toMatchObject({ code: 'par.metric_kind_mismatch', detail: { nodeCode: '1.3', key: 'reports.all_on_time', valueKind: 'flag' } });
    const fits = await admin.patch(`/api/par/criteria-sets/${draft.id}/nodes/${node('1.2').id}`, { version: await version(), metric: 'dossiers.on_time_rate' });
    expect(fits.status, JSON.stringify(fits.body)).toBe(200);
  });

  it('refuses an unknown key in a JSON import and in an .xlsx import, naming the row; nothing is written', async () => {
    const before = (await admin.get('/api/par/criteria-sets')).body.items.length;
    const exported = (await admin.get(`/api/par/criteria-sets/${draft.id}/export`)).body;
    const at = exported.nodes.findIndex((n: { code: string }) => n.code === '1.1');
    const typo = { ...exported, nodes: exported.nodes.map((n: object, i: number) => (i === at ? { ...n, metric: 'plans.annual_plan' } : n)) };
    const json = await admin.post('/api/par/criteria-sets/import', { ownerUnitId: province, title: 'Nhập', set: typo });
    expect(json.status).toBe(422);
    expect(json.body).toMatchObject({ code: 'par.metric_unknown', detail: { nodeCode: '1.1', key: 'plans.annual_plan', row: at + 1 } });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await admin.get(`/api/par/criteria-sets/${draft.id}/export-xlsx`)).raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rowNo = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === '1.4')!.number;
    ws.getRow(rowNo).getCell(11).value = 'reports.completed';
    const m = multipart('bo.xlsx', XLSX, Buffer.from(await wb.xlsx.writeBuffer()));
    const cookie = admin.cookie;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/par/criteria-sets/import-xlsx?ownerUnitId=${province}&title=x`,
      headers: { cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'par.metric_unknown', detail: { nodeCode: '1.4', key: 'reports.completed', row: rowNo } });
    expect((await admin.get('/api/par/criteria-sets')).body.items.length).toBe(before);
  });

  it('refuses a template whose keys the catalogue does not know (a server without the plans module)', async () => {
    const dossiersOnly = await buildApp(t.config, { handle: t.handle, clock: t.clock, hashing: TEST_HASHING, logger: false, metricProviders: [fakeDossiers] });
    try {
      const res = await callerOn(dossiersOnly, admin.cookie).post('/api/par/criteria-sets', {
        ownerUnitId: province,
        year: 2032,
        title: 'x',
        template: '2021_fields',
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'par.metric_unknown', detail: { nodeCode: '1.1', key: 'plans.annual_plan_timeliness' } });
    } finally {
      await dossiersOnly.app.close();
    }
  });

  it('fails at start-up when two providers publish one key', async () => {
    await expect(
      buildApp(t.config, { handle: t.handle, clock: t.clock, hashing: TEST_HASHING, logger: false, metricProviders: [fakePlans, { ...fakePlans }] }),
    ).rejects.toThrow(/plans.annual_plan_timeliness/);
  });

  it("reports a stored set's unknown key in its issues (not a 500), refuses to activate it, and projects around it", async () => {
    const set = await admin.post('/api/par/criteria-sets', { ownerUnitId: province, year: 2033, title: 'Bộ cũ', template: '2019_department' });
    const row = set.body.nodes.find((n: { code: string }) => n.code === '1.4');
    await t.handle.db.updateTable('parCriteria').set({ metric: 'reports.old_key' }).where('id', '=', row.id).execute();
    const view = await admin.get(`/api/par/criteria-sets/${set.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body.issues).toContainEqual({
      code: 'par.metric_unknown',
      severity: 'error',
      nodeId: row.id,
      nodeCode: '1.4',
      detail: { key: 'reports.old_key' },
    });
    const act = await admin.post(`/api/par/criteria-sets/${set.body.id}/activate`, { version: set.body.version });
    expect(act.status).toBe(422);
    expect(act.body.code).toBe('par.metric_unknown');

    // The live 2026 set: a row whose key went unknown reads as "unknown" in the projection, never a 500.
    const id = await id2026();
    const card = (await vanphong.get(`/api/par/assessments/${id}`)).body;
    const r13 = card.lines.find((l: { code: string }) => l.code === '1.3');
    await t.handle.db.updateTable('parCriteria').set({ metric: 'reports.old_key' }).where('id', '=', r13.nodeId).execute();
    try {
      const p = await callerOn(withFakes, vanphong.cookie).get(`/api/par/assessments/${id}/projection?asOf=2026-11-20`);
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      expect(p.body.atRisk.find((x: AtRisk) => x.code === '1.3')).toMatchObject({ source: 'unknown', atRiskHundredths: null, hint: null });
    } finally {
      await t.handle.db.updateTable('parCriteria').set({ metric: 'reports.all_on_time' }).where('id', '=', r13.nodeId).execute();
    }
  });

  it('projects field 1 from the plans and reports metrics with the responsible unit, the hints and the unknown points', async () => {
    const id = await id2026();
    const res = await callerOn(withFakes, vanphong.cookie).get(`/api/par/assessments/${id}/projection?asOf=2026-11-20`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const risk = new Map<string, AtRisk>(res.body.atRisk.map((r: AtRisk) => [r.code, r]));
    const office = unit.get('Văn phòng Sở');
    // 6/10 tasks done on time is under 70 %: 1.2 loses its 2.00; the provider says 3 tasks are due by 15/12.
    expect(risk.get('1.2')).toMatchObject({
      source: 'data',
      projectedHundredths: 0,
      atRiskHundredths: 200,
      responsibleUnitId: office,
      metricValue: { kind: 'rate', numerator: 6, denominator: 10 },
      hint: { code: 'plans.tasks_due_soon', params: { count: 3, due: '2026-12-15' } },
    });
    // A late report loses exactly the 1.00 of 1.3.
    expect(risk.get('1.3')).toMatchObject({
      source: 'data',
      projectedHundredths: 0,
      atRiskHundredths: 100,
      hint: { code: 'reports.late', params: { count: 1 } },
    });
    // No value for completeness and no self score: unknown, listed, never hidden.
    expect(risk.get('1.4')).toMatchObject({ source: 'unknown', projectedHundredths: null, atRiskHundredths: null, responsibleUnitId: office });
    // The plan issued on time earns its 1.00 from the data: not at risk.
    expect(risk.has('1.1')).toBe(false);
    const unknownRows = res.body.atRisk.filter((r: AtRisk) => r.source === 'unknown');
    expect(res.body.unknownHundredths).toBe(unknownRows.reduce((s: number, r: AtRisk) => s + r.maxHundredths, 0));
    // 1.4 (1.00), fields 4, 5, 6 (8.00, 8.00, 9.00) and the survey (36.00) are neither computed nor scored.
    expect(unknownRows.map((r: AtRisk) => r.code).sort()).toEqual(['1.4', '4', '5', '6', '8']);
    expect(res.body.unknownHundredths).toBe(100 + 800 + 800 + 900 + 3_600);
    expect(res.body.atRiskHundredths).toBe(res.body.atRisk.reduce((s: number, r: AtRisk) => s + (r.atRiskHundredths ?? 0), 0));
    // Field 1: 1.1 from data 1.00 + 1.2 0 + 1.3 0 + 1.5 self 5.50; 1.4 unknown.
    expect(res.body.fields.find((f: { code: string }) => f.code === '1').projectedHundredths).toBe(650);
  });

  it('loses exactly 1.00 in field 1 when the reports were not all on time (what-if)', async () => {
    const id = await id2026();
    const c = callerOn(withFakes, vanphong.cookie);
    const field1 = async (onTime: boolean) => {
      const res = await c.post(`/api/par/assessments/${id}/what-if`, {
        asOf: '2026-11-20',
        metrics: { 'reports.all_on_time': { kind: 'boolean', value: onTime }, 'reports.complete': { kind: 'boolean', value: true } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.fields.find((f: { code: string }) => f.code === '1').projectedHundredths as number;
    };
    expect((await field1(true)) - (await field1(false))).toBe(100);
  });

  it("gives the leader's overview the agency's headline: projected, at risk, unknown", async () => {
    const c = callerOn(withFakes, vanphong.cookie);
    const projection = (await c.get(`/api/par/assessments/${await id2026()}/projection`)).body;
    const summary = await c.get('/api/par/summary?year=2026');
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({ projected: projection.totalHundredths, atRisk: projection.atRiskHundredths, unknown: projection.unknownHundredths });
    expect(summary.body.unknown).toBeGreaterThan(0);
    expect((await c.get('/api/par/summary?year=2040')).body).toBeNull();
    expect((await c.get('/api/par/summary?year=abc')).status).toBe(400);
    expect((await motcua.get('/api/par/summary?year=2026')).status).toBe(403);
  });

  it('reconciles the published 2019 result with the split field 1: the 0.75 lost sits on the manual rest', async () => {
    const item = (await vanphong.get('/api/par/assessments?year=2019')).body.items.find(
      (i: { agencyName: string }) => i.agencyName === 'Sở Khoa học và Công nghệ',
    );
    expect(item).toMatchObject({ computedTotalHundredths: 8018, reportedTotalHundredths: 8008 });
    const lines = (await vanphong.get(`/api/par/assessments/${item.id}`)).body.lines as Array<{ code: string; layers: { final: { points: number | null } } }>;
    const final = (code: string) => lines.find((l) => l.code === code)!.layers.final.points;
    expect(['1', '1.1', '1.2', '1.3', '1.4', '1.5'].map(final)).toEqual([1025, 100, 200, 100, 100, 525]);
  });
});
