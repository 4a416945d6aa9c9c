import { describe, expect, it } from 'vitest';
import { inputKindOfMetric, METRIC_VALUE_KINDS, metricFitsRule } from './metric-kinds';
import { ScoringRuleSchema } from './scoring-rule-schema';

const rule = (r: unknown) => ScoringRuleSchema.parse(r);
const bands = rule({ kind: 'rate_bands', bands: [{ min: 9000, minInclusive: false, maxInclusive: true, points: 200 }] });

describe('metricFitsRule', () => {
  it.each([
    { kind: 'rate', rule: bands, fits: true },
    { kind: 'share', rule: bands, fits: true },
    { kind: 'count', rule: bands, fits: false },
    { kind: 'flag', rule: bands, fits: false },
    { kind: 'flag', rule: rule({ kind: 'binary', pointsIfTrue: 100 }), fits: true },
    { kind: 'rate', rule: rule({ kind: 'binary', pointsIfTrue: 100 }), fits: false },
    { kind: 'timeliness', rule: rule({ kind: 'timeliness', onTime: 100, late: 50, notDone: 0 }), fits: true },
    { kind: 'count', rule: rule({ kind: 'deduction', mode: 'per_occurrence', points: 10 }), fits: true },
    { kind: 'rate', rule: rule({ kind: 'deduction', mode: 'condition', points: 50, triggerBelow: { basisPoints: 5000, inclusive: false } }), fits: true },
    { kind: 'rate', rule: rule({ kind: 'deduction', mode: 'condition', points: 50 }), fits: false },
    { kind: 'date', rule: rule({ kind: 'manual' }), fits: false },
    { kind: 'rate', rule: rule({ kind: 'manual' }), fits: false },
    { kind: 'rate', rule: rule({ kind: 'sum' }), fits: false },
  ] as const)('a $kind metric on a $rule.kind rule fits: $fits', ({ kind, rule: r, fits }) => expect(metricFitsRule(kind, r)).toBe(fits));

  it('maps every value kind but the date to a rule input', () =>
    expect(METRIC_VALUE_KINDS.map((k) => [k, inputKindOfMetric(k)])).toEqual([
      ['rate', 'rate'],
      ['share', 'share'],
      ['count', 'count'],
      ['flag', 'boolean'],
      ['timeliness', 'timeliness'],
      ['date', null],
    ]));

  it('never fits a sum row, whatever the kind', () => {
    for (const k of METRIC_VALUE_KINDS) expect(metricFitsRule(k, { kind: 'sum' })).toBe(false);
  });
});
