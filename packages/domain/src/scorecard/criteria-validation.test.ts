import { describe, expect, it } from 'vitest';
import type { Hundredths } from '../values';
import type { CriteriaSet, CriterionNode } from './criteria-tree';
import { validateCriteriaSet } from './criteria-validation';
import { ScoringRuleSchema } from './scoring-rule-schema';

const row = (
  id: string,
  parentId: string | null,
  code: string,
  level: CriterionNode['level'],
  max: number,
  rule: unknown,
  extra: Partial<CriterionNode> = {},
): CriterionNode => ({
  id,
  parentId,
  code,
  title: `Row ${code}`,
  level,
  maxHundredths: max as Hundredths,
  rule: ScoringRuleSchema.parse(rule),
  evidenceRequired: true,
  order: 0,
  ...extra,
});

// Cà Mau QĐ 1880/2013 field 1 as far as docs/domain/plans-and-reports.md#how-criteria-score-plans-and-reports lists it (1.3's details are not available: manual).
const caMauField1 = (): CriterionNode[] => [
  row('f1', null, '1', 'field', 1000, { kind: 'sum' }),
  row('c11', 'f1', '1.1', 'criterion', 500, { kind: 'sum' }),
  row('s111', 'c11', '1.1.1', 'sub_criterion', 100, { kind: 'timeliness', onTime: 100, late: 50, notDone: 0 }),
  row('s112', 'c11', '1.1.2', 'sub_criterion', 100, { kind: 'binary', pointsIfTrue: 100 }),
  row('s113', 'c11', '1.1.3', 'sub_criterion', 100, { kind: 'binary', pointsIfTrue: 100 }),
  row('s114', 'c11', '1.1.4', 'sub_criterion', 200, {
    kind: 'rate_bands',
    bands: [
      { min: 9000, minInclusive: false, maxInclusive: true, points: 200 },
      { min: 7000, minInclusive: true, max: 9000, maxInclusive: true, points: 100 },
      { minInclusive: true, max: 7000, maxInclusive: false, points: 0 },
    ],
  }),
  row('c12', 'f1', '1.2', 'criterion', 200, { kind: 'sum' }),
  row('s121', 'c12', '1.2.1', 'sub_criterion', 100, { kind: 'binary', pointsIfTrue: 100 }),
  row('s122', 'c12', '1.2.2', 'sub_criterion', 100, { kind: 'binary', pointsIfTrue: 100 }),
  row('c13', 'f1', '1.3', 'criterion', 300, { kind: 'manual' }),
];
const setOf = (nodes: CriterionNode[]): CriteriaSet => ({ year: 2013, scope: 'department', rounding: 'half_up', notApplicableMethod: 'rescale', nodes });
const replace = (id: string, patch: Partial<CriterionNode>) => caMauField1().map((n) => (n.id === id ? { ...n, ...patch } : n));
const parse = (rule: unknown) => ScoringRuleSchema.parse(rule);

describe('validateCriteriaSet', () => {
  it('finds nothing wrong with the Cà Mau field 1 rows', () => expect(validateCriteriaSet(setOf(caMauField1()))).toEqual([]));

  it.each([
    { why: 'duplicate codes', nodes: replace('s112', { code: '1.1.1' }), code: 'criteria.duplicate_code', at: '1.1.1', severity: 'error' },
    { why: 'an unknown parent', nodes: replace('c13', { parentId: 'nope' }), code: 'criteria.unknown_parent', at: '1.3', severity: 'error' },
    { why: 'a cycle', nodes: replace('f1', { parentId: 'c13' }), code: 'criteria.cycle', at: '1', severity: 'error' },
    { why: 'a negative maximum', nodes: replace('c13', { maxHundredths: -300 as Hundredths }), code: 'criteria.negative_max', at: '1.3', severity: 'error' },
    {
      why: "children's maxima not adding up",
      nodes: replace('s113', { maxHundredths: 150 as Hundredths, rule: parse({ kind: 'manual' }) }),
      code: 'criteria.max_mismatch',
      at: '1.1',
      severity: 'error',
    },
    { why: 'a leaf summing nothing', nodes: replace('c13', { rule: parse({ kind: 'sum' }) }), code: 'criteria.leaf_sum_rule', at: '1.3', severity: 'error' },
    {
      why: 'binary points above the maximum',
      nodes: replace('s112', { rule: parse({ kind: 'binary', pointsIfTrue: 150 }) }),
      code: 'criteria.rule_points_exceed_max',
      at: '1.1.2',
      severity: 'error',
    },
    {
      why: 'a band paying more than the maximum',
      nodes: replace('s114', { rule: parse({ kind: 'rate_bands', bands: [{ minInclusive: true, maxInclusive: true, points: 250 }] }) }),
      code: 'criteria.rule_points_exceed_max',
      at: '1.1.4',
      severity: 'error',
    },
    {
      why: 'a cap above the maximum',
      nodes: replace('c13', { rule: parse({ kind: 'proportional', threshold: 9500, cap: 400 }) }),
      code: 'criteria.rule_points_exceed_max',
      at: '1.3',
      severity: 'error',
    },
    {
      why: 'a floor above the maximum',
      nodes: replace('c13', { rule: parse({ kind: 'deduction', mode: 'condition', points: 100, floor: 400 }) }),
      code: 'criteria.floor_exceeds_max',
      at: '1.3',
      severity: 'error',
    },
    {
      why: 'bands leaving a gap',
      nodes: replace('s114', { rule: parse({ kind: 'rate_bands', bands: [{ min: 9000, minInclusive: false, maxInclusive: true, points: 200 }] }) }),
      code: 'criteria.bands_gap',
      at: '1.1.4',
      severity: 'warning',
    },
    {
      why: 'bands that never pay the maximum',
      nodes: replace('s114', { rule: parse({ kind: 'rate_bands', bands: [{ minInclusive: true, maxInclusive: true, points: 100 }] }) }),
      code: 'criteria.max_unreachable',
      at: '1.1.4',
      severity: 'warning',
    },
    {
      why: 'timeliness levels out of order',
      nodes: replace('s111', { rule: parse({ kind: 'timeliness', onTime: 50, late: 100, notDone: 0 }) }),
      code: 'criteria.timeliness_not_monotone',
      at: '1.1.1',
      severity: 'warning',
    },
    {
      why: 'a survey row open to self-scoring',
      nodes: replace('c13', { rule: parse({ kind: 'survey' }) }),
      code: 'criteria.survey_self_scored',
      at: '1.3',
      severity: 'warning',
    },
    { why: 'a root that is not a field', nodes: replace('f1', { level: 'criterion' }), code: 'criteria.root_not_field', at: '1', severity: 'warning' },
    {
      why: 'a child no deeper than its parent',
      nodes: replace('s121', { level: 'criterion' }),
      code: 'criteria.level_order',
      at: '1.2.1',
      severity: 'warning',
    },
    { why: "a code outside its parent's", nodes: replace('s121', { code: '2.2.1' }), code: 'criteria.code_not_under_parent', at: '2.2.1', severity: 'warning' },
  ])('reports $why as $code on $at', ({ nodes, code, at, severity }) =>
    expect(validateCriteriaSet(setOf(nodes))).toContainEqual(expect.objectContaining({ code, nodeCode: at, severity })),
  );

  it('lets a parent carry its own rule instead of summing', () =>
    expect(validateCriteriaSet(setOf(replace('c12', { rule: parse({ kind: 'binary', pointsIfTrue: 200 }) })))).toEqual([]));
});
