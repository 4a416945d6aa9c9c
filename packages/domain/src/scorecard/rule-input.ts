import { z } from 'zod';
import { DomainInputError } from '../values';
import { hundredthsSchema } from './hundredths-schema';

/** Full rate in basis points: 10000 = 100 %. Rates are integers so no float ever reaches a score. */
export const FULL_RATE_BASIS_POINTS = 10_000;

export const TIMELINESS_LEVELS = ['on_time', 'late', 'not_done'] as const;
export type TimelinessLevel = (typeof TIMELINESS_LEVELS)[number];

/** What a rule is evaluated on: an entered score, a fact, a timeliness level, a rate, a count or a share. */
export const RuleInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('manual'),
    value: hundredthsSchema(),
  }),
  z.object({ kind: z.literal('boolean'), value: z.boolean() }),
  z.object({ kind: z.literal('timeliness'), value: z.enum(TIMELINESS_LEVELS) }),
  z.object({ kind: z.literal('rate'), numerator: z.number().int().min(0), denominator: z.number().int().min(0) }),
  z.object({ kind: z.literal('count'), value: z.number().int().min(0) }),
  z.object({ kind: z.literal('share'), basisPoints: z.number().int().min(0).max(FULL_RATE_BASIS_POINTS) }),
]);
export type RuleInput = z.output<typeof RuleInputSchema>;
export type RuleInputKind = RuleInput['kind'];

/** A rate held exactly as the fraction `num / den` basis points; comparisons never round. */
export interface ExactRate {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * Turns a `rate` or `share` input into an exact rate in basis points.
 * A rate with denominator 0 ("no dossiers this year") is **no data**: it returns `null` and the caller
 * leaves the row unscored rather than guessing full or zero points.
 * @throws DomainInputError('scorecard.rate_invalid') for negative or non-integer parts or numerator > denominator,
 *   ('scorecard.share_invalid') for a share outside 0..10000.
 * @example exactRateOf({ kind: 'rate', numerator: 9, denominator: 10 }) // { num: 90000n, den: 10n } = 9000 bp
 */
export function exactRateOf(input: Extract<RuleInput, { kind: 'rate' | 'share' }>): ExactRate | null {
  if (input.kind === 'share') {
    const bp = input.basisPoints;
    if (!Number.isSafeInteger(bp) || bp < 0 || bp > FULL_RATE_BASIS_POINTS) {
      throw new DomainInputError('scorecard.share_invalid', { basisPoints: bp });
    }
    return { num: BigInt(bp), den: 1n };
  }
  const { numerator: n, denominator: d } = input;
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 0 || d < 0 || n > d) {
    throw new DomainInputError('scorecard.rate_invalid', { numerator: n, denominator: d });
  }
  if (d === 0) return null;
  return { num: BigInt(n) * BigInt(FULL_RATE_BASIS_POINTS), den: BigInt(d) };
}

/** −1, 0 or 1 as the exact rate is below, at or above `basisPoints`. */
export function compareRate(rate: ExactRate, basisPoints: number): -1 | 0 | 1 {
  const right = BigInt(basisPoints) * rate.den;
  return rate.num < right ? -1 : rate.num > right ? 1 : 0;
}

/**
 * A non-negative whole count of occurrences.
 * @throws DomainInputError('scorecard.count_invalid')
 */
export function countOf(input: Extract<RuleInput, { kind: 'count' }>): number {
  if (!Number.isSafeInteger(input.value) || input.value < 0) {
    throw new DomainInputError('scorecard.count_invalid', { value: input.value });
  }
  return input.value;
}
