import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { assignDossier, dossierKeys, listDossierAssignees } from '../../api/dossiers';
import type { Dossier } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors } from '../../errors';
import { isConflict } from './dossier-actions';
import { DossierConflictAlert } from './dossier-conflict-alert';

interface Values {
  assigneeId?: string | null;
}

/** "Phân công": a division head or leader hands the dossier to one of the specialists who process it. */
export function DossierAssignModal({ dossier, open, onClose }: { dossier: Dossier; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const assignees = useQuery({ queryKey: dossierKeys.assignees(dossier.id), queryFn: () => listDossierAssignees(dossier.id), enabled: open });

  const save = useMutation({
    mutationFn: (v: Values) => assignDossier(dossier.id, dossier.version, v.assigneeId ?? null),
    onSuccess: async (updated) => {
      message.success(t('dossiers.assign.done'));
      queryClient.setQueryData(dossierKeys.detail(dossier.id), updated);
      onClose();
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
    },
    onError: (error) => {
      applyFieldErrors(form, error, ['assigneeId']);
    },
  });

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({ assigneeId: dossier.assigneeId });
    save.reset();
    // Reset only when the modal opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (!open) return null;
  return (
    <Modal
      open
      title={t('dossiers.assign.title')}
      okText={t('dossiers.assign.submit')}
      okButtonProps={{ disabled: isConflict(save.error) }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {isConflict(save.error) ? (
        <DossierConflictAlert dossierId={dossier.id} error={save.error} onClose={onClose} />
      ) : save.isError ? (
        <ErrorAlert error={save.error} />
      ) : null}
      {assignees.isError ? <ErrorAlert error={assignees.error} onRetry={() => void assignees.refetch()} /> : null}
      <Typography.Paragraph type="secondary">{t('dossiers.assign.hint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="assigneeId" label={t('dossiers.fields.assignee')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isFetching}
            placeholder={t('dossiers.detail.unassigned')}
            options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: u.unitName ? `${u.fullName} – ${u.unitName}` : u.fullName }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
