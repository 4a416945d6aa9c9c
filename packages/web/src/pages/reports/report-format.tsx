import type { TFunction } from 'i18next';
import type { DueRule, ReportStatus } from '../../api/reports';
import { ToneTag, type Tone } from '../../components/tone-tag';
import { formatDate } from '../../format';

const STATUS_TONE: Record<ReportStatus, Tone> = { upcoming: 'default', due: 'gold', late: 'red', submitted: 'green', submitted_late: 'orange' };
export const REPORT_STATUSES: readonly ReportStatus[] = ['upcoming', 'due', 'late', 'submitted', 'submitted_late'];

/** The status as a coloured tag: "Chưa đến hạn / Sắp đến hạn / Quá hạn / Đã gửi / Gửi trễ". */
export function StatusTag({ t, status }: { t: TFunction; status: ReportStatus }) {
  return (
    <ToneTag tone={STATUS_TONE[status]} data-status={status}>
      {t(`reports.status.${status}`)}
    </ToneTag>
  );
}

/** A due rule in words. */
export function dueRuleText(t: TFunction, rule: DueRule): string {
  switch (rule.kind) {
    case 'working_days_after':
      return t('reports.rule.working_days_after', { days: rule.days });
    case 'date':
      return t('reports.rule.date', { date: formatDate(rule.date) });
    case 'day_of_month':
      return rule.monthOffset === 0
        ? t('reports.rule.day_of_month_same', { day: rule.day })
        : t('reports.rule.day_of_month', { day: rule.day, count: rule.monthOffset });
  }
}
