import type { Unit } from '../api/types';
import { matchesSearch } from '../text';

export interface UnitNode extends Unit {
  /** Undefined for leaves, so tree tables and selects draw no expander. */
  children?: UnitNode[];
}

/**
 * Builds the tree from the flat list the server sends. A unit whose parent is not visible to the
 * user becomes a root, so a unit-scoped administrator sees their own subtree.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Keeps the units whose name or code matches, with their ancestors (diacritics ignored). */
export function filterUnitTree(nodes: readonly UnitNode[], query: string): UnitNode[] {
  if (!query.trim()) return [...nodes];
  const out: UnitNode[] = [];
  for (const node of nodes) {
    const children = node.children ? filterUnitTree(node.children, query) : [];
    if (children.length > 0 || matchesSearch(`${node.name} ${node.code ?? ''}`, query)) {
      out.push({ ...node, children: children.length > 0 ? children : undefined });
    }
  }
  return out;
}

/** Ids of every node that has children, for "expand all". */
export function parentIds(nodes: readonly UnitNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.id, ...parentIds(n.children)] : []));
}
