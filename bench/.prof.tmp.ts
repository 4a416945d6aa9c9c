import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { join } from 'node:path';
const child = fork(join(import.meta.dirname, 'dossier-queue-server.ts'), ['1'], {
  execArgv: ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/prof'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready: any = await new Promise((r) => child.once('message', r));
const url = `http://127.0.0.1:${ready.port}/api/dossiers?queue=all&page=1&pageSize=20&sort=dueAt&order=asc`;
const run = (d: number) => autocannon({ url, connections: 50, duration: d, headers: { cookie: ready.cookies.motcua } });
await run(3);
const t0 = process.hrtime.bigint();
const r = await run(Number(process.env.SECS ?? 8));
console.log('rps', r.requests.average, 'p99', r.latency.p99);
child.send({ type: 'exit' });
await new Promise((r) => child.once('exit', r));
