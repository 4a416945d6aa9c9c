import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { listUnits, unitKeys } from '../api/units';
import { foldVietnamese } from '../text';
import { buildUnitTree, type UnitNode } from './unit-tree';

interface TreeOption {
  value: string;
  title: string;
  search: string;
  children?: TreeOption[];
}

function toOptions(nodes: readonly UnitNode[]): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.code ? `${n.name} (${n.code})` : n.name,
    search: foldVietnamese(`${n.name} ${n.code ?? ''}`),
    children: n.children ? toOptions(n.children) : undefined,
  }));
}

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  style?: CSSProperties;
}

/** Picks one unit from the tree the user can see; typing filters without diacritics. */
export function UnitTreeSelect({ id, value, onChange, allowClear, placeholder, style, ...rest }: Props) {
  const { t } = useTranslation();
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 60_000 });
  const treeData = useMemo(() => toOptions(buildUnitTree(units.data?.items ?? [])), [units.data]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      loading={units.isPending}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{ filterTreeNode: (input, node) => String((node as TreeOption).search).includes(foldVietnamese(input)) }}
      treeDefaultExpandAll
      notFoundContent={units.isError ? t('errors.generic') : t('common.no_match')}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
