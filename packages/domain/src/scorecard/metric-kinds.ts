import type { RuleInputKind } from './rule-input';
import type { ScoringRule } from './scoring-rule-schema';
import { acceptedInputKinds } from './scoring-rules';

/** How a catalogued metric's value reads (docs/architecture.md "PAR metrics"). */
export const METRIC_VALUE_KINDS = ['rate', 'share', 'count', 'flag', 'timeliness', 'date'] as const;
export type MetricValueKind = (typeof METRIC_VALUE_KINDS)[number];

/** The rule input a value kind produces; a date feeds no rule. */
const INPUT_OF: Readonly<Record<MetricValueKind, RuleInputKind | null>> = {
  rate: 'rate',
  share: 'share',
  count: 'count',
  flag: 'boolean',
  timeliness: 'timeliness',
  date: null,
};

/**
 * The rule input kind a metric of this value kind produces, or null when it feeds no rule.
 * @example inputKindOfMetric('flag') // 'boolean'
 */
export function inputKindOfMetric(kind: MetricValueKind): RuleInputKind | null {
  return INPUT_OF[kind];
}

/**
 * True when a metric of this value kind can feed the rule (`acceptedInputKinds`): a count cannot feed
 * rate bands, a flag can feed a binary row or a condition deduction.
 * @example metricFitsRule('count', { kind: 'rate_bands', bands: [...] }) // false
 * @example metricFitsRule('flag', { kind: 'binary', pointsIfTrue: 100 }) // true
 */
export function metricFitsRule(kind: MetricValueKind, rule: ScoringRule): boolean {
  const input = INPUT_OF[kind];
  return input !== null && acceptedInputKinds(rule).includes(input);
}
