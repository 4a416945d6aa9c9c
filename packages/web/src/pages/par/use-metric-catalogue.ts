import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { listMetrics, parKeys } from '../../api/par';
import type { MetricDefinitionView } from '../../api/par-types';
import { metricName } from './metric-text';

/** The metric catalogue by key, and each key's label in the UI language (the key itself when unknown). */
export function useMetricCatalogue(): {
  byKey: ReadonlyMap<string, MetricDefinitionView>;
  items: readonly MetricDefinitionView[];
  label: (key: string) => string;
  isPending: boolean;
} {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: parKeys.metrics, queryFn: listMetrics, staleTime: 5 * 60_000 });
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const byKey = useMemo(() => new Map(items.map((m) => [m.key, m])), [items]);
  const lang = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'vi';
  return { byKey, items, label: (key) => byKey.get(key)?.label[lang] ?? metricName(key), isPending: q.isPending };
}
