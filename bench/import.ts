import { drawRecord, prng } from '../packages/server/src/cli/generate-dossiers';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp, type App } from '../packages/server/src/app';
import { procedureBody } from '../packages/server/src/modules/procedures/procedure.fixtures';
import { loadConfig } from '../packages/server/src/platform/config';
import type { Engine } from '../packages/server/src/platform/db/database';
import Database from 'better-sqlite3';
import { cpus, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { randomBytes } from 'node:crypto';

// Issue #11 import benchmark (docs/dossier-imports.md): a JSON-lines file of IMPORT_BENCH_ROWS dossiers
// (default 1,000,000) with the national sync fields is uploaded over HTTP to a listening server and
// imported by the job (stream, stage, validate, one-transaction switch); then the same file again (all
// unchanged). Targets: ≥ 20,000 rows/s on PostgreSQL, ≥ 10,000 on SQLite, memory flat (the RSS growth
// is printed). Live sync: IMPORT_BENCH_SYNC batches of 1,000 records through POST /api/dossier-sync.
// Baseline in the same run: reading and JSON-parsing the file alone.

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
const SYNC_BATCHES = Number(process.env.IMPORT_BENCH_SYNC ?? 20);
const TARGET: Record<Engine, number> = { postgres: 20_000, sqlite: 10_000 };
const ENGINES = (process.env.IMPORT_BENCH_ENGINES ?? 'postgres,sqlite').split(',') as Engine[];
/** `IMPORT_BENCH_AGAIN=0` skips importing the same file a second time (the 1,000,000-row run). */
const AGAIN = process.env.IMPORT_BENCH_AGAIN !== '0';
/** `IMPORT_BENCH_REBUILD=off` keeps the indexes during a first load (docs/dossier-imports.md#first-loads). */
const REBUILD_OFF = process.env.IMPORT_BENCH_REBUILD === 'off';
/** `IMPORT_BENCH_BASELINES=0` skips the parse and raw-load baselines (they are printed when measured). */
const BASELINES = process.env.IMPORT_BENCH_BASELINES !== '0';
/** `IMPORT_BENCH_KEEP=1` keeps the PostgreSQL database after the run (its name is printed) for `psql`. */
const KEEP = process.env.IMPORT_BENCH_KEEP === '1';

/** A scratch PostgreSQL database on TEST_DATABASE_URL's server (the bench's own; the test harness needs vitest). */
async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `cchc_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2_000 });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function writeFile(path: string, procCode: string): Promise<void> {
  const out = createWriteStream(path);
  const rand = prng(11);
  const yearStart = Date.UTC(2025, 0, 1) - 7 * 3600_000;
  for (let i = 0; i < ROWS; i++) {
    const line = JSON.stringify(drawRecord(rand, i, { count: ROWS, year: 2025, seed: 11, agencies: 1 }, { codes: [procCode] }, yearStart)) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function parseBaseline(path: string): Promise<number> {
  const { createInterface } = await import('node:readline');
  const { createReadStream } = await import('node:fs');
  const t0 = performance.now();
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) if (line) n += JSON.parse(line) ? 1 : 0;
  return (n / (performance.now() - t0)) * 1000;
}

/**
 * Baseline in the same run: the same lines loaded raw, without conversion, as (code, line) rows into a
 * plain table of the same database: COPY on PostgreSQL, multi-row INSERTs in one transaction on SQLite.
 */
async function rawLoadBaseline(engine: Engine, path: string, pgUrl: string | null, sqliteFile: string): Promise<number> {
  const { createInterface } = await import('node:readline');
  const { createReadStream } = await import('node:fs');
  const lines = () => createInterface({ input: createReadStream(path) });
  const codeOf = (line: string) => /"MaHoSo":"([^"]*)"/.exec(line)?.[1] ?? '';
  const t0 = performance.now();
  let n = 0;
  if (engine === 'postgres') {
    const c = new pg.Client({ connectionString: pgUrl! });
    await c.connect();
    try {
      await c.query('create table bench_raw (code text primary key, line text not null)');
      const esc = (v: string) => v.replace(/[\\\n\r\t]/g, (ch) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[ch]!);
      // Lines gathered into chunks of about 1 MB, as the import's own COPY sends them: one CopyData message
      // per line (as this baseline first did) costs Node more than PostgreSQL spends on the rows, which made
      // the "raw COPY" figure a measure of Node's stream overhead (2,618 rows/s at load 17–20).
      async function* text() {
        let chunk = '';
        for await (const line of lines())
          if (line) {
            n++;
            chunk += `${esc(codeOf(line))}\t${esc(line)}\n`;
            if (chunk.length > 1 << 20) {
              yield chunk;
              chunk = '';
            }
          }
        if (chunk) yield chunk;
      }
      await pipeline(Readable.from(text()), c.query(copyStreams.from('copy bench_raw (code, line) from stdin')));
      await c.query('drop table bench_raw');
    } finally {
      await c.end();
    }
  } else {
    const db = new Database(sqliteFile);
    try {
      db.exec('create table bench_raw (code text primary key, line text not null)');
      const per = 500;
      const many = db.prepare(`insert into bench_raw (code, line) values ${Array.from({ length: per }, () => '(?, ?)').join(', ')}`);
      const one = db.prepare('insert into bench_raw (code, line) values (?, ?)');
      let batch: string[] = [];
      db.exec('begin');
      for await (const line of lines())
        if (line) {
          n++;
          batch.push(codeOf(line), line);
          if (batch.length === per * 2) {
            many.run(batch);
            batch = [];
          }
        }
      for (let i = 0; i < batch.length; i += 2) one.run(batch[i], batch[i + 1]);
      db.exec('commit');
      db.exec('drop table bench_raw');
    } finally {
      db.close();
    }
  }
  return (n / (performance.now() - t0)) * 1000;
}

async function runEngine(engine: Engine): Promise<void> {
  const pgdb = engine === 'postgres' ? await createPgDatabase().catch(() => null) : null;
  if (engine === 'postgres' && !pgdb) return void console.log('  postgres: skipped (no server on TEST_DATABASE_URL)');
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-import-bench-'));
  const config = loadConfig(
    { SESSION_SECRET: 'bench-secret-bench-secret-bench-secret' },
    {
      dataDir,
      databaseUrl: pgdb?.url ?? null,
      webDist: null,
      ...(REBUILD_OFF ? { importRebuildMinRows: null } : {}),
    },
  );
  let app: App | null = null;
  try {
    app = await buildApp(config, { logger: false });
    const setup = await app.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        agencyName: 'Sở Khoa học và Công nghệ',
        agencyKind: 'department',
        agencyCode: '000.00.12.H49',
        username: 'admin',
        fullName: 'Quản trị',
        password: 'Quantri2026',
      },
    });
    const rootId = (JSON.parse(setup.body) as { unitId: string }).unitId;
    const cookie = `cchc_session=${setup.cookies.find((c) => c.name === 'cchc_session')!.value}`;
    const token = JSON.parse((await app.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload: { name: 'bench' } })).body)
      .token as string;
    const auth = { authorization: `Bearer ${token}` };
    const proc = await app.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: auth,
      payload: { ...procedureBody(rootId, { receivingCutoffMinute: null }), effectiveFrom: '2000-01-01' },
    });
    const procCode = JSON.parse(proc.body).code as string;
    const file = join(dataDir, 'bench.jsonl');
    await writeFile(file, procCode);
    const baseline = BASELINES ? await parseBaseline(file) : NaN;
    const raw = BASELINES ? await rawLoadBaseline(engine, file, pgdb?.url ?? null, config.sqliteFile) : NaN;
    const address = await app.app.listen({ port: 0, host: '127.0.0.1' });

    const runOnce = async (label: string) => {
      const rss0 = process.memoryUsage().rss;
      const cpu0 = process.cpuUsage();
      const busy0 = machineBusyMs();
      let peak = rss0;
      // Peak RSS per phase: the upload (this process is also the HTTP client, which may hold the file's body), then the job's phases.
      const peaks: Record<string, number> = {};
      const form = new FormData();
      form.set('file', await openAsBlob(file), 'bench.jsonl');
      const t0 = performance.now();
      const res = await fetch(`${address}/api/dossier-imports?unitId=${rootId}`, { method: 'POST', headers: auth, body: form });
      const { id } = (await res.json()) as { id: string };
      const uploaded = performance.now();
      peaks.upload = process.memoryUsage().rss;
      let staged = 0;
      let job: {
        status: string;
        rowsWritten: number;
        rowsUnchanged: number;
        errorCount: number;
        failure: string | null;
        bytesRead: number;
        sizeBytes: number;
        phase: string | null;
        phaseStep: number;
        timings: Record<string, number>;
      } = {
        status: 'queued',
        rowsWritten: 0,
        rowsUnchanged: 0,
        errorCount: 0,
        failure: null,
        bytesRead: 0,
        sizeBytes: 1,
        phase: null,
        phaseStep: 0,
        timings: {},
      };
      // SQLite's statements block the server's event loop for seconds at a time (one connection, in process):
      // a poll may then find its kept-alive socket closed (ECONNRESET), so a failed poll is tried again.
      const poll = async (): Promise<typeof job> => {
        for (let attempt = 1; ; attempt++)
          try {
            return (await (await fetch(`${address}/api/dossier-imports/${id}`, { headers: auth })).json()) as typeof job;
          } catch (e) {
            if (attempt >= 5) throw e;
            await sleep(1000);
          }
      };
      const phasesSeen = new Set<string>();
      while (['queued', 'running'].includes(job.status)) {
        await sleep(200);
        const rss = process.memoryUsage().rss;
        peak = Math.max(peak, rss);
        job = await poll();
        if (!staged && job.bytesRead >= job.sizeBytes) staged = performance.now();
        if (job.phase) phasesSeen.add(job.phase === 'switching' ? `switching ${job.phaseStep}` : job.phase);
        if (job.phase) peaks[job.phase] = Math.max(peaks[job.phase] ?? 0, rss);
      }
      const s = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const busy = machineBusyMs() - busy0;
      // The last timings (commit, clean-up of the staging rows) are written just after the commit.
      for (let i = 0; i < 50 && job.status === 'done' && job.timings.clear === undefined; i++) {
        await sleep(100);
        job = await poll();
      }
      // The job's own timings (the server measures each phase and switch statement; the poll above only
      // sees what the event loop lets it see, and SQLite blocks it during its statements).
      const ms = (k: string) => job.timings[k] ?? 0;
      const sec = (k: string) => `${(ms(k) / 1000).toFixed(1)} s`;
      const perRow = (k: string) => `${((ms(k) * 1000) / ROWS).toFixed(0)} µs/row`;
      const steps = Object.keys(job.timings).filter((k) => k.startsWith('switch.'));
      console.log(
        `    upload ${((uploaded - t0) / 1000).toFixed(1)} s; read+convert+stage ${sec('read')} (convert ${sec('convert')} = ${perRow('convert')}, ` +
          `staging writes ${sec('stage')} = ${perRow('stage')} beside it, waiting for them ${sec('stageWait')}); checks ${sec('check')}; ` +
          `switch ${(steps.reduce((a, k) => a + ms(k), 0) / 1000).toFixed(1)} s (${steps.map((k) => `${k.slice(7)} ${sec(k)}`).join(', ')}); staging cleared ${sec('clear')}`,
      );
      console.log(`    phases seen while polling: ${[...phasesSeen].join(' → ') || 'none'}`);
      console.log(
        `    RSS above the start, peak per phase: ${Object.entries(peaks)
          .map(([k, v]) => `${k} +${Math.round((v - rss0) / 1e6)} MB`)
          .join(', ')}`,
      );
      console.log(
        `  ${engine} ${label}: ${job.status} (written ${job.rowsWritten}, unchanged ${job.rowsUnchanged}, errors ${job.errorCount}${job.failure ? `, ${job.failure}` : ''}) ` +
          `in ${s.toFixed(1)} s = ${Math.round(ROWS / s)} rows/s (target ≥ ${TARGET[engine]}; ` +
          (BASELINES
            ? `baselines: read+parse ${Math.round(baseline)} rows/s, raw ${engine === 'postgres' ? 'COPY' : 'INSERT'} of the same lines ${Math.round(raw)} rows/s; ratio ${(raw / (ROWS / s)).toFixed(1)}×); `
            : 'baselines skipped); ') +
          `Node CPU ${((cpu.user + cpu.system) / ROWS).toFixed(0)} µs/row; machine CPU ${((busy * 1000) / ROWS).toFixed(0)} µs/row ` +
          `(every process, the database's included; the target leaves ${Math.round((cpus().length * 1e6) / TARGET[engine])} on ${cpus().length} cores); RSS +${Math.round((peak - rss0) / 1e6)} MB; load ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
      );
    };
    console.log(`  ${engine}: ${ROWS} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB of JSON lines`);
    await runOnce('first import');
    if (AGAIN) await runOnce('same file again');

    const rand = prng(99);
    const yearStart = Date.UTC(2026, 0, 1) - 7 * 3600_000;
    const t0 = performance.now();
    for (let b = 0; b < SYNC_BATCHES; b++) {
      const records = Array.from({ length: 1000 }, (_, i) =>
        drawRecord(rand, ROWS + b * 1000 + i, { count: 0, year: 2026, seed: 99, agencies: 1 }, { codes: [procCode] }, yearStart),
      );
      const res = await app.app.inject({ method: 'POST', url: `/api/dossier-sync?unitId=${rootId}`, headers: auth, payload: { records } });
      if (res.statusCode !== 200) throw new Error(res.body);
    }
    const s = (performance.now() - t0) / 1000;
    console.log(`  ${engine} live sync: ${SYNC_BATCHES} batches of 1,000 in ${s.toFixed(1)} s = ${Math.round((SYNC_BATCHES * 1000) / s)} records/s`);
  } finally {
    await app?.close();
    if (KEEP && pgdb) console.log(`  kept ${pgdb.url}`);
    else await pgdb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runImportBench(): Promise<void> {
  console.log(`\nDossier import (issue #11): ${ROWS} rows`);
  for (const engine of ENGINES) await runEngine(engine);
}

/**
 * CPU time every process of the machine has used since boot, in ms (user, nice, system, interrupts over all
 * cores). Its growth over a run on an otherwise quiet machine is what the import cost Node and the database
 * together: at a target of R rows/s, n cores leave n × 10⁶ / R µs of CPU per row (docs/dossier-imports.md).
 */
function machineBusyMs(): number {
  return cpus().reduce((a, c) => a + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}
