import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

interface Ready {
  type: 'ready';
  port: number;
  dossiers: number;
  cookies: Record<'motcua' | 'truongphong', string>;
}

/**
 * What the staff queue page ("Xử lý hồ sơ") requests when it opens: one GET /api/dossiers with its default
 * queue, page and sort (the answer carries the page, the total and every tab's count). The desk (one-stop
 * officer, no processing right) starts on "all", a division head on "to process".
 */
export const QUEUE_PAGE = {
  motcua: '/api/dossiers?queue=all&page=1&pageSize=20&sort=dueAt&order=asc',
  truongphong: '/api/dossiers?queue=to_process&page=1&pageSize=20&sort=dueAt&order=asc',
} as const;
/** The procedure picker of the same page (cached 30 s by the page): shown for information. */
const PROCEDURE_PICKER = '/api/procedures?status=active&pageSize=50&sort=code';

const TARGET_RATIO = 0.15;
const TIMEOUT_SECONDS = 10;
/** The writer's period for the page read while the data changes. */
const WRITE_EVERY_MS = 10;

function start(copies: number): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(import.meta.dirname, 'dossier-queue-server.ts'), [String(copies)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ready: m as Ready }));
    child.once('exit', (code) => reject(new Error(`dossier queue server exited with ${code}`)));
  });
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { micros: number }).micros));
    child.send({ type: 'cpu' });
  });
}

interface Figures {
  rps: number;
  p99: number;
  errors: number;
  timeouts: number;
  /** Server CPU time per answered request, µs: the figure a busy machine disturbs least. */
  cpu: number;
}

async function load(
  child: ChildProcess,
  base: string,
  requests: Array<{ path: string; cookie?: string }>,
  connections: number,
  seconds: number,
): Promise<Figures> {
  const before = await cpuOf(child);
  const r = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: TIMEOUT_SECONDS,
    requests: requests.map((q) => ({ method: 'GET', path: q.path, headers: q.cookie ? { cookie: q.cookie } : {} })),
  });
  const cpu = ((await cpuOf(child)) - before) / Math.max(1, r.requests.total);
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, timeouts: r.timeouts, cpu };
}

const line = (label: string, r: Figures, extra = '') =>
  console.log(
    `${label.padEnd(34)}${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(5)} ms   CPU ${r.cpu.toFixed(0).padStart(5)} µs/req   errors ${r.errors}   timeouts ${r.timeouts}${extra}`,
  );

/**
 * Issue #9, defect 11: the staff queue page, authenticated, against GET /api/health of the same server in
 * the same run, on the demo data and on the demo's dossiers copied to a few thousand.
 */
export async function runDossierQueueBench(
  seconds = Number(process.env.BENCH_SECONDS ?? 8),
  scales = (process.env.BENCH_DOSSIER_COPIES ?? '1,10').split(',').map(Number),
): Promise<void> {
  for (const copies of scales) {
    const { child, ready } = await start(copies);
    const base = `http://127.0.0.1:${ready.port}`;
    try {
      const desk = { path: QUEUE_PAGE.motcua, cookie: ready.cookies.motcua };
      const head = { path: QUEUE_PAGE.truongphong, cookie: ready.cookies.truongphong };
      await load(child, base, [{ path: '/api/health' }], 10, 1); // warm-up
      await load(child, base, [desk, head], 10, 1);
      const health = await load(child, base, [{ path: '/api/health' }], 50, seconds);
      const d = await load(child, base, [desk], 50, seconds);
      const h = await load(child, base, [head], 50, seconds);
      const picker = await load(child, base, [{ path: PROCEDURE_PICKER, cookie: ready.cookies.motcua }], 50, seconds);
      const crowd = await load(child, base, [desk, head], 200, seconds);
      // The page while the data changes: a write every 10 ms (100 commits/s, far more than a desk makes), so
      // most answers are read afresh rather than kept (DossierService.list keeps one per data version).
      child.send({ type: 'writer', everyMs: WRITE_EVERY_MS });
      const busy = await load(child, base, [desk], 50, seconds);
      child.send({ type: 'writer', everyMs: 0 });
      const pct = (r: Figures) => r.rps / health.rps;
      const cpuPct = (r: Figures) => health.cpu / r.cpu;
      const verdict = (r: Figures) =>
        `   ${(pct(r) * 100).toFixed(1)}% of health (by CPU ${(cpuPct(r) * 100).toFixed(1)}%)   ${pct(r) >= TARGET_RATIO && r.errors === 0 ? 'PASS' : 'FAIL'}`;
      console.log(`\n== Dossier queue page vs GET /api/health, ${ready.dossiers} dossiers (demo × ${copies}), SQLite unless BENCH_DATABASE_URL, loopback ==`);
      line('GET /api/health (50 conn.)', health);
      line('queue page, one-stop officer (50)', d, verdict(d));
      line('queue page, division head (50)', h, verdict(h));
      line(
        `officer, ${1000 / WRITE_EVERY_MS} writes/s (50, info)`,
        busy,
        `   ${(pct(busy) * 100).toFixed(1)}% of health (by CPU ${(cpuPct(busy) * 100).toFixed(1)}%)`,
      );
      line('procedure picker (50, info)', picker, `   ${(pct(picker) * 100).toFixed(1)}% of health (by CPU ${(cpuPct(picker) * 100).toFixed(1)}%)`);
      line(
        'queue page, both (200 conn.)',
        crowd,
        `   ${crowd.timeouts === 0 && crowd.errors === 0 ? 'PASS' : 'FAIL'} (target: no ${TIMEOUT_SECONDS} s timeout)`,
      );
      console.log(`target: each queue page ≥ ${TARGET_RATIO * 100}% of health's req/s at 50 connections; zero timeouts at 200`);
      console.log(`(by CPU: health's server CPU per request over the page's, the throughput ratio a machine with nothing else running would show)`);
    } finally {
      child.send({ type: 'exit' });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runDossierQueueBench();
