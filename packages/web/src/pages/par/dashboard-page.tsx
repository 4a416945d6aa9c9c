import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Form, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
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
import { formatPercent, formatPoints, sortAtRisk, totalAtRisk } from './par-format';
import { AgencyResults } from './results-cards';
import { ScoreBars } from './score-bars';
import { taskLink } from './task-link';
import { useMetricCatalogue } from './use-metric-catalogue';
import { useUnitNames } from './use-unit-names';
import { WhatIfCard } from './what-if-card';
import { rulesByMetric } from './what-if';

function ProjectionCards({ assessment, live }: { assessment: AssessmentView; live: ProjectionView }) {
  const { t } = useTranslation();
  const unitName = useUnitNames();
  const catalogue = useMetricCatalogue();
  const [scenario, setScenario] = useState<ProjectionView | null>(null);
  const set = useQuery({ queryKey: parKeys.set(assessment.setId), queryFn: () => getCriteriaSet(assessment.setId), staleTime: 60_000 });
  const rules = useMemo(() => rulesByMetric(set.data?.nodes ?? []), [set.data]);
  const shown = scenario ?? live;
  const atRisk = sortAtRisk(shown.atRisk);
  const lost = totalAtRisk(shown.atRisk);
  // The advice a row carries: the provider's hint when it has one, else what would recover the points.
  const advice = (r: AtRiskRow) => hintText(t, r.hint, r.maxHundredths) ?? recoveryText(t, r.recoveryHint);
  return (
    // Its own vertical stack: a fragment would make all cards one item of the parent Space, without gaps.
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {scenario ? (
        <Alert
          type="info"
          showIcon
          title={t('par.whatif.showing', {
            total: formatPoints(scenario.totalHundredths) || t('common.none'),
            live: formatPoints(live.totalHundredths) || t('common.none'),
          })}
        />
      ) : null}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.dashboard.projection_title', { date: formatDate(shown.asOf) })}</h2>}>
        <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} sm={12} md={6}>
            <Statistic
              title={t('par.dashboard.projected_total')}
              value={`${formatPoints(shown.totalHundredths) || t('common.none')} / ${formatPoints(shown.maxHundredths)}`}
            />
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Statistic title={t('par.index')} value={formatPercent(shown.percentBasisPoints) || t('common.none')} />
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Statistic title={t('par.dashboard.at_risk_total')} value={formatPoints(lost)} styles={{ content: { color: lost > 0 ? '#b42318' : undefined } }} />
          </Col>
          {/* Points nobody can score yet (no data, no self-score) are shown beside the risk, never hidden. */}
          <Col xs={24} sm={12} md={6}>
            <Statistic
              title={t('par.dashboard.unknown_total')}
              value={formatPoints(shown.unknownHundredths)}
              styles={{ content: { color: shown.unknownHundredths > 0 ? '#b54708' : undefined } }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('par.dashboard.unknown_total_hint')}
            </Typography.Text>
          </Col>
        </Row>
        <h3 style={{ fontSize: 14 }}>{t('par.dashboard.by_field')}</h3>
        <ScoreBars
          items={shown.fields.map((f) => ({
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
        <Table<AtRiskRow>
          size="small"
          rowKey="nodeId"
          dataSource={atRisk}
          pagination={false}
          // No horizontal scroll: a scrolling region without a focusable cell fails WCAG (axe scrollable-region-focusable).
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('par.dashboard.at_risk_empty')} /> }}
          columns={[
            { title: t('par.criteria.code'), dataIndex: 'code', width: 60 },
            { title: t('par.criteria.title_label'), dataIndex: 'title', width: 260 },
            {
              title: t('par.dashboard.at_risk_points'),
              dataIndex: 'atRiskHundredths',
              width: 100,
              align: 'right',
              render: (v: number | null) =>
                v === null ? <Tag>{t('par.dashboard.unknown')}</Tag> : <Typography.Text strong>{formatPoints(v)}</Typography.Text>,
            },
            {
              title: t('par.dashboard.projected_of_max'),
              key: 'projected',
              width: 110,
              align: 'right',
              render: (_, r) =>
                t('par.dashboard.of_max', { value: formatPoints(r.projectedHundredths) || t('common.none'), max: formatPoints(r.maxHundredths) }),
            },
            {
              title: t('par.criteria.responsible_unit'),
              dataIndex: 'responsibleUnitId',
              width: 140,
              render: (v: string | null) => unitName(v) ?? t('common.none'),
            },
            {
              title: t('par.dashboard.metric'),
              dataIndex: 'metric',
              width: 180,
              render: (v: string | null) => (v ? catalogue.label(v) : t('par.dashboard.no_metric')),
            },
            {
              title: t('par.dashboard.current_value'),
              key: 'value',
              width: 110,
              render: (_, r) => (r.metric ? metricValueText(t, r.metricValue) : t('common.none')),
            },
            { title: t('par.dashboard.recovery'), key: 'recovery', width: 200, render: (_, r) => advice(r) },
            {
              title: t('par.dashboard.actions'),
              key: 'task',
              width: 120,
              render: (_, r) => (
                <Link to={taskLink(r, assessment.year, advice(r))} aria-label={t('par.dashboard.create_task_label', { code: r.code })}>
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
  const projection = useQuery({ queryKey: parKeys.projection(chosen ?? ''), queryFn: () => getProjection(chosen!), enabled: chosen !== null });

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
      {chosen && (assessment.isPending || projection.isPending) && !assessment.isError && !projection.isError ? (
        <Spin style={{ display: 'block', marginTop: 48 }} />
      ) : null}
      {assessment.data && projection.data ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>
            <Link to={`/par/assessments/${assessment.data.id}`}>
              {t('par.dashboard.open_scorecard', { agency: assessment.data.agencyName, year: assessment.data.year })}
            </Link>
          </Typography.Text>
          <ProjectionCards key={assessment.data.id} assessment={assessment.data} live={projection.data} />
          <AgencyResults year={assessment.data.year} agencyUnitId={assessment.data.agencyUnitId} agencyName={assessment.data.agencyName} />
        </Space>
      ) : null}
    </>
  );
}
