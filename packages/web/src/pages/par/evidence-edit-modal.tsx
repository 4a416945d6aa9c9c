import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parKeys, updateEvidence } from '../../api/par';
import type { EvidenceView } from '../../api/par-types';
import type { FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors, isStaleVersion } from '../../errors';

const DATE_FORMAT = 'DD/MM/YYYY';

interface Values {
  numberSymbol: string;
  issuedOn?: Dayjs | null;
  issuer?: string;
  title: string;
}

/** Corrects a registered document's number/symbol, date, issuer and title; links and file are edited in the table. */
export function EvidenceEditModal({ assessmentId, evidence, onClose }: { assessmentId: string; evidence: EvidenceView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: parKeys.evidence(assessmentId) });
    await queryClient.invalidateQueries({ queryKey: parKeys.assessment(assessmentId) });
  };
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateEvidence(evidence!.id, {
        version: evidence!.version,
        numberSymbol: v.numberSymbol.trim(),
        issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
        issuer: v.issuer?.trim() || null,
        title: v.title.trim(),
      }),
    onSuccess: async () => {
      message.success(t('par.evidence.updated'));
      await refresh();
      close();
    },
    onError: (error) => {
      // Someone saved first: reload the register so the document can be reopened on its current version.
      if (isStaleVersion(error)) void refresh();
      setLeftover(applyFieldErrors(form, error, ['numberSymbol', 'issuedOn', 'issuer', 'title']));
    },
  });
  const close = () => {
    save.reset();
    setLeftover([]);
    onClose();
  };
  return (
    <Modal
      open={evidence !== null}
      title={evidence ? t('par.evidence.edit_title', { number: evidence.numberSymbol }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} fields={leftover} />
      {evidence ? (
        <Form<Values>
          form={form}
          layout="vertical"
          key={`${evidence.id}:${evidence.version}`}
          initialValues={{
            numberSymbol: evidence.numberSymbol,
            issuedOn: evidence.issuedOn ? dayjs(evidence.issuedOn) : null,
            issuer: evidence.issuer ?? '',
            title: evidence.title,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            name="numberSymbol"
            label={t('par.evidence.number')}
            htmlFor="par-evidence-edit-number"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.evidence.number') }) }]}
          >
            <Input id="par-evidence-edit-number" maxLength={200} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('par.evidence.issued_on')} htmlFor="par-evidence-edit-date">
            <DatePicker id="par-evidence-edit-date" format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="issuer" label={t('par.evidence.issuer')} htmlFor="par-evidence-edit-issuer">
            <Input id="par-evidence-edit-issuer" maxLength={500} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('par.evidence.title_label')}
            htmlFor="par-evidence-edit-title"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.evidence.title_label') }) }]}
          >
            <Input.TextArea id="par-evidence-edit-title" maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
