import { measure, startDemoServer } from './tasks.bench';

// Issue #10 target: "Overview for a leader of the demo agency: p95 ≤ 200 ms" (docs/overview.md). The demo
// as shipped (no growth), signed in as `lanhdao` (the Director: every section — dossiers, tasks, reports and
// the PAR projection — is computed), GET /api/overview by one user alone and by 20 at once, with
// `/api/health` as the baseline in the same run. The 1,000,000-dossier case is statistics work (another bench).

const TARGET_MS = 200;

export async function runOverviewBench(seconds = Number(process.env.BENCH_SECONDS ?? 8)): Promise<void> {
  const server = await startDemoServer(1, 'lanhdao');
  try {
    console.log(
      `\n== Leader's overview of the demo agency (${server.ready.tasks} tasks), ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, loopback, ${seconds} s each ==`,
    );
    await measure(server, 'health', '/api/health', { connections: 20, seconds, targetMs: null });
    await measure(server, 'overview1', '/api/overview', { connections: 1, seconds, targetMs: TARGET_MS });
    await measure(server, 'overview20', '/api/overview', { connections: 20, seconds, targetMs: TARGET_MS });
    console.log(`target: p95 ≤ ${TARGET_MS} ms (overview1: one user; overview20: 20 connections)`);
  } finally {
    server.child.send({ type: 'exit' });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runOverviewBench();
