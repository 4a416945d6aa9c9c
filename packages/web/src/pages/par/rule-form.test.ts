import { describe, expect, it } from 'vitest';
import type { ParRule } from '../../api/par-types';
import { ruleToValues, valuesToRule } from './rule-form';

const RULES: ParRule[] = [
  { kind: 'manual' },
  { kind: 'binary', pointsIfTrue: 100 },
  { kind: 'timeliness', onTime: 100, late: 50, notDone: 0 },
  {
    kind: 'rate_bands',
    bands: [
      { min: 9000, minInclusive: false, maxInclusive: true, points: 200 },
      { min: 7000, minInclusive: true, max: 9000, maxInclusive: true, points: 100 },
    ],
  },
  { kind: 'proportional', threshold: 9500, cap: 150 },
  { kind: 'deduction', mode: 'condition', points: 300, floor: 0, triggerBelow: { basisPoints: 0, inclusive: true } },
  { kind: 'deduction', mode: 'per_occurrence', points: 1, floor: 0 },
  { kind: 'survey' },
  { kind: 'bonus', cap: 200, points: 50 },
  { kind: 'sum' },
];

describe('rule form', () => {
  it.each(RULES.map((r) => [r.kind, r] as const))('round-trips a %s rule', (_kind, rule) => {
    expect(valuesToRule(ruleToValues(rule))).toEqual({ rule, problems: [] });
  });

  it('reads decimal commas into hundredths and percents into basis points', () => {
    expect(valuesToRule({ kind: 'proportional', threshold: '95', cap: '' })).toEqual({ rule: { kind: 'proportional', threshold: 9500 }, problems: [] });
    expect(valuesToRule({ kind: 'binary', pointsIfTrue: '1,5' }).rule).toEqual({ kind: 'binary', pointsIfTrue: 150 });
  });

  it('lists every missing or malformed parameter', () => {
    const r = valuesToRule({ kind: 'timeliness', onTime: '', late: 'x', notDone: '0' });
    expect(r.problems).toEqual([
      { name: ['rule', 'onTime'], code: 'required' },
      { name: ['rule', 'late'], code: 'number' },
    ]);
    expect(valuesToRule({ kind: 'proportional', threshold: '120' }).problems).toEqual([{ name: ['rule', 'threshold'], code: 'percent' }]);
  });

  it('leaves cross-parameter checks to the domain schema: overlapping bands are refused', () => {
    const r = valuesToRule({
      kind: 'rate_bands',
      bands: [
        { min: '50', minInclusive: true, points: '1' },
        { min: '60', minInclusive: true, points: '2' },
      ],
    });
    expect(r.rule).toBeNull();
    expect(r.problems[0]).toMatchObject({ code: 'invalid' });
  });

  it('drops a trigger from a per-occurrence deduction', () => {
    expect(valuesToRule({ kind: 'deduction', mode: 'per_occurrence', points: '0,25', floor: '0', triggerBelow: '50' }).rule).toEqual({
      kind: 'deduction',
      mode: 'per_occurrence',
      points: 25,
      floor: 0,
    });
  });
});
