import { z } from 'zod';
import type { Hundredths } from '../values';
import { isEmptyBand, overlappingBandPairs } from './rate-bands';
import { FULL_RATE_BASIS_POINTS } from './rule-input';
import { hundredthsSchema } from './hundredths-schema';

const points = hundredthsSchema(0);
const positivePoints = hundredthsSchema(1);
const basisPoints = z.number().int().min(0).max(FULL_RATE_BASIS_POINTS);

const RateBandSchema = z.object({
  min: basisPoints.optional(),
  minInclusive: z.boolean(),
  max: basisPoints.optional(),
  maxInclusive: z.boolean(),
  points,
});

/**
 * The scoring rules of docs/domain/par-index.md#scoring-rule-taxonomy. All points are integer hundredths and all rates integer basis
 * points (10000 = 100 %). Parameters that depend on the row's maximum (a band's points ≤ max) are checked
 * by `checkRuleAgainstMax`, because the maximum lives on the criterion, not on the rule.
 */
export const ScoringRuleSchema = z.discriminatedUnion('kind', [
  /** Score entered by hand, in [0, max]. */
  z.object({ kind: z.literal('manual') }),
  /** Cà Mau 1.1.2: yes → pointsIfTrue, otherwise 0. */
  z.object({ kind: z.literal('binary'), pointsIfTrue: points }),
  /** Cà Mau 1.1.1: on time 1, late 0.5, not done 0. */
  z.object({ kind: z.literal('timeliness'), onTime: points, late: points, notDone: points }),
  /** Cà Mau 1.1.4: > 90 % → 2; 70–90 % → 1; < 70 % → 0. Bands may not overlap; a rate in no band scores 0. */
  z.object({
    kind: z.literal('rate_bands'),
    bands: z
      .array(RateBandSchema)
      .min(1)
      .superRefine((bands, ctx) => {
        bands.forEach((band, i) => {
          if (isEmptyBand(band)) ctx.addIssue({ code: 'custom', message: 'criteria.band_empty', path: [i] });
        });
        for (const [i, j] of overlappingBandPairs(bands)) {
          ctx.addIssue({ code: 'custom', message: 'criteria.bands_overlap', path: [j], params: { with: i } });
        }
      }),
  }),
  /** QĐ 766 style: max × min(rate, threshold) ÷ threshold, full at the threshold; `cap` limits the points. */
  z.object({ kind: z.literal('proportional'), threshold: basisPoints.min(1), cap: points.optional() }),
  /**
   * Starts at max and deducts `points` once (condition) or per occurrence, never below `floor`.
   * `triggerBelow` lets a condition be driven by a rate metric: the condition holds when the rate is
   * below the bound (or at it, when `inclusive`). 2019: "online services with dossiers" is
   * `{ basisPoints: 0, inclusive: true }` (no online dossier at all), the postal row `{ basisPoints: 5000, inclusive: false }`.
   */
  z
    .object({
      kind: z.literal('deduction'),
      mode: z.enum(['condition', 'per_occurrence']),
      points: positivePoints,
      floor: points.default(0 as Hundredths),
      triggerBelow: z.object({ basisPoints, inclusive: z.boolean() }).optional(),
    })
    .refine((r) => r.triggerBelow === undefined || r.mode === 'condition', {
      message: 'criteria.trigger_needs_condition_mode',
      path: ['triggerBelow'],
    }),
  /** Scored only from the survey: max × satisfaction share. Such rows are `notSelfScored`. */
  z.object({ kind: z.literal('survey') }),
  /** Initiatives and pilots [U]: an entered value up to `cap`, or `points` per occurrence up to `cap`. */
  z.object({ kind: z.literal('bonus'), cap: points, points: positivePoints.optional() }),
  /** A parent row: the sum of its children. */
  z.object({ kind: z.literal('sum') }),
]);
export type ScoringRule = z.output<typeof ScoringRuleSchema>;
export type RuleKind = ScoringRule['kind'];
export type RateBand = Extract<ScoringRule, { kind: 'rate_bands' }>['bands'][number];
