// Child process for the platform benchmark: serves either the real app (SQLite, one admin) or a bare
// Fastify route, reports its port and, on request, its resident memory over IPC.
import Fastify from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import { loadConfig } from '../packages/server/src/platform/config';

const mode = process.argv[2];
const send = (m: unknown) => process.send?.(m);
process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss });
  if (m.type === 'exit') process.exit(0);
});

if (mode === 'bare') {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ id: '1', username: 'admin' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', port: (app.server.address() as { port: number }).port, rss: process.memoryUsage().rss });
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const config = loadConfig(
    { SESSION_SECRET: 'bench-secret' },
    { dataDir, databaseUrl: process.env.BENCH_DATABASE_URL || null, webDist: null, logLevel: 'warn' },
  );
  const { app } = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const rss = process.memoryUsage().rss;
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { agencyName: 'Sở Khoa học và Công nghệ', agencyKind: 'department', username: 'admin', fullName: 'Quản trị', password: 'Benchmark2026' },
  });
  const cookie = setup.cookies.find((c) => c.name === 'cchc_session')!;
  send({ type: 'ready', port, rss, cookie: `cchc_session=${cookie.value}` });
}
