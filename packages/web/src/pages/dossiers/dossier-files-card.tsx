import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ToneTag } from '../../components/tone-tag';
import { dossierFileUrl, dossierKeys, listDossierFiles } from '../../api/dossiers';
import type { Dossier, DossierFile } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatFileSize, formatInstant } from '../../format';
import { linesOf, type Line } from './desk-format';

export function DossierFilesCard({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const files = useQuery({ queryKey: dossierKeys.files(dossier.id), queryFn: () => listDossierFiles(dossier.id) });
  const [preview, setPreview] = useState<DossierFile | null>(null);
  const lines = linesOf(dossier, files.data?.items ?? []);

  return (
    <Card title={t('desk.files.title')} style={{ marginBottom: 16 }}>
      {files.isError ? <ErrorAlert error={files.error} onRetry={() => void files.refetch()} /> : null}
      <Table<Line>
        rowKey="key"
        size="small"
        pagination={false}
        loading={files.isPending}
        dataSource={lines}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.files.empty')} /> }}
        columns={[
          {
            title: t('desk.files.component'),
            key: 'component',
            render: (_, l) =>
              l.component ? (
                <Space size={4} wrap>
                  <span>{l.component}</span>
                  {l.mandatory ? <ToneTag tone="blue">{t('desk.files.mandatory')}</ToneTag> : null}
                </Space>
              ) : l.file?.isResult ? (
                <ToneTag tone="green">{t('desk.files.result')}</ToneTag>
              ) : (
                <Typography.Text type="secondary">{t('desk.files.other')}</Typography.Text>
              ),
          },
          {
            title: t('desk.files.name'),
            key: 'name',
            render: (_, l) => l.file?.name ?? <Typography.Text type="secondary">{t('desk.files.not_attached')}</Typography.Text>,
          },
          { title: t('desk.files.size'), key: 'size', width: 110, align: 'right', render: (_, l) => (l.file ? formatFileSize(l.file.size) : '') },
          {
            title: t('desk.files.uploaded'),
            key: 'uploaded',
            width: 220,
            render: (_, l) =>
              l.file
                ? t('desk.files.uploaded_line', {
                    time: formatInstant(l.file.uploadedAt),
                    by: l.file.uploadedBy.kind === 'applicant' ? t('desk.files.by_applicant') : (l.file.uploadedBy.name ?? ''),
                  })
                : '',
          },
          {
            title: t('desk.files.actions'),
            key: 'actions',
            width: 190,
            render: (_, l) =>
              l.file ? (
                <Space size={4}>
                  {l.file.previewable ? (
                    <Button
                      size="small"
                      icon={<EyeOutlined />}
                      onClick={() => setPreview(l.file)}
                      aria-label={t('desk.files.preview_named', { name: l.file.name })}
                    >
                      {t('desk.files.preview')}
                    </Button>
                  ) : null}
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={dossierFileUrl(dossier.id, l.file.id, 'attachment')}
                    aria-label={t('desk.files.download_named', { name: l.file.name })}
                  >
                    {t('desk.files.download')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <FilePreview dossierId={dossier.id} file={preview} onClose={() => setPreview(null)} />
    </Card>
  );
}

/** The file shown by the browser itself: a PDF in a frame, an image as an image. */
export function FilePreview({ dossierId, file, onClose }: { dossierId: string; file: DossierFile | null; onClose: () => void }) {
  const { t } = useTranslation();
  if (!file) return null;
  const src = dossierFileUrl(dossierId, file.id, 'inline');
  return (
    <Modal
      open
      title={t('desk.files.preview_title', { name: file.name })}
      width="min(1000px, 96vw)"
      onCancel={onClose}
      footer={
        <Space>
          <Button icon={<DownloadOutlined />} href={dossierFileUrl(dossierId, file.id, 'attachment')}>
            {t('desk.files.download')}
          </Button>
          <Button type="primary" onClick={onClose}>
            {t('desk.files.close')}
          </Button>
        </Space>
      }
    >
      {file.contentType === 'application/pdf' ? (
        <iframe title={file.name} src={src} style={{ width: '100%', height: '70vh', border: '1px solid #f0f0f0' }} />
      ) : (
        <img src={src} alt={file.name} style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }} />
      )}
    </Modal>
  );
}
