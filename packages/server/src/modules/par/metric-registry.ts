import { metricFitsRule, RuleViolation, type CriteriaIssue, type CriterionNode } from '@cchc/domain';
import type { Db } from '../../platform/db/database';
import type { MetricDefinition, MetricProvider, MetricScope, MetricValue } from '../../platform/metrics/metric-types';

/** The metric catalogue as the criteria editor and the checks see it (docs/architecture.md "PAR metrics"). */
export interface MetricCatalogue {
  readonly definitions: readonly MetricDefinition[];
  definition(key: string): MetricDefinition | undefined;
}

/** One bound row's problem: an unknown key, or a value kind the row's rule cannot take. */
export interface MetricBindingIssue extends CriteriaIssue {
  readonly code: 'par.metric_unknown' | 'par.metric_kind_mismatch';
  readonly detail: { key: string; valueKind?: string; rule?: string };
}

/**
 * Every registered provider and its definitions, built with an explicit list in app.ts (no side-effect
 * registration). A key published twice is a wiring mistake and fails at start-up.
 */
export class MetricRegistry implements MetricCatalogue {
  private readonly byKey = new Map<string, { definition: MetricDefinition; provider: MetricProvider }>();

  constructor(private readonly providers: readonly MetricProvider[]) {
    for (const provider of providers) {
      for (const definition of provider.definitions) {
        if (this.byKey.has(definition.key)) throw new Error(`PAR metric '${definition.key}' is published by two providers`);
        this.byKey.set(definition.key, { definition, provider });
      }
    }
  }

  get definitions(): MetricDefinition[] {
    return [...this.byKey.values()].map((e) => e.definition);
  }

  definition(key: string): MetricDefinition | undefined {
    return this.byKey.get(key)?.definition;
  }

  /** Values of the providers serving any wanted key (all when omitted); the others are not called. */
  async compute(db: Db, scope: MetricScope, wanted?: ReadonlySet<string>): Promise<Map<string, MetricValue>> {
    const out = new Map<string, MetricValue>();
    for (const p of this.providers) {
      const keys = new Set(p.definitions.map((d) => d.key));
      if (wanted && ![...keys].some((k) => wanted.has(k))) continue;
      for (const [k, v] of await p.compute(db, scope)) if (keys.has(k)) out.set(k, v);
    }
    return out;
  }
}

/**
 * The rows bound to a key the catalogue does not know, or whose value kind cannot feed the row's rule
 * (a count on rate bands): errors in a set's issues list, a refusal when a row is written.
 * @example bindingIssues(catalogue, [{ code: '1.3', metric: 'reports.all_on_tme', ... }])
 *   // [{ code: 'par.metric_unknown', nodeCode: '1.3', detail: { key: 'reports.all_on_tme' }, ... }]
 */
export function bindingIssues(catalogue: MetricCatalogue, nodes: readonly CriterionNode[]): MetricBindingIssue[] {
  const issues: MetricBindingIssue[] = [];
  for (const n of nodes) {
    if (!n.metric) continue;
    const at = { severity: 'error' as const, nodeId: n.id, nodeCode: n.code };
    const def = catalogue.definition(n.metric);
    if (!def) issues.push({ ...at, code: 'par.metric_unknown', detail: { key: n.metric } });
    else if (!metricFitsRule(def.valueKind, n.rule))
      issues.push({ ...at, code: 'par.metric_kind_mismatch', detail: { key: n.metric, valueKind: def.valueKind, rule: n.rule.kind } });
  }
  return issues;
}

/**
 * Refuses rows bound to an unknown key or to a kind their rule cannot take: 422 with the first problem's
 * code, naming its row (code, and its spreadsheet row when known) and key, and every problem in `issues`.
 */
export function assertBindings(catalogue: MetricCatalogue, nodes: readonly CriterionNode[], rowOf?: ReadonlyMap<string, number>): void {
  const issues = bindingIssues(catalogue, nodes);
  const first = issues[0];
  if (!first) return;
  const located = issues.map((i) => ({ code: i.code, nodeCode: i.nodeCode, ...i.detail, ...(rowOf?.has(i.nodeId) ? { row: rowOf.get(i.nodeId)! } : {}) }));
  throw new RuleViolation(first.code, { ...located[0], issues: located });
}
