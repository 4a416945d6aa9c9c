import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { defaultYears } from '../packages/domain/src/calendar/announced';
import { calendarFromYears } from '../packages/domain/src/calendar/calendar-of';
import { dayNumberFromCivil, formatDayNumber } from '../packages/domain/src/calendar/day-number';
import { naiveAddWorkingDays, type WorkingCalendar } from '../packages/domain/src/calendar/working-calendar';
import type { LocalDate } from '../packages/domain/src/values';

/** Targets for addWorkingDays on random dates 2019–2030 and n in 1..60. */
const TARGET_CALLS_PER_SECOND = 5_000_000;
const TARGET_SPEEDUP = 20;
const CALLS = 1_000_000;
const NAIVE_CALLS = 50_000;
const REPEATS = 5;
const SEED = 0x20240902;

/** mulberry32: a tiny seeded PRNG, so every run times the same inputs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Inputs {
  readonly dates: LocalDate[];
  readonly days: Int32Array;
}

function makeInputs(count: number): Inputs {
  const random = seededRandom(SEED);
  const first = dayNumberFromCivil(2019, 1, 1);
  const span = dayNumberFromCivil(2030, 12, 31) - first + 1;
  const dates = new Array<LocalDate>(count);
  const days = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    dates[i] = formatDayNumber(first + Math.floor(random() * span));
    days[i] = 1 + Math.floor(random() * 60);
  }
  // Round-trip through JSON so the strings are flat, as dates read from a request or a database are.
  return { dates: JSON.parse(JSON.stringify(dates)) as LocalDate[], days };
}

type AddWorkingDays = (from: LocalDate, n: number) => LocalDate;

/** Best calls per second over `repeats` passes; `checksum` keeps the results alive. */
function time(add: AddWorkingDays, inputs: Inputs, count: number, repeats: number): { perSecond: number; checksum: number } {
  let best = Number.POSITIVE_INFINITY;
  let checksum = 0;
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    for (let i = 0; i < count; i++) checksum += add(inputs.dates[i] as LocalDate, inputs.days[i] as number).charCodeAt(9);
    best = Math.min(best, performance.now() - started);
  }
  return { perSecond: (count / best) * 1000, checksum };
}

function verdict(isPass: boolean): string {
  return isPass ? 'PASS' : 'FAIL';
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Times `addWorkingDays` on the default calendar (announced 2019–2026 plus generated years,
 * 1900–2100) against the day-by-day loop, and prints calls/s and the ratio against the targets.
 */
export async function runCalendarBench(): Promise<void> {
  const buildStarted = performance.now();
  const calendar: WorkingCalendar = calendarFromYears(defaultYears(1900, 2100));
  const buildMs = performance.now() - buildStarted;
  const inputs = makeInputs(CALLS);

  const fast: AddWorkingDays = (from, n) => calendar.addWorkingDays(from, n);
  const naive: AddWorkingDays = (from, n) => naiveAddWorkingDays(calendar, from, n);
  for (let i = 0; i < NAIVE_CALLS; i++) {
    const from = inputs.dates[i] as LocalDate;
    const n = inputs.days[i] as number;
    if (fast(from, n) !== naive(from, n)) throw new Error(`addWorkingDays(${from}, ${n}) disagrees with the loop`);
  }

  time(fast, inputs, CALLS, 1); // warm-up
  time(naive, inputs, NAIVE_CALLS / 10, 1);
  const fastResult = time(fast, inputs, CALLS, REPEATS);
  const naiveResult = time(naive, inputs, NAIVE_CALLS, 3);
  const speedup = fastResult.perSecond / naiveResult.perSecond;

  console.log(`calendar: built 1900–2100 in ${buildMs.toFixed(0)} ms`);
  console.log(
    `calendar: addWorkingDays ${format(fastResult.perSecond)} calls/s ` +
      `(best of ${REPEATS} × ${format(CALLS)}; target ≥ ${format(TARGET_CALLS_PER_SECOND)}) ` +
      verdict(fastResult.perSecond >= TARGET_CALLS_PER_SECOND),
  );
  console.log(`calendar: naive loop     ${format(naiveResult.perSecond)} calls/s (best of 3 × ${format(NAIVE_CALLS)})`);
  console.log(
    `calendar: speed-up ${speedup.toFixed(1)}× (target ≥ ${TARGET_SPEEDUP}×) ${verdict(speedup >= TARGET_SPEEDUP)}` +
      ` [checksums ${fastResult.checksum % 1000}/${naiveResult.checksum % 1000}]`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void runCalendarBench();
