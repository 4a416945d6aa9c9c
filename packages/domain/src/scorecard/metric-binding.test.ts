import { describe, expect, it } from 'vitest';
import type { Hundredths, LocalDate } from '../values';
import type { CriteriaSet, CriterionNode } from './criteria-tree';
import { metricsByKey, projectScores, recoveryHint } from './metric-binding';
import type { RuleInput } from './rule-input';
import { ScoringRuleSchema } from './scoring-rule-schema';

const h = (n: number) => n as Hundredths;
const rule = (raw: unknown) => ScoringRuleSchema.parse(raw);
const row = (id: string, parentId: string | null, max: number, raw: unknown, metric: string | null = null): CriterionNode => ({
  id,
  parentId,
  code: id,
  title: id,
  level: parentId === null ? 'field' : 'criterion',
  maxHundredths: h(max),
  rule: rule(raw),
  evidenceRequired: true,
  metric,
  order: 0,
});
const set: CriteriaSet = {
  year: 2024,
  scope: 'department',
  rounding: 'half_up',
  notApplicableMethod: 'rescale',
  nodes: [
    row('3', null, 1000, { kind: 'sum' }),
    row('3.1', '3', 500, { kind: 'proportional', threshold: 10000 }, 'dossiers.on_time_rate'),
    row('3.2', '3', 200, { kind: 'deduction', mode: 'per_occurrence', points: 10 }, 'dossiers.late_count'),
    row('3.3', '3', 300, { kind: 'manual' }),
  ],
};

describe('projectScores', () => {
  it.each<{ why: string; metrics: [string, RuleInput][]; fallback: [string, number][]; expected: [string, number | null][] }>([
    {
      why: 'evaluates bound rows from their metrics and unbound rows from the fallback',
      metrics: [
        ['dossiers.on_time_rate', { kind: 'rate', numerator: 998, denominator: 1000 }],
        ['dossiers.late_count', { kind: 'count', value: 2 }],
      ],
      fallback: [['3.3', 250]],
      expected: [
        ['3.1', 499],
        ['3.2', 180],
        ['3.3', 250],
      ],
    },
    {
      why: 'falls back when a metric is missing or has no data, else leaves the row null',
      metrics: [['dossiers.on_time_rate', { kind: 'rate', numerator: 0, denominator: 0 }]],
      fallback: [['3.1', 400]],
      expected: [
        ['3.1', 400],
        ['3.2', null],
        ['3.3', null],
      ],
    },
    {
      why: 'prefers the metric to the fallback',
      metrics: [['dossiers.late_count', { kind: 'count', value: 0 }]],
      fallback: [['3.2', 100]],
      expected: [
        ['3.1', null],
        ['3.2', 200],
        ['3.3', null],
      ],
    },
  ])('$why', ({ metrics, fallback, expected }) =>
    expect([...projectScores(set, new Map(metrics), new Map(fallback.map(([id, v]) => [id, h(v)])))]).toEqual(expected),
  );

  it('names the row whose metric does not fit its rule', () =>
    expect(() => projectScores(set, new Map([['dossiers.late_count', { kind: 'share', basisPoints: 10 }]]), new Map())).toThrow(
      expect.objectContaining({
        code: 'scorecard.projection_failed',
        detail: expect.objectContaining({ nodeCode: '3.2', code: 'scorecard.input_kind_mismatch' }),
      }),
    ));
});

describe('metricsByKey', () => {
  const day = (s: string) => s as LocalDate;
  it('keeps the latest value of each key', () =>
    expect(
      metricsByKey([
        { key: 'k', value: { kind: 'count', value: 1 }, asOf: day('2024-03-31') },
        { key: 'k', value: { kind: 'count', value: 3 }, asOf: day('2024-09-30') },
        { key: 'k', value: { kind: 'count', value: 2 }, asOf: day('2024-06-30') },
        { key: 'k', value: { kind: 'count', value: 0 } },
      ]).get('k'),
    ).toEqual({ kind: 'count', value: 3 }));

  it('rejects two values of one key on the same day', () =>
    expect(() =>
      metricsByKey([
        { key: 'k', value: { kind: 'count', value: 1 }, asOf: day('2024-03-31') },
        { key: 'k', value: { kind: 'count', value: 2 }, asOf: day('2024-03-31') },
      ]),
    ).toThrow(expect.objectContaining({ code: 'metric.duplicate' })));
});

describe('recoveryHint', () => {
  const caMau114 = rule({
    kind: 'rate_bands',
    bands: [
      { min: 9000, minInclusive: false, maxInclusive: true, points: 200 },
      { min: 7000, minInclusive: true, max: 9000, maxInclusive: true, points: 100 },
      { minInclusive: true, max: 7000, maxInclusive: false, points: 0 },
    ],
  });
  it.each<{ why: string; raw: unknown; max: number; input: RuleInput | null; hint: unknown }>([
    {
      why: 'manual: reach the maximum',
      raw: { kind: 'manual' },
      max: 300,
      input: { kind: 'manual', value: h(200) },
      hint: { kind: 'score_at_least', targetHundredths: 300 },
    },
    {
      why: 'binary: make it true',
      raw: { kind: 'binary', pointsIfTrue: 100 },
      max: 100,
      input: { kind: 'boolean', value: false },
      hint: { kind: 'make_true' },
    },
    {
      why: 'timeliness: on time',
      raw: { kind: 'timeliness', onTime: 100, late: 50, notDone: 0 },
      max: 100,
      input: { kind: 'timeliness', value: 'late' },
      hint: { kind: 'timeliness', target: 'on_time' },
    },
    {
      why: 'bands at 65 %: the next band from 70 %',
      raw: caMau114,
      max: 200,
      input: { kind: 'share', basisPoints: 6500 },
      hint: { kind: 'rate_at_least', basisPoints: 7000, inclusive: true, pointsHundredths: 100 },
    },
    {
      why: 'bands at 80 %: above 90 %',
      raw: caMau114,
      max: 200,
      input: { kind: 'share', basisPoints: 8000 },
      hint: { kind: 'rate_at_least', basisPoints: 9000, inclusive: false, pointsHundredths: 200 },
    },
    {
      why: 'bands with no data: the best band',
      raw: caMau114,
      max: 200,
      input: null,
      hint: { kind: 'rate_at_least', basisPoints: 9000, inclusive: false, pointsHundredths: 200 },
    },
    {
      why: 'proportional: the threshold',
      raw: { kind: 'proportional', threshold: 9500 },
      max: 1000,
      input: { kind: 'share', basisPoints: 9000 },
      hint: { kind: 'rate_at_least', basisPoints: 9500, inclusive: true, pointsHundredths: 1000 },
    },
    {
      why: 'condition deduction: condition false',
      raw: { kind: 'deduction', mode: 'condition', points: 50 },
      max: 50,
      input: { kind: 'boolean', value: true },
      hint: { kind: 'make_false' },
    },
    {
      why: 'per-occurrence deduction: no occurrence',
      raw: { kind: 'deduction', mode: 'per_occurrence', points: 10 },
      max: 200,
      input: { kind: 'count', value: 2 },
      hint: { kind: 'count_at_most', value: 0, pointsHundredths: 200 },
    },
    {
      why: 'survey: full satisfaction',
      raw: { kind: 'survey' },
      max: 3600,
      input: { kind: 'share', basisPoints: 6042 },
      hint: { kind: 'rate_at_least', basisPoints: 10000, inclusive: true, pointsHundredths: 3600 },
    },
  ])('$why', ({ raw, max, input, hint }) => expect(recoveryHint(rule(raw), h(max), input)).toEqual(hint));

  it.each<{ why: string; raw: unknown; max: number; input: RuleInput }>([
    { why: 'a full manual score', raw: { kind: 'manual' }, max: 300, input: { kind: 'manual', value: h(300) } },
    { why: 'a proportional row at its cap', raw: { kind: 'proportional', threshold: 9500, cap: 800 }, max: 1000, input: { kind: 'share', basisPoints: 9000 } },
    { why: 'the top band', raw: caMau114, max: 200, input: { kind: 'share', basisPoints: 9500 } },
    { why: 'a bonus', raw: { kind: 'bonus', cap: 200 }, max: 0, input: { kind: 'manual', value: h(0) } },
  ])('has nothing to recover for $why', ({ raw, max, input }) => expect(recoveryHint(rule(raw), h(max), input)).toBeNull());

  it('refuses a sum row', () =>
    expect(() => recoveryHint(rule({ kind: 'sum' }), h(100), null)).toThrow(expect.objectContaining({ code: 'scorecard.rule_not_evaluable' })));
});
