import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignTask, cancelTask, completeTask, listUnitUsers, planKeys, rejectTask, reportProgress, uploadFile, type TaskView } from '../../api/plans';
import { showFormErrors } from './plan-errors';

export type TaskAction = 'assign' | 'progress' | 'complete' | 'reject' | 'cancel';

interface Values {
  leadUserId?: string | null;
  progress?: number;
  note?: string;
  reason?: string;
}

/**
 * The dialogs of a task's actions. Evidence files are uploaded to the task first (the files platform),
 * then named in the journal entry; completing needs a file or an explanation, which the server checks.
 */
export function TaskActionModal({ task, action, onClose }: { task: TaskView; action: TaskAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const users = useQuery({ queryKey: ['plans', 'unit-users', task.unitId], queryFn: () => listUnitUsers(task.unitId), enabled: action === 'assign' });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const uploaded = [];
      for (const f of files) if (f.originFileObj) uploaded.push((await uploadFile('task', task.id, f.originFileObj)).id);
      switch (action) {
        case 'assign':
          return assignTask(task.id, task.version, v.leadUserId ?? null);
        case 'progress':
          return reportProgress(task.id, { version: task.version, progress: v.progress ?? 0, note: v.note || null, attachmentIds: uploaded });
        case 'complete':
          return completeTask(task.id, { version: task.version, note: v.note || null, attachmentIds: uploaded });
        case 'reject':
          return rejectTask(task.id, task.version, v.note ?? '');
        default:
          return cancelTask(task.id, task.version, v.reason ?? '');
      }
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: planKeys.all });
      message.success(t('common.saved'));
      setFiles([]);
      onClose();
    },
    onError: (e) => showFormErrors(form, e, ['leadUserId', 'progress', 'note', 'reason'], message.error),
  });
  if (!action) return null;
  const withFiles = action === 'progress' || action === 'complete';
  return (
    <Modal
      open
      title={t(`plans.action.${action}`)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name={`task-${action}`}
        layout="vertical"
        initialValues={{ leadUserId: task.leadUserId, progress: task.progress }}
        onFinish={(v) => save.mutate(v)}
      >
        {action === 'assign' ? (
          <Form.Item name="leadUserId" label={t('plans.task.lead')}>
            <Select
              allowClear
              loading={users.isPending}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
            />
          </Form.Item>
        ) : null}
        {action === 'progress' ? (
          <Form.Item name="progress" label={t('plans.task.progress')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} addonAfter="%" />
          </Form.Item>
        ) : null}
        {action === 'progress' || action === 'complete' || action === 'reject' ? (
          <Form.Item
            name="note"
            label={action === 'complete' ? t('plans.task.explanation') : t('plans.task.note')}
            rules={action === 'reject' ? [{ required: true }] : []}
            extra={action === 'complete' ? t('plans.complete_hint') : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
          </Form.Item>
        ) : null}
        {action === 'cancel' ? (
          <Form.Item
            name="reason"
            label={t('plans.task.cancel_reason')}
            rules={[{ required: true, message: t('common.required', { field: t('plans.task.cancel_reason') }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : null}
        {withFiles ? (
          <Form.Item label={t('plans.task.evidence')}>
            <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} multiple>
              <Button icon={<UploadOutlined />}>{t('plans.choose_files')}</Button>
            </Upload>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
