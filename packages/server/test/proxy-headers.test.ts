import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/platform/config';
import { createProcedure } from '../src/modules/dossiers/dossier.fixtures';
import { ADMIN_PASSWORD, createTestApp, multipart, type TestApp } from './harness';
import { loggedApp } from './logged-app';

// Issue #9, defect 4 and the header items: the client address and the site's own address never come
// from headers anyone can send; HSTS only when the deployment is HTTPS; authenticated API responses
// are never cached; the OpenAPI pages can be switched off.

describe('client address (TRUST_PROXY)', () => {
  it('unset: the address is the socket’s and X-Forwarded-For is ignored', async () => {
    const s = await loggedApp({});
    try {
      const res = await s.built.app.inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '10.1.2.3',
        headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
      });
      expect(res.statusCode).toBe(200);
      expect(s.clientAddresses()).toEqual(['10.1.2.3']);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('set: X-Forwarded-For is believed only from the listed proxies', async () => {
    const s = await loggedApp({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    try {
      await s.built.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
      await s.built.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.4.4.4', headers: { 'x-forwarded-for': '203.0.113.8' } });
      await s.built.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.9', headers: { 'x-forwarded-for': '6.6.6.6' } });
      expect(s.clientAddresses()).toEqual(['203.0.113.7', '203.0.113.8', '192.0.2.9']);
      const https = await s.built.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const spoofed = await s.built.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.9', headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('refuses a malformed TRUST_PROXY entry with the setting’s name', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'x', TRUST_PROXY: 'nginx.local' }, { dataDir: '/tmp/cchc-cfg-test' })).toThrow(/TRUST_PROXY/);
  });
});

describe('links on receipt slips and in e-mails', () => {
  let t: TestApp;
  let cookie: string;
  let procedureId: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const { admin, rootId } = await t.setup();
    cookie = (await t.login('admin', ADMIN_PASSWORD)).cookie;
    procedureId = await createProcedure(admin, rootId, { steps: [] });
  });
  afterAll(() => t.close());

  const evil = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', host: 'evil.example' };

  it('never take the host from the request, even with X-Forwarded-Host or Host: evil.example', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie, ...evil },
      payload: { procedureId, channel: 'counter', applicant: { name: 'Lê Thị Thu Hà', email: 'thuha@example.vn' } },
    });
    expect(res.statusCode).toBe(201);
    const { id, code, lookupPin } = res.json<{ id: string; code: string; lookupPin: string }>();
    const link = `http://localhost:3000/tra-cuu?ma=${encodeURIComponent(code)}&pin=${lookupPin}`;

    const mail = await t.handle.db.selectFrom('notifications').select('body').where('dossierId', '=', id).executeTakeFirstOrThrow();
    expect(mail.body).not.toContain('evil.example');
    expect(mail.body).toContain(link);

    const slip = await t.app.inject({ method: 'GET', url: `/api/dossiers/${id}/forms/receipt`, headers: { cookie, ...evil } });
    expect(slip.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(slip.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).not.toContain('evil.example');
    expect(xml).toContain(link.replace(/&/g, '&amp;'));
  });

  it('PUBLIC_BASE_URL is used as configured', () => {
    const c = loadConfig({ SESSION_SECRET: 'x', PUBLIC_BASE_URL: 'https://dichvucong.example.gov.vn/' }, { dataDir: t.config.dataDir });
    expect(c.dossier.publicBaseUrl).toBe('https://dichvucong.example.gov.vn');
    expect(() => loadConfig({ SESSION_SECRET: 'x', PUBLIC_BASE_URL: 'dichvucong.example.gov.vn' }, { dataDir: t.config.dataDir })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('in production, an e-mail sender without PUBLIC_BASE_URL refuses to start, and slips refuse to print', async () => {
    const prod = { SESSION_SECRET: 'x', NODE_ENV: 'production' };
    expect(() => loadConfig({ ...prod, SMTP_URL: 'smtp://127.0.0.1:2525' }, { dataDir: t.config.dataDir })).toThrow(/PUBLIC_BASE_URL/);
    expect(
      loadConfig({ ...prod, SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_BASE_URL: 'https://dvc.example.gov.vn' }, { dataDir: t.config.dataDir }).production,
    ).toBe(true);

    const p = await createTestApp('sqlite', { production: true, dossier: { ...t.config.dossier, publicBaseUrl: null } });
    try {
      const { admin, rootId } = await p.setup();
      const proc = await createProcedure(admin, rootId, { steps: [] });
      const received = await admin.post('/api/dossiers', { procedureId: proc, channel: 'counter', applicant: { name: 'Lê Thị Thu Hà' } });
      expect(received.status).toBe(201);
      const slip = await admin.get(`/api/dossiers/${received.body.id}/forms/receipt`);
      expect(slip.status).toBe(503);
      expect(slip.body.code).toBe('config.public_base_url_missing');
      expect(slip.body.detail).toEqual({ setting: 'PUBLIC_BASE_URL' });
    } finally {
      await p.close();
    }
  });
});

describe('response headers', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.setup();
    cookie = (await t.login('admin', ADMIN_PASSWORD)).cookie;
  });
  afterAll(() => t.close());

  it('no HSTS over plain HTTP when COOKIE_SECURE is off', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('HSTS when COOKIE_SECURE=true', async () => {
    const s = await createTestApp('sqlite', { cookieSecure: true });
    try {
      expect((await s.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await s.close();
    }
  });

  it('Cache-Control: no-store on authenticated API responses, downloads and exports included', async () => {
    for (const url of ['/api/me', '/api/units', '/api/dossiers', '/api/dossiers/export', '/api/audit']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBeLessThan(300);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('file downloads are no-store', async () => {
    const unitId = (await t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie } })).json<{ items: { id: string }[] }>().items[0]!.id;
    const m = multipart('bien-ban.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=unit&ownerId=${unitId}`,
      headers: { cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    expect(up.statusCode, up.body).toBe(201);
    const res = await t.app.inject({ method: 'GET', url: `/api/files/${up.json<{ id: string }>().id}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('OpenAPI pages (API_DOCS)', () => {
  const appWith = async (overrides: Partial<Config>) => createTestApp('sqlite', overrides);

  it('served by default', async () => {
    const t = await appWith({});
    try {
      expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    } finally {
      await t.close();
    }
  });

  it('API_DOCS=false removes /docs and /docs/json', async () => {
    expect(loadConfig({ SESSION_SECRET: 'x', API_DOCS: 'false' }, { dataDir: '/tmp/cchc-cfg-test' }).apiDocs).toBe(false);
    const t = await appWith({ apiDocs: false });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/docs/static/index.html' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
