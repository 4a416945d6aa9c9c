// Load generator: keeps the CPU busy so the test suite can be tried the way a busy machine runs it.
//   node scripts/load.mjs                  one spinning worker thread per core, until killed (Ctrl-C)
//   node scripts/load.mjs --workers 4      that many workers
//   node scripts/load.mjs --seconds 600    stop by itself after ten minutes
// Each worker spins on arithmetic without yielding, so it competes with the server, the browser and Vitest
// for every core, at the ordinary scheduling priority.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

if (isMainThread) {
  const { values } = parseArgs({ options: { workers: { type: 'string' }, seconds: { type: 'string' } } });
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  const seconds = values.seconds === undefined ? Infinity : Number(values.seconds);
  const fail = (message) => {
    console.error(`load: ${message}`);
    process.exit(2);
  };
  if (!Number.isInteger(workers) || workers < 1) fail(`--workers must be a whole number ≥ 1, got ${values.workers}`);
  if (!(seconds > 0)) fail(`--seconds must be a number > 0, got ${values.seconds}`);
  const until = Number.isFinite(seconds) ? Date.now() + seconds * 1000 : Infinity;
  for (let i = 0; i < workers; i++) new Worker(new URL(import.meta.url), { workerData: { until } });
  console.log(`load: ${workers} busy worker thread(s) ${Number.isFinite(seconds) ? `for ${seconds} s` : 'until killed'} (pid ${process.pid})`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
} else {
  const { until } = workerData;
  let x = 0;
  // Checks the clock only every few million steps, so nearly all the time is spent computing.
  while (Date.now() < until) for (let i = 0; i < 5_000_000; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  process.exit(0);
}
