import { DomainInputError, type RuleInput } from '@cchc/domain';
import type { Db } from '../../platform/db/database';

/** The units and period a metric is computed for; days are 'YYYY-MM-DD' (inclusive). */
export interface MetricScope {
  unitIds: string[];
  from: string;
  to: string;
}

/** A module that computes PAR metrics from its operational records (dossiers, reports, tasks …). */
export interface MetricProvider {
  readonly keys: readonly string[];
  compute(db: Db, scope: MetricScope): Promise<Map<string, RuleInput>>;
}

/**
 * Every registered provider, built with an explicit list in app.ts (no side-effect registration).
 * A key served by two providers is a wiring mistake and fails at start-up.
 */
export class MetricRegistry {
  private readonly providers: readonly MetricProvider[];

  constructor(providers: readonly MetricProvider[]) {
    const seen = new Set<string>();
    for (const p of providers) {
      for (const k of p.keys) {
        if (seen.has(k)) throw new DomainInputError('metric.duplicate_provider', { key: k });
        seen.add(k);
      }
    }
    this.providers = providers;
  }

  get keys(): string[] {
    return this.providers.flatMap((p) => [...p.keys]);
  }

  /** Values of the wanted keys (all when omitted); providers serving none of them are not called. */
  async compute(db: Db, scope: MetricScope, wanted?: ReadonlySet<string>): Promise<Map<string, RuleInput>> {
    const out = new Map<string, RuleInput>();
    for (const p of this.providers) {
      if (wanted && !p.keys.some((k) => wanted.has(k))) continue;
      const values = await p.compute(db, scope);
      for (const [k, v] of values) if (p.keys.includes(k)) out.set(k, v);
    }
    return out;
  }
}

/** The signature of `dossierMetrics` in modules/dossiers/dossier-metrics.ts (written by the dossier module). */
export type DossierMetricsFn = (db: Db, scope: MetricScope) => Promise<Map<string, RuleInput> | ReadonlyMap<string, RuleInput>>;

/**
 * Wraps the dossier module's metrics (modules/dossiers/dossier-metrics.ts) as a provider: the two keys the
 * 2019 template binds, plus on-time rate, late count and channel shares. Registered in app.ts.
 */
export function dossierMetricsProvider(compute: DossierMetricsFn, keys: readonly string[] = DOSSIER_METRIC_KEYS): MetricProvider {
  return {
    keys,
    async compute(db, scope) {
      return new Map(await compute(db, scope));
    },
  };
}

export const DOSSIER_METRIC_KEYS = [
  'dossiers.online_services_with_online_dossier_rate',
  'dossiers.postal_procedure_share',
  'dossiers.on_time_rate',
  'dossiers.late_count',
  'dossiers.online_share',
  'dossiers.post_share',
] as const;
