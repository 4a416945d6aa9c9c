import { metricFitsRule, type ScoringRule } from '@cchc/domain';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lookupText } from '../../i18n/lookup';
import type { RuleValues } from './rule-form';
import { useMetricCatalogue } from './use-metric-catalogue';

/**
 * The rule's shape as far as the metric kinds it takes go: its kind, a deduction's mode and whether it is
 * triggered by a rate, whether a bonus pays per occurrence. Parameters still being typed do not matter.
 */
export function ruleShape(v: Partial<RuleValues> | undefined): ScoringRule | null {
  if (!v?.kind) return null;
  if (v.kind === 'deduction') {
    const trigger = v.mode !== 'per_occurrence' && v.triggerBelow?.trim() ? { triggerBelow: { basisPoints: 0, inclusive: false } } : {};
    return { kind: 'deduction', mode: v.mode ?? 'condition', points: 1, floor: 0, ...trigger } as ScoringRule;
  }
  if (v.kind === 'bonus') return { kind: 'bonus', cap: 0, ...(v.points?.trim() ? { points: 1 } : {}) } as ScoringRule;
  return { kind: v.kind } as ScoringRule;
}

interface Props {
  id: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The rule being edited: keys whose value kind it cannot take are shown but disabled. */
  rule: Partial<RuleValues> | undefined;
}

/** Picks a metric from the catalogue (docs/architecture.md "PAR metrics"): grouped by module, searchable by label or key. */
export function MetricPicker({ id, value, onChange, rule }: Props) {
  const { t } = useTranslation();
  const catalogue = useMetricCatalogue();
  const shape = useMemo(() => ruleShape(rule), [rule]);
  const options = useMemo(() => {
    const modules = [...new Set(catalogue.items.map((m) => m.module))];
    return modules.map((module) => ({
      label: lookupText(`par.catalogue.modules.${module}`) ?? module,
      title: module,
      options: catalogue.items
        .filter((m) => m.module === module)
        .map((m) => {
          const fits = shape === null || metricFitsRule(m.valueKind, shape);
          const text = t('par.catalogue.option', { label: catalogue.label(m.key), kind: t(`par.catalogue.kind.${m.valueKind}`) });
          return { value: m.key, label: fits ? text : `${text} (${t('par.catalogue.not_fitting')})`, disabled: !fits, title: m.key };
        }),
    }));
  }, [catalogue, shape, t]);
  return (
    <Select
      id={id}
      showSearch={{
        filterOption: (input, option) => {
          const q = input.trim().toLowerCase();
          return (
            String(option?.label ?? '')
              .toLowerCase()
              .includes(q) ||
            String((option as { value?: string } | undefined)?.value ?? '')
              .toLowerCase()
              .includes(q)
          );
        },
      }}
      allowClear
      loading={catalogue.isPending}
      placeholder={t('par.catalogue.placeholder')}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      // A dozen keys: all rendered, so every group and option can be found and read at once.
      virtual={false}
      popupMatchSelectWidth={false}
    />
  );
}
