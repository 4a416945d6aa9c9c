import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHundredths, type Hundredths } from '../values';
import type { CriteriaSet, CriterionNode } from './criteria-tree';
import { publishedResult2019SoKhcn, template2019Department } from './par-templates';
import { computeScorecard, pointsAtRisk, type NodeValues } from './scorecard';
import { ScoringRuleSchema } from './scoring-rule-schema';

const h = (n: number) => n as Hundredths;
const row = (
  id: string,
  parentId: string | null,
  code: string,
  max: number,
  rule: unknown = { kind: 'manual' },
  extra: Partial<CriterionNode> = {},
): CriterionNode => ({
  id,
  parentId,
  code,
  title: `Row ${code}`,
  level: parentId === null ? 'field' : 'criterion',
  maxHundredths: h(max),
  rule: ScoringRuleSchema.parse(rule),
  evidenceRequired: true,
  order: 0,
  ...extra,
});
const setOf = (nodes: CriterionNode[], notApplicableMethod: CriteriaSet['notApplicableMethod'] = 'rescale'): CriteriaSet => ({
  year: 2023,
  scope: 'department',
  rounding: 'half_up',
  notApplicableMethod,
  nodes,
});

/**
 * The 2019 published field scores as the final layer; field 7's loss placed on its two deductions,
 * field 1's 0.75 on its manual rest (docs/domain/par-index.md#worked-example-the-2019-scorecard places it on the missing PAR initiative).
 */
const final2019 = (): Map<string, NodeValues> => {
  const values = new Map<string, NodeValues>();
  for (const f of publishedResult2019SoKhcn().fields) if (f.code !== '7' && f.code !== '1') values.set(`field-${f.code}`, { final: parseHundredths(f.score) });
  for (const [id, v] of [
    ['plan-issued', 100],
    ['plan-completion', 200],
    ['reports-on-time', 100],
    ['reports-complete', 100],
    ['rest', 525],
  ] as const) {
    values.set(`field-1-${id}`, { final: h(v) });
  }
  values.set('field-7-online-dossiers', { final: h(0) });
  values.set('field-7-postal', { final: h(0) });
  values.set('field-7-rest', { final: h(650) });
  return values;
};

describe('computeScorecard on the 2019 template', () => {
  const card = computeScorecard(template2019Department(), final2019());
  const line = (code: string) => card.lines.find((l) => l.code === code);

  it('adds the published fields up to 80.18, not the stated 80.08', () => {
    expect(card.total.layers.final.points).toBe(8018);
    expect(card.total.maxHundredths).toBe(10000);
    expect(card.total.layers.final.percentBasisPoints).toBe(8018);
  });

  it.each([
    { code: '1', points: 1025, percent: 9318 },
    { code: '3', points: 998, percent: 9980 },
    { code: '6', points: 850, percent: 9444 },
    { code: '7', points: 650, percent: 6500 },
    { code: '8', points: 2175, percent: 6042 },
  ])('field $code scores $points = $percent bp', ({ code, points, percent }) => {
    expect(line(code)?.layers.final.points).toBe(points);
    expect(line(code)?.layers.final.percentBasisPoints).toBe(percent);
  });

  it('lists rows parents first in natural code order', () =>
    expect(card.lines.map((l) => l.code)).toEqual(['1', '1.1', '1.2', '1.3', '1.4', '1.5', '2', '3', '4', '5', '6', '7', '7.1', '7.2', '7.3', '8']));

  it('leaves layers without values unscored', () => {
    expect(card.total.layers.self).toEqual({ points: null, unscoredCount: 14, percentBasisPoints: null, indexBasisPoints: null });
    expect(line('7')?.layers.self.unscoredCount).toBe(3);
  });
});

describe('not-applicable rows', () => {
  const nodes = [row('a', null, '1', 2000), row('b', null, '2', 8000, { kind: 'sum' }), row('b1', 'b', '2.1', 5000), row('b2', 'b', '2.2', 3000)];
  const values = new Map<string, NodeValues>([
    ['a', { appraised: h(1800) }],
    ['b', { notApplicable: true }],
    ['b1', { appraised: h(4000) }],
  ]);

  it('rescales the index to the applicable maximum', () => {
    const card = computeScorecard(setOf(nodes, 'rescale'), values);
    expect(card.total.applicableMaxHundredths).toBe(2000);
    expect(card.total.layers.appraised).toEqual({ points: 1800, unscoredCount: 0, percentBasisPoints: 1800, indexBasisPoints: 9000 });
  });

  it("keeps the full maximum when the set's method is 'none'", () =>
    expect(computeScorecard(setOf(nodes, 'none'), values).total.layers.appraised.indexBasisPoints).toBe(1800));

  it('marks the whole subtree not applicable and ignores its values', () => {
    const card = computeScorecard(setOf(nodes), values);
    expect(card.lines.filter((l) => l.notApplicable).map((l) => l.code)).toEqual(['2', '2.1', '2.2']);
    expect(card.lines.find((l) => l.code === '2.1')?.layers.appraised.points).toBeNull();
  });

  it('marks a parent not applicable when all its children are', () => {
    const card = computeScorecard(
      setOf(nodes),
      new Map([
        ['b1', { notApplicable: true }],
        ['b2', { notApplicable: true }],
      ]),
    );
    expect(card.lines.find((l) => l.code === '2')).toMatchObject({ notApplicable: true, applicableMaxHundredths: 0 });
  });
});

describe('rows with a rule of their own', () => {
  it("counts a scored parent's own score and shows its children without adding them", () => {
    const nodes = [row('p', null, '1', 200, { kind: 'binary', pointsIfTrue: 200 }), row('c1', 'p', '1.1', 100), row('c2', 'p', '1.2', 100)];
    const card = computeScorecard(
      setOf(nodes),
      new Map([
        ['p', { self: h(200) }],
        ['c1', { self: h(50) }],
      ]),
    );
    expect(card.total.layers.self.points).toBe(200);
    expect(card.lines.map((l) => [l.code, l.countsTowardTotal])).toEqual([
      ['1', true],
      ['1.1', false],
      ['1.2', false],
    ]);
  });

  it('accepts a bonus above its maximum up to its cap', () => {
    const nodes = [row('a', null, '1', 1000), row('bonus', null, '9', 0, { kind: 'bonus', cap: 200 })];
    const card = computeScorecard(
      setOf(nodes),
      new Map([
        ['a', { final: h(1000) }],
        ['bonus', { final: h(150) }],
      ]),
    );
    expect(card.total.layers.final).toMatchObject({ points: 1150, percentBasisPoints: 11500 });
  });
});

describe('computeScorecard rejects', () => {
  const nodes = [row('f', null, '1', 1000, { kind: 'sum' }), row('c', 'f', '1.1', 1000)];
  it.each<{ why: string; id: string; values: NodeValues; code: string }>([
    { why: 'a value for an unknown row', id: 'x', values: { self: h(1) }, code: 'scorecard.unknown_node' },
    { why: 'a value on a summing row', id: 'f', values: { self: h(1) }, code: 'scorecard.value_on_sum_row' },
    { why: 'a score above the maximum', id: 'c', values: { appraised: h(1001) }, code: 'scorecard.score_out_of_range' },
    { why: 'a negative score', id: 'c', values: { final: h(-1) }, code: 'scorecard.score_out_of_range' },
    { why: 'a fractional score', id: 'c', values: { projected: h(0.5) }, code: 'scorecard.score_out_of_range' },
  ])('$why', ({ id, values, code }) => expect(() => computeScorecard(setOf(nodes), new Map([[id, values]]))).toThrow(expect.objectContaining({ code })));
});

describe('pointsAtRisk', () => {
  it('lists scored rows by points at risk, unknown projections last, ties in code order', () => {
    const nodes = [
      row('a', null, '1', 1000, { kind: 'sum' }),
      row('a10', 'a', '1.10', 500, { kind: 'manual' }, { responsibleUnitId: 'office', metric: 'tasks.plan_completion_rate' }),
      row('a9', 'a', '1.9', 500),
      row('b', null, '2', 3000),
      row('c', null, '3', 800),
      row('d', null, '4', 200),
    ];
    const values = new Map<string, NodeValues>([
      ['a10', { projected: h(300) }],
      ['a9', { projected: h(300) }],
      ['b', { projected: h(2000) }],
      ['d', { notApplicable: true }],
    ]);
    const risk = pointsAtRisk(computeScorecard(setOf(nodes), values));
    expect(risk.map((r) => [r.code, r.atRiskHundredths])).toEqual([
      ['2', 1000],
      ['1.9', 200],
      ['1.10', 200],
      ['3', null],
    ]);
    expect(risk[2]).toMatchObject({
      title: 'Row 1.10',
      responsibleUnitId: 'office',
      metric: 'tasks.plan_completion_rate',
      maxHundredths: 500,
      pointsHundredths: 300,
    });
  });

  it('puts the survey first among the 2019 final losses', () =>
    expect(pointsAtRisk(computeScorecard(template2019Department(), final2019()), 'final')[0]).toMatchObject({ code: '8', atRiskHundredths: 1425 }));
});

// Random trees whose parents sum their children, with manual leaves and random values.
const treeArb = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2000 }), fc.option(fc.nat(), { nil: undefined }), fc.boolean()), { minLength: 1, maxLength: 30 })
  .map((specs) => {
    const parents = specs.map(([p], i) => (i === 0 ? null : p % (i + 1) === i ? null : p % i));
    const isParent = specs.map((_, i) => parents.includes(i));
    const nodes: CriterionNode[] = specs.map(([, max], i) =>
      row(`n${i}`, parents[i] === null ? null : `n${parents[i]}`, `c${i}`, isParent[i] ? 0 : max, isParent[i] ? { kind: 'sum' } : { kind: 'manual' }),
    );
    // A parent's maximum is the sum of its leaves' maxima; fill bottom-up (children have higher indexes).
    for (let i = nodes.length - 1; i >= 0; i--) {
      const p = parents[i];
      const n = nodes[i];
      if (p !== null && p !== undefined && n !== undefined) {
        const parent = nodes[p] as CriterionNode;
        nodes[p] = { ...parent, maxHundredths: h(parent.maxHundredths + n.maxHundredths) };
      }
    }
    const values = new Map<string, NodeValues>();
    specs.forEach(([, , score, na], i) => {
      const n = nodes[i] as CriterionNode;
      if (isParent[i]) return;
      values.set(n.id, { final: score === undefined ? null : h(score % (n.maxHundredths + 1)), notApplicable: na && i % 3 === 0 });
    });
    return { nodes, values };
  });

describe('properties', () => {
  it('the total equals the sum of the applicable leaf scores and the applicable maximum the sum of their maxima', () =>
    fc.assert(
      fc.property(treeArb, ({ nodes, values }) => {
        const card = computeScorecard(setOf(nodes), values);
        const leaves = card.lines.filter((l) => l.isScored && !l.notApplicable);
        const scored = leaves.map((l) => l.layers.final.points).filter((p): p is Hundredths => p !== null);
        expect(card.total.layers.final.points).toBe(scored.length === 0 ? null : scored.reduce((s, p) => s + p, 0));
        expect(card.total.applicableMaxHundredths).toBe(leaves.reduce((s, l) => s + l.maxHundredths, 0));
        expect(card.total.layers.final.unscoredCount).toBe(leaves.length - scored.length);
        for (const l of card.lines) expect(l.layers.final.points ?? 0).toBeLessThanOrEqual(l.maxHundredths);
      }),
    ));
});
