import { buildCriteriaTree, CRITERION_LEVELS, structuralIssues, type CriteriaSet, type CriterionTreeNode } from './criteria-tree';
import { checkRuleAgainstMax } from './rule-consistency';

/** One finding about a criteria set, located by the row's id and code. Codes are i18n keys. */
export interface CriteriaIssue {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly nodeId: string;
  readonly nodeCode: string;
  readonly detail?: Record<string, unknown>;
}

const levelRank = (level: (typeof CRITERION_LEVELS)[number]): number => CRITERION_LEVELS.indexOf(level);

function nodeIssues(t: CriterionTreeNode, parent: CriterionTreeNode | null): CriteriaIssue[] {
  const { node } = t;
  const at = { nodeId: node.id, nodeCode: node.code };
  const issues: CriteriaIssue[] = [];
  if (node.maxHundredths < 0) issues.push({ code: 'criteria.negative_max', severity: 'error', ...at });
  if (t.children.length === 0 && node.rule.kind === 'sum') {
    issues.push({ code: 'criteria.leaf_sum_rule', severity: 'error', ...at });
  }
  if (t.children.length > 0 && node.rule.kind === 'sum') {
    const childrenMax = t.children.reduce((s, c) => s + c.node.maxHundredths, 0);
    if (childrenMax !== node.maxHundredths) {
      issues.push({ code: 'criteria.max_mismatch', severity: 'error', ...at, detail: { max: node.maxHundredths, childrenMax } });
    }
  }
  for (const issue of checkRuleAgainstMax(node.rule, node.maxHundredths)) issues.push({ ...issue, ...at });
  if (node.rule.kind === 'survey' && node.notSelfScored !== true) {
    issues.push({ code: 'criteria.survey_self_scored', severity: 'warning', ...at });
  }
  if (parent === null && node.level !== 'field') issues.push({ code: 'criteria.root_not_field', severity: 'warning', ...at });
  if (parent !== null) {
    if (levelRank(node.level) <= levelRank(parent.node.level)) {
      issues.push({ code: 'criteria.level_order', severity: 'warning', ...at, detail: { parentLevel: parent.node.level } });
    }
    if (!node.code.startsWith(`${parent.node.code}.`)) {
      issues.push({ code: 'criteria.code_not_under_parent', severity: 'warning', ...at, detail: { parentCode: parent.node.code } });
    }
  }
  return issues;
}

/**
 * Every problem in a criteria set, errors and warnings, each with the row's code so a secretary can fix it:
 * duplicate ids or codes, unknown parents, cycles, negative maxima, leaves with rule 'sum', children's
 * maxima that do not add up to a 'sum' parent, rule parameters that do not fit the row's maximum,
 * and (warnings) band gaps, level or code out of place, self-scored survey rows.
 * Structural errors stop the other checks, since the tree cannot be built.
 * @example validateCriteriaSet(template2019Department()) // []
 */
export function validateCriteriaSet(set: CriteriaSet): CriteriaIssue[] {
  const structural = structuralIssues(set.nodes);
  if (structural.length > 0) return structural.map((s) => ({ ...s, severity: 'error' }));
  const tree = buildCriteriaTree(set.nodes);
  const issues: CriteriaIssue[] = [];
  const walk = (t: CriterionTreeNode, parent: CriterionTreeNode | null): void => {
    issues.push(...nodeIssues(t, parent));
    t.children.forEach((c) => walk(c, t));
  };
  tree.roots.forEach((r) => walk(r, null));
  return issues;
}
