import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Divider, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meKeys } from '../../api/auth';
import { runSetup, setupKeys } from '../../api/setup';
import type { AgencyKind, FieldProblem, SetupInput } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PasswordFields } from '../../components/password-fields';
import { PublicShell } from '../../components/public-shell';
import { applyFieldErrors } from '../../errors';
import { AGENCY_CODE_PATTERN } from '../../unit-code';

const AGENCY_KINDS: readonly AgencyKind[] = ['province', 'department', 'service_center'];
const FIELDS = ['agencyName', 'agencyKind', 'agencyCode', 'username', 'fullName', 'password'] as const;

type Values = SetupInput & { passwordConfirm: string };

export function SetupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);

  const setup = useMutation({
    mutationFn: ({ passwordConfirm: _confirm, ...input }: Values) => runSetup({ ...input, agencyCode: input.agencyCode?.trim() || null }),
    onSuccess: async (me) => {
      queryClient.setQueryData(setupKeys.status, { needsSetup: false });
      queryClient.setQueryData(meKeys.me, me);
      message.success(t('setup.done'));
      await navigate('/', { replace: true });
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, FIELDS)),
  });

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label.toLowerCase() }) });

  return (
    <PublicShell title={t('setup.title')} subtitle={t('setup.intro')} width={560}>
      {setup.isError ? <ErrorAlert error={setup.error} fields={leftover} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark initialValues={{ agencyKind: 'department' }} onFinish={(values) => setup.mutate(values)}>
        <Divider titlePlacement="start">{t('setup.agency_section')}</Divider>
        <Form.Item name="agencyName" label={t('setup.agency_name')} extra={t('setup.agency_name_hint')} rules={[required(t('setup.agency_name'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="agencyKind" label={t('setup.agency_kind')} rules={[required(t('setup.agency_kind'))]}>
          <Select options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`unit_kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="agencyCode"
          label={t('setup.agency_code')}
          extra={t('setup.agency_code_hint')}
          rules={[{ pattern: AGENCY_CODE_PATTERN, warningOnly: true, message: t('units.code_format') }]}
        >
          <Input maxLength={32} inputMode="text" autoCapitalize="characters" />
        </Form.Item>

        <Divider titlePlacement="start">{t('setup.admin_section')}</Divider>
        <Form.Item name="username" label={t('setup.username')} rules={[required(t('setup.username'))]}>
          <Input autoComplete="username" maxLength={64} />
        </Form.Item>
        <Form.Item name="fullName" label={t('setup.full_name')} rules={[required(t('setup.full_name'))]}>
          <Input autoComplete="name" maxLength={200} />
        </Form.Item>
        <PasswordFields name="password" label={t('setup.password')} confirmLabel={t('setup.password_confirm')} />
        <Button type="primary" htmlType="submit" loading={setup.isPending} block>
          {t('setup.submit')}
        </Button>
      </Form>
    </PublicShell>
  );
}
