import type { RuleInput } from '@cchc/domain';
import type { Db } from '../db/database';

// The typed metric catalogue (issue #10 item 4, docs/architecture.md "PAR metrics"): every module that
// computes PAR metrics from its own records publishes their definitions and one provider; the PAR
// module's registry joins the providers, refuses a criterion bound to an unknown key and offers the keys
// to the criterion editor's picker.

/** How a metric's value reads: the rule input it produces and how the UI shows it. */
export type MetricValueKind = 'rate' | 'share' | 'count' | 'flag' | 'timeliness' | 'date';

export interface MetricDefinition {
  /** `<module>.<name>`, e.g. 'plans.task_completion_rate'. */
  readonly key: string;
  /** The module that computes it: 'dossiers', 'plans', 'reports' … */
  readonly module: string;
  readonly valueKind: MetricValueKind;
  readonly label: { readonly vi: string; readonly en: string };
  readonly description: { readonly vi: string; readonly en: string };
}

/** The units and period a metric is computed for; days are 'YYYY-MM-DD' (inclusive); `today` is the as-of day. */
export interface MetricScope {
  unitIds: string[];
  from: string;
  to: string;
  today: string;
}

/** What the projection says the responsible unit can still do; `code` is an i18n key under `par.hints`. */
export interface MetricHint {
  code: string;
  params: Record<string, string | number>;
}

/** A metric's value: the rule input, plus an optional recovery hint. A key left out of the map is "no data". */
export interface MetricValue {
  input: RuleInput;
  hint?: MetricHint;
}

export interface MetricProvider {
  readonly definitions: readonly MetricDefinition[];
  compute(db: Db, scope: MetricScope): Promise<Map<string, MetricValue>>;
}
