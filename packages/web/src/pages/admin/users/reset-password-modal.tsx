import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem, User } from '../../../api/types';
import { resetUserPassword, userKeys } from '../../../api/users';
import { ErrorAlert } from '../../../components/error-alert';
import { PasswordFields } from '../../../components/password-fields';
import { applyFieldErrors } from '../../../errors';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ newPassword: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const reset = useMutation({
    mutationFn: (newPassword: string) => resetUserPassword(user!.id, newPassword),
    onSuccess: async () => {
      message.success(t('users.reset_done'));
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      close();
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, ['newPassword'])),
  });

  const close = () => {
    reset.reset();
    onClose();
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.reset_title', { name: user.fullName }) : ''}
      okText={t('users.reset_password')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      <Alert type="info" showIcon title={t('users.reset_hint')} style={{ marginBottom: 16 }} />
      {reset.isError ? <ErrorAlert error={reset.error} fields={leftover} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.newPassword)}>
        <PasswordFields name="newPassword" label={t('users.new_password')} confirmLabel={t('account.confirm_password')} />
      </Form>
    </Modal>
  );
}
