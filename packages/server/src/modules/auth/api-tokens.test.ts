import { PERMISSIONS, ROLES, type Role } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, USER_PASSWORD, type Caller, type TestApp } from '../../../test/harness';

// Issue #9, defect 8: API tokens died with neither a password change nor an administrator's reset, and
// never expired. Now both revoke them (same transaction, audited) and a token may carry an expiry.
describe.each(engines)('API tokens: revocation and expiry on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let make: ReturnType<typeof factories>;
  const START = '2026-03-02T02:00:00.000Z';
  beforeAll(async () => {
    t = await createTestApp(engine);
    const s = await t.setup();
    admin = s.admin;
    make = factories(t, admin, s.rootId);
  });
  afterAll(() => t.close());

  async function withTokens(n: number) {
    // An agency administrator: only administrators may create tokens (see the last test).
    const u = await make.user({ role: 'agency_admin' });
    const session = await t.login(u.username);
    const bearers: Caller[] = [];
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await session.post('/api/auth/tokens', { name: `Tích hợp ${i}` });
      expect(res.status).toBe(201);
      bearers.push(t.as(`Bearer ${res.body.token}`));
      ids.push(res.body.id);
      expect((await bearers[i]!.get('/api/procedures')).status).toBe(200);
    }
    return { u, session, bearers, ids };
  }

  it("changing one's own password revokes every token at once; the session making the change stays; audited", async () => {
    const { u, session, bearers, ids } = await withTokens(2);
    expect((await session.post('/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'Doimoi2026' })).status).toBe(204);
    for (const b of bearers) expect((await b.get('/api/me')).status).toBe(401);
    expect((await session.get('/api/me')).status).toBe(200);
    expect((await session.get('/api/auth/tokens')).body.items).toEqual([]);
    const audit = await admin.get(`/api/audit?entity=api_token&entityId=${ids[0]}`);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['create', 'delete']));
    const change = await admin.get(`/api/audit?entity=user&entityId=${u.id}`);
    expect(JSON.stringify(change.body)).toContain('apiTokensRevoked');
  });

  it("an administrator's reset revokes every token in the same transaction, audited", async () => {
    const { u, bearers, ids } = await withTokens(1);
    expect((await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Datlai2026' })).status).toBe(204);
    expect((await bearers[0]!.get('/api/me')).status).toBe(401);
    const row = await t.handle.db.selectFrom('apiTokens').select('revokedAt').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(row.revokedAt).not.toBeNull();
    const audit = await admin.get(`/api/audit?entity=api_token&entityId=${ids[0]}`);
    expect(JSON.stringify(audit.body)).toContain('password_reset');
  });

  it('takes an optional expiry in the future, at most 366 days ahead, naming the field otherwise', async () => {
    const { session } = await withTokens(0);
    for (const [expiresAt, code] of [
      ['2026-03-01T00:00:00.000Z', 'api_token.expiry_not_future'],
      [START, 'api_token.expiry_not_future'],
      ['2027-03-04T02:00:00.000Z', 'api_token.expiry_too_far'],
    ] as const) {
      const res = await session.post('/api/auth/tokens', { name: 'Hết hạn', expiresAt });
      expect(res.status, expiresAt).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.expiresAt', code }]);
    }
    expect((await session.post('/api/auth/tokens', { name: 'Sai', expiresAt: '03/04/2026' })).status).toBe(400);
    const never = await session.post('/api/auth/tokens', { name: 'Không hết hạn', expiresAt: null });
    expect(never.body.expiresAt).toBeNull();
    const yearAhead = await session.post('/api/auth/tokens', { name: 'Một năm', expiresAt: '2027-03-02T17:00:00.000Z' });
    expect(yearAhead.status).toBe(201);
    expect(yearAhead.body.expiresAt).toBe('2027-03-02T17:00:00.000Z');
  });

  it('refuses an expired token with 401 and lists the expiry', async () => {
    const { session } = await withTokens(0);
    const res = await session.post('/api/auth/tokens', { name: 'Một ngày', expiresAt: '2026-03-03T02:00:00.000Z' });
    expect(res.status).toBe(201);
    const bearer = t.as(`Bearer ${res.body.token}`);
    expect((await bearer.get('/api/me')).status).toBe(200);
    expect((await session.get('/api/auth/tokens')).body.items).toEqual([expect.objectContaining({ name: 'Một ngày', expiresAt: '2026-03-03T02:00:00.000Z' })]);
    try {
      t.clock.set('2026-03-03T01:59:59.000Z');
      expect((await bearer.get('/api/me')).status).toBe(200);
      t.clock.set('2026-03-03T02:00:00.000Z');
      expect((await bearer.get('/api/me')).status).toBe(401);
    } finally {
      t.clock.set(START);
    }
  });

  it('a revoked token is refused by the very next request of this process (no cache in between)', async () => {
    const { session, bearers, ids } = await withTokens(1);
    expect((await bearers[0]!.get('/api/me')).status).toBe(200);
    expect((await session.delete(`/api/auth/tokens/${ids[0]}`)).status).toBe(204);
    expect((await bearers[0]!.get('/api/me')).status).toBe(401);
  });

  // Issue #13 item 11: tokens serve integrations (the live sync of dossier imports and other systems), so only
  // administrators create them; every user still lists and revokes their own, e.g. one made before the rule.
  it('only the roles with api_token.create may create a token (403 otherwise); everyone lists and revokes their own', async () => {
    const creators: readonly Role[] = PERMISSIONS['api_token.create'];
    expect([...creators].sort()).toEqual(['agency_admin', 'system_admin']);
    for (const role of ROLES) {
      const { caller } = await make.actor(role);
      const me = await caller.get('/api/me');
      expect(me.body.permissions.includes('api_token.create'), role).toBe(creators.includes(role));
      const res = await caller.post('/api/auth/tokens', { name: `Tích hợp ${role}` });
      if (creators.includes(role)) {
        expect(res.status, role).toBe(201);
        continue;
      }
      expect(res.status, role).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden', detail: { action: 'api_token.create' } });
      // Nothing was written, and an older token of the same user stays listed and revocable.
      expect((await caller.get('/api/auth/tokens')).body.items).toEqual([]);
      const older = await t.bearerOf(caller, 'Cũ');
      expect((await older.get('/api/me')).status, role).toBe(200);
      const listed = (await caller.get('/api/auth/tokens')).body.items as { id: string; name: string }[];
      expect(listed.map((i) => i.name)).toEqual(['Cũ']);
      expect((await caller.delete(`/api/auth/tokens/${listed[0]!.id}`)).status, role).toBe(204);
      expect((await older.get('/api/me')).status, role).toBe(401);
    }
  });
});
