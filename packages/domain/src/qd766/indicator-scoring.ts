import { roundHundredths, roundQuotient } from '../scorecard/rounding';
import type { Hundredths } from '../values';
import {
  SYNC_RATE_CODE,
  SYNC_WEIGHTED_CODE,
  type IndicatorDefinition,
  type IndicatorSetContent,
  type IndicatorSource,
  type Qd766Group,
} from './indicator-catalogue';

// Counts → points for the QĐ 766 indicators (docs/domain/qd766.md#indicator-groups). Pure: the server hands
// in the figures it counted in the database or the ones a person entered; every division and rounding goes
// through the scorecard's `roundQuotient` on bigint (docs/conventions.md#values-dates-instants-scores).

/** An indicator's figures: numerator ÷ denominator; `reference` is the statutory total of a `within_reference` indicator. */
export interface IndicatorFigures {
  numerator: number;
  denominator: number;
  reference?: number | undefined;
}

export interface IndicatorScore {
  code: string;
  group: Qd766Group;
  source: IndicatorSource;
  /** False when there is nothing to score (no dossiers, nothing entered): the indicator earns 0 and says so. */
  hasData: boolean;
  numerator: number;
  denominator: number;
  reference: number | null;
  /** numerator ÷ denominator in basis points (a percent indicator) or the average in hundredths of an hour. */
  valueHundredths: number | null;
  /** 3.3's synchronisation factor (1.4's rate) in basis points, when 1.4 was entered. */
  factorBp: number | null;
  pointsHundredths: Hundredths;
  maxHundredths: Hundredths;
  targetBp: number | null;
  /** Whether the rate reaches the province's target; null without a target or without data. */
  meetsTarget: boolean | null;
}

export interface GroupScore {
  group: Qd766Group;
  pointsHundredths: Hundredths;
  maxHundredths: Hundredths;
  indicators: IndicatorScore[];
}

export interface SetScore {
  totalHundredths: Hundredths;
  maxHundredths: Hundredths;
  groups: GroupScore[];
}

const MODE = 'half_up' as const;

function checkFigures(f: IndicatorFigures): void {
  for (const v of [f.numerator, f.denominator, f.reference ?? 0])
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`indicator figures must be whole and ≥ 0: ${JSON.stringify(f)}`);
}

/**
 * One indicator's points. `proportional`: max × min(1, rate × factor ÷ fullAt). `within_reference`
 * (an average time): max × min(1, reference ÷ total); a total of 0 is within any reference.
 * No denominator (or no figures) → no data, 0 points.
 * @example scoreIndicator(def21, { numerator: 97, denominator: 100 }).pointsHundredths // 1164 (12 × 97 %)
 * @example scoreIndicator(def31, { numerator: 8, denominator: 10 }).pointsHundredths // 400, full at ≥ 80 %
 */
export function scoreIndicator(d: IndicatorDefinition, figures: IndicatorFigures | null, factorBp: number | null = null): IndicatorScore {
  const max = d.maxHundredths as Hundredths;
  const base = { code: d.code, group: d.group, source: d.source, maxHundredths: max, targetBp: d.targetBp, factorBp };
  if (!figures || figures.denominator === 0) {
    return {
      ...base,
      hasData: false,
      numerator: figures?.numerator ?? 0,
      denominator: figures?.denominator ?? 0,
      reference: figures?.reference ?? null,
      valueHundredths: null,
      pointsHundredths: 0 as Hundredths,
      meetsTarget: null,
    };
  }
  checkFigures(figures);
  const { numerator: num, denominator: den } = figures;
  if (d.scoring.kind === 'within_reference') {
    const reference = figures.reference ?? 0;
    const points = num <= reference ? max : roundHundredths(BigInt(max) * BigInt(reference), BigInt(num), MODE);
    // The average in hundredths of an hour.
    const value = roundQuotient(BigInt(num) * 100n, BigInt(den), MODE);
    return { ...base, hasData: true, numerator: num, denominator: den, reference, valueHundredths: value, pointsHundredths: points, meetsTarget: null };
  }
  const rateBp = roundQuotient(BigInt(num) * 10_000n, BigInt(den), MODE);
  const factor = BigInt(factorBp ?? 10_000);
  // rate × factor ÷ fullAt, capped at 1: compare num × factor × 10000 with den × fullAt × 10000.
  const scaledNum = BigInt(num) * factor;
  const scaledDen = BigInt(den) * BigInt(d.scoring.fullAtBp);
  const points = scaledNum >= scaledDen ? max : roundHundredths(BigInt(max) * scaledNum, scaledDen, MODE);
  const meetsTarget = d.targetBp === null ? null : BigInt(num) * 10_000n >= BigInt(den) * BigInt(d.targetBp);
  return { ...base, hasData: true, numerator: num, denominator: den, reference: null, valueHundredths: rateBp, pointsHundredths: points, meetsTarget };
}

/**
 * A whole set: every indicator scored from its figures (missing → no data), 3.3 weighed by 1.4's rate
 * when 1.4 has figures, group and total sums in hundredths.
 * @example scoreSet(qd766NationalSet(), new Map()).maxHundredths // 10000
 */
export function scoreSet(content: IndicatorSetContent, figures: ReadonlyMap<string, IndicatorFigures>): SetScore {
  const sync = figures.get(SYNC_RATE_CODE);
  const syncBp = sync && sync.denominator > 0 ? Math.min(10_000, roundQuotient(BigInt(sync.numerator) * 10_000n, BigInt(sync.denominator), MODE)) : null;
  const groups: GroupScore[] = content.groups.map((g) => {
    const indicators = content.indicators
      .filter((d) => d.group === g.group)
      .map((d) => scoreIndicator(d, figures.get(d.code) ?? null, d.code === SYNC_WEIGHTED_CODE ? syncBp : null));
    const sum = (f: (s: IndicatorScore) => number) => indicators.reduce((a, s) => a + f(s), 0) as Hundredths;
    return { group: g.group, pointsHundredths: sum((s) => s.pointsHundredths), maxHundredths: sum((s) => s.maxHundredths), indicators };
  });
  return {
    totalHundredths: groups.reduce((a, g) => a + g.pointsHundredths, 0) as Hundredths,
    maxHundredths: groups.reduce((a, g) => a + g.maxHundredths, 0) as Hundredths,
    groups,
  };
}
