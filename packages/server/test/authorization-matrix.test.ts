import { PERMISSIONS, ROLES, type Action, type Role } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, USER_PASSWORD, type Caller, type TestApp } from './harness';

/**
 * Every route × every role. Each protected route names the action it needs; the expected outcome
 * comes from the permission matrix in the domain, so changing a role's rights changes this test.
 */
interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
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
}

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
];

/** Routes with an id: fixtures are created first, so "allowed" really reaches the handler. */
const ID_CASES: Array<Omit<RouteCase, 'request'> & { request(fx: Fixtures): Promise<{ url: string; body?: unknown }> }> = [
  { method: 'PATCH', url: '/api/units/:id', action: 'unit.manage', request: async (fx) => { const u = await fx.newUnit(); return { url: `/api/units/${u.id}`, body: { version: u.version, name: `Đổi ${++n}` } }; } },
  { method: 'DELETE', url: '/api/units/:id', action: 'unit.manage', request: async (fx) => { const u = await fx.newUnit(); return { url: `/api/units/${u.id}?version=${u.version}` }; } },
  { method: 'PATCH', url: '/api/users/:id', action: 'user.manage', request: async (fx) => { const u = await fx.newUser(); return { url: `/api/users/${u.id}`, body: { version: u.version, fullName: 'Đổi' } }; } },
  { method: 'POST', url: '/api/users/:id/reset-password', action: 'user.manage', request: async (fx) => { const u = await fx.newUser(); return { url: `/api/users/${u.id}/reset-password`, body: { newPassword: 'Matkhau999' } }; } },
  { method: 'GET', url: '/api/procedures/:id', action: 'procedure.read', request: async (fx) => ({ url: `/api/procedures/${(await fx.newProcedure()).id}` }) },
  { method: 'PATCH', url: '/api/procedures/:id', action: 'procedure.manage', request: async (fx) => { const p = await fx.newProcedure(); return { url: `/api/procedures/${p.id}`, body: { version: p.version, name: `Đổi ${++n}` } }; } },
  { method: 'POST', url: '/api/procedures/:id/status', action: 'procedure.manage', request: async (fx) => { const p = await fx.newProcedure(); return { url: `/api/procedures/${p.id}/status`, body: { version: p.version, status: 'inactive' } }; } },
  { method: 'DELETE', url: '/api/procedures/:id', action: 'procedure.manage', request: async (fx) => { const p = await fx.newProcedure('inactive'); return { url: `/api/procedures/${p.id}?version=${p.version}` }; } },
  { method: 'POST', url: '/api/calendar/days', action: 'calendar.manage', request: async (fx) => ({ url: '/api/calendar/days', body: { date: await fx.freeWeekday(), kind: 'holiday', name: 'Ma trận' } }) },
  { method: 'PATCH', url: '/api/calendar/days/:date', action: 'calendar.manage', request: async (fx) => { const d = await fx.newCalendarDay(); return { url: `/api/calendar/days/${d.date}`, body: { version: d.version, name: `Đổi ${++n}` } }; } },
  { method: 'DELETE', url: '/api/calendar/days/:date', action: 'calendar.manage', request: async (fx) => { const d = await fx.newCalendarDay(); return { url: `/api/calendar/days/${d.date}?version=${d.version}` }; } },
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
  'GET /api/public/procedures', // public catalogue, no login: procedure.test.ts
  'GET /api/public/procedures/:id',
  'GET /api/public/sectors',
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
    fx = { rootId, newUnit: () => make.unit(), newUser: () => make.user(), freeWeekday, newCalendarDay, newProcedure: (status) => newProcedureAs(admin, rootId, status) };
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
