import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as plainRequest } from 'node:http';
import { request } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from './harness';
import { loggedApp, type LoggedApp } from './logged-app';

// The documented deployment (docs/deployment.md), run for real: deploy/nginx-cchc.conf in front of the
// server with TRUST_PROXY and COOKIE_SECURE as deploy/cchc.env sets them, on loopback ports. The client
// connects from another loopback address, so "the address the server sees" is not the proxy's by accident.

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const CLIENT = '127.0.0.2';
const SITE = resolve(import.meta.dirname, '../../../deploy/nginx-cchc.conf');

if (!NGINX && process.env.CI !== 'true') {
  console.warn(
    '\n\n##########\n# SKIPPED: nginx is not installed, so the deployment test (nginx.test.ts) did not run.\n# Install it with `apt-get install nginx` (CI installs it and fails without it).\n##########\n',
  );
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => done(port));
    });
    s.on('error', fail);
  });

/** The documented site file with test ports and paths; each substitution must match, or the document changed. */
function renderSite(ports: { https: number; http: number; app: number }, dir: string): string {
  let site = readFileSync(SITE, 'utf8');
  const swap = (from: string | RegExp, to: string) => {
    const next = site.replace(from, to);
    if (next === site) throw new Error(`deploy/nginx-cchc.conf no longer contains ${String(from)}: update nginx.test.ts with it`);
    site = next;
  };
  swap('server 127.0.0.1:3000;', `server 127.0.0.1:${ports.app};`);
  swap('listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`);
  swap('listen 80;', `listen 127.0.0.1:${ports.http};`);
  swap(/^\s*listen \[::\]:.*$/gm, ''); // the test machine may have no IPv6 loopback
  swap(/ssl_certificate \S+;/, `ssl_certificate ${join(dir, 'cert.pem')};`);
  swap(/ssl_certificate_key \S+;/, `ssl_certificate_key ${join(dir, 'key.pem')};`);
  return site;
}

function mainConf(dir: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, t)};`).join('\n  ');
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log ${join(dir, 'access.log')};
  ${temp}
  include ${join(dir, 'site.conf')};
}
`;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function fetchFrom(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        localAddress: CLIENT,
        rejectUnauthorized: false, // the certificate is self-signed for this test
        servername: 'cchc.example.gov.vn',
        headers: { host: 'cchc.example.gov.vn', ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

async function waitForPort(port: number, nginx: ChildProcess, dir: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    const open = await new Promise<boolean>((done) => {
      const s = createServer();
      s.once('error', () => done(true)); // taken: nginx is listening
      s.listen(port, '127.0.0.1', () => s.close(() => done(false)));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('nginx did not start listening within 10 s');
}

describe.runIf(NGINX || process.env.CI === 'true')('behind the documented nginx configuration', () => {
  let dir: string;
  let server: LoggedApp;
  let nginx: ChildProcess | null = null;
  const ports = { https: 0, http: 0, app: 0 };

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is not installed: CI must install it (.ci/run) so the deployment test runs');
    dir = mkdtempSync(join(tmpdir(), 'cchc-nginx-'));
    const cert = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=cchc.example.gov.vn',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (cert.status !== 0) throw new Error(`openssl: ${cert.stderr}`);

    // As deploy/cchc.env: nginx on this machine is the only trusted proxy, cookies are Secure.
    server = await loggedApp({ TRUST_PROXY: '127.0.0.1', COOKIE_SECURE: 'true' });
    await server.built.app.listen({ port: 0, host: '127.0.0.1' });
    ports.app = (server.built.app.server.address() as AddressInfo).port;
    ports.https = await freePort();
    ports.http = await freePort();

    writeFileSync(join(dir, 'site.conf'), renderSite(ports, dir));
    writeFileSync(join(dir, 'nginx.conf'), mainConf(dir));
    const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
    const check = spawnSync(NGINX, ['-t', ...args], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
    nginx = spawn(NGINX, args, { stdio: 'ignore' });
    await waitForPort(ports.https, nginx, dir);
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (nginx.exitCode === null) nginx.kill('SIGKILL');
    }
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the server sees the client’s address, not the proxy’s, and not one the client made up', async () => {
    const before = server.clientAddresses().length;
    expect((await fetchFrom(ports.https, '/api/health')).status).toBe(200);
    const spoofed = await fetchFrom(ports.https, '/api/health', { headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'evil.example' } });
    expect(spoofed.status).toBe(200);
    expect(server.clientAddresses().slice(before)).toEqual([CLIENT, CLIENT]);
  });

  it('HTTPS: HSTS, and the session cookie is Secure', async () => {
    const health = await fetchFrom(ports.https, '/api/health');
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const setup = await fetchFrom(ports.https, '/api/setup', {
      method: 'POST',
      body: {
        agencyName: 'Sở Khoa học và Công nghệ',
        agencyKind: 'department',
        agencyCode: '000.00.12.H49',
        username: 'admin',
        fullName: 'Quản trị hệ thống',
        password: ADMIN_PASSWORD,
      },
    });
    expect(setup.status, setup.body).toBe(201);
    const cookie = [setup.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('cchc_session='));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });

  it('plain HTTP is redirected to HTTPS', async () => {
    const res = await new Promise<{ status: number; location?: string }>((done, fail) => {
      const req = plainRequest(
        { host: '127.0.0.1', port: ports.http, path: '/tra-cuu', localAddress: CLIENT, headers: { host: 'cchc.example.gov.vn' } },
        (r) => {
          r.resume();
          done({ status: r.statusCode ?? 0, location: r.headers.location });
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(res).toEqual({ status: 301, location: 'https://cchc.example.gov.vn/tra-cuu' });
  });
});
