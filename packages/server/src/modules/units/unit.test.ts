import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';

describe.each(engines)('units on %s', (engine) => {
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

  it('creates a division under the department and lists the tree', async () => {
    const res = await admin.post('/api/units', { parentId: rootId, kind: 'division', name: 'Phòng Quản lý khoa học' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      parentId: rootId,
      kind: 'division',
      name: 'Phòng Quản lý khoa học',
      version: 1,
      can: { update: true, delete: true, createChild: false },
    });
    const list = await admin.get('/api/units');
    expect(list.body.items.map((u: { name: string }) => u.name)).toContain('Phòng Quản lý khoa học');
  });

  it('rejects bad input naming every field', async () => {
    const res = await admin.post('/api/units', { parentId: '', kind: 'galaxy', name: '', code: '12.H49' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.code', 'body.kind', 'body.name', 'body.parentId']);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.code').code).toBe('unit.code_format');
  });

  it('refuses a child kind the parent cannot hold and a duplicate sibling name (ignoring diacritics)', async () => {
    expect((await admin.post('/api/units', { parentId: rootId, kind: 'province', name: 'X' })).body.code).toBe('unit.kind_not_allowed');
    await make.unit({ name: 'Phòng Kế hoạch' });
    const dup = await admin.post('/api/units', { parentId: rootId, kind: 'division', name: 'phong ke hoach' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('unit.name_taken');
  });

  it('updates with the current version and answers 409 with the current state to a stale one', async () => {
    const u = await make.unit();
    const ok = await admin.patch(`/api/units/${u.id}`, { version: 1, name: 'Thanh tra Sở' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await admin.patch(`/api/units/${u.id}`, { version: 1, name: 'Tên khác' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict.stale_version');
    expect(stale.body.detail.current.name).toBe('Thanh tra Sở');
  });

  it('deletes an empty unit, and refuses while it has users', async () => {
    const u = await make.unit();
    await make.user({ unitId: u.id, role: 'specialist' });
    const busy = await admin.delete(`/api/units/${u.id}?version=1`);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('unit.has_users');
    const empty = await make.unit();
    expect((await admin.delete(`/api/units/${empty.id}?version=1`)).status).toBe(204);
    expect((await admin.patch(`/api/units/${empty.id}`, { version: 1, name: 'x' })).status).toBe(404);
  });

  it('refuses with 409 to delete a unit that procedures or other records still point at', async () => {
    const procedure = (unitId: string, processingUnitId: string | null) => ({
      unitId,
      processingUnitId,
      status: 'active',
      code: `2.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      name: 'Thủ tục cấp phép',
      sector: { code: 'KH', name: 'Khoa học' },
      timeLimit: { value: 5, unit: 'working_days' },
      channels: ['counter'],
    });
    const owner = await make.unit();
    expect((await admin.post('/api/procedures', procedure(owner.id, null))).status).toBe(201);
    const owned = await admin.delete(`/api/units/${owner.id}?version=1`);
    expect(owned.status).toBe(409);
    expect(owned.headers['content-type']).toContain('application/problem+json');
    expect(owned.body.code).toBe('unit.has_procedures');
    const processing = await make.unit();
    expect((await admin.post('/api/procedures', procedure(rootId, processing.id))).status).toBe(201);
    expect((await admin.delete(`/api/units/${processing.id}?version=1`)).body.code).toBe('unit.has_procedures');
    // Records without a named check (here a PAR assessment of the unit) are caught by the foreign key: still 409, never 500.
    const set = await admin.post('/api/par/criteria-sets', { ownerUnitId: rootId, year: 2019, title: 'Bộ chỉ số xóa đơn vị', template: '2019_department' });
    expect((await admin.post(`/api/par/criteria-sets/${set.body.id}/activate`, { version: set.body.version })).status).toBe(200);
    const assessed = await make.unit();
    expect((await admin.post('/api/par/assessments', { setId: set.body.id, agencyUnitId: assessed.id })).status).toBe(201);
    const inUse = await admin.delete(`/api/units/${assessed.id}?version=1`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('unit.in_use');
    // Nothing was deleted and the unit still works.
    expect((await admin.patch(`/api/units/${assessed.id}`, { version: 1, name: 'Vẫn còn' })).status).toBe(200);
  });

  it('lets a system administrator of a top-level agency add another one, audited and in scope at once', async () => {
    const agency = await admin.post('/api/units', { parentId: null, kind: 'department', name: 'Sở Nội vụ', code: '000.00.05.H49' });
    expect(agency.status).toBe(201);
    expect(agency.body).toMatchObject({ parentId: null, kind: 'department', name: 'Sở Nội vụ', can: { update: true, delete: false, createChild: true } });
    // The creator now administers it: its tree is visible and manageable with the same session.
    const child = await admin.post('/api/units', { parentId: agency.body.id, kind: 'division', name: 'Phòng Tổ chức biên chế' });
    expect(child.status).toBe(201);
    expect((await admin.get('/api/units')).body.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([agency.body.id, child.body.id]));
    expect((await admin.get('/api/me')).body.grants).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'system_admin', unitId: agency.body.id })]),
    );
    const log = await admin.get(`/api/audit?entity=unit&entityId=${agency.body.id}`);
    expect(log.body.items.map((i: { action: string }) => i.action)).toEqual(['create']);
    const grantLog = await admin.get('/api/audit?entity=user');
    expect(grantLog.body.items[0].after.grants).toEqual(expect.arrayContaining([{ role: 'system_admin', unitId: agency.body.id }]));
    // Only top-level kinds, no duplicate names among agencies.
    expect((await admin.post('/api/units', { parentId: null, kind: 'division', name: 'Phòng lạc' })).body.code).toBe('unit.kind_not_allowed');
    expect((await admin.post('/api/units', { parentId: null, kind: 'province', name: 'so noi vu' })).status).toBe(409);
    // An agency administrator, or a system administrator scoped below the top, may not.
    const division = await make.unit();
    for (const [role, unitId] of [
      ['agency_admin', rootId],
      ['system_admin', division.id],
    ] as const) {
      const { caller } = await make.actor(role, unitId);
      const res = await caller.post('/api/units', { parentId: null, kind: 'department', name: `Sở khác ${role}` });
      expect(res.status, role).toBe(403);
    }
    // Others' scopes are not widened: another system administrator of the first agency does not see it.
    const { caller: other } = await make.actor('system_admin', rootId);
    expect((await other.get('/api/units')).body.items.map((u: { id: string }) => u.id)).not.toContain(agency.body.id);
  });

  it('hides units outside the actor scope (404) and refuses management to non-admins (403)', async () => {
    const a = await make.unit({ name: 'Phòng A' });
    const b = await make.unit({ name: 'Phòng B' });
    const { caller: headA } = await make.actor('unit_head', a.id);
    const seen = (await headA.get('/api/units')).body.items.map((u: { id: string }) => u.id);
    expect(seen).toEqual([a.id]);
    expect((await headA.patch(`/api/units/${b.id}`, { version: 1, name: 'x' })).status).toBe(404);
    expect((await headA.patch(`/api/units/${a.id}`, { version: 1, name: 'x' })).status).toBe(403);
  });

  it('records create, update and delete in the audit log with before and after', async () => {
    const u = await make.unit({ name: 'Phòng Ghi nhật ký' });
    await admin.patch(`/api/units/${u.id}`, { version: 1, name: 'Phòng Đã đổi tên' });
    await admin.delete(`/api/units/${u.id}?version=2`);
    const log = await admin.get(`/api/audit?entity=unit&entityId=${u.id}`);
    expect(log.body.items.map((i: { action: string }) => i.action)).toEqual(['delete', 'update', 'create']);
    const update = log.body.items[1];
    expect(update.before.name).toBe('Phòng Ghi nhật ký');
    expect(update.after.name).toBe('Phòng Đã đổi tên');
    expect(update.actorName).toContain('admin');
  });
});
