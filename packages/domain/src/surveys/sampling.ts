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
 * A dossier's rank in a campaign's seeded draw (docs/surveys.md, "Sampling"): FNV-1a over the id from a
 * seed-dependent basis, then MurmurHash3's finaliser so nearby ids and seeds spread over 0…2³²−1. A
 * stratum's sample is its n dossiers of lowest rank (ties by id), so the same seed and data give the same
 * sample and a replacement is simply the next rank. SQLite computes it through this function
 * (`seeded_rank`); PostgreSQL ranks with its own stable hash (`hashtextextended`).
 * @example seededRank('d1', 42) === seededRank('d1', 42) // true; another seed gives another order
 */
export function seededRank(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
