import { measure, startDemoServer } from './tasks.bench';

// Measures one path of the demo server (bench/tasks-server.ts) at 20 connections: with BENCH_CPU_PROF set,
// the server's CPU profile covers the run. `npx tsx bench/profile-path.ts <tasks> <user> <path> [seconds]`.
const [count = '100000', user = 'truongphong', path = '/api/tasks?scope=unit', seconds = '8'] = process.argv.slice(2);
const server = await startDemoServer(Number(count), user);
try {
  await measure(server, 'path', path, { connections: 20, seconds: Number(seconds), targetMs: null });
} finally {
  server.child.send({ type: 'exit' });
}
