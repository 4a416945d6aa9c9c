// Child process of the task list and overview benchmarks: the real app on the demo data (SQLite in a
// temporary folder, or the empty PostgreSQL database named by BENCH_DATABASE_URL) with the current year's
// annual plan grown to `count` tasks spread over the Department's units (none added when the demo already
// has that many), and the session cookie of the demo user named second (default the division head).
import { foldVietnamese } from '@cchc/domain';
import { sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import { seedDemo } from '../packages/server/src/demo/demo';
import { loadConfig } from '../packages/server/src/platform/config';
import { openDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrations';

const count = Math.max(1, Number(process.argv[2] ?? 100_000));
const username = process.argv[3] ?? 'truongphong';
const PASSWORD = 'Benchmark-2026';
const send = (m: unknown) => process.send?.(m);
process.on('message', (m: { type: string }) => {
  if (m.type === 'exit') process.exit(0);
  // The server's own CPU time (user + system, µs), so the parent can divide it by the requests it sent.
  if (m.type === 'cpu') send({ type: 'cpu', micros: ((u) => u.user + u.system)(process.cpuUsage()) });
});

const dataDir = process.env.BENCH_DATA_DIR || mkdtempSync(join(tmpdir(), 'cchc-bench-tasks-'));
const config = loadConfig(
  { SESSION_SECRET: 'bench-secret' },
  { dataDir, databaseUrl: process.env.BENCH_DATABASE_URL || null, webDist: null, logLevel: 'warn' },
);
const handle = openDatabase(config);
await migrateToLatest(handle.db);
if (!(await seedDemo(handle, { password: PASSWORD }))) throw new Error('the benchmark needs an empty database');

const db = handle.db;
const year = new Date().getUTCFullYear();
const plan = await db.selectFrom('plans').selectAll().where('kind', '=', 'annual').where('year', '=', year).executeTakeFirstOrThrow();
const units = await db.selectFrom('units').select('id').where('parentId', '=', plan.unitId).execute();
const now = new Date().toISOString();
const STATUSES = ['not_started', 'in_progress', 'done', 'done_late', 'cancelled'];
const existing = await db
  .selectFrom('tasks')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
let rows = [];
for (let i = Number(existing.n); i < count; i++) {
  const due = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  const status = STATUSES[i % STATUSES.length]!;
  const done = status === 'done' || status === 'done_late';
  const title = `Nhiệm vụ đo tải số ${i}`;
  rows.push({
    id: `bench-${i}`,
    planId: plan.id,
    agencyId: plan.unitId,
    parentId: null,
    seq: 1000 + i,
    unitId: units[i % units.length]!.id,
    leadUserId: null,
    title,
    titleFolded: foldVietnamese(title),
    description: null,
    expectedOutput: null,
    startOn: null,
    dueOn: due,
    dueWorkingDays: null,
    criteria: '[]',
    priority: 'normal',
    status,
    progress: done ? 100 : 0,
    submittedOn: null,
    completedOn: done ? due : null,
    completionNote: null,
    cancelReason: null,
    assignedBy: null,
    approvedBy: null,
    approvedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  if (rows.length === 500) {
    await db.insertInto('tasks').values(rows).execute();
    rows = [];
  }
}
if (rows.length) await db.insertInto('tasks').values(rows).execute();
// PostgreSQL's index-only scans need the visibility map a vacuum writes (autovacuum would, later).
await sql.raw(handle.engine === 'postgres' ? 'vacuum analyze tasks' : 'analyze').execute(db);
const total = await db
  .selectFrom('tasks')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();

const { app } = await buildApp(config, { handle, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
const c = res.cookies.find((x) => x.name === 'cchc_session');
if (!c) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
send({ type: 'ready', port, cookie: `cchc_session=${c.value}`, tasks: Number(total.n) });
