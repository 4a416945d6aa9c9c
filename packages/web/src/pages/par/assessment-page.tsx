import { ArrowLeftOutlined, AuditOutlined, EditOutlined, FundOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getAssessment, parKeys } from '../../api/par';
import type { AssessmentView, ScorecardLine } from '../../api/par-types';
import { PageHeader } from '../../components/page-header';
import { ToneTag } from '../../components/tone-tag';
import { DetailQueryState } from '../../components/detail-query-state';
import { CycleActions, ExportButtons } from './cycle-actions';
import { EvidencePanel } from './evidence-panel';
import { formatPercent, formatPoints, latestLayer } from './par-format';
import { AssessmentStatusTag } from './par-tags';
import { buildTree, type TreeRow } from './par-tree';
import { ScoreModal, type ScoreTarget } from './score-modal';
import { TotalWithCheck } from './totals';

function Summary({ a }: { a: AssessmentView }) {
  const { t } = useTranslation();
  const layers = a.total.layers;
  return (
    <Card>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('par.status_label')}>
          <AssessmentStatusTag status={a.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('par.totals.computed')}>
          <TotalWithCheck computed={a.computedTotalHundredths} reported={a.reportedTotalHundredths} differs={a.totalsDiffer} />
        </Descriptions.Item>
        <Descriptions.Item label={t('par.max_points')}>{formatPoints(a.maxHundredths)}</Descriptions.Item>
        <Descriptions.Item label={t('par.scorecard.self_total')}>{formatPoints(layers.self.points) || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('par.scorecard.appraised_total')}>{formatPoints(layers.appraised.points) || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('par.index')}>{formatPercent(a.percentBasisPoints) || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('par.band')}>{a.band ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('par.rank')}>
          {a.reportedRank ? (a.rankGroupSize ? t('par.rank_of', { rank: a.reportedRank, size: a.rankGroupSize }) : a.reportedRank) : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('par.cycle.published_ref')}>{a.publishedRef ?? t('common.none')}</Descriptions.Item>
      </Descriptions>
      {a.publishedCheck?.differs ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('par.totals.check_title', {
            computed: formatPoints(a.publishedCheck.computedTotalHundredths),
            reported: formatPoints(a.publishedCheck.reportedTotalHundredths),
          })}
          description={t('par.totals.check_body')}
        />
      ) : null}
    </Card>
  );
}

function Completeness({ a }: { a: AssessmentView }) {
  const { t } = useTranslation();
  const rows = a.completeness.filter((c) => c.required > 0);
  if (rows.length === 0) return null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.evidence.completeness')}</h2>}>
      <Space size={[24, 8]} wrap>
        {rows.map((c) => (
          <div key={c.nodeId} style={{ width: 180 }}>
            <Typography.Text>{t('par.evidence.completeness_field', { code: c.code, done: c.withEvidence, required: c.required })}</Typography.Text>
            <Progress
              percent={Math.round((c.withEvidence / c.required) * 100)}
              size="small"
              aria-label={t('par.evidence.completeness_field', { code: c.code, done: c.withEvidence, required: c.required })}
            />
          </div>
        ))}
      </Space>
    </Card>
  );
}

/** The scorecard of one agency's year: every row with its layers, the cycle, the evidence register. */
export function AssessmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: parKeys.assessment(id), queryFn: () => getAssessment(id) });
  const [target, setTarget] = useState<ScoreTarget | null>(null);
  const tree = useMemo(
    () =>
      buildTree(
        query.data?.lines ?? [],
        (l) => l.nodeId,
        (l) => l.parentId,
      ),
    [query.data?.lines],
  );

  const back = (
    <Link to="/par/assessments">
      <ArrowLeftOutlined /> {t('par.assessments.back')}
    </Link>
  );
  if (query.isPending || query.isError) return <DetailQueryState query={query} title={t('par.assessments.title')} back={back} />;
  const a = query.data;
  const canSelfScore = (l: ScorecardLine) => a.can.selfAssess && l.isScored && !l.notSelfScored;
  const canAppraise = (l: ScorecardLine) => a.can.appraise && l.isScored;
  const hasActions = a.can.selfAssess || a.can.appraise;
  const points = (v: number | null) => formatPoints(v) || t('common.none');

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={t('par.scorecard.title', { agency: a.agencyName, year: a.year })}
        extra={
          <Link to={`/par/dashboard?assessment=${a.id}`}>
            <FundOutlined /> {t('par.scorecard.to_dashboard')}
          </Link>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <CycleActions assessment={a} />
          <ExportButtons assessment={a} />
        </Space>
        <Summary a={a} />
        <Completeness a={a} />
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.scorecard.table_title')}</h2>}>
          <Table<TreeRow<ScorecardLine>>
            size="small"
            rowKey="nodeId"
            dataSource={tree}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            tableLayout="fixed"
            // Scrolls sideways only when the action buttons need room, so a read-only card has no unfocusable scroll region.
            scroll={{ x: hasActions ? 1000 : 880 }}
            columns={[
              { title: t('par.criteria.code'), dataIndex: 'code', width: 80, render: (code: string) => <Typography.Text strong>{code}</Typography.Text> },
              {
                title: t('par.criteria.title_label'),
                dataIndex: 'title',
                render: (title: string, l) => (
                  <>
                    <div>
                      {title} {!l.applicable ? <Tag>{t('par.scorecard.not_applicable_tag')}</Tag> : null}
                      {l.notSelfScored ? <Tag>{t('par.criteria.survey_only')}</Tag> : null}
                    </div>
                    {l.score.selfNote ? (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('par.scorecard.self_note_line', { note: l.score.selfNote })}
                      </Typography.Text>
                    ) : null}
                    {l.score.appraiserComment ? (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('par.scorecard.appraiser_comment_line', { note: l.score.appraiserComment })}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
              { title: t('par.max_points'), dataIndex: 'maxHundredths', width: 80, align: 'right', render: (v: number) => formatPoints(v) },
              { title: t('par.scorecard.self'), key: 'self', width: 85, align: 'right', render: (_, l) => points(l.layers.self.points) },
              { title: t('par.scorecard.appraised'), key: 'appraised', width: 95, align: 'right', render: (_, l) => points(l.layers.appraised.points) },
              { title: t('par.scorecard.final'), key: 'final', width: 85, align: 'right', render: (_, l) => points(l.layers.final.points) },
              {
                title: t('par.scorecard.percent'),
                key: 'percent',
                width: 85,
                align: 'right',
                render: (_, l) => {
                  const layer = latestLayer(l.layers);
                  return layer ? formatPercent(l.layers[layer].percentBasisPoints) || t('common.none') : t('common.none');
                },
              },
              {
                title: t('par.scorecard.evidence'),
                key: 'evidence',
                width: 95,
                align: 'center',
                render: (_, l) =>
                  l.evidenceRequired && l.isScored && !l.notSelfScored ? (
                    l.score.evidenceCount > 0 ? (
                      <ToneTag tone="green">{t('par.scorecard.evidence_count', { count: l.score.evidenceCount })}</ToneTag>
                    ) : (
                      <ToneTag tone="orange">{t('par.scorecard.evidence_missing')}</ToneTag>
                    )
                  ) : l.score.evidenceCount > 0 ? (
                    t('par.scorecard.evidence_count', { count: l.score.evidenceCount })
                  ) : (
                    t('common.none')
                  ),
              },
              ...(hasActions
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 125,
                      render: (_: unknown, l: ScorecardLine) => (
                        <Space size={4} wrap>
                          {canSelfScore(l) ? (
                            <Button
                              size="small"
                              icon={<EditOutlined />}
                              aria-label={t('par.scorecard.self_named', { code: l.code })}
                              onClick={() => setTarget({ layer: 'self', line: l })}
                            >
                              {t('par.scorecard.self_button')}
                            </Button>
                          ) : null}
                          {canAppraise(l) ? (
                            <Button
                              size="small"
                              icon={<AuditOutlined />}
                              aria-label={t('par.scorecard.appraise_named', { code: l.code })}
                              onClick={() => setTarget({ layer: 'appraisal', line: l })}
                            >
                              {t('par.scorecard.appraise_button')}
                            </Button>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>{t('par.scorecard.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong>{formatPoints(a.total.maxHundredths)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {points(a.total.layers.self.points)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {points(a.total.layers.appraised.points)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {points(a.total.layers.final.points)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {formatPercent(a.percentBasisPoints) || t('common.none')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} colSpan={hasActions ? 2 : 1} />
              </Table.Summary.Row>
            )}
          />
        </Card>
        <EvidencePanel assessment={a} />
      </Space>
      <ScoreModal assessment={a} target={target} onClose={() => setTarget(null)} />
    </>
  );
}
