import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Space, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { dossierKeys, exportDossiers, listDossiers } from '../../api/dossiers';
import type { DossierListItem, DossierQuery, DossierQueue, DossierSort, SortOrder } from '../../api/types';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../errors';
import { formatNumber } from '../../format';
import { dossierColumns } from './dossier-columns';
import { saveBlob } from './dossier-format';
import { canReceiveDossiers } from './dossier-permissions';

export const QUEUES: readonly DossierQueue[] = ['to_receive', 'to_process', 'awaiting_supplement', 'almost_due', 'overdue', 'all'];
const SORTS: readonly DossierSort[] = ['code', 'receivedAt', 'dueAt', 'applicantName'];
const DATE_FORMAT = 'DD/MM/YYYY';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type ListQuery = DossierQuery & Required<Pick<DossierQuery, 'queue' | 'page' | 'pageSize' | 'sort' | 'order'>>;

/** Queue, filters, page and sort live in the URL, so a queue view can be bookmarked and shared. */
function readQuery(params: URLSearchParams): ListQuery {
  const queue = params.get('queue') as DossierQueue | null;
  const sort = params.get('sort') as DossierSort | null;
  const day = (key: string) => {
    const v = params.get(key);
    return v && DAY.test(v) ? v : undefined;
  };
  return {
    queue: queue && QUEUES.includes(queue) ? queue : 'to_process',
    q: params.get('q') ?? undefined,
    from: day('from'),
    to: day('to'),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Number(params.get('pageSize')) || 20,
    sort: sort && SORTS.includes(sort) ? sort : 'dueAt',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

export function DossiersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const dossiers = useQuery({ queryKey: dossierKeys.list(query), queryFn: () => listDossiers(query), placeholderData: keepPreviousData });

  const update = (patch: Partial<ListQuery>) => {
    const next = { ...query, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') out.set(k, String(v));
    setParams(out, { replace: true });
  };

  const download = useMutation({
    mutationFn: () => exportDossiers(query),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => {
      message.error(`${t('dossiers.queue.export_failed')}: ${errorMessage(error)}`);
    },
  });

  const counts = dossiers.data?.counts;
  const tabLabel = (queue: DossierQueue) => {
    const n = counts?.[queue];
    return n === undefined ? t(`dossiers.queues.${queue}`) : t('dossiers.queue.tab_count', { label: t(`dossiers.queues.${queue}`), count: formatNumber(n) });
  };
  const filtered = Boolean(query.q || query.from || query.to);

  return (
    <>
      <PageHeader
        title={t('dossiers.queue.title')}
        extra={
          <Space wrap>
            <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
              {t('dossiers.queue.export')}
            </Button>
            {canReceiveDossiers(me) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/dossiers/receive')}>
                {t('dossiers.receive.title')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={query.queue}
          onChange={(key) => update({ queue: key as DossierQueue, page: 1 })}
          items={QUEUES.map((queue) => ({ key: queue, label: tabLabel(queue) }))}
        />
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('dossiers.queue.search')} htmlFor="dossier-search">
            <Input.Search
              id="dossier-search"
              allowClear
              defaultValue={query.q}
              placeholder={t('dossiers.queue.search_placeholder')}
              onSearch={(q) => update({ q: q.trim() || undefined, page: 1 })}
              style={{ width: 320 }}
            />
          </Form.Item>
          <Form.Item label={t('dossiers.queue.received_from')} htmlFor="dossier-from">
            <DatePicker
              id="dossier-from"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              value={query.from ? dayjs(query.from, 'YYYY-MM-DD') : null}
              onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined, page: 1 })}
            />
          </Form.Item>
          <Form.Item label={t('dossiers.queue.received_to')} htmlFor="dossier-to">
            <DatePicker
              id="dossier-to"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              value={query.to ? dayjs(query.to, 'YYYY-MM-DD') : null}
              onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined, page: 1 })}
            />
          </Form.Item>
        </Form>
        {dossiers.isError ? <ErrorAlert error={dossiers.error} onRetry={() => void dossiers.refetch()} /> : null}
        <Table<DossierListItem>
          rowKey="id"
          columns={dossierColumns({ t, sort: query.sort, order: query.order })}
          dataSource={dossiers.data?.items ?? []}
          loading={dossiers.isFetching}
          scroll={{ x: 1180 }}
          locale={{ emptyText: <Empty description={filtered ? t('common.no_match') : t('dossiers.queue.empty')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: dossiers.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('dossiers.queue.total', { count: total }),
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as DossierSort | undefined;
            update({
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? 20,
              sort: s?.order && key && SORTS.includes(key) ? key : 'dueAt',
              order: (s?.order === 'descend' ? 'desc' : 'asc') as SortOrder,
            });
          }}
        />
      </Card>
    </>
  );
}
