import { DomainInputError, type Hundredths } from '../values';

/** How a computed fraction of points becomes whole hundredths; stored with each criteria set. */
export const ROUNDING_MODES = ['half_up', 'half_even', 'floor'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

function toBigInt(value: bigint | number, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new DomainInputError('rounding.not_integer', { [name]: value });
  return BigInt(value);
}

/**
 * The scorecard's one integer division: `numerator ÷ denominator` rounded to a whole number.
 * Every score, percent and index goes through here, so no rule divides or rounds on its own
 * (docs/conventions.md#values-dates-instants-scores). Arithmetic is on `bigint`, so `max × rate` products never lose precision.
 *
 * - `half_up`: ties away from zero (2.5 → 3, −2.5 → −3), the usual Vietnamese "làm tròn".
 * - `half_even`: ties to the even neighbour (2.5 → 2, 3.5 → 4).
 * - `floor`: toward −∞ (2.9 → 2, −2.1 → −3).
 *
 * @throws DomainInputError('rounding.zero_denominator'), ('rounding.not_integer') for a non-integer number,
 *   ('rounding.mode_invalid'), ('rounding.out_of_range') when the result is not a safe integer.
 * @example roundQuotient(2_050, 1_000, 'half_up') // 2
 * @example roundQuotient(5, 2, 'half_even') // 2
 */
export function roundQuotient(numerator: bigint | number, denominator: bigint | number, mode: RoundingMode): number {
  let n = toBigInt(numerator, 'numerator');
  let d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new DomainInputError('rounding.zero_denominator');
  if (!ROUNDING_MODES.includes(mode)) throw new DomainInputError('rounding.mode_invalid', { mode });
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  // bigint division truncates toward zero; shift to floor division so 0 ≤ r < d.
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  let result = q;
  if (mode !== 'floor') {
    const twice = 2n * r;
    if (twice > d) result = q + 1n;
    else if (twice === d) {
      if (mode === 'half_up') result = q >= 0n ? q + 1n : q;
      else result = q % 2n === 0n ? q : q + 1n;
    }
  }
  const out = Number(result);
  if (!Number.isSafeInteger(out)) throw new DomainInputError('rounding.out_of_range');
  return out;
}

/**
 * A fraction of hundredths rounded to whole hundredths with the set's rounding mode.
 * @example roundHundredths(1_000n * 2_650n, 10_000n, 'half_up') // 265 (2.65 points)
 */
export function roundHundredths(numerator: bigint | number, denominator: bigint | number, mode: RoundingMode): Hundredths {
  return roundQuotient(numerator, denominator, mode) as Hundredths;
}

/**
 * Index % = points ÷ maximum (docs/domain/par-index.md#percent-bands-and-ranking) in basis points, i.e. a percent with two decimals:
 * 10.25 of 11.00 is 93.18 % → 9318. A maximum of zero has no percent (`null`).
 * @example percentBasisPoints(1025 as Hundredths, 1100 as Hundredths, 'half_up') // 9318
 */
export function percentBasisPoints(points: Hundredths, maxHundredths: Hundredths, mode: RoundingMode): number | null {
  if (maxHundredths <= 0) return null;
  return roundQuotient(BigInt(points) * 10_000n, BigInt(maxHundredths), mode);
}
