import { useQuery } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, InputNumber, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addWorkingDays, calendarKeys, workingDaysBetween } from '../../api/calendar';
import type { LocalDateString } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatNumber } from '../../format';
import { longDate } from './day-labels';

const DATE_FORMAT = 'DD/MM/YYYY';
const toDay = (d: Dayjs): LocalDateString => d.format('YYYY-MM-DD');

interface AddValues {
  from: Dayjs;
  days: number;
}
interface BetweenValues {
  from: Dayjs;
  to: Dayjs;
}

/**
 * "Tính hạn": the n-th working day after a date, and the working days between two dates, both from the
 * public API (the same arithmetic the server uses for due dates: the start day is never counted).
 */
export function DeadlineTool({ today }: { today: LocalDateString }) {
  const { t } = useTranslation();
  const [add, setAdd] = useState<{ from: LocalDateString; days: number } | null>(null);
  const [between, setBetween] = useState<{ from: LocalDateString; to: LocalDateString } | null>(null);
  const initial = dayjs(today, 'YYYY-MM-DD');

  const added = useQuery({
    queryKey: [...calendarKeys.all, 'add', add?.from, add?.days],
    queryFn: () => addWorkingDays(add!.from, add!.days),
    enabled: add !== null,
  });
  const counted = useQuery({
    queryKey: [...calendarKeys.all, 'between', between?.from, between?.to],
    queryFn: () => workingDaysBetween(between!.from, between!.to),
    enabled: between !== null,
  });

  const required = (key: 'calendar.tool_from' | 'calendar.tool_to' | 'calendar.tool_days') => ({
    required: true,
    message: t('common.required', { field: t(key).toLowerCase() }),
  });

  return (
    <Row gutter={[48, 24]}>
      <Col xs={24} lg={12}>
        <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>
          {t('calendar.tool_add_title')}
        </Typography.Title>
        <Form<AddValues>
          name="calendar-add"
          layout="vertical"
          initialValues={{ from: initial, days: 5 }}
          onFinish={(v) => setAdd({ from: toDay(v.from), days: v.days })}
        >
          <Form.Item name="from" label={t('calendar.tool_from')} rules={[required('calendar.tool_from')]}>
            <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} allowClear={false} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="days" label={t('calendar.tool_days')} rules={[required('calendar.tool_days')]}>
            <InputNumber min={0} max={3660} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={added.isFetching}>
            {t('calendar.tool_add_submit')}
          </Button>
        </Form>
        <div aria-live="polite" style={{ marginTop: 12 }}>
          {added.isError ? <ErrorAlert error={added.error} /> : null}
          {add && added.data ? (
            <>
              <Typography.Paragraph className="cal-result" style={{ marginBottom: 4 }}>
                {t('calendar.tool_add_result', { date: longDate(t, added.data.date) })}
              </Typography.Paragraph>
              <Typography.Paragraph className="cal-hint">
                {t('calendar.tool_add_explain', { count: add.days, from: formatDate(add.from) })}
              </Typography.Paragraph>
            </>
          ) : null}
        </div>
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>
          {t('calendar.tool_between_title')}
        </Typography.Title>
        <Form<BetweenValues>
          name="calendar-between"
          layout="vertical"
          initialValues={{ from: initial, to: initial.add(1, 'month') }}
          onFinish={(v) => setBetween({ from: toDay(v.from), to: toDay(v.to) })}
        >
          <Form.Item name="from" label={t('calendar.tool_from')} rules={[required('calendar.tool_from')]}>
            <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} allowClear={false} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="to" label={t('calendar.tool_to')} rules={[required('calendar.tool_to')]}>
            <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} allowClear={false} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={counted.isFetching}>
            {t('calendar.tool_between_submit')}
          </Button>
        </Form>
        <div aria-live="polite" style={{ marginTop: 12 }}>
          {counted.isError ? <ErrorAlert error={counted.error} /> : null}
          {between && counted.data ? (
            <>
              <Typography.Paragraph className="cal-result" style={{ marginBottom: 4 }}>
                {t('calendar.tool_between_result', { count: counted.data.days, formatted: formatNumber(counted.data.days) })}
              </Typography.Paragraph>
              <Typography.Paragraph className="cal-hint">
                {t('calendar.tool_between_explain', { from: formatDate(between.from), to: formatDate(between.to) })}
              </Typography.Paragraph>
            </>
          ) : null}
        </div>
      </Col>
    </Row>
  );
}
