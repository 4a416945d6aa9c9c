import { DomainInputError, type Hundredths, type LocalDate } from '../values';
import type { CriteriaSet } from './criteria-tree';
import type { RoundingMode } from './rounding';
import { FULL_RATE_BASIS_POINTS, type RuleInput, type TimelinessLevel } from './rule-input';
import type { ScoringRule } from './scoring-rule-schema';
import { evaluateRule } from './scoring-rules';

/** A metric computed from operational records for a unit and period, e.g. the postal procedure share. */
export interface MetricValue {
  readonly key: string;
  readonly value: RuleInput;
  readonly asOf?: LocalDate;
}

/**
 * Indexes metric values by key; when a key repeats, the latest `asOf` wins (an undated value loses to a dated one).
 * @throws DomainInputError('metric.duplicate') for two values of one key with the same date.
 * @example metricsByKey([{ key: 'k', value: { kind: 'share', basisPoints: 3000 } }]).get('k') // { kind: 'share', basisPoints: 3000 }
 */
export function metricsByKey(values: readonly MetricValue[]): Map<string, RuleInput> {
  const latest = new Map<string, MetricValue>();
  for (const v of values) {
    const held = latest.get(v.key);
    if (held === undefined || (held.asOf ?? '') < (v.asOf ?? '')) latest.set(v.key, v);
    else if ((held.asOf ?? '') === (v.asOf ?? '')) throw new DomainInputError('metric.duplicate', { key: v.key, asOf: v.asOf });
  }
  return new Map([...latest].map(([key, v]) => [key, v.value]));
}

/**
 * The projected layer of every scored row. A row bound to a metric is evaluated from it; a row without a
 * metric, whose metric is missing, or whose metric has no data (zero denominator) takes its fallback (e.g. the
 * latest appraised or self score); otherwise `null`. Rows that sum their children are not listed.
 * @throws DomainInputError('scorecard.projection_failed', { nodeCode, code }) when a metric does not fit its rule.
 * @example projectScores(template2019Department(),
 *   new Map([['dossiers.postal_procedure_share', { kind: 'share', basisPoints: 3000 }]]), new Map()).get('field-7-postal') // 0
 */
export function projectScores(
  set: CriteriaSet,
  metrics: ReadonlyMap<string, RuleInput>,
  manualFallback: ReadonlyMap<string, Hundredths>,
): Map<string, Hundredths | null> {
  const projected = new Map<string, Hundredths | null>();
  for (const node of set.nodes) {
    if (node.rule.kind === 'sum') continue;
    const input = node.metric ? metrics.get(node.metric) : undefined;
    let value: Hundredths | null = null;
    if (input !== undefined) {
      try {
        value = evaluateRule(node.rule, node.maxHundredths, input, set.rounding);
      } catch (e) {
        if (!(e instanceof DomainInputError)) throw e;
        throw new DomainInputError('scorecard.projection_failed', { nodeCode: node.code, code: e.code, ...e.detail });
      }
    }
    projected.set(node.id, value ?? manualFallback.get(node.id) ?? null);
  }
  return projected;
}

/** What would bring a row back to its maximum, for "points at risk" advice. */
export type RecoveryHint =
  | { readonly kind: 'score_at_least'; readonly targetHundredths: Hundredths }
  | { readonly kind: 'make_true' }
  | { readonly kind: 'make_false' }
  | { readonly kind: 'timeliness'; readonly target: TimelinessLevel }
  | { readonly kind: 'rate_at_least'; readonly basisPoints: number; readonly inclusive: boolean; readonly pointsHundredths: Hundredths }
  | { readonly kind: 'count_at_most'; readonly value: number; readonly pointsHundredths: Hundredths };

function bandsHint(rule: Extract<ScoringRule, { kind: 'rate_bands' }>, current: number | null): RecoveryHint | null {
  const better = rule.bands.filter((b) => current === null || b.points > current);
  const best = Math.max(...better.map((b) => b.points));
  // Known score: the nearest band that pays more; unknown: the band that pays most.
  const candidates = current === null ? better.filter((b) => b.points === best) : better;
  const target = candidates.sort((a, b) => (a.min ?? 0) - (b.min ?? 0) || Number(b.minInclusive) - Number(a.minInclusive))[0];
  if (target === undefined) return null;
  return { kind: 'rate_at_least', basisPoints: target.min ?? 0, inclusive: target.min === undefined || target.minInclusive, pointsHundredths: target.points };
}

/** The most a rule can award, which may be below the row's maximum (a capped proportional row). */
function attainable(rule: ScoringRule, max: number): number {
  switch (rule.kind) {
    case 'binary':
      return rule.pointsIfTrue;
    case 'timeliness':
      return Math.max(rule.onTime, rule.late, rule.notDone);
    case 'rate_bands':
      return Math.max(...rule.bands.map((b) => b.points));
    case 'proportional':
      return rule.cap ?? max;
    default:
      return max;
  }
}

/**
 * The threshold that would recover a row's lost points: the proportional rule's threshold, the next rate
 * band's lower bound, "condition false" (or the rate that clears a triggered deduction), `true` for a binary
 * row, "on time", no further occurrences. `null` when nothing is lost (or for a bonus row).
 * A missing or no-data input (`null`) still yields the hint, as the points are not secured.
 * @throws DomainInputError('scorecard.rule_not_evaluable') for a `sum` row.
 * @example recoveryHint({ kind: 'proportional', threshold: 9500 }, 1000 as Hundredths,
 *   { kind: 'rate', numerator: 90, denominator: 100 }) // { kind: 'rate_at_least', basisPoints: 9500, inclusive: true, pointsHundredths: 1000 }
 */
export function recoveryHint(
  rule: ScoringRule,
  maxHundredths: Hundredths,
  currentInput: RuleInput | null,
  rounding: RoundingMode = 'half_up',
): RecoveryHint | null {
  const current = currentInput === null ? null : evaluateRule(rule, maxHundredths, currentInput, rounding);
  if (current !== null && current >= attainable(rule, maxHundredths)) return null;
  const full = maxHundredths;
  switch (rule.kind) {
    case 'manual':
      return { kind: 'score_at_least', targetHundredths: full };
    case 'binary':
      return { kind: 'make_true' };
    case 'timeliness':
      return { kind: 'timeliness', target: 'on_time' };
    case 'rate_bands':
      return bandsHint(rule, current);
    case 'proportional':
      return { kind: 'rate_at_least', basisPoints: rule.threshold, inclusive: true, pointsHundredths: rule.cap ?? full };
    case 'survey':
      return { kind: 'rate_at_least', basisPoints: FULL_RATE_BASIS_POINTS, inclusive: true, pointsHundredths: full };
    case 'deduction':
      if (rule.mode === 'per_occurrence') return { kind: 'count_at_most', value: 0, pointsHundredths: full };
      if (rule.triggerBelow === undefined) return { kind: 'make_false' };
      return { kind: 'rate_at_least', basisPoints: rule.triggerBelow.basisPoints, inclusive: !rule.triggerBelow.inclusive, pointsHundredths: full };
    case 'bonus':
      return null;
    case 'sum':
      throw new DomainInputError('scorecard.rule_not_evaluable', { rule: rule.kind });
  }
}
