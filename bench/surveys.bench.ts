import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, type App } from '../packages/server/src/app';
import { SurveyCountsRepository } from '../packages/server/src/modules/surveys/survey-counts.repository';
import { SurveyRepository } from '../packages/server/src/modules/surveys/survey.repository';
import { fixedClock } from '../packages/server/src/platform/clock';
import { loadConfig } from '../packages/server/src/platform/config';
import { randomKeySql } from '../packages/server/src/platform/db/random-key';
import type { Db, Engine } from '../packages/server/src/platform/db/database';

// Issue #12 benchmarks (docs/surveys.md, "Benchmarks"):
//  1. results of a campaign with 100,000 responses × 40 questions (GET …/results with a breakdown):
//     target ≤ 1 s on PostgreSQL, ≤ 2 s on SQLite;
//  2. sampling 1,000,000 returned dossiers into 385 per stratum × 30 strata (count strata + each stratum's
//     lowest seeded ranks, both in SQL): target ≤ 2 s.
// PostgreSQL runs on a throwaway database on TEST_DATABASE_URL's server (skipped when unreachable).
// SURVEY_BENCH_RESPONSES and SURVEY_BENCH_DOSSIERS shrink the data for a quick look. SURVEY_BENCH_KEEP=1 keeps the
// database (PostgreSQL: printed, named after SURVEY_BENCH_NAME; SQLite: its data folder) and
// SURVEY_BENCH_PG_URL / SURVEY_BENCH_DATA_DIR run again on a kept one: its migrations run, the data is reused.

const RESPONSES = Number(process.env.SURVEY_BENCH_RESPONSES ?? 100_000);
const QUESTIONS = 40;
const DOSSIERS = Number(process.env.SURVEY_BENCH_DOSSIERS ?? 1_000_000);
const STRATA = 30;
const PER_STRATUM = 385;
const TARGET = { postgres: { results: 1_000, sampling: 2_000 }, sqlite: { results: 2_000, sampling: 2_000 } };

const txt = (vi: string) => ({ vi, en: vi });
const likert = ['1', '2', '3', '4', '5'].map((code, i) => ({ code, label: txt(`Mức ${code}`), weight: i * 25 }));
const ELEMENTS = ['access', 'procedure', 'civil_servant', 'result', 'feedback'];

const KEEP = process.env.SURVEY_BENCH_KEEP === '1';

async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const reuse = process.env.SURVEY_BENCH_PG_URL;
  if (reuse) return { url: reuse, drop: async () => undefined };
  const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `cchc_bench_${(process.env.SURVEY_BENCH_NAME ?? '').replace(/[^a-z0-9_]/g, '_')}${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (KEEP) return void console.log(`kept database ${url.toString()}`);
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function inject(app: App, method: 'GET' | 'POST', url: string, cookie: string, body?: object) {
  const res = await app.app.inject({ method, url, headers: { cookie }, ...(body ? { payload: body } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
}

/** The previous draw's rank (FNV-1a with MurmurHash3's finaliser), for SQLite's side of the baseline. */
function seededRank(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The baseline: the one-pass draw before the stored keys (docs/surveys.md, "Benchmarks"), which ranked every
 * dossier of the population by a hash of its id and the seed and kept those under each stratum's cut. Answers
 * how many it drew (its fallback for a stratum short of its cut is left out: it never ran here).
 */
async function hashedDraw(
  db: Db,
  engine: Engine,
  f: { fromAt: string; toAt: string; unitIds: string[] },
  strata: Array<{ key: string; population: number; allocated: number }>,
  seed: number,
) {
  const pg = engine === 'postgres';
  const rank = pg ? sql`hashtextextended(d.id, ${seed})` : sql`seeded_rank(d.id, ${seed})`;
  const cutOf = (s: { population: number; allocated: number }) => {
    const p = Math.min(1, (s.allocated + 8 * Math.sqrt(s.allocated) + 16) / Math.max(1, s.population));
    if (!pg) return sql`cast(${String(Math.floor(p * 2 ** 32))} as integer)`;
    const cut = p >= 1 ? 2n ** 63n - 1n : -(2n ** 63n) + BigInt(Math.floor(p * 2 ** 52)) * 2n ** 12n;
    return sql`cast(${cut.toString()} as bigint)`;
  };
  const cuts = sql.join(strata.map((s) => sql`(${s.key}, ${cutOf(s)}, cast(${s.allocated} as integer))`));
  const r = await sql<{ id: string }>`
    with t(key, cut, n) as (values ${cuts}),
    x as (
      select d.id, t.key as stratum, t.n, row_number() over (partition by t.key order by ${rank}, d.id) as rn
      from dossiers d join t on t.key = d.procedure_id
      where d.status = 'returned' and d.finished_at >= ${f.fromAt} and d.finished_at < ${f.toAt}
        and d.unit_id in (${sql.join(f.unitIds)}) and ${rank} <= t.cut
    )
    select x.id, d.applicant_name, d.applicant from x join dossiers d on d.id = x.id where x.rn <= x.n order by x.stratum, x.rn`.execute(db);
  return r.rows.length;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runOn(engine: Engine): Promise<void> {
  const pgdb = engine === 'postgres' ? await pgDatabase() : null;
  if (engine === 'postgres' && !pgdb) return void console.log('surveys on postgres: no PostgreSQL reachable, skipped');
  const reuseDir = engine === 'sqlite' ? process.env.SURVEY_BENCH_DATA_DIR : undefined;
  const dataDir = reuseDir ?? mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const config = loadConfig(
    { SESSION_SECRET: 'bench-secret-bench-secret-bench' },
    { dataDir, databaseUrl: pgdb?.url ?? null, webDist: null, logLevel: 'warn' },
  );
  const app = await buildApp(config, { clock: fixedClock('2026-03-02T02:00:00.000Z'), logger: false, hashing: { memoryCost: 1024, timeCost: 1 } });
  const db = app.handle.db;
  try {
    let setup = await app.app.inject({
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
    const reused = setup.statusCode >= 300;
    if (reused) setup = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Quantri2026' } });
    const cookie = `cchc_session=${setup.cookies.find((c) => c.name === 'cchc_session')!.value}`;
    const rootId = reused
      ? (await db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id
      : (JSON.parse(setup.body) as { unitId: string }).unitId;

    let t0 = performance.now();
    // ---- 1. results: 100,000 responses × 40 Likert questions, written in SQL ----
    if (RESPONSES > 0 && !reused) {
      const questions = Array.from({ length: QUESTIONS }, (_, i) => ({
        id: `q${i + 1}`,
        type: 'likert',
        text: txt(`Câu ${i + 1}`),
        levels: likert,
        tag: { element: ELEMENTS[i % 5], aspect: 'satisfaction' },
      }));
      const definition = {
        title: txt('Bench'),
        sections: Array.from({ length: 5 }, (_, s) => ({ id: `s${s + 1}`, title: txt(`Phần ${s + 1}`), questions: questions.slice(s * 8, s * 8 + 8) })),
      };
      const q = await inject(app, 'POST', '/api/surveys/questionnaires', cookie, { unitId: rootId, definition });
      await inject(app, 'POST', `/api/surveys/questionnaires/${q.id}/publish`, cookie, { version: q.version });
      const c = await inject(app, 'POST', '/api/surveys/campaigns', cookie, {
        unitId: rootId,
        questionnaireId: q.id,
        title: 'Bench',
        opensOn: '2026-03-01',
        closesOn: '2026-03-31',
        population: { kind: 'open' },
      });
      t0 = performance.now();
      if (engine === 'postgres') {
        await sql`insert into survey_responses (id, campaign_id, submitted_on, mode, procedure_code, unit_id)
        select 'r' || g, ${c.id}, '2026-03-05', 'web', 'P' || (g % ${STRATA}), ${rootId} from generate_series(1, ${RESPONSES}) g`.execute(db);
        await sql`insert into survey_answers (response_id, campaign_id, question_id, option_code, procedure_code, unit_id)
        select 'r' || g, ${c.id}, 'q' || k, ((g * 7 + k * 13 + (g / 3) * k) % 5 + 1)::text, 'P' || (g % ${STRATA}), ${rootId}
        from generate_series(1, ${RESPONSES}) g cross join generate_series(1, ${QUESTIONS}) k`.execute(db);
        // What autovacuum does soon after a bulk load: statistics, and the visibility map index-only scans need.
        await sql`vacuum analyze survey_answers`.execute(db);
        await sql`vacuum analyze survey_responses`.execute(db);
      } else {
        await sql`with recursive n(g) as (select 1 union all select g + 1 from n where g < ${RESPONSES})
        insert into survey_responses (id, campaign_id, submitted_on, mode, procedure_code, unit_id) select 'r' || g, ${c.id}, '2026-03-05', 'web', 'P' || (g % ${STRATA}), ${rootId} from n`.execute(
          db,
        );
        await sql`with recursive n(g) as (select 1 union all select g + 1 from n where g < ${RESPONSES}), k(k) as (select 1 union all select k + 1 from k where k < ${QUESTIONS})
        insert into survey_answers (response_id, campaign_id, question_id, option_code, procedure_code, unit_id)
        select 'r' || g, ${c.id}, 'q' || k, cast((g * 7 + k * 13 + (g / 3) * k) % 5 + 1 as text), 'P' || (g % ${STRATA}), ${rootId} from n, k`.execute(db);
        await sql`analyze`.execute(db);
      }
      const loadMs = performance.now() - t0;
      // Submissions keep the counts as they go; answers written in bulk are counted once, in SQL.
      t0 = performance.now();
      await new SurveyCountsRepository(db, engine).rebuild(db, c.id);
      console.log(
        `surveys on ${engine}: counts of ${(RESPONSES * QUESTIONS).toLocaleString('en')} answers rebuilt in ${ms(performance.now() - t0)} (a bulk load's one-off cost)`,
      );
      if (engine === 'postgres') await sql`analyze survey_counts`.execute(db);
      for (const by of ['', '?by=procedure']) {
        const times: number[] = [];
        let overall = 0;
        for (let i = 0; i < 3; i++) {
          t0 = performance.now();
          const r = await inject(app, 'GET', `/api/surveys/campaigns/${c.id}/results${by}`, cookie);
          times.push(performance.now() - t0);
          overall = r.overall.indexBasisPoints;
          if (r.responses !== RESPONSES) throw new Error(`results counted ${r.responses} responses`);
        }
        const res = median(times);
        console.log(
          `surveys on ${engine}: results${by ? ' with the breakdown by procedure' : ''} of ${RESPONSES.toLocaleString('en')} responses × ${QUESTIONS} questions (${(RESPONSES * QUESTIONS).toLocaleString('en')} answers, loaded in ${ms(loadMs)}): ` +
            `median ${ms(res)} of 3 (${times.map(ms).join(', ')}), overall index ${overall / 100} %; target ≤ ${TARGET[engine].results} ms → ${res <= TARGET[engine].results ? 'PASS' : 'FAIL'}`,
        );
      }
    }

    // ---- 2. sampling: 1,000,000 returned dossiers in 30 procedures, 385 drawn per stratum ----
    if (DOSSIERS === 0) return void console.log(`surveys on ${engine}: sampling skipped (SURVEY_BENCH_DOSSIERS=0)`);
    const procs: string[] = [];
    for (let i = 0; i < STRATA; i++) {
      const had = await db
        .selectFrom('procedures')
        .select('id')
        .where('code', '=', `1.${String(100000 + i)}`)
        .executeTakeFirst();
      if (had) {
        procs.push(had.id);
        continue;
      }
      const p = await inject(app, 'POST', '/api/procedures', cookie, {
        unitId: rootId,
        code: `1.${String(100000 + i)}`,
        name: `Thủ tục ${i}`,
        sector: { code: 'B', name: 'Bench' },
        timeLimit: { value: 5, unit: 'working_days' },
        channels: ['counter'],
      });
      procs.push(p.id);
    }
    const versions = await db.selectFrom('procedureVersions').select(['id', 'procedureId']).where('procedureId', 'in', procs).execute();
    const values = sql.join(procs.map((p, i) => sql`(cast(${i} as integer), ${p}, ${versions.find((v) => v.procedureId === p)!.id})`));
    t0 = performance.now();
    const cols = sql`id, code, unit_id, procedure_id, procedure_version_id, procedure_code, procedure_name, channel, status, clock_running, applicant_name, applicant_name_folded, applicant, components, lookup_pin, finished_at, supplement_requests, apologies, state, version, created_at, updated_at, survey_key`;
    const had = Number((await sql<{ n: number | string }>`select count(*) as n from dossiers`.execute(db)).rows[0]!.n);
    if (had === DOSSIERS) console.log(`surveys on ${engine}: reusing the ${had.toLocaleString('en')} dossiers of the kept database`);
    else if (engine === 'postgres') {
      await sql`insert into dossiers (${cols})
        select 'd' || g, 'B' || g, ${rootId}, p.pid, p.vid, 'P', 'P', 'counter', 'returned', 0, 'Công dân ' || g, 'cong dan ' || g, '{"name":"x"}', '[]', '000000',
          timestamptz '2025-10-01T00:00:00Z' + (g % 90) * interval '1 day', 0, 0, '{}', 1, now(), now(), ${randomKeySql('postgres')}
        from generate_series(1, ${DOSSIERS}) g join (values ${values}) as p(i, pid, vid) on p.i = g % ${STRATA}`.execute(db);
    } else {
      await sql`with recursive n(g) as (select 1 union all select g + 1 from n where g < ${DOSSIERS}), p(i, pid, vid) as (values ${values})
        insert into dossiers (${cols})
        select 'd' || g, 'B' || g, ${rootId}, p.pid, p.vid, 'P', 'P', 'counter', 'returned', 0, 'Công dân ' || g, 'cong dan ' || g, '{"name":"x"}', '[]', '000000',
          strftime('%Y-%m-%dT%H:%M:%fZ', '2025-10-01', '+' || (g % 90) || ' days'), 0, 0, '{}', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ${randomKeySql('sqlite')}
        from n join p on p.i = g % ${STRATA}`.execute(db);
      await sql`analyze`.execute(db);
    }
    // After a bulk load, or the key column added by its migration: what autovacuum does soon after (statistics,
    // and the visibility map index-only scans need).
    if (engine === 'postgres') await sql`vacuum analyze dossiers`.execute(db);
    const dossierLoadMs = performance.now() - t0;
    const repo = new SurveyRepository(db, engine);
    const filter = { fromAt: '2025-09-30T17:00:00.000Z', toAt: '2025-12-31T17:00:00.000Z', unitIds: [rootId], stratifyBy: 'procedure' as const };
    const samp: number[] = [];
    const parts: string[] = [];
    const base: number[] = [];
    let drawn = 0;
    if (engine === 'sqlite')
      app.handle.sqlite!.function('seeded_rank', { deterministic: true }, (id: unknown, seed: unknown) => seededRank(String(id), Number(seed)));
    const cpu: number[] = [];
    const baseCpu: number[] = [];
    const cpuParts: string[] = [];
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    for (let i = 0; i < 3; i++) {
      let c0 = process.cpuUsage();
      t0 = performance.now();
      const strata = await repo.countStrata(filter);
      const counted = performance.now() - t0;
      const countCpu = cpuMs(process.cpuUsage(c0));
      const allocated = strata.map((s) => ({ ...s, allocated: PER_STRATUM }));
      const one = await repo.drawStrata(filter, allocated, 12345 + i);
      samp.push(performance.now() - t0);
      cpu.push(cpuMs(process.cpuUsage(c0)));
      cpuParts.push(`count ${ms(countCpu)} + draw ${ms(cpu[i]! - countCpu)}`);
      drawn = one.length;
      parts.push(`count ${ms(counted)} + draw ${ms(samp[i]! - counted)}`);
      // A sample: PER_STRATUM distinct dossiers of each stratum, in the period.
      const per = new Map<string, Set<string>>();
      for (const d of one) per.set(d.stratum, (per.get(d.stratum) ?? new Set()).add(d.id));
      if (per.size !== STRATA || [...per.values()].some((x) => x.size !== PER_STRATUM)) throw new Error('the draw is not 385 distinct dossiers per stratum');
      // Baseline in the same run: the draw this replaced (every dossier of the population hashed with the seed).
      c0 = process.cpuUsage();
      t0 = performance.now();
      const old = await hashedDraw(db, engine, filter, allocated, 12345 + i);
      base.push(performance.now() - t0);
      baseCpu.push(cpuMs(process.cpuUsage(c0)));
      if (old !== drawn) throw new Error(`the hashed draw drew ${old}`);
    }
    const sm = median(samp);
    if (drawn !== STRATA * PER_STRATUM) throw new Error(`drew ${drawn}`);
    const load = loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    console.log(
      `surveys on ${engine}: sampling ${DOSSIERS.toLocaleString('en')} returned dossiers (loaded in ${ms(dossierLoadMs)}) into ${PER_STRATUM} × ${STRATA} strata = ${drawn}: ` +
        `median ${ms(sm)} of 3 (${parts.join(', ')}); target ≤ ${TARGET[engine].sampling} ms → ${sm <= TARGET[engine].sampling ? 'PASS' : 'FAIL'}. ` +
        `Same run: the hash-ranked one-pass draw it replaced (without its count) ${base.map(ms).join(', ')}, median ${ms(median(base))}. ` +
        `CPU of this process (${engine === 'sqlite' ? 'all of the work: SQLite runs in it' : 'the driver only, not the database server'}): ${cpuParts.join(', ')}; the replaced draw ${baseCpu.map(ms).join(', ')}; load average ${load}`,
    );
  } finally {
    await app.close();
    await pgdb?.drop();
    if (KEEP || reuseDir) console.log(`kept data folder ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runSurveysBench(engines: Engine[] = ['postgres', 'sqlite']): Promise<void> {
  console.log('\n== surveys (issue #12) ==');
  for (const e of engines) await runOn(e);
}

if (process.argv[1]?.endsWith('surveys.bench.ts')) await runSurveysBench((process.argv[2]?.split(',') as Engine[] | undefined) ?? undefined);
