import { performance } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { calendarFromYears, defaultYears, instantAt, type DayCalendar, type LocalDate } from '@cchc/domain';
import type { ServerActor } from '../packages/server/src/platform/auth/actor';
import { openDatabase, type Db, type DbHandle } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrations';
import { DEFAULT_DOSSIER_SETTINGS } from '../packages/server/src/modules/dossiers/dossier-rules';
import { DossierStatisticsRepository } from '../packages/server/src/modules/dossiers/dossier-statistics.repository';
import { DossierStatisticsService } from '../packages/server/src/modules/dossiers/dossier-statistics.service';
import { DossierRepository, type QueueDays } from '../packages/server/src/modules/dossiers/dossier.repository';
import { UnitTreeRepository } from '../packages/server/src/platform/units/unit-tree';
import { insertProcedures, procedureRows } from './seed-procedures';

// Issue #11 benchmark: the year statistics of a whole province over 1,000,000 dossiers, computed by the
// server's statistics service (grouped SQL over the dossiers and their timeline), against a hand-written SQL
// query computing the same report from the dossiers' current columns, in the same run; and the server's RSS
// growth while it runs. Targets: PostgreSQL ≤ 1.5 s and ≤ 3× the baseline, RSS +≤ 100 MB; SQLite ≤ 3 s.
// The rows are inserted with SQL (generate_series on PostgreSQL, a recursive CTE on SQLite): the dossier
// generator of the `import` work builds realistic histories; this one only needs the counted columns and spans.
// BENCH_STATISTICS_DOSSIERS sets the volume (default 1,000,000); BENCH_STATISTICS_ENGINES=postgres,sqlite.
// Seeding 1,000,000 rows takes minutes: BENCH_STATISTICS_PG_DB=<name> (a database on the server) and
// BENCH_STATISTICS_SQLITE=<file> keep the data between runs (seeded when empty, migrated to the latest).

const DOSSIERS = Number(process.env.BENCH_STATISTICS_DOSSIERS ?? 1_000_000);
const AGENCIES = 30;
const DIVISIONS = 3;
const PROCEDURES_PER_AGENCY = 40;
const YEAR = 2026;
const TARGET = { postgres: 1_500, sqlite: 3_000 } as const;

function serverUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function pgAdmin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** Units and procedures: 30 agencies of 3 divisions, 40 procedures each. */
export async function seedCatalogue(db: Db): Promise<string[]> {
  const now = new Date().toISOString();
  const root = randomUUID();
  const units: Record<string, unknown>[] = [
    { id: root, parentId: null, kind: 'province', name: 'Tỉnh', nameFolded: 'tinh', code: '000.00.00.H99', version: 1, createdAt: now, updatedAt: now },
  ];
  const rows: Array<ReturnType<typeof procedureRows>> = [];
  for (let a = 0; a < AGENCIES; a++) {
    const agency = randomUUID();
    units.push({
      id: agency,
      parentId: root,
      kind: 'department',
      name: `Sở ${a + 1}`,
      nameFolded: `so ${a + 1}`,
      code: `000.00.${String(a + 10).padStart(2, '0')}.H99`,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const divs = Array.from({ length: DIVISIONS }, () => randomUUID());
    divs.forEach((id, d) =>
      units.push({
        id,
        parentId: agency,
        kind: 'division',
        name: `Phòng ${d + 1} Sở ${a + 1}`,
        nameFolded: `phong ${d + 1} so ${a + 1}`,
        code: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
    for (let p = 0; p < PROCEDURES_PER_AGENCY; p++) {
      const id = randomUUID();
      const name = `Thủ tục ${p + 1} của Sở ${a + 1}`;
      rows.push(
        procedureRows({
          id,
          versionId: randomUUID(),
          unitId: agency,
          code: `1.${String(100000 + p)}`,
          name,
          sectorCode: `LV${p % 8}`,
          sectorName: `Lĩnh vực ${p % 8}`,
          processingUnitId: divs[p % DIVISIONS]!,
          onlineLevel: 'full',
          content: '{}',
          now,
        }),
      );
    }
  }
  await db
    .insertInto('units')
    .values(units as never)
    .execute();
  await insertProcedures(db, rows);
  return units.map((u) => u.id as string);
}

/**
 * The dossier rows (with their open span as `position_*`) and their timeline, in SQL. Received over 2025–2026 (700 days); by k = g / procedures:
 * 65 % returned, 10 % result ready, 10 % processing, 5 % awaiting a supplement, 5 % refused, 5 % withdrawn;
 * due 14 days after receipt, processing ending 0–18 days after it (about a quarter late); channels 50 % counter,
 * 20 % post, 30 % online. The timeline has received → processing → (pause | closing) → returned.
 */
export function dossierSql(pgEngine: boolean, from: number, to: number, procCount: number, procedureOf = `g % ${procCount}`) {
  const recv = pgEngine
    ? `timestamptz '2025-01-01 09:00:00+07' + ((g * 37) % 700) * interval '1 day' + (g % 480) * interval '1 minute'`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01T02:00:00Z', '+' || ((g * 37) % 700) || ' days', '+' || (g % 480) || ' minutes')`;
  const plus = (expr: string, days: string) =>
    pgEngine ? `(${expr} + (${days}) * interval '1 day')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr}, '+' || (${days}) || ' days')`;
  const plusHours = (expr: string, h: number) => (pgEngine ? `(${expr} + interval '${h} hours')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr}, '+${h} hours')`);
  const gen = pgEngine
    ? `generate_series(${from}, ${to}) g`
    : `(with recursive s(g) as (select ${from} union all select g + 1 from s where g < ${to}) select g from s)`;
  const local = (expr: string) => (pgEngine ? `cast((${expr} at time zone 'UTC') + interval '7 hours' as date)` : `date(${expr}, '+7 hours')`);
  const x = `select g, (${pgEngine ? 'g::bigint' : 'g'} * 7919) % 10007 as k, ${recv} as recv from ${gen}`;
  const status = `case when k % 20 < 13 then 'returned' when k % 20 < 15 then 'result_ready' when k % 20 < 17 then 'processing' when k % 20 = 17 then 'awaiting_supplement' when k % 20 = 18 then 'refused' else 'withdrawn' end`;
  const closed = `case when k % 20 < 15 or k % 20 >= 18 then ${plus('recv', 'k % 19')} end`;
  const third = `case when k % 20 < 15 then 'result_ready' when k % 20 = 17 then 'awaiting_supplement' when k % 20 = 18 then 'refused' else 'withdrawn' end`;
  const dossiers = `
    insert into dossiers (id, code, unit_id, processing_unit_id, procedure_id, procedure_version_id, procedure_code, procedure_name,
      channel, status, clock_running, applicant_name, applicant_name_folded, applicant, components, lookup_pin,
      received_at, received_on, due_date, due_at, statutory_due_at, end_of_processing_at, finished_at, return_method,
      state, version, created_at, updated_at, intake_at, closed_at, returned_at, payment_stops_clock, supplement_requests, apologies,
      position_status, position_since, position_due_at, position_supplements)
    select 'd' || g, 'BENCH-' || g, p.unit_id, p.processing_unit_id, p.id, p.version_id, p.code, p.name,
      (case (k * 7) % 10 when 0 then 'counter' when 1 then 'counter' when 2 then 'counter' when 3 then 'counter' when 4 then 'counter' when 5 then 'post' when 6 then 'post' else 'online' end),
      ${status}, case when k % 20 in (15, 16) then 1 else 0 end,
      'Nguyễn Văn ' || g, 'nguyen van ' || g, '{}', '[]', '000000',
      recv, ${local('recv')}, ${local(plus('recv', '14'))}, ${plus('recv', '14')}, ${plus('recv', '14')},
      ${closed}, ${closed}, null,
      '{}', 1, recv, recv, recv, ${closed}, case when k % 20 < 13 then ${plus('recv', 'k % 19 + 1')} end, 0,
      case when k % 20 = 17 then 1 else 0 end, 0,
      case when k % 20 < 13 then 'returned' when k % 20 in (15, 16) then 'processing' else ${third} end,
      case when k % 20 < 13 then ${plus('recv', 'k % 19 + 1')} when k % 20 in (15, 16) then ${plusHours('recv', 1)} when k % 20 = 17 then ${plus('recv', '2')} else ${plus('recv', 'k % 19')} end,
      ${plus('recv', '14')}, case when k % 20 = 17 then 1 else 0 end
    from (${x}) x join bench_procs p on p.n = ${procedureOf}`;
  const span = (seq: number, st: string, start: string, end: string, where: string) => `
    insert into dossier_timeline (dossier_id, seq, status, start_at, end_at, statutory_due_at, supplement_requests)
    select 'd' || g, ${seq}, ${st}, ${start}, ${end}, ${plus('recv', '14')}, case when k % 20 = 17 and ${seq} = 3 then 1 else 0 end from (${x}) x where ${where}`;
  return [
    dossiers,
    span(1, `'received'`, 'recv', plusHours('recv', 1), '1 = 1'),
    span(
      2,
      `'processing'`,
      plusHours('recv', 1),
      `case when k % 20 in (15, 16) then null when k % 20 = 17 then ${plus('recv', '2')} else ${plus('recv', 'k % 19')} end`,
      '1 = 1',
    ),
    span(
      3,
      third,
      `case when k % 20 = 17 then ${plus('recv', '2')} else ${plus('recv', 'k % 19')} end`,
      `case when k % 20 < 13 then ${plus('recv', 'k % 19 + 1')} end`,
      'k % 20 not in (15, 16)',
    ),
    span(4, `'returned'`, plus('recv', 'k % 19 + 1'), 'null', 'k % 20 < 13'),
  ];
}

async function seedDossiers(handle: DbHandle, url: string | null): Promise<void> {
  const db = handle.db;
  await sql`create table bench_procs as select (row_number() over (order by p.id)) - 1 as n, p.id, p.unit_id, p.processing_unit_id, v.id as version_id, p.code, p.name from procedures p join procedure_versions v on v.procedure_id = p.id`.execute(
    db,
  );
  const procCount = AGENCIES * PROCEDURES_PER_AGENCY;
  if (url) {
    // Four connections in parallel, each a quarter of the rows.
    const parts = 4;
    const chunk = Math.ceil(DOSSIERS / parts);
    for (const step of [0, 1, 2, 3, 4]) {
      await Promise.all(
        Array.from({ length: parts }, (_, i) =>
          pgAdmin(url, (c) => c.query(dossierSql(true, i * chunk + 1, Math.min(DOSSIERS, (i + 1) * chunk), procCount)[step]!)),
        ),
      );
    }
    await pgAdmin(url, (c) => c.query('vacuum analyze dossiers'));
    await pgAdmin(url, (c) => c.query('vacuum analyze dossier_timeline'));
  } else {
    const batch = 100_000;
    for (let from = 1; from <= DOSSIERS; from += batch) {
      await db.transaction().execute(async (trx) => {
        for (const text of dossierSql(false, from, Math.min(DOSSIERS, from + batch - 1), procCount)) await sql.raw(text).execute(trx);
      });
    }
    await sql`analyze`.execute(db);
  }
  await sql`drop table bench_procs`.execute(db);
}

/**
 * The baseline: one hand-written query of the same year report from the dossiers' current columns (the
 * period ends today, so the current status is the status at its end), as a DBA would write it.
 */
function baseline(db: Db, pgEngine: boolean, fromAt: string, nextAt: string, todayAt: string) {
  const t = (v: string) => (pgEngine ? `timestamptz '${v}'` : `'${v}'`);
  return sql
    .raw(
      `
    select
      count(*) filter (where intake_at < ${t(fromAt)}) as carried_over,
      count(*) filter (where intake_at >= ${t(fromAt)} and channel = 'online') as online,
      count(*) filter (where intake_at >= ${t(fromAt)} and channel = 'counter') as counter,
      count(*) filter (where intake_at >= ${t(fromAt)} and channel = 'post') as post,
      count(*) filter (where status in ('result_ready', 'returned')) as completed,
      count(*) filter (where status in ('result_ready', 'returned') and end_of_processing_at > statutory_due_at) as late,
      count(*) filter (where status in ('refused', 'withdrawn', 'stopped')) as closed,
      count(*) filter (where status in ('received', 'processing')) as in_progress,
      count(*) filter (where status in ('received', 'processing') and statutory_due_at < ${t(todayAt)}) as overdue,
      count(*) filter (where status in ('awaiting_supplement', 'awaiting_payment')) as paused
    from dossiers
    where intake_at < ${t(nextAt)} and (closed_at is null or closed_at >= ${t(fromAt)})`,
    )
    .execute(db);
}

/**
 * The leader's overview over the whole province (issue #10 target: p95 ≤ 500 ms with 1,000,000 dossiers on
 * PostgreSQL): its dossier section, the three grouped queries DossierService.overview runs at once (the
 * tasks, reports and PAR sections do not grow with the dossiers). 20 runs, one after another.
 */
async function overviewRuns(db: Db, unitIds: string[], cal: DayCalendar) {
  const repo = new DossierRepository(db, new UnitTreeRepository(db));
  const today = `${YEAR}-12-01` as LocalDate;
  const days: QueueDays = { today, todayStartAt: instantAt(today, 0), almostDueUntil: cal.addWorkingDays(today, 1), userId: 'bench' };
  const runs: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    await Promise.all([repo.queueCounts(unitIds, days), repo.overviewByUnit(unitIds, days), repo.completionsByMonth(unitIds, YEAR)]);
    if (i > 0) runs.push(performance.now() - t0);
  }
  // 20 leaders at once (the task list's concurrency): 5 waves of 20 overviews started together, each timed alone.
  const crowd: number[] = [];
  for (let wave = 0; wave < 5; wave++)
    crowd.push(
      ...(await Promise.all(
        Array.from({ length: 20 }, async () => {
          const t0 = performance.now();
          await Promise.all([repo.queueCounts(unitIds, days), repo.overviewByUnit(unitIds, days), repo.completionsByMonth(unitIds, YEAR)]);
          return performance.now() - t0;
        }),
      )),
    );
  const q = (xs: number[], f: number) => xs.sort((a, b) => a - b)[Math.ceil(xs.length * f) - 1]!;
  return { p50: q(runs, 0.5), p95: q(runs, 0.95), crowdP50: q(crowd, 0.5), crowdP95: q(crowd, 0.95) };
}

async function measure(engine: 'postgres' | 'sqlite', handle: DbHandle, unitIds: string[]) {
  const cal = calendarFromYears(defaultYears(YEAR - 1, YEAR + 1));
  const dossiers = { settings: DEFAULT_DOSSIER_SETTINGS, calendar: async () => cal } as never;
  const service = new DossierStatisticsService({
    repo: new DossierRepository(handle.db, new UnitTreeRepository(handle.db)),
    statistics: new DossierStatisticsRepository(handle.db),
    dossiers,
  });
  const actor = { userId: 'bench', grants: [{ role: 'leader', unitId: unitIds[0]!, unitIds }] } as unknown as ServerActor;
  const q = { from: `${YEAR}-01-01` as LocalDate, to: `${YEAR}-12-31` as LocalDate };

  const time = async <T>(f: () => Promise<T>) => {
    const t0 = performance.now();
    const v = await f();
    return { ms: performance.now() - t0, v };
  };
  const best = async <T>(f: () => Promise<T>, n = 3) => {
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await time(f));
    return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  };
  await service.statistics(actor, q); // warm the cache
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const year = await best(() => service.statistics(actor, q));
  const months = await best(() => service.series(actor, { ...q, granularity: 'month' }), 1);
  const byUnit = await best(() => service.breakdown(actor, { ...q, by: 'unit' }), 1);
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const base = await best(() => baseline(handle.db, engine === 'postgres', '2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z', '2026-12-30T17:00:00.000Z'));
  const s = year.v;
  console.log(
    `year ${YEAR}: to process ${s.toProcess.toLocaleString('en')}, completed ${s.completed.total.toLocaleString('en')} (late ${s.completed.late.toLocaleString('en')}), in progress ${s.inProgress.total.toLocaleString('en')} (overdue ${s.inProgress.overdue.toLocaleString('en')}), on time ${(s.onTimeRateBasisPoints ?? 0) / 100} %`,
  );
  console.log(`year statistics:      ${year.ms.toFixed(0)} ms (best of 3; target ≤ ${TARGET[engine]} ms)`);
  console.log(`hand-written SQL:     ${base.ms.toFixed(0)} ms (best of 3); ratio ${(year.ms / base.ms).toFixed(2)}× (target ≤ 3×)`);
  console.log(`12 months (series):   ${months.ms.toFixed(0)} ms; by unit (${byUnit.v.items.length} lines): ${byUnit.ms.toFixed(0)} ms`);
  console.log(`RSS growth:           +${((rssPeak - rssBefore) / 1024 / 1024).toFixed(1)} MB (target ≤ 100 MB)`);
  const overview = await overviewRuns(handle.db, unitIds, cal);
  console.log(
    `overview (dossiers):  p50 ${overview.p50.toFixed(0)} ms, p95 ${overview.p95.toFixed(0)} ms (20 runs, one user); 20 at once: p50 ${overview.crowdP50.toFixed(0)} ms, p95 ${overview.crowdP95.toFixed(0)} ms (100 runs); target p95 ≤ 500 ms on PostgreSQL; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

async function runOn(engine: 'postgres' | 'sqlite'): Promise<void> {
  console.log(`\n== Statistics: a province's year over ${DOSSIERS.toLocaleString('en')} dossiers (${engine}) ==`);
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  let url: string | null = null;
  if (engine === 'postgres') {
    const base = serverUrl();
    try {
      await pgAdmin(base, (c) => c.query('select 1'));
    } catch {
      console.log(`skipped: PostgreSQL is not reachable at ${base.replace(/\/\/[^@]*@/, '//')} (set TEST_DATABASE_URL)`);
      return;
    }
    const kept = process.env.BENCH_STATISTICS_PG_DB;
    const name = kept ?? `cchc_bench_${randomBytes(6).toString('hex')}`;
    const exists = await pgAdmin(base, (c) => c.query('select 1 from pg_database where datname = $1', [name]));
    if (exists.rowCount === 0) await pgAdmin(base, (c) => c.query(`create database ${name}`));
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    handle = openDatabase({ databaseUrl: url, sqliteFile: '' });
    cleanup = async () => {
      await handle.close();
      if (kept || process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`);
      else await pgAdmin(base, (c) => c.query(`drop database if exists ${name} with (force)`));
    };
  } else {
    const kept = process.env.BENCH_STATISTICS_SQLITE;
    const dir = kept ? null : mkdtempSync(join(tmpdir(), 'cchc-bench-stats-'));
    handle = openDatabase({ databaseUrl: null, sqliteFile: kept ?? join(dir!, 'bench.sqlite') });
    cleanup = async () => {
      await handle.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrateToLatest(handle.db);
    const t0 = performance.now();
    const seeded = await handle.db.selectFrom('units').select(['id', 'parentId']).execute();
    let unitIds = [...seeded.filter((u) => u.parentId === null), ...seeded.filter((u) => u.parentId !== null)].map((u) => u.id);
    if (unitIds.length === 0) {
      unitIds = await seedCatalogue(handle.db);
      await seedDossiers(handle, url);
      console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } else console.log(`reusing the seeded data (${unitIds.length} units)`);
    await measure(engine, handle, unitIds);
  } finally {
    await cleanup();
  }
}

export async function runStatisticsBench(): Promise<void> {
  const engines = (process.env.BENCH_STATISTICS_ENGINES ?? 'postgres,sqlite').split(',') as Array<'postgres' | 'sqlite'>;
  for (const e of engines) await runOn(e);
}
