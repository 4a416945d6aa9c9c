import { z } from 'zod';
import { DomainInputError } from '../values';
import { ROUNDING_MODES } from './rounding';
import { ScoringRuleSchema } from './scoring-rule-schema';
import { hundredthsSchema } from './hundredths-schema';

export const CRITERION_LEVELS = ['field', 'criterion', 'sub_criterion'] as const;
export type CriterionLevel = (typeof CRITERION_LEVELS)[number];

/**
 * One row of a criteria set (lĩnh vực → tiêu chí → tiêu chí thành phần). `maxHundredths` may be negative
 * here so that `validateCriteriaSet` can report it with the row's code instead of a bare parse error.
 */
export const CriterionNodeSchema = z.object({
  id: z.string().min(1),
  parentId: z.string().min(1).nullable(),
  code: z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/),
  title: z.string().min(1),
  level: z.enum(CRITERION_LEVELS),
  maxHundredths: hundredthsSchema(),
  rule: ScoringRuleSchema,
  evidenceRequired: z.boolean(),
  responsibleUnitId: z.string().nullable().optional(),
  /** Key of the metric that feeds the live projection, e.g. 'dossiers.postal_procedure_share'. */
  metric: z.string().min(1).nullable().optional(),
  /** Rows scored only by the survey are not self-scored (docs/domain/par-index.md#scoring-rule-taxonomy). */
  notSelfScored: z.boolean().optional(),
  order: z.number().int(),
});
export type CriterionNode = z.output<typeof CriterionNodeSchema>;

/** A year's criteria set. Sets change almost every year, so an assessment keeps the set of its year. */
export const CriteriaSetSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Whom the set scores, e.g. 'department', 'district'. */
  scope: z.string().min(1),
  legalBasis: z.string().min(1).nullable().optional(),
  rounding: z.enum(ROUNDING_MODES),
  /** 'rescale': index = points ÷ applicable maximum; 'none': the maximum is never reduced (docs/domain/par-index.md#score-layers-evidence-and-not-applicable-rows). */
  notApplicableMethod: z.enum(['rescale', 'none']),
  nodes: z.array(CriterionNodeSchema),
});
export type CriteriaSet = z.output<typeof CriteriaSetSchema>;

/** A row placed in its tree, children in display order. */
export interface CriterionTreeNode {
  readonly node: CriterionNode;
  readonly depth: number;
  readonly children: readonly CriterionTreeNode[];
}

export interface CriteriaTree {
  readonly roots: readonly CriterionTreeNode[];
  readonly byId: ReadonlyMap<string, CriterionTreeNode>;
}

/** A structural problem that prevents building the tree. */
export interface StructuralIssue {
  readonly code: 'criteria.duplicate_id' | 'criteria.duplicate_code' | 'criteria.unknown_parent' | 'criteria.cycle';
  readonly nodeId: string;
  readonly nodeCode: string;
}

/**
 * Natural order of criterion codes: numeric segments compare as numbers, so '1.10' follows '1.9' and a
 * parent precedes its children.
 * @example ['1.10', '1.9', '1', '2'].sort(compareCodes) // ['1', '1.9', '1.10', '2']
 */
export function compareCodes(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    if (x === y) continue;
    const numeric = /^\d+$/;
    if (numeric.test(x) && numeric.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    }
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

/** Display order among siblings: `order`, then the code. */
export function compareSiblings(a: CriterionNode, b: CriterionNode): number {
  return a.order - b.order || compareCodes(a.code, b.code);
}

/**
 * Duplicate ids and codes, parents that do not exist, and rows whose parent chain loops back on itself.
 * @example structuralIssues([{ id: 'a', parentId: 'a', code: '1', ... }]) // [{ code: 'criteria.cycle', nodeId: 'a', nodeCode: '1' }]
 */
export function structuralIssues(nodes: readonly CriterionNode[]): StructuralIssue[] {
  const issues: StructuralIssue[] = [];
  const byId = new Map<string, CriterionNode>();
  const seenCodes = new Set<string>();
  for (const node of nodes) {
    const at = { nodeId: node.id, nodeCode: node.code };
    if (byId.has(node.id)) issues.push({ code: 'criteria.duplicate_id', ...at });
    else byId.set(node.id, node);
    if (seenCodes.has(node.code)) issues.push({ code: 'criteria.duplicate_code', ...at });
    seenCodes.add(node.code);
  }
  for (const node of nodes) {
    if (node.parentId !== null && !byId.has(node.parentId)) {
      issues.push({ code: 'criteria.unknown_parent', nodeId: node.id, nodeCode: node.code });
    }
  }
  for (const node of byId.values()) {
    // Walk up at most n steps; coming back to the start means the row sits on a loop.
    let current = node.parentId;
    for (let steps = 0; current !== null && steps < byId.size; steps++) {
      if (current === node.id) {
        issues.push({ code: 'criteria.cycle', nodeId: node.id, nodeCode: node.code });
        break;
      }
      current = byId.get(current)?.parentId ?? null;
    }
  }
  return issues;
}

/**
 * Builds the tree from the flat list, siblings sorted by `order` then natural code.
 * @throws DomainInputError('criteria.invalid', { issues }) when `structuralIssues` finds any problem.
 * @example buildCriteriaTree(template2019Department().nodes).roots.length // 8
 */
export function buildCriteriaTree(nodes: readonly CriterionNode[]): CriteriaTree {
  const issues = structuralIssues(nodes);
  if (issues.length > 0) throw new DomainInputError('criteria.invalid', { issues });
  const childrenOf = new Map<string | null, CriterionNode[]>();
  for (const node of nodes) {
    const siblings = childrenOf.get(node.parentId) ?? [];
    siblings.push(node);
    childrenOf.set(node.parentId, siblings);
  }
  const byId = new Map<string, CriterionTreeNode>();
  const place = (node: CriterionNode, depth: number): CriterionTreeNode => {
    const children = [...(childrenOf.get(node.id) ?? [])].sort(compareSiblings).map((c) => place(c, depth + 1));
    const placed = { node, depth, children };
    byId.set(node.id, placed);
    return placed;
  };
  const roots = [...(childrenOf.get(null) ?? [])].sort(compareSiblings).map((n) => place(n, 0));
  return { roots, byId };
}

/**
 * The rows in display order (depth first, parents before children).
 * @example flattenTree(buildCriteriaTree(nodes)).map((t) => t.node.code) // ['1', '1.1', '1.2', '2']
 */
export function flattenTree(tree: CriteriaTree): CriterionTreeNode[] {
  const out: CriterionTreeNode[] = [];
  const walk = (t: CriterionTreeNode): void => {
    out.push(t);
    t.children.forEach(walk);
  };
  tree.roots.forEach(walk);
  return out;
}
