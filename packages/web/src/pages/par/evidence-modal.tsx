import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addEvidence, parKeys, updateEvidence, uploadEvidenceFile } from '../../api/par';
import type { AssessmentView } from '../../api/par-types';
import type { FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors } from '../../errors';

const DATE_FORMAT = 'DD/MM/YYYY';

interface Values {
  numberSymbol: string;
  issuedOn?: Dayjs | null;
  issuer?: string;
  title: string;
  criterionIds?: string[];
}

/** The document's own fields, shared by the add and edit dialogs; ids are `${idPrefix}-number`, `-date`, `-issuer` and `-title`. */
export function EvidenceDocumentFields({ idPrefix, numberPlaceholder, titleMaxRows }: { idPrefix: string; numberPlaceholder?: string; titleMaxRows: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="numberSymbol"
        label={t('par.evidence.number')}
        htmlFor={`${idPrefix}-number`}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.evidence.number') }) }]}
      >
        <Input id={`${idPrefix}-number`} maxLength={200} placeholder={numberPlaceholder} />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('par.evidence.issued_on')} htmlFor={`${idPrefix}-date`}>
        <DatePicker id={`${idPrefix}-date`} format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="issuer" label={t('par.evidence.issuer')} htmlFor={`${idPrefix}-issuer`}>
        <Input id={`${idPrefix}-issuer`} maxLength={500} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('par.evidence.title_label')}
        htmlFor={`${idPrefix}-title`}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.evidence.title_label') }) }]}
      >
        <Input.TextArea id={`${idPrefix}-title`} autoSize={{ minRows: 2, maxRows: titleMaxRows }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** Criteria a document can support: rows that are scored (not sums). */
export function criterionOptions(assessment: AssessmentView): { value: string; label: string }[] {
  return assessment.lines.filter((l) => l.isScored).map((l) => ({ value: l.nodeId, label: `${l.code}. ${l.title}` }));
}

/**
 * Registers a document (number/symbol, date, issuer, title), links it to rows, and uploads its file:
 * the file is owned by the evidence record, so it is sent after the record exists, then attached.
 */
export function EvidenceModal({
  assessment,
  open,
  onClose,
  presetCriterionId,
}: {
  assessment: AssessmentView;
  open: boolean;
  onClose: () => void;
  presetCriterionId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const created = await addEvidence(assessment.id, {
        numberSymbol: v.numberSymbol.trim(),
        issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
        issuer: v.issuer?.trim() || null,
        title: v.title.trim(),
        criterionIds: v.criterionIds ?? [],
      });
      if (!file) return created;
      try {
        const uploaded = await uploadEvidenceFile(created.id, file);
        return await updateEvidence(created.id, { version: created.version, attachmentId: uploaded.id });
      } catch (error) {
        // The document is registered; only its file failed. Say so rather than lose the record.
        message.warning(t('par.evidence.file_failed'));
        throw error;
      }
    },
    onSuccess: async () => {
      message.success(t('par.evidence.added'));
      close();
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, ['numberSymbol', 'issuedOn', 'issuer', 'title', 'criterionIds'])),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: parKeys.evidence(assessment.id) });
      await queryClient.invalidateQueries({ queryKey: parKeys.assessment(assessment.id) });
    },
  });
  const close = () => {
    save.reset();
    setFile(null);
    setLeftover([]);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('par.evidence.add_title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={720}
      forceRender
      afterOpenChange={(visible) => {
        if (visible && presetCriterionId) form.setFieldsValue({ criterionIds: [presetCriterionId] });
      }}
    >
      <ErrorAlert error={save.error} fields={leftover} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <EvidenceDocumentFields idPrefix="par-evidence" numberPlaceholder={t('par.evidence.number_placeholder')} titleMaxRows={4} />
        <Form.Item name="criterionIds" label={t('par.evidence.criteria')} htmlFor="par-evidence-criteria">
          <Select id="par-evidence-criteria" mode="multiple" options={criterionOptions(assessment)} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label={t('par.evidence.file')} extra={t('par.evidence.file_hint')}>
          <Upload
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>{t('par.evidence.pick_file')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
