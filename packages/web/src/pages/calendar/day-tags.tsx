import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDayKind, CalendarDayStatus } from '../../api/types';

/** The kind of a listed day, in the colour its grid cell has. */
export function DayKindTag({ kind }: { kind: CalendarDayKind }) {
  const { t } = useTranslation();
  return <Tag className={`cal-tag cal-tag--${kind}`}>{t(`calendar.kind.${kind}`)}</Tag>;
}

/** Official, or provisional ("Tạm tính": generated from the rules or not yet announced). */
export function DayStatusTag({ status }: { status: CalendarDayStatus | 'mixed' }) {
  const { t } = useTranslation();
  return <Tag className={`cal-tag cal-tag--${status === 'official' ? 'official' : 'provisional'}`}>{t(`calendar.status.${status}`)}</Tag>;
}
