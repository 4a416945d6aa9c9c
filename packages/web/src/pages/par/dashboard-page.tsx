import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Form, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { getAssessment, getCriteriaSet, getProjection, listAssessments, parKeys } from '../../api/par';
import type { AssessmentView, AtRiskRow, ProjectionView } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../format';
import { hintText } from './hint-text';
import { metricValueText, recoveryText } from './metric-text';
import { formatPercent, formatPoints, latestLayer, sortAtRisk, totalAtRisk } from './par-format';
import { AgencyResults } from './results-cards';
import { ScoreBars } from './score-bars';
import { taskLink } from './task-link';
import { useMetricCatalogue } from './use-metric-catalogue';
import { useUnitNames } from './use-unit-names';
import { WhatIfCard } from './what-if-card';
import { YearResultCard } from './year-result-card';
import { rulesByMetric } from './what-if';

/** A row of the risk table: the live row, and the same row under the what-if scenario when one is shown. */
interface RiskRow {
  nodeId: string;
  live: AtRiskRow;
  scenario: AtRiskRow | null;
}

/**
 * The live risk rows with the scenario's beside them. A row no longer at risk in the scenario keeps its
 * live line and shows the scenario's full points; a row at risk only in the scenario is listed too.
 */
function riskRows(live: readonly AtRiskRow[], scenario: ProjectionView | null): RiskRow[] {
  const byId = new Map((scenario?.atRisk ?? []).map((r) => [r.nodeId, r]));
  const rows: RiskRow[] = sortAtRisk(live).map((r) => ({
    nodeId: r.nodeId,
    live: r,
    scenario: scenario ? (byId.get(r.nodeId) ?? { ...r, atRiskHundredths: 0, projectedHundredths: r.maxHundredths, hint: null }) : null,
  }));
  const seen = new Set(live.map((r) => r.nodeId));
  for (const r of sortAtRisk(scenario?.atRisk ?? []))
    if (!seen.has(r.nodeId)) rows.push({ nodeId: r.nodeId, live: { ...r, atRiskHundredths: 0 }, scenario: r });
  return rows;
}

function ProjectionCards({ assessment, live }: { assessment: AssessmentView; live: ProjectionView }) {
  const { t } = useTranslation();
  const unitName = useUnitNames();
  const catalogue = useMetricCatalogue();
  const [scenario, setScenario] = useState<ProjectionView | null>(null);
  const set = useQuery({ queryKey: parKeys.set(assessment.setId), queryFn: () => getCriteriaSet(assessment.setId), staleTime: 60_000 });
  const rules = useMemo(() => rulesByMetric(set.data?.nodes ?? []), [set.data]);
  const rows = riskRows(live.atRisk, scenario);
  const lost = totalAtRisk(live.atRisk);
  const layer = latestLayer(assessment.total.layers) ?? 'self';
  // The advice a row carries: the provider's hint when it has one, else what would recover the points.
  const advice = (r: AtRiskRow) => hintText(t, r.hint, r.maxHundredths) ?? recoveryText(t, r.recoveryHint);
  const points = (v: number | null) => (v === null ? <Tag>{t('par.dashboard.unknown')}</Tag> : <Typography.Text strong>{formatPoints(v)}</Typography.Text>);
  const ofMax = (r: AtRiskRow) =>
    t('par.dashboard.of_max', { value: formatPoints(r.projectedHundredths) || t('common.none'), max: formatPoints(r.maxHundredths) });
  return (
    // Its own vertical stack: a fragment would make all cards one item of the parent Space, without gaps.
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.dashboard.projection_title', { date: formatDate(live.asOf) })}</h2>}>
        <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} sm={12} md={7}>
            <Statistic
              title={t('par.dashboard.projected_total')}
              value={`${formatPoints(live.totalHundredths) || t('common.none')} / ${formatPoints(live.maxHundredths)}`}
            />
          </Col>
          {/* The total of the scores entered so far, the figure of the history table, labelled as such. */}
          <Col xs={24} sm={12} md={6}>
            <Statistic
              title={t('par.dashboard.scored_total', { layer: t(`par.layer.${layer}`) })}
              value={`${formatPoints(assessment.computedTotalHundredths) || t('common.none')} / ${formatPoints(assessment.maxHundredths)}`}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('par.dashboard.scored_total_hint')}
            </Typography.Text>
          </Col>
          <Col xs={24} sm={12} md={4}>
            <Statistic title={t('par.index')} value={formatPercent(live.percentBasisPoints) || t('common.none')} />
          </Col>
          {/* Points nobody can score yet (no data, no score) belong to the headline risk, never hidden. */}
          <Col xs={24} sm={12} md={7}>
            <Statistic title={t('par.dashboard.at_risk_total')} value={formatPoints(lost)} styles={{ content: { color: lost > 0 ? '#b42318' : undefined } }} />
            {live.unknownHundredths > 0 ? (
              <Typography.Text strong style={{ color: '#b54708' }}>
                {t('par.dashboard.unknown_extra', { points: formatPoints(live.unknownHundredths) })}
              </Typography.Text>
            ) : null}
          </Col>
        </Row>
        <h3 style={{ fontSize: 14 }}>{t('par.dashboard.by_field')}</h3>
        <ScoreBars
          items={live.fields.map((f) => ({
            key: f.nodeId,
            label: t('par.dashboard.field_label', { code: f.code, title: f.title }),
            value: f.projectedHundredths,
            max: f.maxHundredths,
            valueText: t('par.dashboard.of_max', { value: formatPoints(f.projectedHundredths) || t('common.none'), max: formatPoints(f.maxHundredths) }),
            short: f.projectedHundredths !== null && f.projectedHundredths < f.maxHundredths,
          }))}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.dashboard.at_risk_title')}</h2>}>
        <Table<RiskRow>
          size="small"
          rowKey="nodeId"
          dataSource={rows}
          pagination={false}
          // No horizontal scroll: a scrolling region without a focusable cell fails WCAG (axe scrollable-region-focusable).
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('par.dashboard.at_risk_empty')} /> }}
          columns={[
            { title: t('par.criteria.code'), key: 'code', width: 60, render: (_, r) => r.live.code },
            { title: t('par.criteria.title_label'), key: 'title', width: 240, render: (_, r) => r.live.title },
            { title: t('par.dashboard.at_risk_points'), key: 'atRisk', width: 100, align: 'right', render: (_, r) => points(r.live.atRiskHundredths) },
            { title: t('par.dashboard.projected_of_max'), key: 'projected', width: 110, align: 'right', render: (_, r) => ofMax(r.live) },
            ...(scenario
              ? [
                  {
                    title: t('par.dashboard.whatif_points'),
                    key: 'scenario',
                    width: 120,
                    align: 'right' as const,
                    render: (_: unknown, r: RiskRow) =>
                      r.scenario ? (
                        <Tag color="blue">{`${formatPoints(r.scenario.atRiskHundredths) || t('par.dashboard.unknown')} · ${ofMax(r.scenario)}`}</Tag>
                      ) : null,
                  },
                ]
              : []),
            { title: t('par.criteria.responsible_unit'), key: 'unit', width: 140, render: (_, r) => unitName(r.live.responsibleUnitId) ?? t('common.none') },
            {
              title: t('par.dashboard.metric'),
              key: 'metric',
              width: 170,
              render: (_, r) => (r.live.metric ? catalogue.label(r.live.metric) : t('par.dashboard.no_metric')),
            },
            {
              title: t('par.dashboard.current_value'),
              key: 'value',
              width: 110,
              render: (_, r) => (r.live.metric ? metricValueText(t, r.live.metricValue) : t('common.none')),
            },
            ...(scenario
              ? [
                  {
                    title: t('par.dashboard.whatif_value'),
                    key: 'scenarioValue',
                    width: 110,
                    render: (_: unknown, r: RiskRow) =>
                      r.scenario && r.live.metric ? metricValueText(t, scenario.metrics[r.live.metric] as AtRiskRow['metricValue']) : t('common.none'),
                  },
                ]
              : []),
            { title: t('par.dashboard.recovery'), key: 'recovery', width: 200, render: (_, r) => advice(r.live) },
            {
              title: t('par.dashboard.actions'),
              key: 'task',
              width: 120,
              render: (_, r) => (
                <Link to={taskLink(r.live, assessment.year, advice(r.live))} aria-label={t('par.dashboard.create_task_label', { code: r.live.code })}>
                  <PlusOutlined /> {t('par.dashboard.create_task')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      <WhatIfCard assessmentId={assessment.id} live={live} boundMetrics={[...rules.keys()]} rulesOf={(m) => rules.get(m) ?? []} onScenario={setScenario} />
    </Space>
  );
}

/** Where the agency stands this year: projected points, points at risk, what-if, ranking and history. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: parKeys.assessmentList(undefined), queryFn: () => listAssessments(undefined) });
  const items = useMemo(() => [...(list.data?.items ?? [])].sort((a, b) => b.year - a.year || a.agencyName.localeCompare(b.agencyName, 'vi')), [list.data]);
  const chosen = params.get('assessment') ?? items.find((a) => a.status !== 'published')?.id ?? items[0]?.id ?? null;
  const assessment = useQuery({ queryKey: parKeys.assessment(chosen ?? ''), queryFn: () => getAssessment(chosen!), enabled: chosen !== null });
  const listed = items.find((a) => a.id === chosen);
  // A finished year (final or published) shows its result; only an open one is projected.
  const finished = listed?.status === 'final' || listed?.status === 'published';
  const projection = useQuery({
    queryKey: parKeys.projection(chosen ?? ''),
    queryFn: () => getProjection(chosen!),
    enabled: chosen !== null && listed !== undefined && !finished,
  });

  return (
    <>
      <PageHeader
        title={t('par.dashboard.title')}
        extra={
          <Form layout="inline">
            <Form.Item label={t('par.dashboard.assessment')} htmlFor="par-dashboard-assessment" style={{ marginInlineEnd: 0 }}>
              <Select
                id="par-dashboard-assessment"
                loading={list.isPending}
                value={chosen ?? undefined}
                options={items.map((a) => ({ value: a.id, label: t('par.dashboard.assessment_option', { agency: a.agencyName, year: a.year }) }))}
                onChange={(v: string) => setParams({ assessment: v }, { replace: true })}
                style={{ width: 360 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Form>
        }
      />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <Empty description={t('par.assessments.empty')} /> : null}
      {assessment.isError ? <ErrorAlert error={assessment.error} onRetry={() => void assessment.refetch()} /> : null}
      {projection.isError ? <ErrorAlert error={projection.error} onRetry={() => void projection.refetch()} /> : null}
      {chosen && (assessment.isPending || (!finished && projection.isPending)) && !assessment.isError && !projection.isError ? (
        <Spin style={{ display: 'block', marginTop: 48 }} />
      ) : null}
      {assessment.data && (finished || projection.data) ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>
            <Link to={`/par/assessments/${assessment.data.id}`}>
              {t('par.dashboard.open_scorecard', { agency: assessment.data.agencyName, year: assessment.data.year })}
            </Link>
          </Typography.Text>
          {finished ? (
            <YearResultCard assessment={assessment.data} listed={listed} />
          ) : projection.data ? (
            <ProjectionCards key={assessment.data.id} assessment={assessment.data} live={projection.data} />
          ) : null}
          <AgencyResults year={assessment.data.year} agencyUnitId={assessment.data.agencyUnitId} agencyName={assessment.data.agencyName} />
        </Space>
      ) : null}
    </>
  );
}
