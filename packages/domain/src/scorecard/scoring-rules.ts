import { DomainInputError, type Hundredths } from '../values';
import { bandContains } from './rate-bands';
import { roundHundredths, type RoundingMode } from './rounding';
import { checkRuleAgainstMax } from './rule-consistency';
import type { ScoringRule } from './scoring-rule-schema';
import { countOf, exactRateOf, FULL_RATE_BASIS_POINTS, type ExactRate, type RuleInput, type RuleInputKind } from './rule-input';

/**
 * The input kinds a rule can be evaluated on; any other kind is a configuration mistake.
 * @example acceptedInputKinds({ kind: 'proportional', threshold: 9500 }) // ['rate', 'share']
 */
export function acceptedInputKinds(rule: ScoringRule): readonly RuleInputKind[] {
  switch (rule.kind) {
    case 'manual':
      return ['manual'];
    case 'binary':
      return ['boolean'];
    case 'timeliness':
      return ['timeliness'];
    case 'rate_bands':
    case 'proportional':
    case 'survey':
      return ['rate', 'share'];
    case 'deduction':
      if (rule.mode === 'per_occurrence') return ['count'];
      return rule.triggerBelow ? ['boolean', 'rate', 'share'] : ['boolean'];
    case 'bonus':
      return rule.points === undefined ? ['manual'] : ['manual', 'boolean', 'count'];
    case 'sum':
      return [];
  }
}

function requireKind<K extends RuleInputKind>(rule: ScoringRule, input: RuleInput, kinds: readonly K[]): Extract<RuleInput, { kind: K }> {
  if (!(kinds as readonly RuleInputKind[]).includes(input.kind) || !acceptedInputKinds(rule).includes(input.kind)) {
    throw new DomainInputError('scorecard.input_kind_mismatch', { rule: rule.kind, input: input.kind });
  }
  return input as Extract<RuleInput, { kind: K }>;
}

function enteredScore(input: Extract<RuleInput, { kind: 'manual' }>, ceiling: number): Hundredths {
  if (!Number.isSafeInteger(input.value) || input.value < 0 || input.value > ceiling) {
    throw new DomainInputError('scorecard.score_out_of_range', { value: input.value, max: ceiling });
  }
  return input.value;
}

function isTriggered(rule: Extract<ScoringRule, { kind: 'deduction' }>, input: RuleInput): boolean | null {
  const given = requireKind(rule, input, ['boolean', 'rate', 'share']);
  if (given.kind === 'boolean') return given.value;
  const rate = exactRateOf(given);
  if (rate === null || rule.triggerBelow === undefined) return null;
  const c = rate.num - BigInt(rule.triggerBelow.basisPoints) * rate.den;
  return c < 0n || (c === 0n && rule.triggerBelow.inclusive);
}

function deducted(max: number, perOccurrence: number, occurrences: number, floor: number): Hundredths {
  const left = BigInt(max) - BigInt(perOccurrence) * BigInt(occurrences);
  return Number(left < BigInt(floor) ? BigInt(floor) : left) as Hundredths;
}

/** The one division of the proportional rule: max × min(rate, threshold) ÷ threshold. */
function proportionalPoints(max: number, rate: ExactRate, threshold: number, rounding: RoundingMode): Hundredths {
  const full = BigInt(threshold) * rate.den;
  const reached = rate.num < full ? rate.num : full;
  return roundHundredths(BigInt(max) * reached, full, rounding);
}

/** The one division of the survey rule: max × share. */
function surveyPoints(max: number, rate: ExactRate, rounding: RoundingMode): Hundredths {
  return roundHundredths(BigInt(max) * rate.num, BigInt(FULL_RATE_BASIS_POINTS) * rate.den, rounding);
}

/**
 * Scores one row from its input. The result lies in [floor or 0, max]; only a bonus may exceed max, up to
 * its cap. A rate or share with denominator 0 returns `null` ("no data"): the row stays unscored.
 *
 * @throws DomainInputError('scorecard.input_kind_mismatch') when the input does not fit the rule,
 *   ('scorecard.score_out_of_range') for an entered score outside [0, max] (bonus: [0, cap]),
 *   ('scorecard.rule_not_evaluable') for `sum`, ('scorecard.max_invalid'),
 *   ('scorecard.rule_inconsistent_with_max') when the rule's parameters do not fit the maximum.
 * @example evaluateRule({ kind: 'timeliness', onTime: 100, late: 50, notDone: 0 } as ScoringRule,
 *   100 as Hundredths, { kind: 'timeliness', value: 'late' }, 'half_up') // 50
 * @example evaluateRule({ kind: 'proportional', threshold: 9500 }, 1000 as Hundredths,
 *   { kind: 'rate', numerator: 93, denominator: 100 }, 'half_up') // 979 (9.79 points)
 */
export function evaluateRule(rule: ScoringRule, maxHundredths: Hundredths, input: RuleInput, rounding: RoundingMode): Hundredths | null {
  const max = maxHundredths;
  if (!Number.isSafeInteger(max) || max < 0) throw new DomainInputError('scorecard.max_invalid', { max });
  if (rule.kind === 'sum') throw new DomainInputError('scorecard.rule_not_evaluable', { rule: rule.kind });
  const errors = checkRuleAgainstMax(rule, max).filter((issue) => issue.severity === 'error');
  if (errors.length > 0) {
    throw new DomainInputError('scorecard.rule_inconsistent_with_max', { issues: errors.map((e) => e.code) });
  }
  switch (rule.kind) {
    case 'manual':
      return enteredScore(requireKind(rule, input, ['manual']), max);
    case 'binary':
      return requireKind(rule, input, ['boolean']).value ? rule.pointsIfTrue : (0 as Hundredths);
    case 'timeliness': {
      const level = requireKind(rule, input, ['timeliness']).value;
      return level === 'on_time' ? rule.onTime : level === 'late' ? rule.late : rule.notDone;
    }
    case 'rate_bands': {
      const rate = exactRateOf(requireKind(rule, input, ['rate', 'share']));
      if (rate === null) return null;
      return rule.bands.find((band) => bandContains(band, rate))?.points ?? (0 as Hundredths);
    }
    case 'proportional': {
      const rate = exactRateOf(requireKind(rule, input, ['rate', 'share']));
      if (rate === null) return null;
      const earned = proportionalPoints(max, rate, rule.threshold, rounding);
      return rule.cap !== undefined && earned > rule.cap ? rule.cap : earned;
    }
    case 'deduction': {
      if (rule.mode === 'per_occurrence') {
        return deducted(max, rule.points, countOf(requireKind(rule, input, ['count'])), rule.floor);
      }
      const triggered = isTriggered(rule, input);
      if (triggered === null) return null;
      return deducted(max, rule.points, triggered ? 1 : 0, rule.floor);
    }
    case 'survey': {
      const rate = exactRateOf(requireKind(rule, input, ['rate', 'share']));
      return rate === null ? null : surveyPoints(max, rate, rounding);
    }
    case 'bonus': {
      const given = requireKind(rule, input, ['manual', 'boolean', 'count']);
      if (given.kind === 'manual') return enteredScore(given, rule.cap);
      const occurrences = given.kind === 'boolean' ? (given.value ? 1 : 0) : countOf(given);
      const earned = BigInt(rule.points ?? 0) * BigInt(occurrences);
      return Number(earned > BigInt(rule.cap) ? BigInt(rule.cap) : earned) as Hundredths;
    }
  }
}
