import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app';
import { seedDemo } from '../packages/server/src/demo/demo';
import { loadConfig } from '../packages/server/src/platform/config';
import { openDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrations';

// Issue #10 target: the leader's overview (GET /api/overview as `lanhdao`) on the demo agency, p95 ≤ 200 ms.
// The real app on the demo data, SQLite in a temporary folder, then a throwaway PostgreSQL database when
// TEST_DATABASE_URL's server answers; 50 requests one after another after 5 to warm up, in process
// (app.inject: no network), beside the health check's time as the baseline. The 1,000,000-dossier figure
// is printed by the statistics benchmark (`npm run bench -- statistics`).

const PASSWORD = 'Benchmark-2026';
const RUNS = 50;

async function measureOn(engine: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-overview-'));
  let databaseUrl: string | null = null;
  let drop = async () => undefined as unknown;
  if (engine === 'postgres') {
    const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2_000 });
    try {
      await admin.connect();
    } catch {
      console.log('postgres: skipped, the server is not reachable (set TEST_DATABASE_URL)');
      return;
    }
    const name = `cchc_bench_overview_${randomBytes(5).toString('hex')}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = loadConfig({ SESSION_SECRET: 'bench-secret' }, { dataDir, databaseUrl, webDist: null, logLevel: 'warn' });
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle, { password: PASSWORD });
    const built = await buildApp(config, { handle, logger: false });
    const login = await built.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lanhdao', password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'cchc_session');
    if (!cookie) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const headers = { cookie: `cchc_session=${cookie.value}` };
    const time = async (url: string) => {
      const runs: number[] = [];
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        const res = await built.app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        if (i >= 5) runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      return { p50: runs[Math.floor(runs.length / 2)]!, p95: runs[Math.ceil(runs.length * 0.95) - 1]! };
    };
    const overview = await time('/api/overview');
    const base = await time('/api/health');
    console.log(
      `${engine}: overview p50 ${overview.p50.toFixed(1)} ms, p95 ${overview.p95.toFixed(1)} ms (target p95 ≤ 200 ms); health check p95 ${base.p95.toFixed(1)} ms`,
    );
    await built.app.close();
  } finally {
    await handle.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runOverviewInProcessBench(): Promise<void> {
  console.log(`\n== Leader's overview on the demo agency (GET /api/overview as lanhdao, ${RUNS} requests) ==`);
  for (const engine of ['sqlite', 'postgres'] as const) await measureOn(engine);
}
