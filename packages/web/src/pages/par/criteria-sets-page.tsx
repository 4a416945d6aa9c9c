import { CopyOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { exportCriteriaSet, exportCriteriaSetXlsx, listCriteriaSets, parKeys } from '../../api/par';
import type { CriteriaSetSummary } from '../../api/par-types';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../errors';
import { formatDate, formatInstant } from '../../format';
import { saveBlob } from '../procedures/procedure-format';
import { SetStatusTag } from './par-tags';
import { CloneSetModal, CreateSetModal, ImportSetModal } from './set-modals';
import { ImportSetXlsxModal } from './set-xlsx-import-modal';

/** The criteria sets of the user's units and the units above them, newest year first. */
export function CriteriaSetsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const sets = useQuery({ queryKey: parKeys.sets, queryFn: listCriteriaSets });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importingXlsx, setImportingXlsx] = useState(false);
  const [cloning, setCloning] = useState<CriteriaSetSummary | null>(null);
  const manages = hasPermission(me, 'par.manage_criteria');
  const download = useMutation({
    mutationFn: (id: string) => exportCriteriaSet(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => message.error(errorMessage(error)),
  });
  const downloadXlsx = useMutation({
    mutationFn: (id: string) => exportCriteriaSetXlsx(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => message.error(errorMessage(error)),
  });
  const rows = [...(sets.data?.items ?? [])].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, 'vi'));

  return (
    <>
      <PageHeader
        title={t('par.sets.title')}
        extra={
          manages ? (
            <Space wrap>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('par.sets.import')}
              </Button>
              <Button icon={<FileExcelOutlined />} onClick={() => setImportingXlsx(true)}>
                {t('par.sets.xlsx_import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('par.sets.create')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card>
        {sets.isError ? <ErrorAlert error={sets.error} onRetry={() => void sets.refetch()} /> : null}
        <Table<CriteriaSetSummary>
          rowKey="id"
          dataSource={rows}
          loading={sets.isFetching}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={t('par.sets.empty')} /> }}
          columns={[
            { title: t('par.year'), dataIndex: 'year', width: 80 },
            {
              title: t('par.sets.title_label'),
              dataIndex: 'title',
              render: (title: string, s) => <Link to={`/par/criteria-sets/${s.id}`}>{title}</Link>,
            },
            { title: t('par.sets.scope'), dataIndex: 'scope', width: 130 },
            { title: t('par.sets.status_label'), dataIndex: 'status', width: 130, render: (_, s) => <SetStatusTag status={s.status} /> },
            {
              title: t('par.sets.legal_basis'),
              key: 'basis',
              width: 210,
              render: (_, s) =>
                s.legalBasisNumber
                  ? s.legalBasisDate
                    ? t('par.sets.legal_basis_text', { number: s.legalBasisNumber, date: formatDate(s.legalBasisDate) })
                    : s.legalBasisNumber
                  : t('common.none'),
            },
            { title: t('par.sets.updated_at'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 150,
              render: (_, s) => (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    aria-label={t('par.sets.export_named', { title: s.title })}
                    title={t('par.sets.export')}
                    loading={download.isPending && download.variables === s.id}
                    onClick={() => download.mutate(s.id)}
                  />
                  <Button
                    size="small"
                    icon={<FileExcelOutlined />}
                    aria-label={t('par.sets.xlsx_export_named', { title: s.title })}
                    title={t('par.sets.xlsx_export')}
                    loading={downloadXlsx.isPending && downloadXlsx.variables === s.id}
                    onClick={() => downloadXlsx.mutate(s.id)}
                  />
                  {s.can.manage ? (
                    <Button
                      size="small"
                      icon={<CopyOutlined />}
                      aria-label={t('par.sets.clone_named', { title: s.title })}
                      title={t('par.sets.clone')}
                      onClick={() => setCloning(s)}
                    />
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {manages ? <CreateSetModal open={creating} onClose={() => setCreating(false)} /> : null}
      {manages ? <ImportSetModal open={importing} onClose={() => setImporting(false)} /> : null}
      {manages ? <ImportSetXlsxModal open={importingXlsx} onClose={() => setImportingXlsx(false)} /> : null}
      {manages ? <CloneSetModal source={cloning} onClose={() => setCloning(null)} /> : null}
    </>
  );
}
