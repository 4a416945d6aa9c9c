import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import { newSecret, sha256 } from '../src/platform/auth/tokens';
import { fixedClock } from '../src/platform/clock';
import { loadConfig, type Config } from '../src/platform/config';
import type { Engine } from '../src/platform/db/database';

/** Every server test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (CI sets it). */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

// Without TEST_DATABASE_URL the PostgreSQL cases do not vanish from the count: each file that uses the
// harness shows one skipped test saying why.
if (!process.env.TEST_DATABASE_URL) {
  describe('on postgres', () => {
    it.skip('skipped: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)', () => undefined);
  });
}

export const TEST_HASHING = { memoryCost: 1024, timeCost: 1 };
export const ADMIN_PASSWORD = 'Quantri2026';
export const USER_PASSWORD = 'Matkhau123';

/** A fresh PostgreSQL database on TEST_DATABASE_URL's server, and the function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `cchc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface Response {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

export interface Caller {
  get(url: string): Promise<Response>;
  post(url: string, body?: unknown): Promise<Response>;
  patch(url: string, body?: unknown): Promise<Response>;
  put(url: string, body?: unknown): Promise<Response>;
  delete(url: string): Promise<Response>;
}

export interface TestApp extends App {
  engine: Engine;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  anon: Caller;
  /** A caller carrying the given session cookie (or bearer token when it starts with "Bearer "). */
  as(credential: string): Caller;
  login(username: string, password?: string): Promise<Caller & { cookie: string }>;
  /** Runs first-run setup and returns the administrator's caller and root unit. */
  setup(): Promise<{ admin: Caller; rootId: string }>;
  /**
   * Clears the "must change password" flag an administrator-created user starts with, as if the
   * first change were done, so the user can call the API. auth.test.ts covers the forced change.
   */
  passwordChanged(userId: string): Promise<void>;
  /**
   * A bearer caller for the same user as `caller`, its token written straight into the database. Only
   * administrators may create tokens through the API (api-tokens.test.ts); the tests use tokens as a way to
   * call as any role while the clock moves past a session's lifetime.
   */
  bearerOf(caller: Caller, name?: string): Promise<Caller>;
  /** The same, as the raw `Bearer …` header (for multipart requests sent with inject). */
  bearerHeader(caller: Caller, name?: string): Promise<string>;
}

function caller(t: App, headers: Record<string, string>): Caller {
  const send = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<Response> => {
    const res = await t.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    let parsed: unknown = undefined;
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('json') && res.body) parsed = JSON.parse(res.body);
    return { status: res.statusCode, body: parsed, headers: res.headers, raw: res.rawPayload };
  };
  return {
    get: (u) => send('GET', u),
    post: (u, b) => send('POST', u, b ?? {}),
    patch: (u, b) => send('PATCH', u, b ?? {}),
    put: (u, b) => send('PUT', u, b ?? {}),
    delete: (u) => send('DELETE', u),
  };
}

export async function createTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-test-'));
  const pgdb = engine === 'postgres' ? await createPgDatabase() : null;
  const config = loadConfig(
    { SESSION_SECRET: 'test-secret-test-secret-test-secret' },
    { dataDir, databaseUrl: pgdb?.url ?? null, webDist: null, login: { maxPerMinute: 10_000, lockAfterFailures: 5, lockMinutes: 15 }, ...overrides },
  );
  const clock = fixedClock('2026-03-02T02:00:00.000Z');
  const built = await buildApp(config, { clock, hashing: TEST_HASHING, logger: false });
  const t: TestApp = {
    ...built,
    engine,
    config,
    clock,
    anon: caller(built, {}),
    as: (credential) => caller(built, credential.startsWith('Bearer ') ? { authorization: credential } : { cookie: credential }),
    async login(username, password = USER_PASSWORD) {
      const res = await built.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'cchc_session')!;
      const cookie = `cchc_session=${c.value}`;
      return { ...caller(built, { cookie }), cookie };
    },
    async setup() {
      const res = await built.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: {
          agencyName: 'Sở Khoa học và Công nghệ',
          agencyKind: 'department',
          agencyCode: '000.00.12.H49',
          username: 'admin',
          fullName: 'Quản trị hệ thống',
          password: ADMIN_PASSWORD,
        },
      });
      if (res.statusCode !== 201) throw new Error(`setup failed: ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'cchc_session')!;
      const admin = caller(built, { cookie: `cchc_session=${c.value}` });
      const rootId = (JSON.parse(res.body) as { unitId: string }).unitId;
      return { admin, rootId };
    },
    async passwordChanged(userId) {
      await built.handle.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', userId).execute();
    },
    async bearerOf(who, name) {
      return t.as(await t.bearerHeader(who, name));
    },
    async bearerHeader(who, name = 'test') {
      const me = await who.get('/api/me');
      if (me.status !== 200) throw new Error(`bearerOf: ${JSON.stringify(me.body)}`);
      const token = newSecret('cchc_');
      const userId = (me.body as { id: string }).id;
      const row = { id: randomUUID(), userId, name, tokenHash: sha256(token), createdAt: clock.now(), expiresAt: null };
      await built.handle.db.insertInto('apiTokens').values(row).execute();
      return `Bearer ${token}`;
    },
    close: async () => {
      await built.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Factories that create what they need through the API as the given administrator. */
let n = 0;
export function factories(t: TestApp, admin: Caller, rootId: string) {
  return {
    async unit(over: { parentId?: string; kind?: string; name?: string } = {}) {
      const res = await admin.post('/api/units', { parentId: over.parentId ?? rootId, kind: over.kind ?? 'division', name: over.name ?? `Phòng ${++n}` });
      if (res.status !== 201) throw new Error(`unit: ${JSON.stringify(res.body)}`);
      return res.body as { id: string; version: number; name: string };
    },
    async user(
      over: { role?: string; unitId?: string; username?: string; fullName?: string; email?: string | null; grants?: { role: string; unitId: string }[] } = {},
    ) {
      const unitId = over.unitId ?? rootId;
      const username = over.username ?? `user${++n}`;
      const grants = over.grants ?? (over.role ? [{ role: over.role, unitId }] : []);
      const res = await admin.post('/api/users', {
        username,
        fullName: over.fullName ?? `Người dùng ${n}`,
        email: over.email ?? null,
        unitId,
        password: USER_PASSWORD,
        grants,
      });
      if (res.status !== 201) throw new Error(`user: ${JSON.stringify(res.body)}`);
      await t.passwordChanged(res.body.id);
      return res.body as { id: string; username: string; version: number };
    },
    /** A user with one role on a unit (and an e-mail address when given), logged in. */
    async actor(role: string, unitId = rootId, email: string | null = null) {
      const u = await this.user({ role, unitId, email });
      return { user: u, caller: await t.login(u.username) };
    },
  };
}

/** A multipart/form-data body with one file in the field `file`, for `app.inject`. */
export function multipart(name: string, type: string, data: Buffer): { body: Buffer; contentType: string } {
  const boundary = '----cchc-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
