import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/types';
import { sourceText } from './day-labels';

/** What a listed day is, for its hover/focus tooltip: name, kind, document, status. */
export function DayTooltip({ day }: { day: CalendarDay }) {
  const { t } = useTranslation();
  const source = sourceText(t, day);
  return (
    <div>
      <div style={{ fontWeight: 600 }}>{day.name}</div>
      <div>{t(`calendar.kind.${day.kind}`)}</div>
      <div>{t('calendar.tooltip_source', { source: source ?? t('calendar.no_source') })}</div>
      <div>{t('calendar.tooltip_status', { status: t(`calendar.status.${day.status}`) })}</div>
    </div>
  );
}
