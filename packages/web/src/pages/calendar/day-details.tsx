import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { calendarKeys, getLunarDate } from '../../api/calendar';
import type { CalendarDay, LocalDateString } from '../../api/types';
import { classOf, weekdayOf } from './civil-days';
import { longDate, lunarText, sourceText } from './day-labels';
import { DayKindTag, DayStatusTag } from './day-tags';

interface Props {
  date: LocalDateString | null;
  listed: CalendarDay | undefined;
  canManage: boolean;
  onAdd: (date: LocalDateString) => void;
  onEdit: (day: CalendarDay) => void;
  onDelete: (day: CalendarDay) => void;
}

/** The chosen day: whether it is worked and why, the announcing document, its lunar date. */
export function DayDetails({ date, listed, canManage, onAdd, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const lunar = useQuery({
    queryKey: calendarKeys.lunar(date ?? ''),
    queryFn: () => getLunarDate(date!),
    enabled: date !== null,
    staleTime: Infinity,
  });

  if (!date) return <Typography.Paragraph className="cal-hint">{t('calendar.select_hint')}</Typography.Paragraph>;
  const cls = classOf(date, listed);
  const source = listed ? sourceText(t, listed) : null;

  return (
    <div aria-live="polite">
      <Typography.Paragraph strong style={{ fontSize: 16, marginBottom: 8 }}>
        {longDate(t, date)}
      </Typography.Paragraph>
      <Descriptions column={1} size="small" layout="vertical">
        <Descriptions.Item label={t('calendar.detail_kind')}>
          {listed ? <DayKindTag kind={listed.kind} /> : t(cls === 'weekend' ? 'calendar.kind.weekend' : 'calendar.kind.working')}
        </Descriptions.Item>
        {listed ? <Descriptions.Item label={t('calendar.col_name')}>{listed.name}</Descriptions.Item> : null}
        {listed ? <Descriptions.Item label={t('calendar.col_source')}>{source ?? t('calendar.no_source')}</Descriptions.Item> : null}
        {listed ? (
          <Descriptions.Item label={t('calendar.col_status')}>
            <DayStatusTag status={listed.status} />
          </Descriptions.Item>
        ) : null}
        {listed?.note ? <Descriptions.Item label={t('calendar.field_note')}>{listed.note}</Descriptions.Item> : null}
        <Descriptions.Item label={t('calendar.detail_lunar')}>
          {lunar.data ? lunarText(t, lunar.data) : lunar.isError ? t('common.none') : t('app.loading')}
        </Descriptions.Item>
      </Descriptions>
      {canManage ? (
        <Space wrap style={{ marginTop: 8 }}>
          {listed ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => onEdit(listed)}>
                {t('common.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => onDelete(listed)}>
                {t('common.delete')}
              </Button>
            </>
          ) : weekdayOf(date) !== 0 ? (
            <Button icon={<PlusOutlined />} onClick={() => onAdd(date)}>
              {weekdayOf(date) === 6 ? t('calendar.add_saturday_here') : t('calendar.add_closure_here')}
            </Button>
          ) : null}
        </Space>
      ) : null}
    </div>
  );
}
