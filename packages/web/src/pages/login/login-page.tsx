import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { login, meKeys } from '../../api/auth';
import type { LoginInput } from '../../api/types';
import { CHANGE_PASSWORD_PATH } from '../../auth/require-auth';
import { ErrorAlert } from '../../components/error-alert';
import { PublicShell } from '../../components/public-shell';
import { LoginLockedAlert, isThrottled } from './login-locked-alert';

interface LocationState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const state = (location.state ?? {}) as LocationState;

  const signIn = useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      queryClient.setQueryData(meKeys.me, me);
      const target = me.mustChangePassword ? CHANGE_PASSWORD_PATH : (state.from ?? '/');
      await navigate(target, { replace: true });
    },
  });

  const required = (label: string) => ({ required: true, message: t('common.required', { field: label.toLowerCase() }) });

  return (
    <PublicShell title={t('login.title')} subtitle={t('login.subtitle')}>
      {state.expired && !signIn.isError ? <Alert type="info" showIcon title={t('login.session_expired')} style={{ marginBottom: 16 }} /> : null}
      {signIn.isError ? isThrottled(signIn.error) ? <LoginLockedAlert error={signIn.error} /> : <ErrorAlert error={signIn.error} /> : null}
      <Form<LoginInput> layout="vertical" requiredMark={false} onFinish={(values) => signIn.mutate(values)}>
        <Form.Item name="username" label={t('login.username')} rules={[required(t('login.username'))]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[required(t('login.password'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={signIn.isPending} block>
          {t('login.submit')}
        </Button>
      </Form>
    </PublicShell>
  );
}
