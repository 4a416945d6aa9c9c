import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parKeys, updateEvidence } from '../../api/par';
import type { EvidenceView } from '../../api/par-types';
import type { FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors, isStaleVersion } from '../../errors';
import { EvidenceDocumentFields } from './evidence-modal';

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
          <EvidenceDocumentFields idPrefix="par-evidence-edit" titleMaxRows={6} />
        </Form>
      ) : null}
    </Modal>
  );
}
