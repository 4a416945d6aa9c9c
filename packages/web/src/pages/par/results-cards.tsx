import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { getHistory, getRankings, parKeys } from '../../api/par';
import type { HistoryRow, RankingRow } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { formatPercent, formatPoints } from './par-format';
import { AssessmentStatusTag } from './par-tags';
import { ScoreBars } from './score-bars';
import { TotalWithCheck } from './totals';

function signed(hundredths: number): string {
  return hundredths > 0 ? `+${formatPoints(hundredths)}` : hundredths < 0 ? `−${formatPoints(-hundredths)}` : formatPoints(0);
}

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
              width: 120,
              render: (_, r) => (r.ranked && r.rank !== null ? t('par.rank_of', { rank: r.rank, size: r.groupSize }) : <Tag>{t('par.rankings.unranked')}</Tag>),
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
              title: t('par.totals.computed'),
              key: 'total',
              render: (_, h) => (
                <TotalWithCheck
                  computed={h.computedTotalHundredths}
                  reported={h.reportedTotalHundredths}
                  differs={h.reportedTotalHundredths !== null && h.computedTotalHundredths !== null && h.reportedTotalHundredths !== h.computedTotalHundredths}
                />
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
              title: t('par.history.change'),
              dataIndex: 'changeHundredths',
              width: 110,
              align: 'right',
              render: (v: number | null) => (v === null ? t('common.none') : signed(v)),
            },
            {
              title: t('par.rank'),
              key: 'rank',
              width: 110,
              render: (_, h) =>
                h.reportedRank ? (h.rankGroupSize ? t('par.rank_of', { rank: h.reportedRank, size: h.rankGroupSize }) : h.reportedRank) : t('common.none'),
            },
            { title: t('par.band'), dataIndex: 'band', width: 80, render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </Card>
    </Space>
  );
}
