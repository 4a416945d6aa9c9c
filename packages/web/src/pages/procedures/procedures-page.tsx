import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportProcedures, listProcedures, listSectors, procedureKeys } from '../../api/procedures';
import type { ProcedureFilters, ProcedureQuery, ProcedureSort, ProcedureStatus, ProcedureSummary, SortOrder } from '../../api/types';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useUrlQuery } from '../../components/use-url-query';
import { errorMessage } from '../../errors';
import { ImportModal } from './import-modal';
import { procedureColumns } from './procedure-columns';
import { saveBlob } from './procedure-format';
import { ProcedureFormModal } from './procedure-form-modal';

const SORTS: readonly ProcedureSort[] = ['code', 'name', 'updatedAt'];
const STATUSES: readonly ProcedureStatus[] = ['active', 'inactive'];

type ListQuery = Required<Pick<ProcedureQuery, 'page' | 'pageSize' | 'sort' | 'order'>> & ProcedureQuery;

/** Filters, page and sort live in the URL so a filtered list can be bookmarked and shared. */
function readQuery(params: URLSearchParams): ListQuery {
  const sort = params.get('sort') as ProcedureSort | null;
  const status = params.get('status') as ProcedureStatus | null;
  return {
    q: params.get('q') ?? undefined,
    sector: params.get('sector') ?? undefined,
    status: status && STATUSES.includes(status) ? status : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Number(params.get('pageSize')) || 20,
    sort: sort && SORTS.includes(sort) ? sort : 'code',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

export function ProceduresPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { query, update } = useUrlQuery(readQuery);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const procedures = useQuery({ queryKey: procedureKeys.list(query), queryFn: () => listProcedures(query), placeholderData: keepPreviousData });
  const sectors = useQuery({ queryKey: procedureKeys.sectors, queryFn: listSectors, staleTime: 60_000 });
  const manages = hasPermission(me, 'procedure.manage');

  const filters: ProcedureFilters = { q: query.q, sector: query.sector, status: query.status };
  const download = useMutation({
    mutationFn: (format: 'xlsx' | 'csv') => exportProcedures(filters, format),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => message.error(`${t('procedures.export_failed')}: ${errorMessage(error)}`),
  });

  const sectorOptions = (sectors.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));
  if (query.sector && !sectorOptions.some((o) => o.value === query.sector)) sectorOptions.push({ value: query.sector, label: query.sector });

  return (
    <>
      <PageHeader
        title={t('procedures.title')}
        extra={
          <Space wrap>
            <Button icon={<FileExcelOutlined />} loading={download.isPending && download.variables === 'xlsx'} onClick={() => download.mutate('xlsx')}>
              {t('procedures.export_xlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={download.isPending && download.variables === 'csv'} onClick={() => download.mutate('csv')}>
              {t('procedures.export_csv')}
            </Button>
            {manages ? (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('procedures.import.open')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('procedures.create')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('procedures.search')} htmlFor="procedure-search">
            <Input.Search
              id="procedure-search"
              allowClear
              defaultValue={query.q}
              placeholder={t('procedures.search_placeholder')}
              onSearch={(q) => update({ q: q.trim() || undefined, page: 1 })}
              // Wide enough for the whole placeholder at 1366 px (issue #13 item 10).
              style={{ width: 360 }}
            />
          </Form.Item>
          <Form.Item label={t('procedures.sector')} htmlFor="procedure-sector-filter">
            <Select
              id="procedure-sector-filter"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('procedures.all_sectors')}
              value={query.sector}
              options={sectorOptions}
              onChange={(sector?: string) => update({ sector, page: 1 })}
              style={{ width: 260 }}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('procedures.status_label')} htmlFor="procedure-status-filter">
            <Select
              id="procedure-status-filter"
              allowClear
              placeholder={t('procedures.all_statuses')}
              value={query.status}
              options={STATUSES.map((s) => ({ value: s, label: t(`procedures.status.${s}`) }))}
              onChange={(status?: ProcedureStatus) => update({ status, page: 1 })}
              style={{ width: 180 }}
            />
          </Form.Item>
        </Form>
        {procedures.isError ? <ErrorAlert error={procedures.error} onRetry={() => void procedures.refetch()} /> : null}
        <Table<ProcedureSummary>
          rowKey="id"
          columns={procedureColumns({ t, sort: query.sort, order: query.order })}
          dataSource={procedures.data?.items ?? []}
          loading={procedures.isFetching}
          // Fits a 1366-pixel screen beside the sidebar; the name column takes what is left.
          tableLayout="fixed"
          scroll={{ x: 1040 }}
          locale={{ emptyText: <Empty description={query.q || query.sector || query.status ? t('common.no_match') : t('procedures.empty')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: procedures.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('procedures.total', { count: total }),
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as ProcedureSort | undefined;
            update({
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? 20,
              sort: s?.order && key && SORTS.includes(key) ? key : 'code',
              order: (s?.order === 'descend' ? 'desc' : 'asc') as SortOrder,
            });
          }}
        />
      </Card>
      {manages ? <ProcedureFormModal open={creating} procedure={null} onClose={() => setCreating(false)} /> : null}
      {manages ? <ImportModal open={importing} onClose={() => setImporting(false)} /> : null}
    </>
  );
}
