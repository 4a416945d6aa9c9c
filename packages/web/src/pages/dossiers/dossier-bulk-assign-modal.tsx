import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { assignDossiers, dossierKeys, listDossierAssignees } from '../../api/dossiers';
import { ErrorAlert } from '../../components/error-alert';

interface Values {
  assigneeId?: string;
}

/**
 * "Phân công hàng loạt" (issue #13 item 4): the dossiers ticked in the "Chờ phân công" queue go to one
 * person at once. The people offered are those who may process the first ticked dossier; the server
 * checks each dossier and assigns all or none.
 */
export function DossierBulkAssignModal({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const open = ids.length > 0;
  const first = ids[0] ?? '';
  const assignees = useQuery({ queryKey: dossierKeys.assignees(first), queryFn: () => listDossierAssignees(first), enabled: open });

  const save = useMutation({
    mutationFn: (v: Values) => assignDossiers(ids, v.assigneeId!),
    onSuccess: async (r) => {
      message.success(t('dossiers.bulk_assign.done', { count: r.assigned }));
      onDone();
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
    },
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    save.reset();
    // Reset only when the modal opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (!open) return null;
  return (
    <Modal
      open
      title={t('dossiers.bulk_assign.title', { count: ids.length })}
      okText={t('dossiers.assign.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      {assignees.isError ? <ErrorAlert error={assignees.error} onRetry={() => void assignees.refetch()} /> : null}
      <Typography.Paragraph type="secondary">{t('dossiers.bulk_assign.hint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="assigneeId"
          label={t('dossiers.fields.assignee')}
          rules={[{ required: true, message: t('common.select_required', { field: t('dossiers.fields.assignee').toLowerCase() }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isFetching}
            options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: u.unitName ? `${u.fullName} – ${u.unitName}` : u.fullName }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
