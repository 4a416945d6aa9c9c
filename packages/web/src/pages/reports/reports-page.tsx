import { FileExcelOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  exportInstances,
  generateInstances,
  listInstances,
  reportKeys,
  type InstanceQuery,
  type InstanceSort,
  type ReportInstance,
  type ReportStatus,
} from '../../api/reports';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useUrlQuery } from '../../components/use-url-query';
import { errorMessage } from '../../errors';
import { formatDate } from '../../format';
import { saveBlob } from '../procedures/procedure-format';
import { REPORT_STATUSES, StatusTag } from './report-format';

const SORTS: readonly InstanceSort[] = ['dueOn', 'name', 'periodTo', 'sentOn'];
type ListQuery = InstanceQuery & Required<Pick<InstanceQuery, 'page' | 'pageSize' | 'sort' | 'order'>>;

/** Filters, page and sort live in the URL so a filtered list can be bookmarked and shared. */
function readQuery(params: URLSearchParams, thisYear: number): ListQuery {
  const status = params.get('status') as ReportStatus | null;
  const sort = params.get('sort') as InstanceSort | null;
  const year = params.get('year');
  return {
    year: year === 'all' ? undefined : Number(year) || thisYear,
    status: status && REPORT_STATUSES.includes(status) ? status : undefined,
    unitId: params.get('unitId') ?? undefined,
    obligationId: params.get('obligationId') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Number(params.get('pageSize')) || 20,
    sort: sort && SORTS.includes(sort) ? sort : 'dueOn',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

export function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const thisYear = new Date().getFullYear();
  const { query, update } = useUrlQuery((params) => readQuery(params, thisYear));
  const list = useQuery({ queryKey: reportKeys.list(query), queryFn: () => listInstances(query), placeholderData: keepPreviousData });
  const manages = hasPermission(me, 'report.manage');

  const download = useMutation({
    mutationFn: () => exportInstances(query),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (e) => message.error(`${t('reports.export_failed')}: ${errorMessage(e)}`),
  });
  const generate = useMutation({
    mutationFn: () => generateInstances(query.year ?? thisYear),
    onSuccess: (r) => {
      message.success(t('reports.generated', { created: r.created, updated: r.updated }));
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const sortOrder = (key: InstanceSort) => (query.sort === key ? (query.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: ColumnsType<ReportInstance> = [
    {
      key: 'name',
      title: t('reports.col.name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, r) => <Link to={`/reports/instances/${r.id}`}>{r.name}</Link>,
    },
    {
      key: 'period',
      title: t('reports.col.period'),
      width: 190,
      render: (_, r) => `${r.periodKey} (${t('reports.period_range', { from: formatDate(r.periodFrom), to: formatDate(r.periodTo) })})`,
    },
    { key: 'dueOn', title: t('reports.col.due_on'), width: 120, sorter: true, sortOrder: sortOrder('dueOn'), render: (_, r) => formatDate(r.dueOn) },
    { key: 'unit', title: t('reports.col.unit'), width: 200, render: (_, r) => r.responsibleUnitName ?? '' },
    { key: 'status', title: t('reports.col.status'), width: 140, render: (_, r) => <StatusTag t={t} status={r.status} /> },
    { key: 'sentOn', title: t('reports.col.sent_on'), width: 120, sorter: true, sortOrder: sortOrder('sentOn'), render: (_, r) => formatDate(r.sentOn) },
  ];

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        extra={
          <Space wrap>
            <Link to="/reports/obligations">
              <Button icon={<SettingOutlined />}>{t('reports.open_obligations')}</Button>
            </Link>
            <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
              {t('reports.export_xlsx')}
            </Button>
            {manages ? (
              <Button icon={<ReloadOutlined />} loading={generate.isPending} onClick={() => generate.mutate()}>
                {t('reports.generate')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('reports.year')} htmlFor="report-year">
            <InputNumber
              id="report-year"
              min={2000}
              max={2100}
              value={query.year}
              onChange={(year) => update({ year: year ?? undefined, page: 1 })}
              style={{ width: 100 }}
            />
          </Form.Item>
          <Form.Item label={t('reports.status_label')} htmlFor="report-status">
            <Select
              id="report-status"
              allowClear
              placeholder={t('reports.all_statuses')}
              value={query.status}
              options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
              onChange={(status?: ReportStatus) => update({ status, page: 1 })}
              style={{ width: 170 }}
            />
          </Form.Item>
          <Form.Item label={t('reports.unit')} htmlFor="report-unit">
            <UnitTreeSelect
              id="report-unit"
              allowClear
              placeholder={t('reports.all_units')}
              value={query.unitId}
              onChange={(unitId) => update({ unitId, page: 1 })}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item label={t('reports.search')} htmlFor="report-search">
            <Input.Search
              id="report-search"
              allowClear
              defaultValue={query.q}
              placeholder={t('reports.search_placeholder')}
              onSearch={(q) => update({ q: q.trim() || undefined, page: 1 })}
              style={{ width: 280 }}
            />
          </Form.Item>
        </Form>
        {query.obligationId ? (
          <Tag closable style={{ marginBottom: 12 }} onClose={() => update({ obligationId: undefined, page: 1 })}>
            {t('reports.obligation_filter')}
          </Tag>
        ) : null}
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<ReportInstance>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          locale={{
            emptyText: <Empty description={query.q || query.status || query.unitId || query.obligationId ? t('common.no_match') : t('reports.empty')} />,
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('reports.total', { count: total }),
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as InstanceSort | undefined;
            update({
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? 20,
              sort: s?.order && key && SORTS.includes(key) ? key : 'dueOn',
              order: s?.order === 'descend' ? 'desc' : 'asc',
            });
          }}
        />
      </Card>
    </>
  );
}
