import { DomainInputError } from '../values';

// Sample size and selection for survey campaigns (docs/surveys.md, "Sampling").

/**
 * The BNV sample size n = N / (1 + N·e²), rounded up: N the population, e the margin of error.
 * @throws DomainInputError('survey.population_invalid') unless N is an integer ≥ 1,
 *   ('survey.margin_invalid') unless 0 < e < 0.5.
 * @example sampleSize(10_000, 0.05) // 385
 */
export function sampleSize(population: number, margin: number): number {
  if (!Number.isSafeInteger(population) || population < 1) throw new DomainInputError('survey.population_invalid', { population });
  if (!Number.isFinite(margin) || margin <= 0 || margin >= 0.5) throw new DomainInputError('survey.margin_invalid', { margin });
  const exact = population / (1 + population * margin * margin);
  // A float quotient that should be an integer may land a hair above it (e.g. 400.00000000000006).
  return Math.min(population, Math.ceil(exact - 1e-9));
}

export interface Stratum {
  key: string;
  population: number;
}

/**
 * Splits a total sample over strata in proportion to their populations by the largest-remainder
 * method: each stratum gets the floor of its quota, and the units left go to the largest remainders
 * (ties to the larger population, then the key). The result sums exactly to min(total, ΣN) and no
 * stratum gets more than its population.
 * @example allocate([{ key: 'a', population: 600 }, { key: 'b', population: 400 }], 5) // { a: 3, b: 2 }
 */
export function allocate(strata: readonly Stratum[], total: number): Record<string, number> {
  if (!Number.isSafeInteger(total) || total < 0) throw new DomainInputError('survey.sample_invalid', { total });
  for (const s of strata) if (!Number.isSafeInteger(s.population) || s.population < 0) throw new DomainInputError('survey.population_invalid', { key: s.key });
  const sum = strata.reduce((a, s) => a + s.population, 0);
  const out: Record<string, number> = {};
  if (sum === 0) {
    for (const s of strata) out[s.key] = 0;
    return out;
  }
  const n = Math.min(total, sum);
  // Integer arithmetic: quota_h = n·N_h / ΣN exactly as a quotient and remainder.
  const parts = strata.map((s) => ({ s, floor: Math.floor((n * s.population) / sum), rem: (n * s.population) % sum }));
  let left = n - parts.reduce((a, p) => a + p.floor, 0);
  const order = [...parts].sort((a, b) => b.rem - a.rem || b.s.population - a.s.population || (a.s.key < b.s.key ? -1 : a.s.key > b.s.key ? 1 : 0));
  for (const p of order) {
    if (left === 0) break;
    if (p.floor < p.s.population) {
      p.floor += 1;
      left -= 1;
    }
  }
  for (const p of parts) out[p.s.key] = p.floor;
  return out;
}

/**
 * Mulberry32 (Tommy Ettinger, public domain): a 32-bit seeded generator, uniform enough for sampling
 * and trivially reproducible in any language from the stored seed (docs/surveys.md).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The first `count` positions (0-based, in draw order) of a seeded random permutation of 0…N−1:
 * a Fisher–Yates shuffle run lazily with a sparse swap table, so it costs O(count) whatever N is.
 * The draw is prefix-stable: `drawPositions(s, N, k)` starts with `drawPositions(s, N, j)` for j ≤ k,
 * which is how replacement draws extend a sample without changing it.
 * @example drawPositions(42, 10, 3) // three distinct positions in 0…9, the same every time for seed 42
 */
export function drawPositions(seed: number, population: number, count: number): number[] {
  if (!Number.isSafeInteger(population) || population < 0) throw new DomainInputError('survey.population_invalid', { population });
  if (!Number.isSafeInteger(count) || count < 0) throw new DomainInputError('survey.sample_invalid', { count });
  const rand = mulberry32(seed);
  const k = Math.min(count, population);
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (population - i));
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(atJ);
  }
  return out;
}

/** Seeds a stratum's draw from the campaign seed and the stratum key, so strata draw independently. */
export function stratumSeed(seed: number, key: string): number {
  // FNV-1a over the key, mixed with the campaign seed.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}
