import { Col, Row, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyResults } from '../../api/surveys';
import { StatisticsChart } from '../dossiers/statistics-chart';
import { localText, percent } from './survey-format';

// The results page's charts (docs/surveys.md, "Results"). ECharts is loaded by StatisticsChart on first use,
// in a chunk of its own, so pages without a chart never download it.

/** Red (very dissatisfied) to green (very satisfied), for the five Likert levels `1`–`5`. */
const LEVEL_COLOURS: Record<string, string> = { '1': '#cf1322', '2': '#fa8c16', '3': '#bfbfbf', '4': '#73d13d', '5': '#237804' };
const INDEX_COLOUR = '#1677ff';
const OVERALL_COLOUR = '#0958d9';
const ASPECT_COLOUR = '#69b1ff';

interface Bar {
  name: string;
  value: number | null;
  margin: number | null;
  colour: string;
}

/** Horizontal bars (percent, 0–100) with the margin of error at 95 % drawn as an error bar on each. */
export function indexOption(bars: Bar[], marginWord: string): EChartsCoreOption {
  const pct = (v: number) => percent(Math.round(v * 100));
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisLabel: { width: 180, overflow: 'truncate' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const b = bars[ps[0]?.dataIndex ?? 0];
        return b && b.value !== null ? `${b.name}: ${pct(b.value)}${b.margin !== null ? ` (${marginWord} ±${pct(b.margin)})` : ''}` : '';
      },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.colour } })),
        label: { show: true, position: 'insideLeft', color: '#fff', formatter: (p: { value: number | null }) => (p.value === null ? '' : pct(p.value)) },
      },
      {
        // The error bar: a line from index − margin to index + margin with short caps, clipped to 0–100 %.
        type: 'custom',
        z: 10,
        encode: { x: [1, 2], y: 0 },
        data: bars.map((b, i) =>
          b.value === null || b.margin === null ? [i, null, null] : [i, Math.max(0, b.value - b.margin), Math.min(100, b.value + b.margin)],
        ),
        renderItem: (
          _: unknown,
          api: { value: (d: number) => number; coord: (v: [number, number]) => [number, number]; size: (v: [number, number]) => [number, number] },
        ) => {
          const lo = api.value(1);
          const hi = api.value(2);
          if (Number.isNaN(lo) || Number.isNaN(hi) || lo === null || hi === null) return null;
          const [x0, y] = api.coord([lo, api.value(0)]);
          const [x1] = api.coord([hi, api.value(0)]);
          const cap = api.size([0, 1])[1] * 0.18;
          const style = { stroke: '#262626', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: x0, y1: y, x2: x1, y2: y }, style },
              { type: 'line', shape: { x1: x0, y1: y - cap, x2: x0, y2: y + cap }, style },
              { type: 'line', shape: { x1: x1, y1: y - cap, x2: x1, y2: y + cap }, style },
            ],
          };
        },
      },
    ],
  };
}

/** Charts of a campaign's results: the indices with their error bars, the Likert distributions, the breakdown. */
export function SurveyCharts({ results, breakdownLabel }: { results: SurveyResults; breakdownLabel: string }) {
  const { t } = useTranslation();
  const marginWord = t('surveys.charts.margin');
  const indices = useMemo(() => {
    const bars: Bar[] = [
      ...results.elements.map((e) => ({
        name: t(`surveys.elements.${e.element}` as 'surveys.elements.access'),
        value: e.indexBasisPoints === null ? null : e.indexBasisPoints / 100,
        margin: e.marginBasisPoints === null ? null : e.marginBasisPoints / 100,
        colour: INDEX_COLOUR,
      })),
      ...results.aspects.map((a) => ({
        name: t(`surveys.aspects.${a.aspect}` as 'surveys.aspects.satisfaction'),
        value: a.indexBasisPoints === null ? null : a.indexBasisPoints / 100,
        margin: a.marginBasisPoints === null ? null : a.marginBasisPoints / 100,
        colour: ASPECT_COLOUR,
      })),
      {
        name: t('surveys.results.overall'),
        value: results.overall.indexBasisPoints === null ? null : results.overall.indexBasisPoints / 100,
        margin: results.overall.marginBasisPoints === null ? null : results.overall.marginBasisPoints / 100,
        colour: OVERALL_COLOUR,
      },
    ];
    return { bars, option: indexOption(bars, marginWord) };
  }, [results, t, marginWord]);

  // Every Likert question as one bar split into its five levels (shares of its valid answers), numbered as printed.
  const distribution = useMemo(() => {
    const numbered = results.questions.map((q, i) => ({ q, no: i + 1 })).filter(({ q }) => q.type === 'likert' && q.answered > 0);
    const levels = numbered[0]?.q.distribution ?? [];
    const option: EChartsCoreOption = {
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
      legend: { top: 0, data: levels.map((l) => localText(l.label)) },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', inverse: true, data: numbered.map(({ no }) => t('surveys.paper.question_no', { n: no })) },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: Array<{ dataIndex: number; seriesName: string; value: number }>) => {
          const x = numbered[ps[0]?.dataIndex ?? 0];
          if (!x) return '';
          return [localText(x.q.text), ...ps.map((p) => `${p.seriesName}: ${percent(Math.round(p.value * 100))}`)].join('<br/>');
        },
      },
      series: levels.map((l) => ({
        type: 'bar',
        stack: 'levels',
        name: localText(l.label),
        itemStyle: { color: LEVEL_COLOURS[l.code] },
        data: numbered.map(({ q }) => (q.distribution.find((d) => d.code === l.code)?.shareBasisPoints ?? 0) / 100),
      })),
    };
    return { rows: numbered.length, option };
  }, [results, t]);

  const breakdown = useMemo(() => {
    const groups = (results.breakdown?.groups ?? []).filter((g) => !g.suppressed && g.indexBasisPoints !== null);
    const bars: Bar[] = groups.map((g) => ({
      name: g.label ?? t('surveys.results.no_group'),
      value: g.indexBasisPoints! / 100,
      margin: null,
      colour: INDEX_COLOUR,
    }));
    return { bars, option: indexOption(bars, marginWord) };
  }, [results, t, marginWord]);

  const height = (rows: number) => Math.max(120, 40 + rows * 30);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={12}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('surveys.charts.indices')}
        </Typography.Title>
        <StatisticsChart option={indices.option} height={height(indices.bars.length)} label={t('surveys.charts.indices')} />
        <Typography.Text type="secondary">{t('surveys.charts.indices_help')}</Typography.Text>
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('surveys.charts.breakdown', { by: breakdownLabel })}
        </Typography.Title>
        {breakdown.bars.length ? (
          <StatisticsChart option={breakdown.option} height={height(breakdown.bars.length)} label={t('surveys.charts.breakdown', { by: breakdownLabel })} />
        ) : (
          <Typography.Paragraph type="secondary">{t('surveys.charts.breakdown_empty')}</Typography.Paragraph>
        )}
      </Col>
      {distribution.rows ? (
        <Col xs={24}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('surveys.charts.distribution')}
          </Typography.Title>
          <StatisticsChart option={distribution.option} height={height(distribution.rows) + 24} label={t('surveys.charts.distribution')} />
        </Col>
      ) : null}
    </Row>
  );
}
