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
 * A campaign's offset on the circle of survey keys (docs/surveys.md, "Sampling"): every returned dossier
 * carries a uniformly random 32-bit key drawn when it was written, and a stratum's sample is its n dossiers
 * whose keys come first going up from the offset (wrapping round; ties by id). The offset is MurmurHash3's
 * 32-bit finaliser of the seed, a bijection of 0…2³²−1: a uniformly random seed gives a uniformly random
 * offset (what makes each campaign's draw random given the stored keys), and nearby seeds (1, 2, 42) land far
 * apart. Returned as a signed 32-bit integer, the keys' type.
 * @example drawOffset(42) === drawOffset(42) // true; the same seed gives the same draw
 */
export function drawOffset(seed: number): number {
  let h = seed >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * A key's rank in the draw from `offset`: its distance going up from the offset, wrapping round, 0…2³²−1.
 * @example keyRank(5, 3) === 2; keyRank(2, 3) === 2 ** 32 - 1
 */
export function keyRank(key: number, offset: number): number {
  return (key - offset) >>> 0;
}
