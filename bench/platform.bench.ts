import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

interface Ready {
  type: 'ready';
  port: number;
  rss: number;
  cookie?: string;
}

function start(mode: 'app' | 'bare'): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(import.meta.dirname, 'platform-server.ts'), [mode], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ready: m as Ready }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function rssOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { rss: number }).rss));
    child.send({ type: 'rss' });
  });
}

async function load(url: string, headers: Record<string, string>, seconds: number) {
  const r = await autocannon({ url, headers, connections: 20, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** Issue #2 benchmark: authenticated GET /api/me against a bare Fastify route, same machine, loopback. */
export async function runPlatformBench(seconds = Number(process.env.BENCH_SECONDS ?? 8)): Promise<void> {
  const bare = await start('bare');
  const app = await start('app');
  try {
    await load(`http://127.0.0.1:${bare.ready.port}/bare`, {}, 1); // warm-up
    await load(`http://127.0.0.1:${app.ready.port}/api/me`, { cookie: app.ready.cookie! }, 1);
    const b = await load(`http://127.0.0.1:${bare.ready.port}/bare`, {}, seconds);
    const a = await load(`http://127.0.0.1:${app.ready.port}/api/me`, { cookie: app.ready.cookie! }, seconds);
    const after = await rssOf(app.child);
    const ratio = a.rps / b.rps;
    console.log('\n== Platform: authenticated GET /api/me vs bare Fastify route (autocannon, 20 connections, loopback) ==');
    console.log(`bare route        ${b.rps.toFixed(0).padStart(8)} req/s   p99 ${b.p99} ms   errors ${b.errors}`);
    console.log(`GET /api/me       ${a.rps.toFixed(0).padStart(8)} req/s   p99 ${a.p99} ms   errors ${a.errors}`);
    console.log(`ratio             ${(ratio * 100).toFixed(1)}%   target ≥ 40%   ${ratio >= 0.4 ? 'PASS' : 'FAIL'}`);
    console.log(
      `server RSS        after start ${mb(app.ready.rss)}, after run ${mb(after)}   target ≤ 200 MB   ${Math.max(app.ready.rss, after) <= 200 * 1024 * 1024 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    bare.child.send({ type: 'exit' });
    app.child.send({ type: 'exit' });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runPlatformBench();
