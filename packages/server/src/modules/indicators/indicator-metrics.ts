import { qd766NationalSet } from '@cchc/domain';
import type { MetricDefinition, MetricProvider, MetricValue } from '../../platform/metrics/metric-types';
import type { DossierFactsSource } from '../../platform/metrics/dossier-facts';
import { IndicatorRepository } from './indicator.repository';
import { UnitTreeRepository } from '../../platform/units/unit-tree';

// The QĐ 766 indicators published into the PAR metric catalogue (docs/architecture.md "PAR metrics"), so a
// criterion can bind one: every percent indicator as an exact rate (numerator ÷ denominator) over the
// assessment's units and period, computed or entered exactly as on the 766 page. 2.2 (an average time) is not
// a rate and is left out.

/** 'indicators.qd766_2_1' for indicator 2.1. */
export const indicatorMetricKey = (code: string) => `indicators.qd766_${code.replace('.', '_')}`;

export function indicatorMetricProvider(facts: DossierFactsSource): MetricProvider {
  const catalogue = qd766NationalSet().indicators.filter((d) => d.unit === 'percent');
  const definitions: MetricDefinition[] = catalogue.map((d) => ({
    key: indicatorMetricKey(d.code),
    module: 'indicators',
    valueKind: 'rate',
    label: { vi: `QĐ 766 – ${d.code} ${d.name.vi}`, en: `QĐ 766 – ${d.code} ${d.name.en}` },
    description: d.formula,
  }));
  return {
    definitions,
    async compute(db, scope) {
      const [computed, entered] = await Promise.all([
        facts.figures(db, scope),
        new IndicatorRepository(db, new UnitTreeRepository(db)).enteredSums(scope.unitIds, scope.from, scope.to),
      ]);
      const out = new Map<string, MetricValue>();
      for (const d of catalogue) {
        const f = d.source === 'computed' ? computed.get(d.code) : entered.get(d.code);
        // Entered indicators with nothing entered are "no data" (left out), never 0 %.
        if (f) out.set(indicatorMetricKey(d.code), { input: { kind: 'rate', numerator: f.numerator, denominator: f.denominator } });
      }
      return out;
    },
  };
}
