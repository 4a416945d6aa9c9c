import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgDatabase, engines } from '../../test/harness';
import { databaseLabel } from './demo-config';

const root = join(import.meta.dirname, '../../../..');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** `npm run demo`'s entry (scripts/start.mjs runs demo-main.ts after building the web app), on each engine. */
describe.each(engines)('npm run demo on %s', (engine) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('seeds and serves the demo on the configured database: DATABASE_URL when set, else DATA_DIR/demo.sqlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchc-demo-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const pg = engine === 'postgres' ? await createPgDatabase() : null;
    if (pg) cleanups.push(pg.drop);
    const port = await freePort();
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: pg?.url ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      CCHC_DEMO_PASSWORD: 'DemoCchc2026',
      WEB_DIST: join(dataDir, 'no-web'),
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'demo-test-secret',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/demo-main.ts')], { cwd: root, env });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('CCHC demo is serving')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
    });
    expect(out).toContain(`Demo data created in ${databaseLabel({ databaseUrl: pg?.url ?? null, sqliteFile: join(dataDir, 'demo.sqlite') })}\n`);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'motcua', password: 'DemoCchc2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const dossiers = (await (await fetch(`http://127.0.0.1:${port}/api/dossiers?queue=all`, { headers: { cookie } })).json()) as { total: number };
    expect(dossiers.total).toBeGreaterThan(150);
    // On PostgreSQL nothing is written to a SQLite file.
    expect(existsSync(join(dataDir, 'demo.sqlite'))).toBe(engine === 'sqlite');
    if (pg) {
      const { default: pgClient } = await import('pg');
      const c = new pgClient.Client({ connectionString: pg.url });
      await c.connect();
      const n = await c.query<{ n: string }>('select count(*) as n from dossiers');
      await c.end();
      expect(Number(n.rows[0]!.n)).toBe(dossiers.total);
    }
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)));
  }, 180_000);
});
