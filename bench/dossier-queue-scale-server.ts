// Child process for the queue page at scale (bench/dossier-queue-scale.ts): the real app on the PostgreSQL
// database the parent seeded, with a one-stop officer of the big agency, whose session cookie it sends over
// IPC; on request, the CPU time the process has used so far.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import { hashPassword } from '../packages/server/src/platform/auth/password';
import { loadConfig } from '../packages/server/src/platform/config';
import { openDatabase } from '../packages/server/src/platform/db/database';

const [url, agencyId] = process.argv.slice(2) as [string, string];
const PASSWORD = 'Benchmark-2026';
const send = (m: unknown) => process.send?.(m);
process.on('message', (m: { type: string }) => {
  if (m.type === 'exit') void app.close().then(() => process.exit(0));
  if (m.type === 'cpu') send({ type: 'cpu', micros: process.cpuUsage().user + process.cpuUsage().system });
});

const config = loadConfig(
  { SESSION_SECRET: 'bench-secret' },
  { dataDir: mkdtempSync(join(tmpdir(), 'cchc-bench-queue-scale-')), databaseUrl: url, webDist: null, logLevel: 'warn' },
);
const handle = openDatabase(config);
const now = new Date().toISOString();
// The officer is created once (BENCH_QUEUE_SCALE_URL measures a database seeded by an earlier run again).
const existing = await handle.db.selectFrom('users').select('id').where('username', '=', 'motcua').executeTakeFirst();
if (!existing) {
  const userId = randomUUID();
  await handle.db
    .insertInto('users')
    .values({
      id: userId,
      username: 'motcua',
      fullName: 'Cán bộ Một cửa',
      fullNameFolded: 'can bo mot cua',
      email: null,
      unitId: agencyId,
      passwordHash: await hashPassword(PASSWORD),
      isActive: 1,
      mustChangePassword: 0,
      failedAttempts: 0,
      lockedUntil: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await handle.db.insertInto('roleAssignments').values({ id: randomUUID(), userId, role: 'one_stop_officer', unitId: agencyId }).execute();
}
const { app } = await buildApp(config, { handle, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'motcua', password: PASSWORD } });
const c = res.cookies.find((x) => x.name === 'cchc_session');
if (!c) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
send({ type: 'ready', port: (app.server.address() as { port: number }).port, cookie: `cchc_session=${c.value}` });
