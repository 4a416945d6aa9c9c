import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getOverview, overviewKey, type Overview } from '../../api/overview';
import { formatDate, formatNumber, formatScore } from '../../format';
import { OnTimeChart } from './on-time-chart';

/** How often the tiles refresh on their own, besides when the window regains focus. */
const REFRESH_MS = 60_000;

/** Where each tile leads: the list with the filter whose total the tile shows (docs/overview.md). */
export const OVERVIEW_LINKS = {
  dossiersOpen: '/dossiers?queue=open',
  dossiersOverdue: '/dossiers?queue=overdue',
  dossiersDueToday: '/dossiers?queue=due_today',
  dossiersAlmostDue: '/dossiers?queue=almost_due',
  tasksOverdue: '/plans/tasks?scope=all&bucket=overdue',
  tasksDueThisWeek: '/plans/tasks?scope=all&bucket=due_this_week',
  reportsDue: '/reports?year=all&status=due',
  reportsLate: '/reports?year=all&status=late',
  par: '/par/dashboard',
} as const;

function Tile({ to, title, value, tone, suffix }: { to: string; title: string; value: ReactNode; tone?: 'danger' | 'warning'; suffix?: string }) {
  const color = tone === 'danger' ? '#b91c1c' : tone === 'warning' ? '#b45309' : undefined;
  return (
    <Col xs={12} md={8} xl={6}>
      <Link to={to} className="overview-tile" data-testid={`tile-${to}`}>
        <Card hoverable size="small">
          <Statistic title={title} value={value as string} styles={{ content: color ? { color } : {} }} suffix={suffix} />
        </Card>
      </Link>
    </Col>
  );
}

type UnitRow = {
  unitId: string;
  unitName: string;
  open?: number;
  overdue?: number;
  dueToday?: number;
  almostDue?: number;
  tasksOverdue?: number;
  tasksDueThisWeek?: number;
  reportsLate?: number;
};

/** One row per unit that has something to watch, joining the three sections. */
function unitRows(o: Overview): UnitRow[] {
  const rows = new Map<string, UnitRow>();
  const row = (unitId: string, unitName: string) => rows.get(unitId) ?? rows.set(unitId, { unitId, unitName }).get(unitId)!;
  for (const u of o.dossiers?.byUnit ?? [])
    Object.assign(row(u.unitId, u.unitName), { open: u.open, overdue: u.overdue, dueToday: u.dueToday, almostDue: u.almostDue });
  for (const u of o.tasks?.byUnit ?? []) Object.assign(row(u.unitId, u.unitName), { tasksOverdue: u.overdue, tasksDueThisWeek: u.dueThisWeek });
  for (const u of o.reports?.byUnit ?? []) Object.assign(row(u.unitId, u.unitName), { reportsLate: u.late });
  return [...rows.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
}

/** The home page of leaders, the PAR secretary and division heads: figures that open their lists. */
export function OverviewPanel() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: overviewKey, queryFn: getOverview, refetchInterval: REFRESH_MS, refetchOnWindowFocus: true });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <Alert type="error" showIcon message={t('overview.load_failed')} />;
  const o = q.data;
  const n = (v: number) => formatNumber(v);
  const units = unitRows(o);
  const num = (v: number | undefined) => (v ? n(v) : '');
  return (
    <section aria-labelledby="overview-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id="overview-title" style={{ fontSize: 20 }}>
        {t('overview.title', { date: formatDate(o.asOf) })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {o.dossiers && (
          <>
            <Tile to={OVERVIEW_LINKS.dossiersOpen} title={t('overview.dossiers.open')} value={n(o.dossiers.open)} />
            <Tile
              to={OVERVIEW_LINKS.dossiersOverdue}
              title={t('overview.dossiers.overdue')}
              value={n(o.dossiers.overdue)}
              tone={o.dossiers.overdue > 0 ? 'danger' : undefined}
            />
            <Tile
              to={OVERVIEW_LINKS.dossiersDueToday}
              title={t('overview.dossiers.due_today')}
              value={n(o.dossiers.dueToday)}
              tone={o.dossiers.dueToday > 0 ? 'warning' : undefined}
            />
            <Tile
              to={OVERVIEW_LINKS.dossiersAlmostDue}
              title={t('overview.dossiers.almost_due')}
              value={n(o.dossiers.almostDue)}
              tone={o.dossiers.almostDue > 0 ? 'warning' : undefined}
            />
          </>
        )}
        {o.tasks && (
          <>
            <Tile
              to={OVERVIEW_LINKS.tasksOverdue}
              title={t('overview.tasks.overdue')}
              value={n(o.tasks.overdue)}
              tone={o.tasks.overdue > 0 ? 'danger' : undefined}
            />
            <Tile to={OVERVIEW_LINKS.tasksDueThisWeek} title={t('overview.tasks.due_this_week')} value={n(o.tasks.dueThisWeek)} />
          </>
        )}
        {o.reports && (
          <>
            <Tile to={OVERVIEW_LINKS.reportsDue} title={t('overview.reports.due')} value={n(o.reports.due)} tone={o.reports.due > 0 ? 'warning' : undefined} />
            <Tile
              to={OVERVIEW_LINKS.reportsLate}
              title={t('overview.reports.late')}
              value={n(o.reports.late)}
              tone={o.reports.late > 0 ? 'danger' : undefined}
            />
          </>
        )}
        {o.par && (
          <>
            <Tile
              to={OVERVIEW_LINKS.par}
              title={t('overview.par.projected', { year: o.par.year })}
              value={o.par.projected === null ? t('overview.par.none') : formatScore(o.par.projected)}
              suffix={o.par.lastYear === null ? undefined : t('overview.par.last_year', { score: formatScore(o.par.lastYear) })}
            />
            <Tile to={OVERVIEW_LINKS.par} title={t('overview.par.at_risk')} value={formatScore(o.par.atRisk)} tone={o.par.atRisk > 0 ? 'danger' : undefined} />
            <Tile
              to={OVERVIEW_LINKS.par}
              title={t('overview.par.unknown')}
              value={formatScore(o.par.unknown)}
              tone={o.par.unknown > 0 ? 'warning' : undefined}
            />
          </>
        )}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {units.length > 0 && (
          <Col xs={24} xl={14}>
            <Card size="small" title={t('overview.by_unit.title')}>
              <Table<UnitRow>
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={units}
                scroll={{ x: true }}
                columns={[
                  { title: t('overview.by_unit.unit'), dataIndex: 'unitName' },
                  ...(o.dossiers
                    ? [
                        { title: t('overview.dossiers.open'), dataIndex: 'open', align: 'right' as const, render: num },
                        { title: t('overview.dossiers.overdue'), dataIndex: 'overdue', align: 'right' as const, render: num },
                        { title: t('overview.dossiers.due_today'), dataIndex: 'dueToday', align: 'right' as const, render: num },
                      ]
                    : []),
                  ...(o.tasks ? [{ title: t('overview.tasks.overdue'), dataIndex: 'tasksOverdue', align: 'right' as const, render: num }] : []),
                  ...(o.reports ? [{ title: t('overview.reports.late'), dataIndex: 'reportsLate', align: 'right' as const, render: num }] : []),
                ]}
              />
            </Card>
          </Col>
        )}
        {o.dossiers && (
          <Col xs={24} xl={10}>
            <Card size="small" title={t('overview.chart.title')}>
              <OnTimeChart months={o.dossiers.onTimeByMonth} />
            </Card>
          </Col>
        )}
      </Row>
    </section>
  );
}
