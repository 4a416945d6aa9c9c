import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, engines, factories, USER_PASSWORD, type TestApp } from '../../../test/harness';

describe.each(engines)('auth and setup on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('reports health with the engine', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: engine });
  });

  it('needs setup until the first administrator exists, then refuses a second setup', async () => {
    expect((await t.anon.get('/api/setup')).body).toEqual({ needsSetup: true });
    const bad = await t.anon.post('/api/setup', { agencyName: '', agencyKind: 'planet', username: 'A', fullName: '', password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body.agencyKind', 'body.agencyName', 'body.fullName', 'body.password', 'body.username'].sort(),
    );
    const { admin } = await t.setup();
    const me = await admin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', unitName: 'Sở Khoa học và Công nghệ', mustChangePassword: false });
    expect(me.body.grants).toEqual([expect.objectContaining({ role: 'system_admin' })]);
    expect(me.body.permissions).toContain('user.manage');
    expect((await t.anon.get('/api/setup')).body).toEqual({ needsSetup: false });
    const again = await t.anon.post('/api/setup', { agencyName: 'X', agencyKind: 'department', username: 'other', fullName: 'X', password: ADMIN_PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('setup.already_done');
  });

  it('logs in with an httpOnly SameSite cookie and logs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = `cchc_session=${res.cookies[0]!.value}`;
    expect((await t.as(cookie).get('/api/me')).status).toBe(200);
    expect((await t.as(cookie).post('/api/auth/logout')).status).toBe(204);
    expect((await t.as(cookie).get('/api/me')).status).toBe(401);
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const a = await t.anon.post('/api/auth/login', { username: 'nobody', password: 'whatever1' });
    const b = await t.anon.post('/api/auth/login', { username: 'admin', password: 'wrong-password1' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.code).toBe('auth.invalid_credentials');
    expect(b.body.code).toBe('auth.invalid_credentials');
  });

  // Login throttling (no per-account lock any more): auth-throttle.test.ts.

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: admin.cookie, origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).code).toBe('auth.csrf');
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: admin.cookie, origin: 'http://localhost:3000', host: 'localhost:3000' },
      payload: { name: 'ok' },
    });
    expect(same.statusCode).toBe(201);
  });

  it('authenticates integrations with a bearer token scoped like its user, until revoked', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const created = await admin.post('/api/auth/tokens', { name: 'Tích hợp cổng DVC' });
    expect(created.status).toBe(201);
    const bearer = t.as(`Bearer ${created.body.token}`);
    expect((await bearer.get('/api/me')).body.username).toBe('admin');
    const list = await admin.get('/api/auth/tokens');
    expect(list.body.items.map((i: { name: string }) => i.name)).toContain('Tích hợp cổng DVC');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await admin.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bearer.get('/api/me')).status).toBe(401);
    expect((await admin.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(404);
  });

  it('changes the password, ending other sessions but not this one', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const other = await t.login('admin', ADMIN_PASSWORD);
    const weak = await admin.post('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([{ path: 'body.newPassword', code: 'password.too_weak' }]);
    const wrong = await admin.post('/api/auth/password', { currentPassword: 'Nope12345', newPassword: 'Moi2026abc' });
    expect(wrong.body.code).toBe('auth.wrong_password');
    expect((await admin.post('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: 'Moi2026abc' })).status).toBe(204);
    expect((await admin.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await admin.post('/api/auth/password', { currentPassword: 'Moi2026abc', newPassword: ADMIN_PASSWORD })).status).toBe(204);
  });

  it('a user who must change the password may only read /api/me, change it or log out; public routes still answer', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const rootId = (await admin.get('/api/me')).body.unitId as string;
    const created = await admin.post('/api/users', {
      username: 'moi.tao',
      fullName: 'Người mới',
      unitId: rootId,
      password: USER_PASSWORD,
      grants: [{ role: 'agency_admin', unitId: rootId }],
    });
    expect(created.status).toBe(201);
    const fresh = await t.login('moi.tao');
    const me = await fresh.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'moi.tao', mustChangePassword: true, permissions: expect.arrayContaining(['unit.manage']) });
    for (const [method, url] of [
      ['GET', '/api/units'],
      ['GET', '/api/users'],
      ['GET', '/api/auth/tokens'],
      ['POST', '/api/auth/tokens'],
      ['POST', '/api/units'],
    ] as const) {
      const res = method === 'GET' ? await fresh.get(url) : await fresh.post(url, { name: 'x', parentId: rootId, kind: 'division' });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('auth.password_change_required');
    }
    // Public routes answer as for an anonymous visitor.
    expect((await fresh.get('/api/setup')).status).toBe(200);
    const calendar = await fresh.get('/api/calendar/2026');
    expect(calendar.status).toBe(200);
    expect(calendar.body.can.manage).toBe(false);
    expect((await fresh.post('/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'Doimoi2026' })).status).toBe(204);
    expect((await fresh.get('/api/me')).body.mustChangePassword).toBe(false);
    expect((await fresh.get('/api/units')).status).toBe(200);
    expect((await fresh.post('/api/auth/logout')).status).toBe(204);
  });

  it("after an administrator reset, the user's API tokens are revoked, and stay refused once the password is changed", async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const rootId = (await admin.get('/api/me')).body.unitId as string;
    const u = await factories(t, admin, rootId).user({ role: 'agency_admin' });
    const session = await t.login(u.username);
    const token = (await session.post('/api/auth/tokens', { name: 'Tích hợp' })).body.token as string;
    const bearer = t.as(`Bearer ${token}`);
    expect((await bearer.get('/api/procedures')).status).toBe(200);
    expect((await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Datlai2026' })).status).toBe(204);
    expect((await session.get('/api/me')).status).toBe(401);
    // Issue #9, defect 8: the reset revokes the tokens (before, they came back once the password was changed).
    expect((await bearer.get('/api/procedures')).status).toBe(401);
    expect((await bearer.get('/api/me')).status).toBe(401);
    const again = await t.login(u.username, 'Datlai2026');
    expect((await again.post('/api/auth/tokens', { name: 'Khác' })).body.code).toBe('auth.password_change_required');
    expect((await again.post('/api/auth/logout')).status).toBe(204);
    const last = await t.login(u.username, 'Datlai2026');
    expect((await last.post('/api/auth/password', { currentPassword: 'Datlai2026', newPassword: 'Moinhat2026' })).status).toBe(204);
    expect((await bearer.get('/api/procedures')).status).toBe(401);
  });

  it('serves a session from the cache, but a logout or a deactivation ends it at once', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const rootId = (await admin.get('/api/me')).body.unitId as string;
    const u = await factories(t, admin, rootId).user({ role: 'viewer' });
    const a = await t.login(u.username);
    const b = await t.login(u.username);
    for (let i = 0; i < 3; i++) expect((await a.get('/api/me')).status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(200);
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    expect((await a.get('/api/me')).status).toBe(401);
    expect((await b.get('/api/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${u.id}`, { version: 1, isActive: false })).status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(401);
    // An expired session is not served from the cache either.
    const admin2 = await t.login('admin', ADMIN_PASSWORD);
    expect((await admin2.get('/api/me')).status).toBe(200);
    t.clock.advanceMinutes(t.config.sessionTtlHours * 60 + 1);
    expect((await admin2.get('/api/me')).status).toBe(401);
  });

  it('rate-limits the login route', async () => {
    const limited = await createTestApp(engine, { login: { maxPerMinute: 3, lockAfterFailures: 100, lockMinutes: 1 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.anon.post('/api/auth/login', { username: 'x', password: 'y' })).status);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
