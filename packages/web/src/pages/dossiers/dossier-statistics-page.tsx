import { FileExcelOutlined } from '@ant-design/icons';
import { formatPercent, ratioBasisPoints } from '@cchc/domain';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Row, Statistic, Table, Tabs } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dossierKeys, exportDossierStatistics, getDossierStatistics, getDossierStatisticsBreakdown, getDossierStatisticsSeries } from '../../api/dossiers';
import {
  STATISTICS_FIGURES,
  type DossierQuery,
  type DossierStatistics,
  type DossierStatisticsQuery,
  type StatisticsDimension,
  type StatisticsFigure,
} from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { toSearchParams, useUrlQuery } from '../../components/use-url-query';
import { errorMessage } from '../../errors';
import { formatDate, formatNumber } from '../../format';
import { monthStart, saveBlob, vnToday } from './dossier-format';
import { StatisticsChart } from './statistics-chart';

const DATE_FORMAT = 'DD/MM/YYYY';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Row {
  key: string;
  labelKey: ParseKeys;
  value: string;
  level: 0 | 1 | 2;
  /** The figure whose dossiers the number opens; rates and letters open none. */
  figure?: StatisticsFigure;
}

/** The one percent formatter of the statistics (the domain's, rounded half up upstream): 13/14 → "92,86 %". */
const percent = (basisPoints: number | null) => formatPercent(basisPoints, '–');

/** The national report's rows (docs/domain/statistics.md), in its order, indented by level. */
export function reportRows(s: DossierStatistics): Row[] {
  const n = formatNumber;
  const row = (key: string, value: string, level: 0 | 1 | 2 = 0): Row => ({
    key,
    labelKey: `dossiers.statistics.rows.${key}` as ParseKeys,
    value,
    level,
    ...((STATISTICS_FIGURES as readonly string[]).includes(key) ? { figure: key as StatisticsFigure } : {}),
  });
  return [
    row('to_process', n(s.toProcess)),
    row('carried_over', n(s.carriedOver), 1),
    row('received', n(s.received.total), 1),
    row('received_online', n(s.received.online), 2),
    row('received_counter', n(s.received.counter), 2),
    row('received_post', n(s.received.post), 2),
    row('completed', n(s.completed.total)),
    row('completed_early', n(s.completed.early), 1),
    row('completed_on_time', n(s.completed.onTime), 1),
    row('completed_late', n(s.completed.late), 1),
    row('in_progress', n(s.inProgress.total)),
    row('in_progress_within_time', n(s.inProgress.withinTime), 1),
    row('in_progress_almost_due', n(s.inProgress.almostDue), 2),
    row('in_progress_overdue', n(s.inProgress.overdue), 1),
    row('paused', n(s.paused.total)),
    row('paused_supplement', n(s.paused.supplement), 1),
    row('paused_payment', n(s.paused.payment), 1),
    row('paused_late', n(s.paused.late), 1),
    row('withdrawn', n(s.withdrawn)),
    row('refused', n(s.refused)),
    row('stopped', n(s.stopped)),
    row('late', n(s.late)),
    row('on_time_rate', percent(s.onTimeRateBasisPoints)),
    row('late_rate', percent(s.lateRateBasisPoints)),
    row('completed_on_time_rate', percent(completedOnTimeRate(s))),
    row('returned', n(s.returned)),
    row('result_ready_not_collected', n(s.resultReadyNotCollected)),
    row('awaiting_receipt', n(s.awaitingReceipt)),
    row('apologies_issued', n(s.apologiesIssued)),
  ];
}

/**
 * Completed early or on time among the completed (the PAR metric's on-time rate), null when none was
 * completed: shown beside the report's rate (100 % − late ÷ to process), which a month without completions
 * still has.
 */
export function completedOnTimeRate(s: DossierStatistics): number | null {
  return ratioBasisPoints(s.completed.early + s.completed.onTime, s.completed.total);
}

/** The dossier list of one figure of the report, with the same scope (unit) and the breakdown's line. */
export function drillDownLink(figure: StatisticsFigure, q: DossierStatisticsQuery, line: Partial<DossierQuery> = {}): string {
  return `/dossiers?${toSearchParams({ queue: 'all', figure, figureFrom: q.from, figureTo: q.to, withinUnitId: q.unitId, ...line }).toString()}`;
}

function readQuery(params: URLSearchParams): DossierStatisticsQuery {
  const today = vnToday();
  const day = (key: string) => {
    const v = params.get(key);
    return v && DAY.test(v) ? v : undefined;
  };
  return { from: day('from') ?? monthStart(today), to: day('to') ?? today, unitId: params.get('unitId') ?? undefined };
}

/** "Thống kê hồ sơ": the period report officials send up, with its Excel file. */
export function DossierStatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { query, update } = useUrlQuery(readQuery);
  const stats = useQuery({ queryKey: dossierKeys.statistics(query), queryFn: () => getDossierStatistics(query), placeholderData: keepPreviousData });

  const download = useMutation({
    mutationFn: () => exportDossierStatistics(query),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => {
      message.error(`${t('dossiers.queue.export_failed')}: ${errorMessage(error)}`);
    },
  });

  const s = stats.data;
  return (
    <>
      <PageHeader
        title={t('dossiers.statistics.title')}
        extra={
          <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            {t('dossiers.queue.export')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('dossiers.statistics.from')} htmlFor="stats-from">
            <DatePicker
              id="stats-from"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              allowClear={false}
              value={dayjs(query.from, 'YYYY-MM-DD')}
              onChange={(d) => d && update({ from: d.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label={t('dossiers.statistics.to')} htmlFor="stats-to">
            <DatePicker
              id="stats-to"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              allowClear={false}
              value={dayjs(query.to, 'YYYY-MM-DD')}
              onChange={(d) => d && update({ to: d.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label={t('dossiers.statistics.unit')} htmlFor="stats-unit">
            <UnitTreeSelect
              id="stats-unit"
              allowClear
              placeholder={t('dossiers.statistics.all_units')}
              value={query.unitId}
              onChange={(unitId) => update({ unitId })}
              style={{ width: 280 }}
            />
          </Form.Item>
        </Form>
      </Card>
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {s ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('dossiers.statistics.rows.to_process')}
                  valueRender={() => <Link to={drillDownLink('to_process', query)}>{formatNumber(s.toProcess)}</Link>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('dossiers.statistics.rows.completed')}
                  valueRender={() => <Link to={drillDownLink('completed', query)}>{formatNumber(s.completed.total)}</Link>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('dossiers.statistics.overdue_card')}
                  valueRender={() => <Link to={drillDownLink('in_progress_overdue', query)}>{formatNumber(s.inProgress.overdue)}</Link>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dossiers.statistics.rows.on_time_rate')} value={percent(s.onTimeRateBasisPoints)} />
                <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>
                  {t('dossiers.statistics.completed_on_time_hint', { rate: percent(completedOnTimeRate(s)) })}
                </div>
              </Card>
            </Col>
          </Row>
          <StatisticsTrends query={query} />
          <Card title={t('dossiers.statistics.period', { from: formatDate(s.period.from), to: formatDate(s.period.to) })} style={{ marginBottom: 16 }}>
            <Table<Row>
              rowKey="key"
              size="small"
              pagination={false}
              loading={stats.isFetching}
              dataSource={reportRows(s)}
              columns={[
                {
                  title: t('dossiers.statistics.indicator'),
                  key: 'label',
                  render: (_, r) => <span style={{ paddingLeft: r.level * 24, fontWeight: r.level === 0 ? 600 : 400 }}>{t(r.labelKey)}</span>,
                },
                {
                  title: t('dossiers.statistics.value'),
                  key: 'value',
                  align: 'right',
                  width: 160,
                  render: (_, r) => (r.figure ? <Link to={drillDownLink(r.figure, query)}>{r.value}</Link> : r.value),
                },
              ]}
            />
          </Card>
          <StatisticsBreakdown query={query} />
        </>
      ) : null}
    </>
  );
}

const CHANNEL_COLOURS = { online: '#1677ff', counter: '#52c41a', post: '#faad14' } as const;

/** The period month by month: received by channel, the on-time rates, the backlog at each month's end. */
function StatisticsTrends({ query }: { query: DossierStatisticsQuery }) {
  const { t } = useTranslation();
  const series = useQuery({
    queryKey: dossierKeys.statisticsSeries(query),
    queryFn: () => getDossierStatisticsSeries(query),
    placeholderData: keepPreviousData,
  });
  const items = series.data?.items;
  const options = useMemo(() => {
    if (!items) return null;
    const months = items.map((m) => formatDate(m.period.from).slice(3));
    const grid = { left: 48, right: 16, top: 40, bottom: 32 };
    const tooltip = { trigger: 'axis' };
    const xAxis = { type: 'category', data: months };
    const rate = (bp: number | null) => (bp === null ? null : bp / 100);
    const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } };
    const received: EChartsCoreOption = {
      grid,
      tooltip,
      legend: { top: 0 },
      xAxis,
      yAxis: { type: 'value' },
      series: (['online', 'counter', 'post'] as const).map((c) => ({
        name: t(`dossiers.statistics.rows.received_${c}`),
        type: 'bar',
        stack: 'received',
        color: CHANNEL_COLOURS[c],
        data: items.map((m) => m.received[c]),
      })),
    };
    const onTime: EChartsCoreOption = {
      grid,
      tooltip: { ...tooltip, valueFormatter: (v: number | null) => (v === null ? '–' : percent(Math.round(v * 100))) },
      legend: { top: 0 },
      xAxis,
      yAxis: percentAxis,
      series: [
        { name: t('dossiers.statistics.rows.on_time_rate'), type: 'line', data: items.map((m) => rate(m.onTimeRateBasisPoints)) },
        { name: t('dossiers.statistics.rows.completed_on_time_rate'), type: 'line', data: items.map((m) => rate(completedOnTimeRate(m))) },
      ],
    };
    const backlog: EChartsCoreOption = {
      grid,
      tooltip,
      legend: { top: 0 },
      xAxis,
      yAxis: { type: 'value' },
      series: [
        {
          name: t('dossiers.statistics.rows.in_progress_within_time'),
          type: 'bar',
          stack: 'open',
          color: '#91caff',
          data: items.map((m) => m.inProgress.withinTime),
        },
        { name: t('dossiers.statistics.rows.in_progress_overdue'), type: 'bar', stack: 'open', color: '#ff4d4f', data: items.map((m) => m.inProgress.overdue) },
        { name: t('dossiers.statistics.rows.paused'), type: 'bar', stack: 'open', color: '#d3adf7', data: items.map((m) => m.paused.total) },
      ],
    };
    return { received, onTime, backlog };
  }, [items, t]);
  if (series.isError) return <ErrorAlert error={series.error} onRetry={() => void series.refetch()} />;
  if (!options) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('dossiers.statistics.chart_received')}>
          <StatisticsChart option={options.received} label={t('dossiers.statistics.chart_received')} />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('dossiers.statistics.chart_on_time')}>
          <StatisticsChart option={options.onTime} label={t('dossiers.statistics.chart_on_time')} />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('dossiers.statistics.chart_backlog')}>
          <StatisticsChart option={options.backlog} label={t('dossiers.statistics.chart_backlog')} />
        </Card>
      </Col>
    </Row>
  );
}

const DIMENSIONS: readonly StatisticsDimension[] = ['unit', 'procedure', 'sector', 'officer'];

/** The list filter that holds the dossiers of one breakdown line. */
function lineFilter(by: StatisticsDimension, key: string | null): Partial<DossierQuery> {
  if (by === 'unit') return key ? { decidingUnitId: key } : {};
  if (by === 'procedure') return key ? { procedureId: key } : {};
  if (by === 'sector') return key ? { sectorCode: key } : {};
  return { officerId: key ?? 'none' };
}

/** The report per unit, procedure, sector or officer; every number opens its dossiers. */
function StatisticsBreakdown({ query }: { query: DossierStatisticsQuery }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<StatisticsDimension>('unit');
  const lines = useQuery({
    queryKey: dossierKeys.statisticsBreakdown(query, by),
    queryFn: () => getDossierStatisticsBreakdown(query, by),
    placeholderData: keepPreviousData,
  });
  type Line = NonNullable<typeof lines.data>['items'][number];
  const number = (figure: StatisticsFigure, get: (s: DossierStatistics) => number) => ({
    key: figure,
    title: t(`dossiers.statistics.rows.${figure}`),
    align: 'right' as const,
    render: (_: unknown, l: Line) => <Link to={drillDownLink(figure, query, lineFilter(by, l.key))}>{formatNumber(get(l.statistics))}</Link>,
  });
  return (
    <Card title={t('dossiers.statistics.breakdown')}>
      <Tabs
        activeKey={by}
        onChange={(k) => setBy(k as StatisticsDimension)}
        items={DIMENSIONS.map((d) => ({ key: d, label: t(`dossiers.statistics.by_${d}`) }))}
      />
      {lines.isError ? <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} /> : null}
      <Table<Line>
        rowKey={(l) => l.key ?? '-'}
        size="small"
        loading={lines.isFetching}
        dataSource={lines.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { key: 'name', title: t(`dossiers.statistics.by_${by}`), render: (_, l) => l.name ?? t('dossiers.statistics.none') },
          number('to_process', (s) => s.toProcess),
          number('received', (s) => s.received.total),
          number('completed', (s) => s.completed.total),
          number('completed_late', (s) => s.completed.late),
          number('in_progress_overdue', (s) => s.inProgress.overdue),
          number('paused', (s) => s.paused.total),
          { key: 'rate', title: t('dossiers.statistics.rows.on_time_rate'), align: 'right', render: (_, l) => percent(l.statistics.onTimeRateBasisPoints) },
        ]}
      />
    </Card>
  );
}
