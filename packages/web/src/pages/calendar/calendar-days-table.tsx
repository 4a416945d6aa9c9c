import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/types';
import { formatDate } from '../../format';
import { sourceText, weekdayName } from './day-labels';
import { DayKindTag, DayStatusTag } from './day-tags';

interface Props {
  days: readonly CalendarDay[];
  loading: boolean;
  canManage: boolean;
  onEdit: (day: CalendarDay) => void;
  onDelete: (day: CalendarDay) => void;
}

/** The year's closures and make-up Saturdays, by date. */
export function CalendarDaysTable({ days, loading, canManage, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const columns: TableColumnsType<CalendarDay> = [
    { title: t('calendar.col_date'), dataIndex: 'date', key: 'date', width: 110, render: (d: string) => formatDate(d) },
    { title: t('calendar.col_weekday'), key: 'weekday', width: 100, render: (_, d) => weekdayName(t, d.date) },
    { title: t('calendar.col_kind'), dataIndex: 'kind', key: 'kind', width: 150, render: (_, d) => <DayKindTag kind={d.kind} /> },
    { title: t('calendar.col_name'), dataIndex: 'name', key: 'name' },
    {
      title: t('calendar.col_source'),
      key: 'source',
      width: 200,
      render: (_, d) => sourceText(t, d) ?? t('common.none'),
    },
    { title: t('calendar.col_status'), dataIndex: 'status', key: 'status', width: 120, render: (_, d) => <DayStatusTag status={d.status} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, d) => (
        <Space size={4} wrap>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(d)} aria-label={t('calendar.edit_row', { date: formatDate(d.date) })}>
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            type="link"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onDelete(d)}
            aria-label={t('calendar.delete_row', { date: formatDate(d.date) })}
          >
            {t('common.delete')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <Table<CalendarDay>
      rowKey="date"
      columns={columns}
      dataSource={sorted}
      loading={loading}
      pagination={false}
      size="middle"
      scroll={{ x: 800 }}
      locale={{ emptyText: <Empty description={t('calendar.empty')} /> }}
    />
  );
}
