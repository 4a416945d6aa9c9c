import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrations';
import { dossierSql, pgAdmin, seedCatalogue } from './statistics';

// Issue #11 target: the queue page (list + counts) of a one-stop officer of a 100,000-dossier agency within
// 1,000,000 dossiers on PostgreSQL, p95 ≤ 150 ms at 20 connections; GET /api/health at 20 connections in the
// same run as the baseline. The rows are the statistics benchmark's (bench/statistics.ts, SQL-generated), with
// one agency in ten dossiers: 30 agencies, the first holding BENCH_QUEUE_SCALE_DOSSIERS / 10.
// BENCH_QUEUE_SCALE_DOSSIERS (default 1,000,000), BENCH_SECONDS (default 8). The database is
// cchc_bench_queue_<random>, dropped at the end (BENCH_KEEP_DB keeps it; BENCH_QUEUE_SCALE_URL measures a kept one again).

const DOSSIERS = Number(process.env.BENCH_QUEUE_SCALE_DOSSIERS ?? 1_000_000);
const CONNECTIONS = 20;
const TARGET_P95_MS = 150;
const PROCEDURES_PER_AGENCY = 40;
const AGENCIES = 30;

/** What the desk's queue page requests when it opens, and the same list far down (a deep page). */
const PAGES = {
  first: '/api/dossiers?queue=all&page=1&pageSize=20&sort=dueAt&order=asc',
  toReceive: '/api/dossiers?queue=to_receive&page=1&pageSize=20&sort=dueAt&order=asc',
  deep: '/api/dossiers?queue=all&page=2500&pageSize=20&sort=dueAt&order=asc',
} as const;

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  cpu: number;
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { micros: number }).micros));
    child.send({ type: 'cpu' });
  });
}

/** A closed loop: `connections` clients, each sending its next request when the last is answered. */
async function load(child: ChildProcess, port: number, path: string, cookie: string | null, seconds: number): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: '127.0.0.1', port, path, agent, headers: cookie ? { cookie } : {} }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  const cpu0 = await cpuOf(child);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = ((await cpuOf(child)) - cpu0) / Math.max(1, latencies.length);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, cpu };
}

const line = (label: string, r: Figures, extra = '') =>
  console.log(
    `${label.padEnd(38)}${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(0).padStart(5)} ms   p95 ${r.p95.toFixed(0).padStart(5)} ms   p99 ${r.p99.toFixed(0).padStart(5)} ms   server CPU ${(r.cpu / 1000).toFixed(1).padStart(6)} ms/req   errors ${r.errors}${extra}`,
  );

export async function runDossierQueueScaleBench(seconds = Number(process.env.BENCH_SECONDS ?? 8)): Promise<void> {
  console.log(
    `\n== Queue page of a one-stop officer: a ${(DOSSIERS / 10).toLocaleString('en')}-dossier agency within ${DOSSIERS.toLocaleString('en')} (PostgreSQL, ${CONNECTIONS} connections) ==`,
  );
  const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    await pgAdmin(base, (c) => c.query('select 1'));
  } catch {
    console.log(`skipped: PostgreSQL is not reachable at ${base.replace(/\/\/[^@]*@/, '//')} (set TEST_DATABASE_URL)`);
    return;
  }
  // BENCH_QUEUE_SCALE_URL: measure again a database an earlier run seeded and kept (BENCH_KEEP_DB).
  const reuse = process.env.BENCH_QUEUE_SCALE_URL || null;
  const name = reuse ? null : `cchc_bench_queue_${randomBytes(5).toString('hex')}`;
  let url = reuse ?? '';
  if (name) {
    await pgAdmin(base, (c) => c.query(`create database ${name}`));
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  let child: ChildProcess | null = null;
  try {
    const t0 = performance.now();
    const handle = openDatabase({ databaseUrl: url, sqliteFile: '' });
    await migrateToLatest(handle.db);
    let agency: string;
    if (reuse) {
      agency = (
        await handle.db
          .selectFrom('dossiers')
          .select('unitId')
          .groupBy('unitId')
          .orderBy((eb) => eb.fn.countAll(), 'desc')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).unitId;
    } else {
      agency = (await seedCatalogue(handle.db))[1]!;
      // Procedures numbered agency by agency; one dossier in ten goes to the first agency's 40 procedures.
      await sql`create table bench_procs as select (row_number() over (order by p.unit_id = ${agency} desc, p.id)) - 1 as n, p.id, p.unit_id, p.processing_unit_id, v.id as version_id, p.code, p.name from procedures p join procedure_versions v on v.procedure_id = p.id`.execute(
        handle.db,
      );
      const procCount = AGENCIES * PROCEDURES_PER_AGENCY;
      const procedureOf = `case when g % 10 = 0 then (g / 10) % ${PROCEDURES_PER_AGENCY} else ${PROCEDURES_PER_AGENCY} + g % ${procCount - PROCEDURES_PER_AGENCY} end`;
      const parts = 4;
      const chunk = Math.ceil(DOSSIERS / parts);
      // The dossier rows only (the timeline is the statistics' business, not the queue's).
      await Promise.all(
        Array.from({ length: parts }, (_, i) =>
          pgAdmin(url, (c) => c.query(dossierSql(true, i * chunk + 1, Math.min(DOSSIERS, (i + 1) * chunk), procCount, procedureOf)[0]!)),
        ),
      );
      await sql`drop table bench_procs`.execute(handle.db);
      await pgAdmin(url, (c) => c.query('vacuum analyze dossiers'));
    }
    const [all, mine] = await Promise.all([
      handle.db
        .selectFrom('dossiers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      handle.db
        .selectFrom('dossiers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('unitId', '=', agency)
        .executeTakeFirstOrThrow(),
    ]);
    await handle.close();
    console.log(
      `${reuse ? 'reused' : 'seeded'} ${Number(all.n).toLocaleString('en')} dossiers (${Number(mine.n).toLocaleString('en')} in the officer's agency) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const c = fork(join(import.meta.dirname, 'dossier-queue-scale-server.ts'), [url, agency], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = c;
    const ready = await new Promise<{ port: number; cookie: string }>((resolve, reject) => {
      c.once('message', (m) => resolve(m as { port: number; cookie: string }));
      c.once('exit', (code) => reject(new Error(`queue scale server exited with ${code}`)));
    });
    await load(c, ready.port, '/api/health', null, 1);
    await load(c, ready.port, PAGES.first, ready.cookie, 2); // warm-up
    const health = await load(c, ready.port, '/api/health', null, seconds);
    const first = await load(c, ready.port, PAGES.first, ready.cookie, seconds);
    const toReceive = await load(c, ready.port, PAGES.toReceive, ready.cookie, seconds);
    const deep = await load(c, ready.port, PAGES.deep, ready.cookie, seconds);
    // The same page reached by the cursor of page 2,499 (keyset: read from the position, no offset to skip).
    const before = await fetch(`http://127.0.0.1:${ready.port}${PAGES.deep.replace('page=2500', 'page=2499')}`, { headers: { cookie: ready.cookie } });
    const cursor = ((await before.json()) as { nextCursor: string | null }).nextCursor;
    const byCursor = cursor ? await load(c, ready.port, `${PAGES.deep}&cursor=${cursor}`, ready.cookie, seconds) : null;
    const verdict = (r: Figures) => `   ${r.p95 <= TARGET_P95_MS && r.errors === 0 ? 'PASS' : 'FAIL'} (target p95 ≤ ${TARGET_P95_MS} ms)`;
    line('GET /api/health (baseline)', health);
    line('queue page, "all" (as it opens)', first, verdict(first));
    line('queue page, "to receive" tab', toReceive, verdict(toReceive));
    line('queue page, "all", page 2,500', deep, verdict(deep));
    if (byCursor) line('queue page, "all", page 2,500 by cursor', byCursor, verdict(byCursor));
    else console.log('queue page by cursor: page 2,499 gave no next cursor (fewer dossiers than 50,000)');
  } finally {
    child?.send({ type: 'exit' });
    if (child) await new Promise((r) => child!.once('exit', r));
    if (name && process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`);
    else if (name) await pgAdmin(base, (c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runDossierQueueScaleBench();
