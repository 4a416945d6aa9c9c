import { ExperimentOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { whatIf } from '../../api/par';
import type { ParRule, ParRuleInput, ProjectionView } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { metricValueText } from './metric-text';
import { formatPoints, signedPoints } from './par-format';
import { useMetricCatalogue } from './use-metric-catalogue';
import { draftOf, inputOf, metricKind, type MetricDraft } from './what-if';

interface Row {
  key: string;
  current: ParRuleInput | null;
}

function DraftInput({ name, draft, onChange }: { name: string; draft: MetricDraft; onChange: (d: MetricDraft) => void }) {
  const { t } = useTranslation();
  switch (draft.kind) {
    case 'rate':
      return (
        <Space size={4}>
          <Input
            aria-label={t('par.whatif.numerator_named', { name })}
            inputMode="numeric"
            value={draft.numerator}
            onChange={(e) => onChange({ ...draft, numerator: e.target.value })}
            style={{ width: 90 }}
          />
          <span aria-hidden>/</span>
          <Input
            aria-label={t('par.whatif.denominator_named', { name })}
            inputMode="numeric"
            value={draft.denominator}
            onChange={(e) => onChange({ ...draft, denominator: e.target.value })}
            style={{ width: 90 }}
          />
        </Space>
      );
    case 'share':
      return (
        <Input
          aria-label={t('par.whatif.percent_named', { name })}
          inputMode="decimal"
          suffix="%"
          value={draft.percent}
          onChange={(e) => onChange({ ...draft, percent: e.target.value })}
          style={{ width: 140 }}
        />
      );
    case 'boolean':
      return (
        <Switch
          aria-label={name}
          checked={draft.flag ?? false}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
          onChange={(flag) => onChange({ ...draft, flag })}
        />
      );
    case 'count':
      return (
        <Input
          aria-label={t('par.whatif.count_named', { name })}
          inputMode="numeric"
          value={draft.count}
          onChange={(e) => onChange({ ...draft, count: e.target.value })}
          style={{ width: 120 }}
        />
      );
    case 'timeliness':
      return (
        <Select
          aria-label={name}
          value={draft.level}
          onChange={(level) => onChange({ ...draft, level })}
          options={(['on_time', 'late', 'not_done'] as const).map((v) => ({ value: v, label: t(`par.timeliness.${v}`) }))}
          style={{ width: 160 }}
        />
      );
    case 'manual':
      return (
        <Input
          aria-label={t('par.whatif.score_named', { name })}
          inputMode="decimal"
          value={draft.score}
          onChange={(e) => onChange({ ...draft, score: e.target.value })}
          style={{ width: 120 }}
        />
      );
  }
}

/**
 * Change a metric, see the points: the server recomputes the projection with the overrides and saves
 * nothing. The parent shows the scenario in place of the live projection until it is reset.
 */
export function WhatIfCard({
  assessmentId,
  live,
  boundMetrics,
  rulesOf,
  onScenario,
}: {
  assessmentId: string;
  live: ProjectionView;
  /** Metrics the set's criteria are bound to: a provider computes more keys than a set uses. */
  boundMetrics: readonly string[];
  rulesOf: (metric: string) => ParRule[];
  onScenario: (p: ProjectionView | null) => void;
}) {
  const { t } = useTranslation();
  const metricLabel = useMetricCatalogue().label;
  const keys = [...new Set([...boundMetrics, ...live.atRisk.flatMap((r) => (r.metric ? [r.metric] : []))])].sort();
  const rows: Row[] = keys.map((key) => ({ key, current: live.metrics[key] ?? null }));
  const [drafts, setDrafts] = useState<Record<string, MetricDraft>>({});
  const draftFor = (r: Row) => drafts[r.key] ?? draftOf(metricKind(r.current, rulesOf(r.key)), r.current);
  const run = useMutation({
    mutationFn: () => {
      const metrics: Record<string, ParRuleInput> = {};
      for (const r of rows) {
        const input = drafts[r.key] ? inputOf(drafts[r.key]!) : null;
        if (input) metrics[r.key] = input;
      }
      return whatIf(assessmentId, metrics);
    },
    onSuccess: (p) => onScenario(p),
  });
  const invalid = rows.filter((r) => drafts[r.key] && inputOf(drafts[r.key]!) === null).map((r) => metricLabel(r.key));
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.whatif.title')}</h2>}>
      <Typography.Paragraph type="secondary">{t('par.whatif.hint')}</Typography.Paragraph>
      <ErrorAlert error={run.error} />
      <Table<Row>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('par.whatif.empty')} /> }}
        columns={[
          { title: t('par.dashboard.metric'), dataIndex: 'key', render: (k: string) => metricLabel(k) },
          { title: t('par.dashboard.current_value'), key: 'current', width: 220, render: (_, r) => metricValueText(t, r.current) },
          {
            title: t('par.whatif.new_value'),
            key: 'draft',
            width: 280,
            render: (_, r) => <DraftInput name={metricLabel(r.key)} draft={draftFor(r)} onChange={(d) => setDrafts((prev) => ({ ...prev, [r.key]: d }))} />,
          },
        ]}
      />
      {invalid.length > 0 ? (
        <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
          {t('par.whatif.invalid', { names: invalid.join(', ') })}
        </Typography.Paragraph>
      ) : null}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" icon={<ExperimentOutlined />} disabled={rows.length === 0} loading={run.isPending} onClick={() => run.mutate()}>
          {t('par.whatif.run')}
        </Button>
        <Button
          icon={<UndoOutlined />}
          onClick={() => {
            setDrafts({});
            run.reset();
            onScenario(null);
          }}
        >
          {t('par.whatif.reset')}
        </Button>
      </Space>
      {/* The answer where it was asked: the scenario's total and risk beside the live ones. */}
      {run.data ? (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          role="status"
          title={t('par.whatif.result_title')}
          description={
            <>
              <div>
                {t('par.whatif.result_total', {
                  total: formatPoints(run.data.totalHundredths) || t('common.none'),
                  live: formatPoints(live.totalHundredths) || t('common.none'),
                  diff: signedPoints((run.data.totalHundredths ?? 0) - (live.totalHundredths ?? 0)),
                })}
              </div>
              <div>{t('par.whatif.result_risk', { total: formatPoints(run.data.atRiskHundredths), live: formatPoints(live.atRiskHundredths) })}</div>
            </>
          }
        />
      ) : null}
    </Card>
  );
}
