import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hundredths } from '../values';
import { buildCriteriaTree, compareCodes, CriteriaSetSchema, flattenTree, structuralIssues, type CriterionNode } from './criteria-tree';
import { template2019Department } from './par-templates';

const node = (id: string, parentId: string | null, code: string, extra: Partial<CriterionNode> = {}): CriterionNode => ({
  id,
  parentId,
  code,
  title: `Row ${code}`,
  level: parentId === null ? 'field' : 'criterion',
  maxHundredths: 100 as Hundredths,
  rule: { kind: 'manual' },
  evidenceRequired: true,
  order: 0,
  ...extra,
});

describe('compareCodes', () => {
  it.each([
    { a: '1.9', b: '1.10', expected: -1 },
    { a: '1.10', b: '1.9', expected: 1 },
    { a: '1', b: '1.1', expected: -1 },
    { a: '2', b: '10', expected: -1 },
    { a: '7.2.1', b: '7.2.1', expected: 0 },
    { a: '7.a', b: '7.b', expected: -1 },
  ])('orders $a against $b as $expected', ({ a, b, expected }) => expect(Math.sign(compareCodes(a, b))).toBe(expected));

  it('sorts codes naturally', () =>
    expect(['1.10', '1.9', '10', '1', '2', '1.1.10', '1.1.2', '1.1'].sort(compareCodes)).toEqual(['1', '1.1', '1.1.2', '1.1.10', '1.9', '1.10', '2', '10']));

  it('is antisymmetric', () =>
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), (x, y) => {
        const [a, b] = [x.join('.'), y.join('.')];
        expect(Math.sign(compareCodes(a, b))).toBe(-Math.sign(compareCodes(b, a)) || 0);
      }),
    ));
});

describe('buildCriteriaTree', () => {
  it('places children under parents in order, then natural code', () => {
    const tree = buildCriteriaTree([
      node('b', null, '2', { order: 2 }),
      node('a10', 'a', '1.10', { order: 1 }),
      node('a', null, '1', { order: 1 }),
      node('a9', 'a', '1.9', { order: 1 }),
      node('a1', 'a', '1.1', { order: 0 }),
    ]);
    expect(flattenTree(tree).map((t) => [t.node.code, t.depth])).toEqual([
      ['1', 0],
      ['1.1', 1],
      ['1.9', 1],
      ['1.10', 1],
      ['2', 0],
    ]);
    expect(tree.byId.get('a9')?.node.code).toBe('1.9');
  });

  it('refuses a list with structural problems', () =>
    expect(() => buildCriteriaTree([node('a', 'missing', '1')])).toThrow(expect.objectContaining({ code: 'criteria.invalid' })));

  it('accepts the 2019 template through the set schema', () => expect(CriteriaSetSchema.parse(template2019Department())).toEqual(template2019Department()));
});

describe('structuralIssues', () => {
  it.each([
    { why: 'a duplicate id', nodes: [node('a', null, '1'), node('a', null, '2')], expected: [['criteria.duplicate_id', '2']] },
    { why: 'a duplicate code', nodes: [node('a', null, '1'), node('b', null, '1')], expected: [['criteria.duplicate_code', '1']] },
    { why: 'an unknown parent', nodes: [node('a', null, '1'), node('b', 'zz', '1.1')], expected: [['criteria.unknown_parent', '1.1']] },
    { why: 'a row that is its own parent', nodes: [node('a', 'a', '1')], expected: [['criteria.cycle', '1']] },
    {
      why: 'a loop of two rows',
      nodes: [node('r', null, '9'), node('a', 'b', '1'), node('b', 'a', '2'), node('c', 'a', '1.1')],
      expected: [
        ['criteria.cycle', '1'],
        ['criteria.cycle', '2'],
      ],
    },
    { why: 'nothing wrong', nodes: [node('a', null, '1'), node('b', 'a', '1.1')], expected: [] },
  ])('reports $why', ({ nodes, expected }) => expect(structuralIssues(nodes).map((i) => [i.code, i.nodeCode])).toEqual(expected));
});
