import { PERMISSIONS, ROLES, type Action, type Role } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, USER_PASSWORD, type Caller, type TestApp } from './harness';

/**
 * Every route × every role. Each protected route names the action it needs; the expected outcome
 * comes from the permission matrix in the domain, so changing a role's rights changes this test.
 */
interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  action: Action | 'authenticated';
  /** Builds the request against fresh fixtures so each call can succeed when allowed. */
  request(fx: Fixtures): { url: string; body?: unknown };
}

interface Fixtures {
  rootId: string;
  newUnit(): Promise<{ id: string; version: number }>;
  newUser(): Promise<{ id: string; version: number }>;
  /** A free working weekday (2040 onwards, so no announced year changes). */
  freeWeekday(): Promise<string>;
  newCalendarDay(): Promise<{ date: string; version: number }>;
  newProcedure(status?: 'active' | 'inactive'): Promise<{ id: string; version: number }>;
  /** A dossier received at the root unit's desk (by the administrator). */
  newDossier(): Promise<{ id: string; code: string; version: number; lookupPin: string }>;
  /** PAR: a criteria set of the root unit (draft or active), an assessment of a fresh division in a given status, an evidence record. */
  par?: ParFixtures;
}

interface ParFixtures {
  set(status: 'draft' | 'active', template?: '2019_department' | '2021_fields'): Promise<{ id: string; version: number; nodes: { id: string; code: string }[] }>;
  assessment(status?: string, complete?: boolean): Promise<{ id: string; version: number; unitId: string; field1: string }>;
  evidence(): Promise<{ id: string; version: number; field1: string }>;
  unit(): Promise<{ id: string }>;
}

/** PAR fixtures: created as the administrator through the API, statuses moved in the database (the cycle itself is par.test.ts's). */
function parFixtures(t: TestApp, admin: Caller, rootId: string, newUnit: () => Promise<{ id: string }>): ParFixtures {
  let active: { id: string; version: number; nodes: { id: string; code: string }[] } | null = null;
  const set: ParFixtures['set'] = async (status, template = '2019_department') => {
    const res = await admin.post('/api/par/criteria-sets', { ownerUnitId: rootId, year: 2019, title: `Bộ ma trận ${++n}`, template });
    if (res.status !== 201) throw new Error(`par set: ${JSON.stringify(res.body)}`);
    if (status === 'draft') return res.body;
    const act = await admin.post(`/api/par/criteria-sets/${res.body.id}/activate`, { version: res.body.version });
    if (act.status !== 200) throw new Error(`par activate: ${JSON.stringify(act.body)}`);
    return act.body;
  };
  const assessment: ParFixtures['assessment'] = async (status = 'self_assessing', complete = false) => {
    active ??= await set('active');
    const unit = await newUnit();
    const res = await admin.post('/api/par/assessments', { setId: active.id, agencyUnitId: unit.id });
    if (res.status !== 201) throw new Error(`par assessment: ${JSON.stringify(res.body)}`);
    const db = t.handle.db;
    if (complete) {
      const rows = await db.selectFrom('parCriteria').select(['id', 'ruleJson', 'notSelfScored']).where('setId', '=', active.id).execute();
      for (const r of rows) {
        if (JSON.parse(r.ruleJson).kind === 'sum' || r.notSelfScored === 1) continue;
        await db.insertInto('parScores').values({ assessmentId: res.body.id, criterionId: r.id, selfHundredths: 0, selfNote: 'ma trận', appraisedHundredths: null, appraiserComment: null, finalHundredths: null, notApplicable: 0, version: 1 }).execute();
      }
    }
    if (status !== 'self_assessing') await db.updateTable('parAssessments').set({ status }).where('id', '=', res.body.id).execute();
    const field1 = active.nodes.find((x) => x.code === '1')!.id;
    return { id: res.body.id, version: res.body.version, unitId: unit.id, field1 };
  };
  return {
    set,
    assessment,
    unit: newUnit,
    async evidence() {
      const a = await assessment();
      const id = `ev-${++n}`;
      await t.handle.db.insertInto('parEvidence').values({ id, assessmentId: a.id, numberSymbol: `${n}/KH`, issuedOn: null, issuer: null, title: 'Kế hoạch', attachmentId: null, version: 1, createdAt: '2026-03-02T02:00:00.000Z' }).execute();
      return { id, version: 1, field1: a.field1 };
    },
  };
}
const par = (fx: Fixtures) => fx.par!;
const PAR_SCORES = { '1': '11.00', '2': '8.00', '3': '10.00', '4': '8.00', '5': '8.00', '6': '9.00', '7': '10.00', '8': '26.00' };

let n = 0;
/** A minimal valid procedure with a fresh national-style code. */
function matrixProcedure(unitId: string, status: 'active' | 'inactive' = 'active') {
  return { unitId, status, code: `1.${String(++n).padStart(6, '0')}`, name: `Thủ tục ma trận ${n}`, sector: { code: 'MT', name: 'Ma trận' }, timeLimit: { value: 5, unit: 'working_days' }, channels: ['counter'] };
}
async function newProcedureAs(admin: Caller, unitId: string, status?: 'active' | 'inactive') {
  const res = await admin.post('/api/procedures', matrixProcedure(unitId, status));
  if (res.status !== 201) throw new Error(`procedure: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}
const CASES: RouteCase[] = [
  { method: 'GET', url: '/api/me', action: 'authenticated', request: () => ({ url: '/api/me' }) },
  { method: 'GET', url: '/api/auth/tokens', action: 'authenticated', request: () => ({ url: '/api/auth/tokens' }) },
  { method: 'POST', url: '/api/auth/tokens', action: 'authenticated', request: () => ({ url: '/api/auth/tokens', body: { name: 'matrix' } }) },
  { method: 'GET', url: '/api/units', action: 'unit.read', request: () => ({ url: '/api/units' }) },
  { method: 'POST', url: '/api/units', action: 'unit.manage', request: (fx) => ({ url: '/api/units', body: { parentId: fx.rootId, kind: 'division', name: `Phòng ma trận ${++n}` } }) },
  { method: 'GET', url: '/api/users', action: 'user.read', request: () => ({ url: '/api/users' }) },
  {
    method: 'POST',
    url: '/api/users',
    action: 'user.manage',
    request: (fx) => ({ url: '/api/users', body: { username: `matrix${++n}`, fullName: 'M', unitId: fx.rootId, password: USER_PASSWORD, grants: [] } }),
  },
  { method: 'GET', url: '/api/audit', action: 'audit.read', request: () => ({ url: '/api/audit' }) },
  { method: 'GET', url: '/api/audit/export', action: 'audit.read', request: () => ({ url: '/api/audit/export' }) },
  { method: 'GET', url: '/api/files', action: 'unit.read', request: (fx) => ({ url: `/api/files?ownerEntity=unit&ownerId=${fx.rootId}` }) },
  { method: 'GET', url: '/api/procedures', action: 'procedure.read', request: () => ({ url: '/api/procedures' }) },
  { method: 'GET', url: '/api/procedures/export', action: 'procedure.read', request: () => ({ url: '/api/procedures/export?format=csv' }) },
  { method: 'POST', url: '/api/procedures', action: 'procedure.manage', request: (fx) => ({ url: '/api/procedures', body: matrixProcedure(fx.rootId) }) },
  { method: 'GET', url: '/api/calendar/impact', action: 'calendar.manage', request: () => ({ url: '/api/calendar/impact?date=2026-11-24' }) },
  { method: 'GET', url: '/api/dossiers', action: 'dossier.read', request: () => ({ url: '/api/dossiers?queue=to_process' }) },
  { method: 'GET', url: '/api/dossiers/export', action: 'dossier.read', request: () => ({ url: '/api/dossiers/export?queue=all' }) },
  { method: 'GET', url: '/api/dossiers/statistics', action: 'dossier.statistics', request: () => ({ url: '/api/dossiers/statistics?from=2026-03-01&to=2026-03-31' }) },
  { method: 'GET', url: '/api/dossiers/statistics/export', action: 'dossier.statistics', request: () => ({ url: '/api/dossiers/statistics/export?from=2026-03-01&to=2026-03-31' }) },
  { method: 'GET', url: '/api/par/criteria-sets', action: 'par.read', request: () => ({ url: '/api/par/criteria-sets' }) },
  { method: 'POST', url: '/api/par/criteria-sets', action: 'par.manage_criteria', request: (fx) => ({ url: '/api/par/criteria-sets', body: { ownerUnitId: fx.rootId, year: 2026, title: `Bộ ${++n}`, template: '2021_fields' } }) },
  {
    method: 'POST',
    url: '/api/par/criteria-sets/import',
    action: 'par.manage_criteria',
    request: (fx) => ({ url: '/api/par/criteria-sets/import', body: { ownerUnitId: fx.rootId, title: `Nhập ${++n}`, set: { year: 2026, scope: 'department', rounding: 'half_up', notApplicableMethod: 'rescale', nodes: [] } } }),
  },
  { method: 'GET', url: '/api/par/assessments', action: 'par.read', request: () => ({ url: '/api/par/assessments?year=2019' }) },
  { method: 'GET', url: '/api/par/rankings', action: 'par.read', request: () => ({ url: '/api/par/rankings?year=2019' }) },
  { method: 'GET', url: '/api/par/agencies/:unitId/history', action: 'par.read', request: (fx) => ({ url: `/api/par/agencies/${fx.rootId}/history` }) },
];

/** Routes with an id: fixtures are created first, so "allowed" really reaches the handler. */
const ID_CASES: Array<Omit<RouteCase, 'request'> & { request(fx: Fixtures): Promise<{ url: string; body?: unknown }> }> = [
  { method: 'PATCH', url: '/api/units/:id', action: 'unit.manage', request: async (fx) => { const u = await fx.newUnit(); return { url: `/api/units/${u.id}`, body: { version: u.version, name: `Đổi ${++n}` } }; } },
  { method: 'DELETE', url: '/api/units/:id', action: 'unit.manage', request: async (fx) => { const u = await fx.newUnit(); return { url: `/api/units/${u.id}?version=${u.version}` }; } },
  { method: 'PATCH', url: '/api/users/:id', action: 'user.manage', request: async (fx) => { const u = await fx.newUser(); return { url: `/api/users/${u.id}`, body: { version: u.version, fullName: 'Đổi' } }; } },
  { method: 'POST', url: '/api/users/:id/reset-password', action: 'user.manage', request: async (fx) => { const u = await fx.newUser(); return { url: `/api/users/${u.id}/reset-password`, body: { newPassword: 'Matkhau999' } }; } },
  { method: 'POST', url: '/api/users/:id/unlock', action: 'user.manage', request: async (fx) => ({ url: `/api/users/${(await fx.newUser()).id}/unlock` }) },
  { method: 'GET', url: '/api/procedures/:id', action: 'procedure.read', request: async (fx) => ({ url: `/api/procedures/${(await fx.newProcedure()).id}` }) },
  { method: 'PATCH', url: '/api/procedures/:id', action: 'procedure.manage', request: async (fx) => { const p = await fx.newProcedure(); return { url: `/api/procedures/${p.id}`, body: { version: p.version, name: `Đổi ${++n}` } }; } },
  { method: 'POST', url: '/api/procedures/:id/status', action: 'procedure.manage', request: async (fx) => { const p = await fx.newProcedure(); return { url: `/api/procedures/${p.id}/status`, body: { version: p.version, status: 'inactive' } }; } },
  { method: 'DELETE', url: '/api/procedures/:id', action: 'procedure.manage', request: async (fx) => { const p = await fx.newProcedure('inactive'); return { url: `/api/procedures/${p.id}?version=${p.version}` }; } },
  { method: 'POST', url: '/api/dossiers', action: 'dossier.receive', request: async (fx) => ({ url: '/api/dossiers', body: { procedureId: (await fx.newProcedure()).id, channel: 'counter', applicant: { name: 'Công dân ma trận' } } }) },
  { method: 'GET', url: '/api/dossiers/:id', action: 'dossier.read', request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}` }) },
  { method: 'GET', url: '/api/dossiers/:id/forms/:form', action: 'dossier.read', request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}/forms/receipt` }) },
  { method: 'GET', url: '/api/dossiers/:id/assignees', action: 'dossier.assign', request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}/assignees` }) },
  { method: 'POST', url: '/api/dossiers/:id/assign', action: 'dossier.assign', request: async (fx) => { const d = await fx.newDossier(); return { url: `/api/dossiers/${d.id}/assign`, body: { version: d.version, assigneeId: null } }; } },
  { method: 'POST', url: '/api/dossiers/:id/actions', action: 'dossier.process', request: async (fx) => { const d = await fx.newDossier(); return { url: `/api/dossiers/${d.id}/actions`, body: { version: d.version, action: 'stop', reason: 'Ma trận' } }; } },
  { method: 'POST', url: '/api/calendar/days', action: 'calendar.manage', request: async (fx) => ({ url: '/api/calendar/days', body: { date: await fx.freeWeekday(), kind: 'holiday', name: 'Ma trận' } }) },
  { method: 'PATCH', url: '/api/calendar/days/:date', action: 'calendar.manage', request: async (fx) => { const d = await fx.newCalendarDay(); return { url: `/api/calendar/days/${d.date}`, body: { version: d.version, name: `Đổi ${++n}` } }; } },
  { method: 'DELETE', url: '/api/calendar/days/:date', action: 'calendar.manage', request: async (fx) => { const d = await fx.newCalendarDay(); return { url: `/api/calendar/days/${d.date}?version=${d.version}` }; } },
  { method: 'GET', url: '/api/par/criteria-sets/:id', action: 'par.read', request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}` }) },
  { method: 'GET', url: '/api/par/criteria-sets/:id/export', action: 'par.read', request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}/export` }) },
  { method: 'GET', url: '/api/par/criteria-sets/:id/export-xlsx', action: 'par.read', request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}/export-xlsx` }) },
  { method: 'PATCH', url: '/api/par/criteria-sets/:id', action: 'par.manage_criteria', request: async (fx) => { const s = await par(fx).set('draft'); return { url: `/api/par/criteria-sets/${s.id}`, body: { version: s.version, title: `Đổi ${++n}` } }; } },
  { method: 'POST', url: '/api/par/criteria-sets/:id/clone', action: 'par.manage_criteria', request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}/clone`, body: { year: 2027 } }) },
  { method: 'POST', url: '/api/par/criteria-sets/:id/activate', action: 'par.manage_criteria', request: async (fx) => { const s = await par(fx).set('draft'); return { url: `/api/par/criteria-sets/${s.id}/activate`, body: { version: s.version } }; } },
  {
    method: 'POST',
    url: '/api/par/criteria-sets/:id/nodes',
    action: 'par.manage_criteria',
    request: async (fx) => { const s = await par(fx).set('draft', '2021_fields'); return { url: `/api/par/criteria-sets/${s.id}/nodes`, body: { version: s.version, parentId: null, code: '8', title: 'Lĩnh vực 8', level: 'field', maxHundredths: 0, rule: { kind: 'manual' }, evidenceRequired: true, order: 8 } }; },
  },
  { method: 'PATCH', url: '/api/par/criteria-sets/:id/nodes/:nodeId', action: 'par.manage_criteria', request: async (fx) => { const s = await par(fx).set('draft', '2021_fields'); return { url: `/api/par/criteria-sets/${s.id}/nodes/${s.nodes[0]!.id}`, body: { version: s.version, title: `Đổi ${++n}` } }; } },
  { method: 'DELETE', url: '/api/par/criteria-sets/:id/nodes/:nodeId', action: 'par.manage_criteria', request: async (fx) => { const s = await par(fx).set('draft', '2021_fields'); return { url: `/api/par/criteria-sets/${s.id}/nodes/${s.nodes[0]!.id}?version=${s.version}` }; } },
  { method: 'POST', url: '/api/par/assessments', action: 'par.manage_cycle', request: async (fx) => { const s = await par(fx).set('active'); return { url: '/api/par/assessments', body: { setId: s.id, agencyUnitId: (await par(fx).unit()).id } }; } },
  {
    method: 'POST',
    url: '/api/par/published-results',
    action: 'par.manage_cycle',
    request: async (fx) => { const s = await par(fx).set('active'); return { url: '/api/par/published-results', body: { setId: s.id, agencyUnitId: (await par(fx).unit()).id, fields: Object.entries(PAR_SCORES).map(([code, score]) => ({ code, score })), reportedTotal: '90.00' } }; },
  },
  { method: 'GET', url: '/api/par/assessments/:id', action: 'par.read', request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}` }) },
  { method: 'GET', url: '/api/par/assessments/:id/projection', action: 'par.read', request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/projection` }) },
  { method: 'POST', url: '/api/par/assessments/:id/what-if', action: 'par.read', request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/what-if`, body: { metrics: {} } }) },
  { method: 'GET', url: '/api/par/assessments/:id/export', action: 'par.read', request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/export?what=scorecard` }) },
  { method: 'GET', url: '/api/par/assessments/:id/evidence', action: 'par.read', request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/evidence` }) },
  { method: 'PUT', url: '/api/par/assessments/:id/scores/:criterionId', action: 'par.self_assess', request: async (fx) => { const a = await par(fx).assessment(); return { url: `/api/par/assessments/${a.id}/scores/${a.field1}`, body: { version: 0, selfHundredths: 100 } }; } },
  { method: 'PUT', url: '/api/par/assessments/:id/appraisals/:criterionId', action: 'par.appraise', request: async (fx) => { const a = await par(fx).assessment('submitted'); return { url: `/api/par/assessments/${a.id}/appraisals/${a.field1}`, body: { version: 0, appraisedHundredths: 100 } }; } },
  { method: 'POST', url: '/api/par/assessments/:id/submit', action: 'par.self_assess', request: async (fx) => { const a = await par(fx).assessment('self_assessing', true); return { url: `/api/par/assessments/${a.id}/submit`, body: { version: a.version } }; } },
  { method: 'POST', url: '/api/par/assessments/:id/request-explanation', action: 'par.appraise', request: async (fx) => { const a = await par(fx).assessment('submitted'); return { url: `/api/par/assessments/${a.id}/request-explanation`, body: { version: a.version } }; } },
  { method: 'POST', url: '/api/par/assessments/:id/finalize', action: 'par.manage_cycle', request: async (fx) => { const a = await par(fx).assessment('submitted', true); return { url: `/api/par/assessments/${a.id}/finalize`, body: { version: a.version } }; } },
  { method: 'POST', url: '/api/par/assessments/:id/publish', action: 'par.manage_cycle', request: async (fx) => { const a = await par(fx).assessment('final'); return { url: `/api/par/assessments/${a.id}/publish`, body: { version: a.version } }; } },
  { method: 'POST', url: '/api/par/assessments/:id/evidence', action: 'par.self_assess', request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/evidence`, body: { numberSymbol: `${++n}/KH`, title: 'Kế hoạch' } }) },
  { method: 'PATCH', url: '/api/par/evidence/:id', action: 'par.self_assess', request: async (fx) => { const e = await par(fx).evidence(); return { url: `/api/par/evidence/${e.id}`, body: { version: e.version, title: 'Đổi' } }; } },
  { method: 'DELETE', url: '/api/par/evidence/:id', action: 'par.self_assess', request: async (fx) => { const e = await par(fx).evidence(); return { url: `/api/par/evidence/${e.id}?version=${e.version}` }; } },
  { method: 'POST', url: '/api/par/evidence/:id/links', action: 'par.self_assess', request: async (fx) => { const e = await par(fx).evidence(); return { url: `/api/par/evidence/${e.id}/links`, body: { criterionId: e.field1 } }; } },
  { method: 'DELETE', url: '/api/par/evidence/:id/links/:criterionId', action: 'par.self_assess', request: async (fx) => { const e = await par(fx).evidence(); return { url: `/api/par/evidence/${e.id}/links/${e.field1}` }; } },
];

/** Routes outside the matrix on purpose: public, or tested in their own files (self-service, uploads). */
const NOT_IN_MATRIX = new Set([
  'GET /api/health',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'DELETE /api/auth/tokens/:id',
  'POST /api/files', // multipart: files.test.ts checks file.upload per role
  'GET /api/files/:id', // authorized by the owning record: files.test.ts
  'POST /api/procedures/import', // multipart: procedure-import.test.ts checks procedure.manage per role
  'POST /api/par/criteria-sets/import-xlsx', // multipart: par-criteria-sheet.test.ts checks par.manage_criteria (403/404/401)
  'GET /api/public/procedures', // public catalogue, no login: procedure.test.ts
  'GET /api/public/procedures/:id',
  'GET /api/public/sectors',
  'GET /api/public/dossiers/:code', // citizen lookup by code + PIN, no login: dossier-public.test.ts
  'POST /api/public/dossiers', // online filing, no login: dossier-public.test.ts
  'POST /api/public/uploads',
  'POST /api/public/dossiers/:code/rating',
  'GET /api/calendar/:year', // public: the working-day calendar is published
  'GET /api/calendar/add-working-days',
  'GET /api/calendar/working-days-between',
  'GET /api/calendar/lunar/:date',
]);

function allowed(role: Role, action: RouteCase['action']): boolean {
  return action === 'authenticated' || (PERMISSIONS[action] as readonly Role[]).includes(role);
}

async function call(c: Caller, method: RouteCase['method'], url: string, body?: unknown) {
  if (method === 'GET') return c.get(url);
  if (method === 'DELETE') return c.delete(url);
  if (method === 'PUT') return c.put(url, body);
  return method === 'POST' ? c.post(url, body) : c.patch(url, body);
}

describe.each(engines)('authorization matrix on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let fx: Fixtures;
  const callers = new Map<Role, Caller>();
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const freeWeekday = async () => (await t.anon.get('/api/calendar/add-working-days?from=2040-01-01&days=1')).body.date as string;
    const newCalendarDay = async () => {
      const res = await admin.post('/api/calendar/days', { date: await freeWeekday(), kind: 'holiday', name: 'Ma trận' });
      if (res.status !== 201) throw new Error(`calendar day: ${JSON.stringify(res.body)}`);
      return res.body as { date: string; version: number };
    };
    const newDossier = async () => {
      const procedure = await newProcedureAs(admin, rootId);
      const res = await admin.post('/api/dossiers', { procedureId: procedure.id, channel: 'counter', applicant: { name: 'Công dân ma trận' } });
      if (res.status !== 201) throw new Error(`dossier: ${JSON.stringify(res.body)}`);
      return res.body as { id: string; code: string; version: number; lookupPin: string };
    };
    fx = { rootId, newUnit: () => make.unit(), newUser: () => make.user(), freeWeekday, newCalendarDay, newProcedure: (status) => newProcedureAs(admin, rootId, status), newDossier };
    fx.par = parFixtures(t, admin, rootId, () => make.unit());
    for (const role of ROLES) callers.set(role, (await make.actor(role)).caller);
  });
  afterAll(() => t.close());

  it('covers every registered API route', () => {
    const covered = new Set([...CASES, ...ID_CASES].map((c) => `${c.method} ${c.url}`));
    const missing = t.routes.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`).filter((k) => !covered.has(k) && !NOT_IN_MATRIX.has(k));
    expect(missing).toEqual([]);
  });

  it('refuses every protected route without credentials (401)', async () => {
    for (const c of [...CASES, ...ID_CASES]) {
      const req = await c.request(fx);
      const res = await call(t.anon, c.method, req.url, req.body);
      expect(res.status, `${c.method} ${c.url}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`role ${role}: allowed routes succeed, others are refused`, async () => {
      for (const c of [...CASES, ...ID_CASES]) {
        const req = await c.request(fx);
        const res = await call(callers.get(role)!, c.method, req.url, req.body);
        const label = `${role} ${c.method} ${c.url} → ${res.status} ${JSON.stringify(res.body ?? '')}`;
        if (allowed(role, c.action)) expect(res.status, label).toBeLessThan(300);
        else expect([403, 404], label).toContain(res.status);
      }
    });
  }

  it('a user of one division cannot read or change another division', async () => {
    const make = factories(t, admin, rootId);
    const a = await make.unit({ name: 'Phòng Một' });
    const b = await make.unit({ name: 'Phòng Hai' });
    const userB = await make.user({ unitId: b.id, role: 'specialist' });
    for (const role of ROLES) {
      const { caller } = await make.actor(role, a.id);
      expect((await caller.patch(`/api/units/${b.id}`, { version: 1, name: 'x' })).status, role).toBe(404);
      expect((await caller.patch(`/api/users/${userB.id}`, { version: 1, fullName: 'x' })).status, role).toBe(404);
      const units = (await caller.get('/api/units')).body.items.map((u: { id: string }) => u.id);
      expect(units, role).not.toContain(b.id);
    }
  });
});
