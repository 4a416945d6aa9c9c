import { FileExcelOutlined, FilterOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Grid, Input, Select, Space, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useEffect, useState } from 'react';
import { dossierKeys, exportDossiers, listDossiers } from '../../api/dossiers';
import type { DossierChannel, DossierListItem, DossierQueue, DossierSort, DossierStatus, SortOrder } from '../../api/types';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { currentSearchParams, useUrlQuery } from '../../components/use-url-query';
import { errorMessage } from '../../errors';
import { formatDate, formatNumber } from '../../format';
import { dossierColumns, dossierPhoneColumns } from './dossier-columns';
import { saveBlob } from './dossier-format';
import { DossierBulkAssignModal } from './dossier-bulk-assign-modal';
import { canAssignDossiers, canProcessDossiers, canReceiveDossiers } from './dossier-permissions';
import { CHANNELS, defaultQueue, isFiltered, PAGE_SIZES, readQuery, SORTS, STATUSES, visibleQueues } from './dossier-query';
import { ProcedureSelect } from './procedure-select';
import './dossier-queue.css';

const DATE_FORMAT = 'DD/MM/YYYY';

/** "Xử lý hồ sơ": the work queues as tabs with their counts, filters, search, sorting and the Excel export. */
export function DossiersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const processes = canProcessDossiers(me);
  const receives = canReceiveDossiers(me);
  const assigns = canAssignDossiers(me);
  const { query, update } = useUrlQuery((params) => readQuery(params, defaultQueue({ process: processes, receive: receives })));
  const dossiers = useQuery({ queryKey: dossierKeys.list(query), queryFn: () => listDossiers(query), placeholderData: keepPreviousData });
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  // Narrower than antd's `md` (768 px): rows become small cards and the filters stack (issue #13 item 10).
  const phone = Grid.useBreakpoint().md === false;
  const [moreFilters, setMoreFilters] = useState(false);

  // The desk opens on the results waiting to be returned when there are any (issue #13 item 4): once
  // the first answer tells the count, a URL that names no queue moves there. The address is read as it
  // is now: a queue chosen meanwhile may not have been rendered yet (components/use-url-query.ts).
  const resultReady = dossiers.data?.counts.result_ready;
  useEffect(() => {
    if (resultReady === undefined || currentSearchParams().has('queue')) return;
    const start = defaultQueue({ process: processes, receive: receives }, resultReady);
    if (start !== query.queue) update({ queue: start });
    // Only when the count first arrives for a URL without a queue.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resultReady]);

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
  const queues = visibleQueues({ process: processes, receive: receives, assign: assigns }, query.queue);
  const bulk = assigns && query.queue === 'to_assign';
  const filtered = isFiltered(query);

  return (
    <>
      <PageHeader
        title={t('dossiers.queue.title')}
        extra={
          <Space wrap>
            {bulk ? (
              <Button icon={<TeamOutlined />} disabled={selected.length === 0} onClick={() => setBulkOpen(true)}>
                {t('dossiers.bulk_assign.button', { count: selected.length })}
              </Button>
            ) : null}
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
      <Card className="dossier-queue-card">
        {phone ? (
          // On a phone the queues are a select: eight tabs do not fit, and the tabs' overflow menu is not a tab.
          <Form.Item label={t('dossiers.queue.queue_select')} htmlFor="dossier-queue-select" style={{ marginBottom: 8 }}>
            <Select<DossierQueue>
              id="dossier-queue-select"
              value={query.queue}
              onChange={(queue) => {
                setSelected([]);
                update({ queue, page: 1 });
              }}
              options={queues.map((queue) => ({ value: queue, label: tabLabel(queue) }))}
            />
          </Form.Item>
        ) : (
          <Tabs
            size="small"
            activeKey={query.queue}
            onChange={(key) => {
              setSelected([]);
              update({ queue: key as DossierQueue, page: 1 });
            }}
            items={queues.map((queue) => ({ key: queue, label: tabLabel(queue) }))}
          />
        )}
        {query.figure && query.figureFrom && query.figureTo ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('dossiers.statistics.drill_down', {
              figure: t(`dossiers.statistics.rows.${query.figure}`),
              from: formatDate(query.figureFrom),
              to: formatDate(query.figureTo),
            })}
            action={
              <Button
                size="small"
                onClick={() =>
                  update({
                    figure: undefined,
                    figureFrom: undefined,
                    figureTo: undefined,
                    withinUnitId: undefined,
                    decidingUnitId: undefined,
                    sectorCode: undefined,
                    officerId: undefined,
                    page: 1,
                  })
                }
              >
                {t('dossiers.statistics.drill_down_clear')}
              </Button>
            }
          />
        ) : null}
        <Form
          layout="inline"
          className={phone ? 'dossier-filters dossier-filters-phone' : 'dossier-filters'}
          style={{ marginBottom: 12, rowGap: 8 }}
          onSubmitCapture={(e) => e.preventDefault()}
        >
          <Form.Item label={t('dossiers.queue.search')} htmlFor="dossier-search">
            <Input.Search
              // Remount when the URL's text changes (e.g. "clear filters"), the field is uncontrolled.
              key={query.q ?? ''}
              id="dossier-search"
              allowClear
              defaultValue={query.q}
              placeholder={t('dossiers.queue.search_placeholder')}
              onSearch={(q) => update({ q: q.trim() || undefined, page: 1 })}
              style={{ width: 280 }}
            />
          </Form.Item>
          {/* On a phone the further filters open on demand, so the list starts on the first screen. */}
          {phone && !moreFilters ? (
            <Form.Item>
              <Button icon={<FilterOutlined />} onClick={() => setMoreFilters(true)} aria-expanded={false}>
                {t('dossiers.queue.more_filters')}
              </Button>
            </Form.Item>
          ) : (
            <>
              <Form.Item label={t('dossiers.fields.status')} htmlFor="dossier-status">
                <Select<DossierStatus>
                  id="dossier-status"
                  allowClear
                  value={query.status}
                  placeholder={t('dossiers.queue.any_status')}
                  onChange={(status) => update({ status, page: 1 })}
                  options={STATUSES.map((s) => ({ value: s, label: t(`dossiers.status.${s}`) }))}
                  style={{ width: 220 }}
                />
              </Form.Item>
              <Form.Item label={t('dossiers.fields.channel')} htmlFor="dossier-channel">
                <Select<DossierChannel>
                  id="dossier-channel"
                  allowClear
                  value={query.channel}
                  placeholder={t('dossiers.queue.any_channel')}
                  onChange={(channel) => update({ channel, page: 1 })}
                  options={CHANNELS.map((c) => ({ value: c, label: t(`dossiers.channel.${c}`) }))}
                  style={{ width: 150 }}
                />
              </Form.Item>
              <Form.Item label={t('dossiers.fields.procedure')} htmlFor="dossier-procedure">
                <div style={{ width: 320 }}>
                  <ProcedureSelect
                    id="dossier-procedure"
                    value={query.procedureId}
                    placeholder={t('dossiers.queue.any_procedure')}
                    onChange={(procedureId) => update({ procedureId, page: 1 })}
                  />
                </div>
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
            </>
          )}
          {filtered ? (
            <Form.Item>
              <Button
                onClick={() => update({ q: undefined, status: undefined, channel: undefined, procedureId: undefined, from: undefined, to: undefined, page: 1 })}
              >
                {t('dossiers.queue.clear_filters')}
              </Button>
            </Form.Item>
          ) : null}
        </Form>
        {dossiers.isError ? <ErrorAlert error={dossiers.error} onRetry={() => void dossiers.refetch()} /> : null}
        <Table<DossierListItem>
          rowKey="id"
          size="small"
          className={phone ? 'dossier-queue dossier-queue-phone' : 'dossier-queue'}
          rowSelection={bulk ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
          columns={phone ? dossierPhoneColumns({ t }) : dossierColumns({ t, sort: query.sort, order: query.order })}
          dataSource={dossiers.data?.items ?? []}
          loading={dossiers.isFetching}
          scroll={phone ? undefined : { x: 1480 }}
          locale={{ emptyText: <Empty description={filtered ? t('common.no_match') : t('dossiers.queue.empty')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: dossiers.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [...PAGE_SIZES],
            showTotal: (total) => t('dossiers.queue.total', { count: total }),
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as DossierSort | undefined;
            const pageSize = pagination.pageSize ?? 20;
            update({
              page: pageSize === query.pageSize ? (pagination.current ?? 1) : 1,
              pageSize,
              sort: s?.order && key && SORTS.includes(key) ? key : 'dueAt',
              order: (s?.order === 'descend' ? 'desc' : 'asc') as SortOrder,
            });
          }}
        />
      </Card>
      <DossierBulkAssignModal
        ids={bulkOpen ? selected : []}
        onClose={() => setBulkOpen(false)}
        onDone={() => {
          setBulkOpen(false);
          setSelected([]);
        }}
      />
    </>
  );
}
