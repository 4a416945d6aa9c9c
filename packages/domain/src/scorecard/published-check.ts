import { z } from 'zod';
import { DomainInputError, parseHundredths, type Hundredths } from '../values';
import { percentBasisPoints, type RoundingMode } from './rounding';

/** A historical result as published: field-level figures as strings with the decimals the document used. */
export const PublishedResultSchema = z.object({
  year: z.number().int(),
  reportedTotal: z.string(),
  fields: z
    .array(
      z.object({
        code: z.string().min(1),
        title: z.string().min(1),
        max: z.string(),
        score: z.string(),
        publishedPercent: z.string().optional(),
        kind: z.string().optional(),
        knownDeductions: z.array(z.object({ title: z.string(), points: z.string() })).optional(),
      }),
    )
    .min(1),
});
export type PublishedResult = z.output<typeof PublishedResultSchema>;

export interface PercentMismatch {
  readonly code: string;
  readonly publishedPercent: string;
  /** score ÷ max in basis points with the given rounding. */
  readonly computedBasisPoints: number;
}

export interface PublishedCheck {
  readonly computedTotal: Hundredths;
  readonly reportedTotal: Hundredths;
  readonly differs: boolean;
  /** reported − computed: 80.08 stated vs 80.18 computed is −10. */
  readonly difference: Hundredths;
  /** Sum of the fields' maxima (100.00 on the usual scale). */
  readonly computedMax: Hundredths;
  /** Published percents farther from score ÷ max than half a unit of their last published decimal. */
  readonly percentMismatches: readonly PercentMismatch[];
  /** Codes of fields whose published score exceeds their maximum. */
  readonly scoresAboveMax: readonly string[];
}

function parseFigure(value: string, code: string, field: string): Hundredths {
  try {
    return parseHundredths(value);
  } catch {
    throw new DomainInputError('published.figure_invalid', { code, field, value });
  }
}

/**
 * A percent as published ("99.8") agrees with score ÷ max when it is within half a unit of its last
 * decimal: |score/max·100 − p| ≤ ½·10^−d, checked on integers as 2·|score·10⁴ − p·10²·max|·10^d ≤ 100·max.
 */
function percentAgrees(score: Hundredths, max: Hundredths, published: string, code: string): boolean {
  const decimals = published.includes('.') ? (published.split('.')[1] ?? '').length : 0;
  const p = parseFigure(published, code, 'publishedPercent');
  const gap = BigInt(score) * 10_000n - BigInt(p) * BigInt(max);
  const abs = gap < 0n ? -gap : gap;
  return 2n * abs * 10n ** BigInt(decimals) <= 100n * BigInt(max);
}

/**
 * Recomputes a published result: the total from the field scores, and each published percent from score ÷ max.
 * It reports both numbers and never "fixes" the published figure (docs/domain/par-index.md#worked-example-the-2019-scorecard).
 *
 * @throws DomainInputError('published.figure_invalid', { code, field, value }) for a figure that is not a
 *   decimal with at most two decimals.
 * @example checkPublishedResult(par2019) // { computedTotal: 8018, reportedTotal: 8008, differs: true, difference: -10, ... }
 */
export function checkPublishedResult(result: PublishedResult, rounding: RoundingMode = 'half_up'): PublishedCheck {
  let computedTotal = 0;
  let computedMax = 0;
  const percentMismatches: PercentMismatch[] = [];
  const scoresAboveMax: string[] = [];
  for (const field of result.fields) {
    const max = parseFigure(field.max, field.code, 'max');
    const score = parseFigure(field.score, field.code, 'score');
    computedTotal += score;
    computedMax += max;
    if (score > max) scoresAboveMax.push(field.code);
    if (field.publishedPercent !== undefined && max > 0 && !percentAgrees(score, max, field.publishedPercent, field.code)) {
      percentMismatches.push({
        code: field.code,
        publishedPercent: field.publishedPercent,
        computedBasisPoints: percentBasisPoints(score, max, rounding) ?? 0,
      });
    }
  }
  const reportedTotal = parseFigure(result.reportedTotal, 'total', 'reportedTotal');
  return {
    computedTotal: computedTotal as Hundredths,
    reportedTotal,
    differs: reportedTotal !== computedTotal,
    difference: (reportedTotal - computedTotal) as Hundredths,
    computedMax: computedMax as Hundredths,
    percentMismatches,
    scoresAboveMax,
  };
}
