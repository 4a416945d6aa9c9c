import { compareRate, FULL_RATE_BASIS_POINTS, type ExactRate } from './rule-input';

/**
 * A rate interval in basis points with explicit bound kinds: Cà Mau 1.1.4 "70–90 %" is
 * `{ min: 7000, minInclusive: true, max: 9000, maxInclusive: true }` and "> 90 %" is
 * `{ min: 9000, minInclusive: false }`. A missing bound is open (−∞ or +∞).
 */
export interface RateInterval {
  readonly min?: number | undefined;
  readonly minInclusive: boolean;
  readonly max?: number | undefined;
  readonly maxInclusive: boolean;
}

interface Bound {
  readonly v: number | undefined;
  readonly inclusive: boolean;
}

/**
 * True when the exact rate lies inside the interval.
 * @example bandContains({ min: 9000, minInclusive: false, maxInclusive: true }, { num: 9000n, den: 1n }) // false
 */
export function bandContains(band: RateInterval, rate: ExactRate): boolean {
  if (band.min !== undefined) {
    const c = compareRate(rate, band.min);
    if (c < 0 || (c === 0 && !band.minInclusive)) return false;
  }
  if (band.max !== undefined) {
    const c = compareRate(rate, band.max);
    if (c > 0 || (c === 0 && !band.maxInclusive)) return false;
  }
  return true;
}

function higherLower(a: Bound, b: Bound): Bound {
  if (a.v === undefined) return b;
  if (b.v === undefined) return a;
  if (a.v !== b.v) return a.v > b.v ? a : b;
  return { v: a.v, inclusive: a.inclusive && b.inclusive };
}

function lowerUpper(a: Bound, b: Bound): Bound {
  if (a.v === undefined) return b;
  if (b.v === undefined) return a;
  if (a.v !== b.v) return a.v < b.v ? a : b;
  return { v: a.v, inclusive: a.inclusive && b.inclusive };
}

function isNonEmpty(lower: Bound, upper: Bound): boolean {
  if (lower.v === undefined || upper.v === undefined) return true;
  return lower.v < upper.v || (lower.v === upper.v && lower.inclusive && upper.inclusive);
}

const lowerOf = (b: RateInterval): Bound => ({ v: b.min, inclusive: b.minInclusive });
const upperOf = (b: RateInterval): Bound => ({ v: b.max, inclusive: b.maxInclusive });

/**
 * True when no rate satisfies the interval (e.g. `[90 %, 70 %]` or `(50 %, 50 %]`).
 * @example isEmptyBand({ min: 5000, minInclusive: false, max: 5000, maxInclusive: true }) // true
 */
export function isEmptyBand(band: RateInterval): boolean {
  return !isNonEmpty(lowerOf(band), upperOf(band));
}

/**
 * True when some rate lies in both intervals; touching bounds overlap only if both are inclusive.
 * @example bandsOverlap({ min: 7000, minInclusive: true, max: 9000, maxInclusive: true },
 *   { min: 9000, minInclusive: false, maxInclusive: true }) // false
 */
export function bandsOverlap(a: RateInterval, b: RateInterval): boolean {
  return isNonEmpty(higherLower(lowerOf(a), lowerOf(b)), lowerUpper(upperOf(a), upperOf(b)));
}

/** Index pairs `[i, j]` (i < j) of overlapping bands. */
export function overlappingBandPairs(bands: readonly RateInterval[]): [number, number][] {
  const pairs: [number, number][] = [];
  bands.forEach((a, i) => {
    bands.forEach((b, j) => {
      if (i < j && bandsOverlap(a, b)) pairs.push([i, j]);
    });
  });
  return pairs;
}

/**
 * The first stretch of 0..100 % that no band covers, or `null` when the bands cover every rate.
 * Coverage only changes at a bound, so probing every bound and one point between neighbours is exact.
 * @example firstUncoveredRange([{ min: 7000, minInclusive: true, maxInclusive: true }])
 *   // { min: 0, minInclusive: true, max: 7000, maxInclusive: false }
 */
export function firstUncoveredRange(bands: readonly RateInterval[]): RateInterval | null {
  const inRange = (v: number): boolean => v >= 0 && v <= FULL_RATE_BASIS_POINTS;
  const bounds = new Set<number>([0, FULL_RATE_BASIS_POINTS]);
  for (const b of bands) {
    if (b.min !== undefined && inRange(b.min)) bounds.add(b.min);
    if (b.max !== undefined && inRange(b.max)) bounds.add(b.max);
  }
  const sorted = [...bounds].sort((x, y) => x - y);
  // Probes in half basis points, ascending: each bound (even) and the midpoint to the next one.
  const probes: number[] = [];
  sorted.forEach((v, i) => {
    probes.push(2 * v);
    const next = sorted[i + 1];
    if (next !== undefined) probes.push(v + next);
  });
  const covered = probes.map((p) => bands.some((b) => bandContains(b, { num: BigInt(p), den: 2n })));
  const first = covered.indexOf(false);
  if (first < 0) return null;
  const resume = covered.indexOf(true, first);
  const probe = (i: number): number => probes[i] ?? 0;
  const isBound = (i: number): boolean => probe(i) % 2 === 0 && sorted.includes(probe(i) / 2);
  // A gap opening at a midpoint starts just after the bound before it; one closing before a bound ends just before it.
  const startsAtBound = isBound(first);
  const lastUncovered = resume < 0 ? probes.length - 1 : resume - 1;
  const endsAtBound = isBound(lastUncovered);
  return {
    min: startsAtBound ? probe(first) / 2 : probe(first - 1) / 2,
    minInclusive: startsAtBound,
    max: endsAtBound ? probe(lastUncovered) / 2 : probe(lastUncovered + 1) / 2,
    maxInclusive: endsAtBound,
  };
}
