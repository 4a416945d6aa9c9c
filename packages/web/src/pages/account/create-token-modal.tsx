import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createToken } from '../../api/tokens';
import type { CreatedApiToken, FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors } from '../../errors';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedApiToken) => void;
}

export function CreateTokenModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const create = useMutation({
    mutationFn: (name: string) => createToken(name.trim()),
    onSuccess: (token) => {
      form.resetFields();
      create.reset();
      onCreated(token);
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, ['name'])),
  });

  return (
    <Modal
      open={open}
      title={t('account.create_token')}
      okText={t('account.create_token')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {create.isError ? <ErrorAlert error={create.error} fields={leftover} /> : null}
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values.name)}>
        <Form.Item
          name="name"
          label={t('account.token_name')}
          extra={t('account.token_name_hint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('account.token_name').toLowerCase() }) }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
