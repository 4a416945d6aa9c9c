import { SATISFIED_CODES, type Question } from './questionnaire';

// Survey indices (docs/surveys.md, "Results"). Percentages are integer basis points (8394 = 83.94 %),
// computed from counts the database grouped; no float leaves this file unrounded.

/** Breakdowns with fewer responses than this are suppressed, so nobody can be singled out. */
export const MIN_CELL_RESPONSES = 5;
const Z95 = 1.96;

/** Rounds a fraction of one to basis points. */
export function toBasisPoints(fraction: number): number {
  return Math.round(fraction * 10_000);
}

/**
 * % satisfied of a Likert question: (satisfied + very satisfied) ÷ valid answers, in basis points;
 * null without any valid answer.
 * @example percentSatisfied({ '1': 1, '3': 1, '4': 1, '5': 1 }) // 5000
 */
export function percentSatisfied(counts: Readonly<Record<string, number>>): number | null {
  let valid = 0;
  let satisfied = 0;
  for (const [code, c] of Object.entries(counts)) {
    valid += c;
    if (SATISFIED_CODES.includes(code)) satisfied += c;
  }
  return valid === 0 ? null : toBasisPoints(satisfied / valid);
}

/**
 * Mean of the options' weights (0–100 % of the question's points) over the answers, in basis points.
 * @example weightedMean({ A: 1, B: 1 }, { A: 100, B: 60 }) // 8000
 */
export function weightedMean(counts: Readonly<Record<string, number>>, weights: Readonly<Record<string, number>>): number | null {
  let n = 0;
  let sum = 0;
  for (const [code, c] of Object.entries(counts)) {
    const w = weights[code];
    if (w === undefined) continue;
    n += c;
    sum += c * w;
  }
  return n === 0 ? null : Math.round((sum * 100) / n);
}

/**
 * Margin of error at 95 % of a proportion p (basis points) from n answers, with the finite population
 * correction √((N − n)/(N − 1)) when the population N is known; in basis points, null when n = 0.
 * @example marginOfError95(5000, 385, null) // 499 (±4.99 points)
 */
export function marginOfError95(pBasisPoints: number, n: number, population: number | null): number | null {
  if (n <= 0) return null;
  const p = pBasisPoints / 10_000;
  let moe = Z95 * Math.sqrt((p * (1 - p)) / n);
  if (population !== null && population > 1 && n <= population) moe *= Math.sqrt((population - n) / (population - 1));
  return toBasisPoints(moe);
}

/** True when a cell of a breakdown must not be shown. */
export function isSuppressed(responses: number): boolean {
  return responses < MIN_CELL_RESPONSES;
}

/** Option weights of a question keyed by code (Likert levels and choices; yes/no counts yes as 100). */
export function weightsOf(q: Question): Record<string, number> | null {
  if (q.type === 'likert') return Object.fromEntries(q.levels.map((l) => [l.code, l.weight]));
  if (q.type === 'single' || q.type === 'multiple') return Object.fromEntries(q.options.map((o) => [o.code, o.weight]));
  if (q.type === 'yes_no') return { yes: 100, no: 0 };
  return null;
}

/**
 * The average of the non-null values, rounded; null when there is none. Element, aspect and overall
 * indices average their questions' % satisfied (the SIPAS weighting is not published; docs/surveys.md).
 */
export function averageOf(values: ReadonlyArray<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length === 0 ? null : Math.round(v.reduce((a, b) => a + b, 0) / v.length);
}
