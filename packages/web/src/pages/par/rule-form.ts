// The scoring rule as form text and back. Points and percents are typed with a decimal comma and become
// integer hundredths / basis points; the result is checked by the domain's own schema, so the form and
// the server agree on what a valid rule is.
import { ScoringRuleSchema } from '@cchc/domain';
import type { ParRule, ParRuleKind } from '../../api/par-types';
import { parseScoreText, toScoreText } from './par-format';

export const RULE_KINDS: readonly ParRuleKind[] = ['manual', 'binary', 'timeliness', 'rate_bands', 'proportional', 'deduction', 'survey', 'bonus', 'sum'];

export interface BandValues {
  min?: string;
  minInclusive?: boolean;
  max?: string;
  maxInclusive?: boolean;
  points?: string;
}

/** Every parameter of every rule kind as text; only those of `kind` are read. */
export interface RuleValues {
  kind: ParRuleKind;
  pointsIfTrue?: string;
  onTime?: string;
  late?: string;
  notDone?: string;
  bands?: BandValues[];
  threshold?: string;
  cap?: string;
  mode?: 'condition' | 'per_occurrence';
  points?: string;
  floor?: string;
  triggerBelow?: string;
  triggerInclusive?: boolean;
}

/** A problem with one parameter: the form field name and an i18n key under `par.rule.error`. */
export interface RuleProblem {
  name: (string | number)[];
  code: 'required' | 'number' | 'percent' | 'invalid';
}

export function ruleToValues(rule: ParRule): RuleValues {
  switch (rule.kind) {
    case 'binary':
      return { kind: rule.kind, pointsIfTrue: toScoreText(rule.pointsIfTrue) };
    case 'timeliness':
      return { kind: rule.kind, onTime: toScoreText(rule.onTime), late: toScoreText(rule.late), notDone: toScoreText(rule.notDone) };
    case 'rate_bands':
      return {
        kind: rule.kind,
        bands: rule.bands.map((b) => ({
          min: toScoreText(b.min),
          minInclusive: b.minInclusive,
          max: toScoreText(b.max),
          maxInclusive: b.maxInclusive,
          points: toScoreText(b.points),
        })),
      };
    case 'proportional':
      return { kind: rule.kind, threshold: toScoreText(rule.threshold), cap: toScoreText(rule.cap) };
    case 'deduction':
      return {
        kind: rule.kind,
        mode: rule.mode,
        points: toScoreText(rule.points),
        floor: toScoreText(rule.floor ?? 0),
        triggerBelow: toScoreText(rule.triggerBelow?.basisPoints),
        triggerInclusive: rule.triggerBelow?.inclusive ?? false,
      };
    case 'bonus':
      return { kind: rule.kind, cap: toScoreText(rule.cap), points: toScoreText(rule.points) };
    default:
      return { kind: rule.kind };
  }
}

/**
 * Reads the form back into a rule, or lists every parameter that is missing or malformed.
 * @example valuesToRule({ kind: 'binary', pointsIfTrue: '1,5' }) // { rule: { kind: 'binary', pointsIfTrue: 150 } }
 */
export function valuesToRule(v: RuleValues): { rule: ParRule; problems: [] } | { rule: null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const need = (name: (string | number)[], text: string | undefined, percent = false): number => {
    if (!text?.trim()) {
      problems.push({ name, code: 'required' });
      return 0;
    }
    return optional(name, text, percent) ?? 0;
  };
  const optional = (name: (string | number)[], text: string | undefined, percent = false): number | undefined => {
    if (!text?.trim()) return undefined;
    const value = parseScoreText(text);
    if (value === null || (percent && value > 10_000)) {
      problems.push({ name, code: percent ? 'percent' : 'number' });
      return undefined;
    }
    return value;
  };
  let rule: ParRule;
  switch (v.kind) {
    case 'binary':
      rule = { kind: 'binary', pointsIfTrue: need(['rule', 'pointsIfTrue'], v.pointsIfTrue) };
      break;
    case 'timeliness':
      rule = {
        kind: 'timeliness',
        onTime: need(['rule', 'onTime'], v.onTime),
        late: need(['rule', 'late'], v.late),
        notDone: need(['rule', 'notDone'], v.notDone),
      };
      break;
    case 'rate_bands':
      if ((v.bands ?? []).length === 0) problems.push({ name: ['rule', 'bands'], code: 'required' });
      rule = {
        kind: 'rate_bands',
        bands: (v.bands ?? []).map((b, i) => {
          const min = optional(['rule', 'bands', i, 'min'], b.min, true);
          const max = optional(['rule', 'bands', i, 'max'], b.max, true);
          return {
            ...(min === undefined ? {} : { min }),
            minInclusive: b.minInclusive ?? true,
            ...(max === undefined ? {} : { max }),
            maxInclusive: b.maxInclusive ?? false,
            points: need(['rule', 'bands', i, 'points'], b.points),
          };
        }),
      };
      break;
    case 'proportional': {
      const cap = optional(['rule', 'cap'], v.cap);
      rule = { kind: 'proportional', threshold: need(['rule', 'threshold'], v.threshold, true), ...(cap === undefined ? {} : { cap }) };
      break;
    }
    case 'deduction': {
      const trigger = v.mode === 'condition' ? optional(['rule', 'triggerBelow'], v.triggerBelow, true) : undefined;
      rule = {
        kind: 'deduction',
        mode: v.mode ?? 'condition',
        points: need(['rule', 'points'], v.points),
        floor: optional(['rule', 'floor'], v.floor) ?? 0,
        ...(trigger === undefined ? {} : { triggerBelow: { basisPoints: trigger, inclusive: v.triggerInclusive ?? false } }),
      };
      break;
    }
    case 'bonus': {
      const points = optional(['rule', 'points'], v.points);
      rule = { kind: 'bonus', cap: need(['rule', 'cap'], v.cap), ...(points === undefined ? {} : { points }) };
      break;
    }
    default:
      rule = { kind: v.kind };
  }
  if (problems.length > 0) return { rule: null, problems };
  // Cross-parameter checks (empty or overlapping bands, a positive deduction) are the domain's.
  const checked = ScoringRuleSchema.safeParse(rule);
  if (!checked.success) {
    return {
      rule: null,
      problems: checked.error.issues.map((i) => ({
        name: ['rule', ...i.path.filter((p): p is string | number => typeof p !== 'symbol')],
        code: 'invalid' as const,
      })),
    };
  }
  return { rule, problems: [] };
}
