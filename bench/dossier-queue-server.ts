// Child process for the dossier queue benchmark: the real app on the demo data (SQLite in a temporary
// folder, or the empty PostgreSQL database named by BENCH_DATABASE_URL), the dossiers optionally copied
// `copies` times, and session cookies of the demo's one-stop officer and division head, sent over IPC;
// on request, the CPU time the process has used so far.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import { seedDemo } from '../packages/server/src/demo/demo';
import { loadConfig } from '../packages/server/src/platform/config';
import { openDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrations';

const copies = Math.max(1, Number(process.argv[2] ?? 1));
const PASSWORD = 'Benchmark-2026';
const send = (m: unknown) => process.send?.(m);
let writer: NodeJS.Timeout | undefined;
process.on('message', (m: { type: string; everyMs?: number }) => {
  if (m.type === 'exit') process.exit(0);
  if (m.type === 'cpu') send({ type: 'cpu', micros: process.cpuUsage().user + process.cpuUsage().system });
  // A desk writing while the pages are read: every `everyMs` one committed update of a dossier, which moves the
  // data version, so the next request of each page reads the dossiers again (docs/architecture.md).
  if (m.type === 'writer') {
    clearInterval(writer);
    writer = m.everyMs ? setInterval(() => void touchOne(), m.everyMs) : undefined;
  }
});
async function touchOne() {
  await handle.db.updateTable('dossiers').set({ updatedAt: new Date().toISOString() }).where('id', '=', rows[0]!.id).execute();
}

const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-dossiers-'));
const config = loadConfig(
  { SESSION_SECRET: 'bench-secret' },
  { dataDir, databaseUrl: process.env.BENCH_DATABASE_URL || null, webDist: null, logLevel: 'warn' },
);
const handle = openDatabase(config);
await migrateToLatest(handle.db);
if (!(await seedDemo(handle, { password: PASSWORD }))) throw new Error('the benchmark needs an empty database');

// More dossiers: copies of the demo's own, same units, states and dates, new ids and codes.
const rows = await handle.db.selectFrom('dossiers').selectAll().execute();
for (let k = 1; k < copies; k++) {
  const batch = rows.map((r) => ({ ...r, id: randomUUID(), code: `${r.code}-${k}` }));
  for (let i = 0; i < batch.length; i += 50)
    await handle.db
      .insertInto('dossiers')
      .values(batch.slice(i, i + 50))
      .execute();
}
const total = await handle.db
  .selectFrom('dossiers')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();

const { app } = await buildApp(config, { handle, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const cookies: Record<string, string> = {};
for (const username of ['motcua', 'truongphong']) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const c = res.cookies.find((x) => x.name === 'cchc_session');
  if (!c) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`);
  cookies[username] = `cchc_session=${c.value}`;
}
send({ type: 'ready', port, cookies, dossiers: Number(total.n) });
