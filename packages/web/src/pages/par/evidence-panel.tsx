import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteEvidence, fileUrl, linkEvidence, listEvidence, parKeys, unlinkEvidence, updateEvidence, uploadEvidenceFile } from '../../api/par';
import type { AssessmentView, EvidenceView } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage } from '../../errors';
import { formatDate, formatFileSize } from '../../format';
import './evidence-panel.css';
import { linkChanges } from './evidence-links';
import { EvidenceEditModal } from './evidence-edit-modal';
import { criterionOptions, EvidenceModal } from './evidence-modal';

/** The evidence register of an assessment: documents reusable across criteria, each with its file. */
export function EvidencePanel({ assessment }: { assessment: AssessmentView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<EvidenceView | null>(null);
  const evidence = useQuery({ queryKey: parKeys.evidence(assessment.id), queryFn: () => listEvidence(assessment.id) });
  const editable = assessment.can.selfAssess;
  const codeOf = new Map(assessment.lines.map((l) => [l.nodeId, l.code]));
  // A criterion shows its code and its name (issue #13 item 10): the code alone means nothing to a reader.
  const titleOf = new Map(assessment.lines.map((l) => [l.nodeId, l.title]));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: parKeys.evidence(assessment.id) });
    await queryClient.invalidateQueries({ queryKey: parKeys.assessment(assessment.id) });
  };
  const onError = (error: unknown) => {
    message.error(errorMessage(error));
    void refresh();
  };
  const relink = useMutation({
    mutationFn: async ({ e, ids }: { e: EvidenceView; ids: string[] }) => {
      const { link, unlink } = linkChanges(e.criterionIds, ids);
      for (const id of link) await linkEvidence(e.id, id);
      for (const id of unlink) await unlinkEvidence(e.id, id);
    },
    onSuccess: refresh,
    onError,
  });
  const attach = useMutation({
    mutationFn: async ({ e, file }: { e: EvidenceView; file: File }) => {
      const uploaded = await uploadEvidenceFile(e.id, file);
      return updateEvidence(e.id, { version: e.version, attachmentId: uploaded.id });
    },
    onSuccess: async () => {
      message.success(t('par.evidence.file_attached'));
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (e: EvidenceView) => deleteEvidence(e.id, e.version),
    onSuccess: refresh,
    onError,
  });
  const options = criterionOptions(assessment);

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.evidence.title')}</h2>}
      extra={
        editable ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('par.evidence.add')}
          </Button>
        ) : null
      }
    >
      {evidence.isError ? <ErrorAlert error={evidence.error} onRetry={() => void evidence.refetch()} /> : null}
      <Table<EvidenceView>
        size="small"
        rowKey="id"
        dataSource={evidence.data?.items ?? []}
        loading={evidence.isFetching}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: editable ? 1240 : 1140 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('par.evidence.empty')} /> }}
        columns={[
          { title: t('par.evidence.number'), dataIndex: 'numberSymbol', width: 150 },
          { title: t('par.evidence.issued_on'), dataIndex: 'issuedOn', width: 110, render: (v: string | null) => (v ? formatDate(v) : t('common.none')) },
          { title: t('par.evidence.issuer'), dataIndex: 'issuer', width: 160, render: (v: string | null) => v ?? t('common.none') },
          { title: t('par.evidence.title_label'), dataIndex: 'title' },
          {
            title: t('par.evidence.file'),
            key: 'file',
            width: 220,
            render: (_, e) =>
              e.attachmentId ? (
                // The file's own name and size (issue #13 item 10), not a bare "Tải tệp".
                <a
                  href={fileUrl(e.attachmentId)}
                  className="evidence-file-link"
                  title={t('par.evidence.download_named', { number: e.numberSymbol })}
                  aria-label={t('par.evidence.download_file', { name: e.file?.name ?? e.numberSymbol, number: e.numberSymbol })}
                >
                  <PaperClipOutlined aria-hidden /> <span className="evidence-file-name">{e.file?.name ?? t('par.evidence.download')}</span>
                  {e.file ? <Typography.Text type="secondary"> ({formatFileSize(e.file.size)})</Typography.Text> : null}
                </a>
              ) : editable ? (
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    attach.mutate({ e, file });
                    return false;
                  }}
                >
                  <Button
                    size="small"
                    icon={<UploadOutlined />}
                    loading={attach.isPending && attach.variables?.e.id === e.id}
                    aria-label={t('par.evidence.attach_named', { number: e.numberSymbol })}
                  >
                    {t('par.evidence.attach')}
                  </Button>
                </Upload>
              ) : (
                t('common.none')
              ),
          },
          {
            title: t('par.evidence.criteria'),
            key: 'criteria',
            width: 340,
            render: (_, e) =>
              editable ? (
                <Select
                  mode="multiple"
                  size="small"
                  aria-label={t('par.evidence.criteria_named', { number: e.numberSymbol })}
                  value={e.criterionIds}
                  options={options.map((o) => ({ ...o, title: o.label }))}
                  tagRender={({ label, closable, onClose }) => (
                    <Tag closable={closable} onClose={onClose} className="evidence-criterion-tag">
                      {label}
                    </Tag>
                  )}
                  onChange={(ids: string[]) => relink.mutate({ e, ids })}
                  loading={relink.isPending && relink.variables?.e.id === e.id}
                  style={{ width: '100%' }}
                  placeholder={t('par.evidence.link_placeholder')}
                />
              ) : (
                <Flex vertical gap={4}>
                  {e.criterionIds.map((id) => (
                    <span key={id} className="evidence-criterion">
                      <Tag>{codeOf.get(id) ?? id}</Tag>
                      {titleOf.get(id) ?? ''}
                    </span>
                  ))}
                </Flex>
              ),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, e: EvidenceView) => (
                    <Space size={2}>
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={t('par.evidence.edit_named', { number: e.numberSymbol })}
                        title={t('common.edit')}
                        onClick={() => setEditing(e)}
                      />
                      <Popconfirm
                        title={t('par.evidence.delete_confirm', { number: e.numberSymbol })}
                        okText={t('common.delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove.mutateAsync(e)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('par.evidence.delete_named', { number: e.numberSymbol })}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable ? <EvidenceModal assessment={assessment} open={adding} onClose={() => setAdding(false)} /> : null}
      {editable ? <EvidenceEditModal assessmentId={assessment.id} evidence={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
