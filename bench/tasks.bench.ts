import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

// Issue #10 target: "task list for a unit among 100,000 tasks: p95 ≤ 100 ms at 20 connections". The division
// head's unit list (what "Nhiệm vụ của đơn vị" requests), plain, filtered to overdue, searched (without
// diacritics) and a deep page, against the real app on the demo grown to 100,000 tasks. p50 and p95 are
// computed from every response's latency (autocannon itself reports p90 and p97.5, printed too); the server's
// CPU time per request comes from the server process, and `/api/health` (one tiny query) in the same run is
// the baseline. The machine is shared: the load average is printed with the figures.

export interface Ready {
  type: 'ready';
  port: number;
  cookie: string;
  tasks: number;
}

const TARGET_MS = 100;
const PAGES = {
  health: '/api/health',
  unit: '/api/tasks?scope=unit&page=1&pageSize=20&sort=dueOn&order=asc',
  overdue: '/api/tasks?scope=unit&bucket=overdue&page=1&pageSize=20&sort=dueOn&order=asc',
  search: '/api/tasks?scope=unit&q=nhiem%20vu%20do%20tai%20so%2012&page=1&pageSize=20',
  deep: '/api/tasks?scope=unit&page=500&pageSize=20&sort=dueOn&order=asc',
};

/** The demo app in a child process (bench/tasks-server.ts), grown to `count` tasks, signed in as `username`. */
export function startDemoServer(count: number, username = 'truongphong'): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(import.meta.dirname, 'tasks-server.ts'), [String(count), username], {
    // BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ready: m as Ready }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function serverCpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      const msg = m as { type: string; micros: number };
      if (msg.type !== 'cpu') return;
      child.off('message', on);
      resolve(msg.micros);
    };
    child.on('message', on);
    child.send({ type: 'cpu' });
  });
}

/** The q-quantile of sorted latencies (nearest rank). */
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * One path at `connections` for `seconds` after a one-second warm-up; prints req/s, p50, p95, p97.5, the
 * server's CPU per request, the errors, the load average and the verdict against `targetMs` (none: baseline).
 */
export async function measure(
  server: { child: ChildProcess; ready: Ready },
  name: string,
  path: string,
  opts: { connections: number; seconds: number; targetMs: number | null },
): Promise<void> {
  const url = `http://127.0.0.1:${server.ready.port}`;
  const requests = [{ method: 'GET' as const, path, headers: { cookie: server.ready.cookie } }];
  await autocannon({ url, connections: Math.min(5, opts.connections), duration: 1, requests }); // warm-up
  const latencies: number[] = [];
  const cpuBefore = await serverCpuMicros(server.child);
  const instance = autocannon({ url, connections: opts.connections, duration: opts.seconds, requests }, () => undefined);
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const r = await new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
  const cpuMs = ((await serverCpuMicros(server.child)) - cpuBefore) / 1000;
  latencies.sort((a, b) => a - b);
  const p50 = quantile(latencies, 0.5);
  const p95 = quantile(latencies, 0.95);
  const errors = r.errors + r.non2xx;
  const verdict = opts.targetMs === null ? 'baseline' : p95 <= opts.targetMs && errors === 0 ? 'PASS' : 'FAIL';
  console.log(
    `${name.padEnd(10)}${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  p97.5 ${String(r.latency.p97_5).padStart(4)} ms  server CPU ${(cpuMs / Math.max(1, latencies.length)).toFixed(2)} ms/req  errors ${errors}  load ${load()}  ${verdict}`,
  );
}

export async function runTasksBench(seconds = Number(process.env.BENCH_SECONDS ?? 8), count = Number(process.env.BENCH_TASKS ?? 100_000)): Promise<void> {
  const server = await startDemoServer(count);
  try {
    console.log(
      `\n== Task list of a unit, ${server.ready.tasks} tasks, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, loopback, 20 connections, ${seconds} s each ==`,
    );
    for (const [name, path] of Object.entries(PAGES))
      await measure(server, name, path, { connections: 20, seconds, targetMs: name === 'health' ? null : TARGET_MS });
    console.log(`target: p95 ≤ ${TARGET_MS} ms at 20 connections`);
  } finally {
    server.child.send({ type: 'exit' });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runTasksBench();
