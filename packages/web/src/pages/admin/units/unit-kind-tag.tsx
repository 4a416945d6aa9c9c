import type { UnitKind } from '@cchc/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

// Only preset colours whose text keeps 4.5:1 contrast on their own background.
const COLORS: Record<UnitKind, string> = {
  province: 'magenta',
  department: 'geekblue',
  service_center: 'purple',
  division: 'blue',
  affiliate: 'default',
};

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[kind]}>{t(`unit_kind.${kind}`)}</Tag>;
}
