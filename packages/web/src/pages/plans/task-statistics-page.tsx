import { FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { exportStatistics, planKeys, taskStatistics, type StatisticsRow } from '../../api/plans';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../errors';
import { formatDate } from '../../format';
import { saveBlob } from '../procedures/procedure-format';
import { rateText } from './plan-tags';

/** Tasks due in a year in the national follow-up shape (report 1270/BC-TCTTTg), by unit and by assigning document. */
export function TaskStatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const stats = useQuery({ queryKey: planKeys.statistics({ year }), queryFn: () => taskStatistics({ year }) });
  const download = useMutation({
    mutationFn: () => exportStatistics({ year }),
    onSuccess: (f) => saveBlob(f.blob, f.fileName),
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns = (first: string) => [
    { key: 'name', title: first, render: (_: unknown, r: StatisticsRow) => r.name },
    { key: 'total', title: t('plans.stats.total'), width: 110, align: 'right' as const, render: (_: unknown, r: StatisticsRow) => r.total },
    { key: 'on_time', title: t('plans.bucket.done_on_time'), width: 130, align: 'right' as const, render: (_: unknown, r: StatisticsRow) => r.done_on_time },
    { key: 'late', title: t('plans.bucket.done_late'), width: 130, align: 'right' as const, render: (_: unknown, r: StatisticsRow) => r.done_late },
    { key: 'in_time', title: t('plans.bucket.in_time'), width: 130, align: 'right' as const, render: (_: unknown, r: StatisticsRow) => r.in_time },
    { key: 'overdue', title: t('plans.bucket.overdue'), width: 130, align: 'right' as const, render: (_: unknown, r: StatisticsRow) => r.overdue },
    {
      key: 'rate',
      title: t('plans.stats.rate'),
      width: 140,
      align: 'right' as const,
      render: (_: unknown, r: StatisticsRow) => rateText(r.completionRateBasisPoints),
    },
  ];
  const s = stats.data;
  return (
    <>
      <PageHeader
        title={t('plans.statistics_title')}
        extra={
          <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            {t('plans.stats.export')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Form.Item label={t('plans.year')} htmlFor="stats-year" style={{ margin: 0 }}>
            <InputNumber id="stats-year" min={2000} max={2100} value={year} onChange={(v) => setParams(v ? { year: String(v) } : {}, { replace: true })} />
          </Form.Item>
          {s ? <span>{t('plans.stats.period', { from: formatDate(s.from), to: formatDate(s.to), asOf: formatDate(s.asOf) })}</span> : null}
        </Space>
      </Card>
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Card title={t('plans.stats.by_unit')} style={{ marginBottom: 16 }}>
        <Table<StatisticsRow>
          rowKey="id"
          size="middle"
          loading={stats.isFetching}
          dataSource={s?.byUnit ?? []}
          columns={columns(t('plans.task.unit'))}
          pagination={false}
          summary={() =>
            s ? (
              <Table.Summary.Row>
                {columns(t('plans.stats.sum')).map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i} align={c.align}>
                    <strong>{c.render(null, { ...s.total, name: t('plans.stats.sum') })}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card title={t('plans.stats.by_plan')} style={{ marginBottom: 16 }}>
        <Table<StatisticsRow>
          rowKey="id"
          size="middle"
          loading={stats.isFetching}
          dataSource={s?.byPlan ?? []}
          columns={columns(t('plans.task.plan'))}
          pagination={false}
        />
      </Card>
      <Card title={t('plans.stats.overdue_tasks')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={s?.overdueTasks ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { key: 'title', title: t('plans.task.title'), render: (_, r) => <Link to={`/plans/tasks/${r.id}`}>{r.title}</Link> },
            { key: 'unit', title: t('plans.task.unit'), width: 220, render: (_, r) => r.unitName },
            { key: 'due', title: t('plans.task.due_on'), width: 120, render: (_, r) => formatDate(r.dueOn) },
          ]}
        />
      </Card>
    </>
  );
}
