// Trees of the PAR pages: criteria rows and scorecard lines arrive flat with `parentId`.
import type { CriterionView } from '../../api/par-types';

/** A row with its children; leaves have no `children`, so tree tables draw no expander. */
export type TreeRow<T> = T & { key: string; children?: TreeRow<T>[] };

/**
 * Builds a tree from flat rows. A row whose parent is missing becomes a root, so a broken set still
 * shows every row. Siblings keep the order of `compare` (input order when omitted).
 * @example buildTree([{ id: 'a', parentId: null }, { id: 'b', parentId: 'a' }], (r) => r.id, (r) => r.parentId)
 *   // [{ id: 'a', key: 'a', children: [{ id: 'b', key: 'b' }] }]
 */
export function buildTree<T extends object>(
  rows: readonly T[],
  idOf: (row: T) => string,
  parentOf: (row: T) => string | null,
  compare?: (a: T, b: T) => number,
): TreeRow<T>[] {
  const nodes = new Map<string, TreeRow<T>>(rows.map((r) => [idOf(r), { ...r, key: idOf(r) }]));
  const roots: TreeRow<T>[] = [];
  for (const row of rows) {
    const node = nodes.get(idOf(row))!;
    const parentId = parentOf(row);
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  if (compare) {
    const sort = (list: TreeRow<T>[]) => {
      list.sort(compare);
      for (const n of list) if (n.children) sort(n.children);
    };
    sort(roots);
  }
  return roots;
}

/** Criteria in display order: by `order`, then by code read as numbers ('7.2' before '7.10'). */
export function compareCriteria(a: Pick<CriterionView, 'order' | 'code'>, b: Pick<CriterionView, 'order' | 'code'>): number {
  return a.order - b.order || a.code.localeCompare(b.code, 'vi', { numeric: true });
}

export const criteriaTree = (nodes: readonly CriterionView[]): TreeRow<CriterionView>[] =>
  buildTree(
    nodes,
    (n) => n.id,
    (n) => n.parentId,
    compareCriteria,
  );

/** Ids of a row and everything below it: a row cannot move under itself. */
export function subtreeIds(nodes: readonly Pick<CriterionView, 'id' | 'parentId'>[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId !== null && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The sibling a row swaps places with when moved up or down, or null at either end. */
export function swapTarget<T extends Pick<CriterionView, 'id' | 'parentId' | 'order' | 'code'>>(
  nodes: readonly T[],
  id: string,
  direction: 'up' | 'down',
): T | null {
  const me = nodes.find((n) => n.id === id);
  if (!me) return null;
  const siblings = nodes.filter((n) => n.parentId === me.parentId).sort(compareCriteria);
  const i = siblings.findIndex((n) => n.id === id);
  return siblings[direction === 'up' ? i - 1 : i + 1] ?? null;
}

/** The order for a new last child of `parentId`: one past the largest sibling order. */
export function nextOrder(nodes: readonly Pick<CriterionView, 'parentId' | 'order'>[], parentId: string | null): number {
  const siblings = nodes.filter((n) => n.parentId === parentId);
  return siblings.length === 0 ? 1 : Math.max(...siblings.map((n) => n.order)) + 1;
}
