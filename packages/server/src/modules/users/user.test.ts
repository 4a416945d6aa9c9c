import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, USER_PASSWORD, type Caller, type TestApp } from '../../../test/harness';

describe.each(engines)('users on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
  });
  afterAll(() => t.close());

  it('creates a user with grants who must change the password, and never returns the hash', async () => {
    const div = await make.unit({ name: 'Phòng Quản lý công nghệ' });
    const res = await admin.post('/api/users', {
      username: 'Nguyen.Lan',
      fullName: 'Nguyễn Thị Lan',
      email: 'lan@example.vn',
      unitId: div.id,
      password: USER_PASSWORD,
      grants: [{ role: 'specialist', unitId: div.id }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'nguyen.lan',
      unitName: 'Phòng Quản lý công nghệ',
      mustChangePassword: true,
      isActive: true,
      grants: [{ role: 'specialist', unitId: div.id }],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    const audit = await admin.get(`/api/audit?entity=user&entityId=${res.body.id}`);
    expect(JSON.stringify(audit.body)).not.toMatch(/argon2|passwordHash/);
  });

  it('rejects invalid users naming every field, and duplicate usernames with 409', async () => {
    const bad = await admin.post('/api/users', {
      username: 'a',
      fullName: '',
      email: 'not-an-email',
      unitId: rootId,
      password: 'weak',
      grants: [{ role: 'king', unitId: rootId }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.email',
      'body.fullName',
      'body.grants.0.role',
      'body.password',
      'body.username',
    ]);
    await make.user({ username: 'trungten' });
    const dup = await admin.post('/api/users', { username: 'trungten', fullName: 'X', unitId: rootId, password: USER_PASSWORD, grants: [] });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('user.username_taken');
  });

  it('searches ignoring Vietnamese diacritics, with pagination and sorting', async () => {
    await make.user({ username: 'tran.hoa', fullName: 'Trần Thị Hòa' });
    await make.user({ username: 'le.hoang', fullName: 'Lê Văn Hoàng' });
    const res = await admin.get('/api/users?q=tran%20thi%20hoa');
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(['tran.hoa']);
    const page = await admin.get('/api/users?pageSize=2&page=1&sort=username&order=desc');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
    const names = page.body.items.map((u: { username: string }) => u.username);
    expect([...names].sort().reverse()).toEqual(names);
  });

  it('updates with version checks, replaces grants, and deactivation ends sessions', async () => {
    const u = await make.user({ role: 'specialist' });
    const session = await t.login(u.username);
    const ok = await admin.patch(`/api/users/${u.id}`, { version: 1, fullName: 'Tên mới', grants: [{ role: 'viewer', unitId: rootId }] });
    expect(ok.status).toBe(200);
    expect(ok.body.grants.map((g: { role: string }) => g.role)).toEqual(['viewer']);
    expect((await admin.patch(`/api/users/${u.id}`, { version: 1, fullName: 'Cũ' })).status).toBe(409);
    expect((await admin.patch(`/api/users/${u.id}`, { version: 2, isActive: false })).status).toBe(200);
    expect((await session.get('/api/me')).status).toBe(401);
  });

  it('resets a password, which unlocks and forces a change at next login', async () => {
    const u = await make.user({ role: 'specialist' });
    expect((await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Datlai2026' })).status).toBe(204);
    const s = await t.login(u.username, 'Datlai2026');
    expect((await s.get('/api/me')).body.mustChangePassword).toBe(true);
  });

  it('lets an agency admin manage only inside the agency and never grant system_admin', async () => {
    const a = await make.unit({ name: 'Phòng Hành chính' });
    const b = await make.unit({ name: 'Phòng Tổ chức' });
    const { caller: agencyAdmin } = await make.actor('agency_admin', a.id);
    const inside = await agencyAdmin.post('/api/users', {
      username: 'inside.a',
      fullName: 'A',
      unitId: a.id,
      password: USER_PASSWORD,
      grants: [{ role: 'specialist', unitId: a.id }],
    });
    expect(inside.status).toBe(201);
    const outside = await agencyAdmin.post('/api/users', { username: 'outside.b', fullName: 'B', unitId: b.id, password: USER_PASSWORD, grants: [] });
    expect(outside.status).toBe(404);
    const escalate = await agencyAdmin.post('/api/users', {
      username: 'boss',
      fullName: 'B',
      unitId: a.id,
      password: USER_PASSWORD,
      grants: [{ role: 'system_admin', unitId: a.id }],
    });
    expect(escalate.status).toBe(403);
    const grantOut = await agencyAdmin.post('/api/users', {
      username: 'wide',
      fullName: 'W',
      unitId: a.id,
      password: USER_PASSWORD,
      grants: [{ role: 'viewer', unitId: b.id }],
    });
    expect(grantOut.status).toBe(400);
    expect(grantOut.body.errors).toEqual([{ path: 'body.grants.0.unitId', code: 'user.grant_out_of_scope' }]);
  });

  it('a division head reads only the division users; another division user reads as absent', async () => {
    const a = await make.unit();
    const b = await make.unit();
    const inB = await make.user({ unitId: b.id, role: 'specialist' });
    const { caller: headA } = await make.actor('unit_head', a.id);
    const list = await headA.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.items.every((u: { unitId: string }) => u.unitId === a.id)).toBe(true);
    expect((await headA.patch(`/api/users/${inB.id}`, { version: 1, fullName: 'x' })).status).toBe(404);
    const { caller: specialist } = await make.actor('specialist', a.id);
    expect((await specialist.get('/api/users')).status).toBe(403);
  });
});
