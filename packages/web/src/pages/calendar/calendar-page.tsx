import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarKeys, getCalendarYear } from '../../api/calendar';
import type { CalendarDay, LocalDateString } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { currentSearchParams, useSearchParamsPatch } from '../../components/use-url-query';
import { formatNumber } from '../../format';
import { CalendarDaysTable } from './calendar-days-table';
import { FIRST_YEAR, LAST_YEAR, partsOf, todayInVietnam, yearSummary, type DayClass } from './civil-days';
import { DayDetails } from './day-details';
import { DayFormModal, type DayFormTarget } from './day-form-modal';
import { DayStatusTag } from './day-tags';
import { DeadlineTool } from './deadline-tool';
import { DeleteDayModal } from './delete-day-modal';
import { YearGrid } from './year-grid';
import './calendar.css';

const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
const LEGEND: readonly DayClass[] = ['working', 'weekend', 'holiday', 'compensatory', 'swap', 'working_saturday'];

function readYear(value: string | null, fallback: number): number {
  const n = Number(value);
  return value && /^\d{4}$/.test(value) && n >= FIRST_YEAR && n <= LAST_YEAR ? n : fallback;
}

function CardTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
      {children}
    </Typography.Title>
  );
}

/** "Lịch làm việc": the civil-service working calendar of a year, editable by calendar managers. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { params, patch } = useSearchParamsPatch();
  const today = useMemo(() => todayInVietnam(), []);
  const year = readYear(params.get('year'), partsOf(today).year);
  const calendar = useQuery({ queryKey: calendarKeys.year(year), queryFn: () => getCalendarYear(year) });
  const data = calendar.data;
  const days = useMemo(() => new Map((data?.days ?? []).map((d) => [d.date, d])), [data]);
  const canManage = data?.can.manage ?? false;
  const summary = useMemo(() => yearSummary(year, data?.days ?? []), [year, data]);

  const [chosen, setChosen] = useState<LocalDateString | null>(null);
  const selected = chosen && partsOf(chosen).year === year ? chosen : null;
  const [formTarget, setFormTarget] = useState<DayFormTarget | null>(null);
  const [deleting, setDeleting] = useState<CalendarDay | null>(null);
  const onSelect = useCallback((date: LocalDateString) => setChosen(date), []);

  const goTo = (next: number) => {
    if (next < FIRST_YEAR || next > LAST_YEAR) return;
    patch({ year: next });
  };
  // From the year in the address now, so that quick clicks each move a year (components/use-url-query.ts).
  const step = (by: number) => goTo(readYear(currentSearchParams().get('year'), partsOf(today).year) + by);
  const startEdit = (day: CalendarDay) => setFormTarget({ mode: 'edit', day });

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        extra={
          <Space wrap>
            <Space.Compact>
              <Button icon={<LeftOutlined />} aria-label={t('calendar.prev_year')} disabled={year <= FIRST_YEAR} onClick={() => step(-1)} />
              <Select
                aria-label={t('calendar.year')}
                value={year}
                onChange={goTo}
                showSearch={{ optionFilterProp: 'label' }}
                options={YEARS.map((y) => ({ value: y, label: String(y) }))}
                style={{ width: 96 }}
              />
              <Button icon={<RightOutlined />} aria-label={t('calendar.next_year')} disabled={year >= LAST_YEAR} onClick={() => step(1)} />
            </Space.Compact>
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create', year })}>
                {t('calendar.add')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {calendar.isError ? <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
      {data && data.status !== 'official' ? (
        <Alert
          type="warning"
          showIcon
          title={t(data.status === 'provisional' ? 'calendar.year_provisional_title' : 'calendar.year_mixed_title', { year })}
          description={t(data.status === 'provisional' ? 'calendar.year_provisional_body' : 'calendar.year_mixed_body', { year })}
          style={{ marginBottom: 16 }}
        />
      ) : null}

      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <CardTitle>{t('calendar.year_title', { year })}</CardTitle>
            {data ? <DayStatusTag status={data.status} /> : null}
          </Flex>
        }
        style={{ marginBottom: 24 }}
      >
        {data ? (
          <Typography.Paragraph strong>
            {t(summary.saturdays > 0 ? 'calendar.summary' : 'calendar.summary_no_saturday', {
              count: summary.saturdays,
              working: formatNumber(summary.working),
              closures: formatNumber(summary.closures),
              saturdays: formatNumber(summary.saturdays),
            })}
          </Typography.Paragraph>
        ) : null}
        <ul className="cal-legend" aria-label={t('calendar.legend')}>
          {LEGEND.map((c) => (
            <li key={c}>
              <span className={`cal-swatch cal-day--${c}`} aria-hidden="true" />
              {t(`calendar.kind.${c}`)}
            </li>
          ))}
          <li>
            <span className="cal-swatch cal-day--provisional" aria-hidden="true" />
            {t('calendar.status.provisional')}
          </li>
        </ul>
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={18}>
            <Typography.Paragraph className="cal-hint">{t('calendar.keyboard_hint')}</Typography.Paragraph>
            <Spin spinning={calendar.isFetching} description={t('app.loading')}>
              <YearGrid year={year} days={days} today={today} selected={selected} onSelect={onSelect} />
            </Spin>
          </Col>
          <Col xs={24} xl={6}>
            <section className="cal-side" aria-labelledby="calendar-selected-heading">
              <Typography.Title level={3} id="calendar-selected-heading" style={{ fontSize: 15, marginTop: 0 }}>
                {t('calendar.selected_title')}
              </Typography.Title>
              <DayDetails
                date={selected}
                listed={selected ? days.get(selected) : undefined}
                canManage={canManage}
                onAdd={(date) => setFormTarget({ mode: 'create', year, date })}
                onEdit={startEdit}
                onDelete={setDeleting}
              />
            </section>
          </Col>
        </Row>
      </Card>

      <Card title={<CardTitle>{t('calendar.table_title', { year })}</CardTitle>} style={{ marginBottom: 24 }}>
        <CalendarDaysTable days={data?.days ?? []} loading={calendar.isPending} canManage={canManage} onEdit={startEdit} onDelete={setDeleting} />
      </Card>
      <Card title={<CardTitle>{t('calendar.tool_title')}</CardTitle>}>
        <DeadlineTool today={today} />
      </Card>

      <DayFormModal target={formTarget} listed={days} onClose={() => setFormTarget(null)} onEditExisting={startEdit} />
      <DeleteDayModal day={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
