import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { calendarKeys, getCalendarImpact } from '../../api/calendar';
import type { CalendarImpactItem, LocalDateString } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate } from '../../format';

/** Asks the server which open records span `date`; always fresh, since it is read just before a change. */
export function useImpact(date: LocalDateString | null) {
  return useQuery({
    queryKey: calendarKeys.impact(date ?? ''),
    queryFn: () => getCalendarImpact(date!),
    enabled: date !== null,
    staleTime: 0,
  });
}

/**
 * The open records whose deadline window spans the date about to change, with the promise that their
 * due dates stay as given to the applicant (a calendar change never moves a promised due date).
 */
export function ImpactNotice({ date, impact }: { date: LocalDateString; impact: ReturnType<typeof useImpact> }) {
  const { t } = useTranslation();
  if (impact.isPending) {
    return (
      <div role="status" style={{ padding: '8px 0' }}>
        <Spin size="small" /> <Typography.Text>{t('calendar.impact_loading')}</Typography.Text>
      </div>
    );
  }
  if (impact.isError) return <ErrorAlert error={impact.error} onRetry={() => void impact.refetch()} />;
  const items = impact.data.items;
  if (items.length === 0) {
    return <Alert type="info" showIcon title={t('calendar.impact_none', { date: formatDate(date) })} description={t('calendar.impact_none_body')} />;
  }
  const columns: TableColumnsType<CalendarImpactItem> = [
    { title: t('calendar.impact_code'), dataIndex: 'code', width: 150 },
    { title: t('calendar.impact_title'), dataIndex: 'title' },
    { title: t('calendar.impact_start'), dataIndex: 'startDate', width: 110, render: (v: string) => formatDate(v) },
    { title: t('calendar.impact_due'), dataIndex: 'dueDate', width: 110, render: (v: string) => formatDate(v) },
  ];
  return (
    <Alert
      type="warning"
      showIcon
      title={t('calendar.impact_some', { count: items.length, date: formatDate(date) })}
      description={
        <>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {t('calendar.impact_due_dates_kept')}
          </Typography.Paragraph>
          <Table<CalendarImpactItem>
            rowKey={(r) => `${r.entity}:${r.id}`}
            size="small"
            columns={columns}
            dataSource={items}
            pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
          />
        </>
      }
    />
  );
}
