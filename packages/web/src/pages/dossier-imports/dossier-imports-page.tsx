import { formatPercent, ratioBasisPoints } from '@cchc/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelImport, downloadImportErrors, getImport, importKeys, listImports, startImport, type ImportJob } from '../../api/dossier-imports';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { errorMessage, fieldErrorMessage } from '../../errors';
import { formatInstant, formatNumber } from '../../format';

// Imports dossiers from another one-stop system (docs/dossier-imports.md): the user picks the unit and a
// file; the job's progress (rows read, valid, written, errors) is polled until it ends; errors are listed
// with their row and column and can be downloaded to fix the file.

const STATUS_COLOR: Record<ImportJob['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error', cancelled: 'warning' };
const running = (j: ImportJob | undefined) => !!j && (j.status === 'queued' || j.status === 'running');

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

function JobCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const job = useQuery({ queryKey: importKeys.one(id), queryFn: () => getImport(id), refetchInterval: (q) => (running(q.state.data) ? 500 : false) });
  const cancel = useMutation({
    mutationFn: () => cancelImport(id),
    onSuccess: (j) => queryClient.setQueryData(importKeys.one(id), j),
    onError: (e) => message.error(errorMessage(e)),
  });
  const download = useMutation({ mutationFn: (format: 'xlsx' | 'csv') => downloadImportErrors(id, format), onSuccess: (f) => saveBlob(f.blob, f.fileName) });
  const j = job.data;
  const ended = !!j && !running(j);
  // The recent-imports list shows the job's status too: refresh it once the job has ended.
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: importKeys.all, exact: true });
  }, [ended, queryClient]);
  if (!j) return null;
  // The job does not know the row total before it has read the file, but it knows how far it has read:
  // the bar follows the bytes read (up to 90 %), then the checks, then the one-transaction switch's statements
  // (90–99 %; PostgreSQL reports them as they finish, SQLite only at the commit), then the end; the counters
  // beside it are the rows (docs/dossier-imports.md#the-switch).
  const read = j.sizeBytes > 0 ? ratioBasisPoints(Math.min(j.bytesRead, j.sizeBytes), j.sizeBytes) : 0;
  const phase = j.status !== 'running' ? null : (j.phase ?? (j.sizeBytes > 0 && j.bytesRead >= j.sizeBytes ? 'switching' : 'reading'));
  const reading = Math.floor((read ?? 0) * 0.009);
  const percent =
    j.status === 'queued'
      ? 0
      : phase === 'switching'
        ? 90 + Math.floor((9 * j.phaseStep) / Math.max(1, j.phaseSteps))
        : phase === 'checking'
          ? 90
          : phase === 'reading'
            ? reading
            : 100;
  return (
    <Card title={j.fileName} extra={<Tag color={STATUS_COLOR[j.status]}>{t(`dossierImports.status.${j.status}`)}</Tag>} data-testid="import-job">
      <Progress
        percent={percent}
        status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'}
        aria-label={t('dossierImports.progress')}
      />
      {j.status === 'running' && (
        <Typography.Text type="secondary" data-testid="import-phase">
          {phase === 'switching'
            ? t('dossierImports.phase_switching', { step: j.phaseStep, steps: j.phaseSteps })
            : phase === 'checking'
              ? t('dossierImports.phase_checking')
              : t('dossierImports.phase_reading', { percent: formatPercent(read) })}
        </Typography.Text>
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 3, md: 5 }}>
        <Descriptions.Item label={t('dossierImports.rows_read')}>{formatNumber(j.rowsRead)}</Descriptions.Item>
        <Descriptions.Item label={t('dossierImports.rows_valid')}>{formatNumber(j.rowsValid)}</Descriptions.Item>
        <Descriptions.Item label={t('dossierImports.rows_written')}>{formatNumber(j.rowsWritten)}</Descriptions.Item>
        <Descriptions.Item label={t('dossierImports.rows_unchanged')}>{formatNumber(j.rowsUnchanged)}</Descriptions.Item>
        <Descriptions.Item label={t('dossierImports.error_count')}>{formatNumber(j.errorCount)}</Descriptions.Item>
      </Descriptions>
      {j.can.cancel && (
        <Button danger loading={cancel.isPending} onClick={() => cancel.mutate()}>
          {t('dossierImports.cancel')}
        </Button>
      )}
      {j.failure && <Alert type="error" showIcon message={j.failure} />}
      {j.errorCount > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Typography.Title level={5}>{t('dossierImports.errors_title', { count: j.errorCount })}</Typography.Title>
          <Space>
            <Button onClick={() => download.mutate('xlsx')}>{t('dossierImports.download_xlsx')}</Button>
            <Button onClick={() => download.mutate('csv')}>{t('dossierImports.download_csv')}</Button>
          </Space>
          <Table
            size="small"
            rowKey={(e) => `${e.row}:${e.field}:${e.code}`}
            dataSource={j.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('dossierImports.col_row'), dataIndex: 'row', width: 80 },
              { title: t('dossierImports.col_field'), dataIndex: 'field', width: 200 },
              { title: t('dossierImports.col_error'), dataIndex: 'code', render: (code: string) => fieldErrorMessage(code) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

export function DossierImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [current, setCurrent] = useState<string | null>(null);
  const history = useQuery({ queryKey: importKeys.all, queryFn: () => listImports() });
  const start = useMutation({
    mutationFn: (file: File) => startImport(unitId!, file),
    onSuccess: async ({ id }) => {
      setCurrent(id);
      await queryClient.invalidateQueries({ queryKey: importKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('dossierImports.title')}</Typography.Title>
      <Typography.Paragraph>{t('dossierImports.intro')}</Typography.Paragraph>
      <Card>
        <Form layout="inline">
          <Form.Item label={t('dossierImports.unit')} htmlFor="import-unit">
            <UnitTreeSelect id="import-unit" value={unitId ?? null} onChange={setUnitId} style={{ minWidth: 320 }} />
          </Form.Item>
          <Form.Item>
            <Upload
              accept=".jsonl,.ndjson,.json,.csv,.xlsx"
              showUploadList={false}
              disabled={!unitId || start.isPending}
              beforeUpload={(file) => {
                start.mutate(file);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} disabled={!unitId} loading={start.isPending}>
                {t('dossierImports.choose_file')}
              </Button>
            </Upload>
          </Form.Item>
        </Form>
      </Card>
      {current && <JobCard key={current} id={current} />}
      <Card title={t('dossierImports.history')}>
        <Table
          size="small"
          rowKey="id"
          loading={history.isLoading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setCurrent(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('dossierImports.file'), dataIndex: 'fileName' },
            {
              title: t('dossierImports.status_label'),
              dataIndex: 'status',
              render: (s: ImportJob['status']) => <Tag color={STATUS_COLOR[s]}>{t(`dossierImports.status.${s}`)}</Tag>,
            },
            { title: t('dossierImports.rows_written'), dataIndex: 'rowsWritten' },
            { title: t('dossierImports.error_count'), dataIndex: 'errorCount' },
            { title: t('dossierImports.started_at'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
