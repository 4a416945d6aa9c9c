import { auditLabel } from '@cchc/domain';
import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditKeys, exportAudit, listAudit } from '../../../api/audit';
import type { AuditEntry, AuditQuery } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { currentSearchParams } from '../../../components/use-url-query';
import { errorMessage } from '../../../errors';
import { formatInstant } from '../../../format';
import { AuditDiff } from './audit-diff';
import { AuditFiltersForm, type AuditFilters } from './audit-filters';

const FILTER_KEYS = ['entity', 'action', 'actorId', 'actorName', 'from', 'to'] as const;

function readFilters(params: URLSearchParams): AuditFilters {
  const out: AuditFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A user by name, a citizen by the name they filed under with a tag, the system by its word. */
function AuditActorCell({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.actorKind === 'system') return <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>;
  if (entry.actorKind === 'citizen')
    return (
      <>
        {entry.actorName} <Tag>{t('audit.citizen')}</Tag>
      </>
    );
  return <>{entry.actorName}</>;
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || 20;
  const { actorName: _actorName, ...serverFilters } = filters;
  const query: AuditQuery = { ...serverFilters, page, pageSize };
  const audit = useQuery({ queryKey: auditKeys.list(query), queryFn: () => listAudit(query), placeholderData: keepPreviousData });

  const update = (next: AuditFilters, nextPage = 1, nextSize = pageSize) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) out.set(k, v);
    out.set('page', String(nextPage));
    out.set('pageSize', String(nextSize));
    setParams(out, { replace: true });
  };

  const download = useMutation({
    mutationFn: () => exportAudit(serverFilters),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => {
      message.error(`${t('audit.export_failed')}: ${errorMessage(error)}`);
    },
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatInstant(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (_: unknown, e) => <AuditActorCell entry={e} /> },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => auditLabel('action', v, lang) },
    { title: t('audit.entity'), dataIndex: 'entity', render: (v: string) => auditLabel('entity', v, lang) },
    {
      title: t('audit.entity_id'),
      dataIndex: 'entityId',
      render: (v: string | null) =>
        v ? (
          <Typography.Text code copyable>
            {v}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            {t('audit.export')}
          </Button>
        }
      />
      <Card>
        <AuditFiltersForm value={filters} onChange={(f) => update(f)} />
        {audit.isError ? <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          expandable={{
            columnTitle: <span className="sr-only">{t('audit.details')}</span>,
            expandedRowRender: (entry) => <AuditDiff entity={entry.entity} before={entry.before} after={entry.after} />,
            rowExpandable: (entry) => entry.before != null || entry.after != null,
          }}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('audit.total', { count: total }),
          }}
          onChange={(p) => update(readFilters(currentSearchParams()), p.current ?? 1, p.pageSize ?? pageSize)}
        />
      </Card>
    </>
  );
}
