import { describe, expect, it } from 'vitest';
import type { CriterionView } from '../../api/par-types';
import { buildTree, criteriaTree, nextOrder, subtreeIds, swapTarget } from './par-tree';

const node = (id: string, parentId: string | null, code: string, order: number): CriterionView => ({
  id,
  parentId,
  code,
  title: code,
  level: parentId === null ? 'field' : 'criterion',
  maxHundredths: 100,
  rule: { kind: 'manual' },
  evidenceRequired: false,
  responsibleUnitId: null,
  metric: null,
  notSelfScored: false,
  order,
});

const NODES = [node('c', 'a', '1.2', 2), node('a', null, '1', 1), node('b', 'a', '1.1', 1), node('d', null, '2', 2), node('e', 'c', '1.2.1', 1)];

describe('criteriaTree', () => {
  it('nests rows under their parents in order, leaves without children', () => {
    const tree = criteriaTree(NODES);
    expect(tree.map((n) => n.code)).toEqual(['1', '2']);
    expect(tree[0]!.children!.map((n) => n.code)).toEqual(['1.1', '1.2']);
    expect(tree[0]!.children![1]!.children!.map((n) => n.code)).toEqual(['1.2.1']);
    expect(tree[1]!.children).toBeUndefined();
    expect(tree[0]!.key).toBe('a');
  });

  it('keeps a row whose parent is missing as a root', () => {
    const tree = buildTree(
      [{ id: 'x', parentId: 'gone' }],
      (r) => r.id,
      (r) => r.parentId,
    );
    expect(tree).toEqual([{ id: 'x', parentId: 'gone', key: 'x' }]);
  });

  it('sorts codes as numbers when orders tie', () => {
    const tree = criteriaTree([node('p', null, '7', 1), node('q', 'p', '7.10', 1), node('r', 'p', '7.9', 1)]);
    expect(tree[0]!.children!.map((n) => n.code)).toEqual(['7.9', '7.10']);
  });
});

describe('moving rows', () => {
  it('lists a row and all its descendants', () => expect([...subtreeIds(NODES, 'a')].sort()).toEqual(['a', 'b', 'c', 'e']));

  it('finds the sibling to swap with, or none at the ends', () => {
    expect(swapTarget(NODES, 'c', 'up')?.id).toBe('b');
    expect(swapTarget(NODES, 'b', 'down')?.id).toBe('c');
    expect(swapTarget(NODES, 'b', 'up')).toBeNull();
    expect(swapTarget(NODES, 'd', 'down')).toBeNull();
    expect(swapTarget(NODES, 'missing', 'up')).toBeNull();
  });

  it('places a new row after its last sibling', () => {
    expect(nextOrder(NODES, 'a')).toBe(3);
    expect(nextOrder(NODES, 'e')).toBe(1);
    expect(nextOrder(NODES, null)).toBe(3);
  });
});
