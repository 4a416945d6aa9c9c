import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { changePassword, meKeys } from '../../api/auth';
import type { FieldProblem } from '../../api/types';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { PasswordFields } from '../../components/password-fields';
import { applyFieldErrors } from '../../errors';

interface Values {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Values) => changePassword({ currentPassword, newPassword }),
    onSuccess: async () => {
      message.success(t('account.password_changed'));
      form.resetFields();
      const wasForced = me.mustChangePassword;
      await queryClient.invalidateQueries({ queryKey: meKeys.me });
      if (wasForced) await navigate('/', { replace: true });
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, FIELDS)),
  });

  return (
    <>
      <PageHeader title={t('account.password_title')} />
      <Card style={{ maxWidth: 480 }}>
        {me.mustChangePassword ? <Alert type="warning" showIcon title={t('account.must_change_notice')} style={{ marginBottom: 16 }} /> : null}
        {change.isError ? <ErrorAlert error={change.error} fields={leftover} /> : null}
        <Form<Values> form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
          <Form.Item
            name="currentPassword"
            label={t('account.current_password')}
            rules={[{ required: true, message: t('common.required', { field: t('account.current_password').toLowerCase() }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <PasswordFields name="newPassword" label={t('account.new_password')} confirmLabel={t('account.confirm_password')} />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
