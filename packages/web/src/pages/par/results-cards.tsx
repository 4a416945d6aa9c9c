import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getHistory, getRankings, parKeys } from '../../api/par';
import type { HistoryRow, RankingRow } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { formatPercent, formatPoints, signedPoints } from './par-format';
import { AssessmentStatusTag } from './par-tags';
import { ScoreBars } from './score-bars';
import { TotalWithCheck } from './totals';

/** The year's ranking of finished assessments (ties share a rank) and the agency's results over the years. */
export function AgencyResults({ year, agencyUnitId, agencyName }: { year: number; agencyUnitId: string; agencyName: string }) {
  const { t } = useTranslation();
  const rankings = useQuery({ queryKey: parKeys.rankings(year), queryFn: () => getRankings(year) });
  const history = useQuery({ queryKey: parKeys.history(agencyUnitId), queryFn: () => getHistory(agencyUnitId) });
  const years = history.data?.items ?? [];
  return (
    // Its own vertical stack: a fragment would make all cards one item of the parent Space, without gaps.
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.rankings.title', { year })}</h2>}>
        <Typography.Paragraph type="secondary">{t('par.rankings.source_note')}</Typography.Paragraph>
        {rankings.isError ? <ErrorAlert error={rankings.error} onRetry={() => void rankings.refetch()} /> : null}
        <Table<RankingRow>
          size="small"
          rowKey="assessmentId"
          dataSource={rankings.data?.items ?? []}
          loading={rankings.isFetching}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('par.rankings.empty')} /> }}
          rowClassName={(r) => (r.agencyUnitId === agencyUnitId ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('par.rank'),
              key: 'rank',
              width: 170,
              // The published rank first, as everywhere else; the computed rank only where none was published.
              render: (_, r) =>
                r.publishedRank !== null ? (
                  <Space size={4}>
                    {r.publishedGroupSize ? t('par.rank_of', { rank: r.publishedRank, size: r.publishedGroupSize }) : r.publishedRank}
                    <Tag>{t('par.rankings.published_tag')}</Tag>
                  </Space>
                ) : r.ranked && r.rank !== null ? (
                  <Space size={4}>
                    {t('par.rank_of', { rank: r.rank, size: r.groupSize })}
                    <Tag>{t('par.rankings.computed_tag')}</Tag>
                  </Space>
                ) : (
                  <Tag>{t('par.rankings.unranked')}</Tag>
                ),
            },
            { title: t('par.assessments.agency'), dataIndex: 'agencyName' },
            {
              title: t('par.index'),
              dataIndex: 'indexBasisPoints',
              width: 120,
              align: 'right',
              render: (v: number, r) => (r.ranked ? formatPercent(v) : t('common.none')),
            },
            { title: t('par.band'), dataIndex: 'band', width: 90, render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.history.title', { agency: agencyName })}</h2>}>
        {history.isError ? <ErrorAlert error={history.error} onRetry={() => void history.refetch()} /> : null}
        {years.length > 0 ? (
          <div style={{ marginBottom: 16 }}>
            <ScoreBars
              labelWidth={80}
              items={years.map((h) => ({
                key: h.assessmentId,
                label: String(h.year),
                value: h.computedTotalHundredths,
                max: h.maxHundredths,
                valueText: t('par.dashboard.of_max', {
                  value: formatPoints(h.computedTotalHundredths) || t('common.none'),
                  max: formatPoints(h.maxHundredths),
                }),
              }))}
            />
          </div>
        ) : null}
        <Table<HistoryRow>
          size="small"
          rowKey="assessmentId"
          dataSource={years}
          loading={history.isFetching}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('par.history.empty')} /> }}
          columns={[
            { title: t('par.year'), dataIndex: 'year', width: 80 },
            { title: t('par.status_label'), dataIndex: 'status', width: 150, render: (_, h) => <AssessmentStatusTag status={h.status} /> },
            {
              title: t('par.history.total_col'),
              key: 'total',
              render: (_, h) => (
                <Space size={4} wrap>
                  <TotalWithCheck
                    computed={h.computedTotalHundredths}
                    reported={h.reportedTotalHundredths}
                    differs={
                      h.reportedTotalHundredths !== null && h.computedTotalHundredths !== null && h.reportedTotalHundredths !== h.computedTotalHundredths
                    }
                  />
                  {h.computedTotalHundredths !== null ? <Tag>{t(`par.layer.${h.totalLayer}`)}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('par.index'),
              dataIndex: 'percentBasisPoints',
              width: 110,
              align: 'right',
              render: (v: number | null) => formatPercent(v) || t('common.none'),
            },
            {
              title: (
                <Tooltip title={t('par.history.change_hint')}>
                  <span>{t('par.history.change')}</span>
                </Tooltip>
              ),
              key: 'change',
              width: 150,
              align: 'right',
              render: (_, h) =>
                h.changeHundredths === null || h.comparedWithYear === null ? (
                  <Tooltip title={t('par.history.change_none')}>
                    <span>{t('common.none')}</span>
                  </Tooltip>
                ) : (
                  t('par.history.change_vs', { change: signedPoints(h.changeHundredths), year: h.comparedWithYear })
                ),
            },
            {
              title: t('par.rank'),
              key: 'rank',
              width: 170,
              render: (_, h) =>
                h.rank === null ? (
                  t('common.none')
                ) : (
                  <Space size={4}>
                    {h.rankGroupSize ? t('par.rank_of', { rank: h.rank, size: h.rankGroupSize }) : h.rank}
                    {h.rankSource ? <Tag>{t(h.rankSource === 'published' ? 'par.rankings.published_tag' : 'par.rankings.computed_tag')}</Tag> : null}
                  </Space>
                ),
            },
            { title: t('par.band'), dataIndex: 'band', width: 80, render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </Card>
    </Space>
  );
}
