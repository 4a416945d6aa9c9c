import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem, GrantInput, User } from '../../../api/types';
import { createUser, updateUser, userKeys } from '../../../api/users';
import { ErrorAlert } from '../../../components/error-alert';
import { UnitTreeSelect } from '../../../components/unit-tree-select';
import { applyFieldErrors, isStaleVersion } from '../../../errors';
import { GrantsField } from './grants-field';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

interface Values {
  username: string;
  fullName: string;
  email?: string;
  unitId: string;
  password: string;
  isActive: boolean;
  grants?: GrantInput[];
}

const FIELDS = ['username', 'fullName', 'email', 'unitId', 'password', 'isActive', 'grants'] as const;

export function UserFormModal({ target, onClose }: { target: UserFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const editing = target?.mode === 'edit' ? target.user : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.user;
      form.setFieldsValue({
        fullName: u.fullName,
        email: u.email ?? '',
        unitId: u.unitId,
        isActive: u.isActive,
        grants: u.grants.map(({ role, unitId }) => ({ role, unitId })),
      });
    } else {
      form.setFieldsValue({ isActive: true, grants: [] });
    }
  }, [target, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const email = v.email?.trim() || null;
      const grants = (v.grants ?? []).map(({ role, unitId }) => ({ role, unitId }));
      return editing
        ? updateUser(editing.id, { version: editing.version, fullName: v.fullName.trim(), email, unitId: v.unitId, isActive: v.isActive, grants })
        : createUser({ username: v.username.trim(), fullName: v.fullName.trim(), email, unitId: v.unitId, password: v.password, grants });
    },
    onSuccess: async () => {
      message.success(t(editing ? 'users.updated' : 'users.created'));
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      close();
    },
    onError: (error) => {
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: userKeys.all });
      setLeftover(applyFieldErrors(form, error, FIELDS));
    },
  });

  const close = () => {
    save.reset();
    setLeftover([]);
    onClose();
  };

  const required = (key: 'users.username' | 'users.full_name' | 'users.password') => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field: t(key).toLowerCase() }),
  });

  return (
    <Modal
      open={target !== null}
      title={editing ? t('users.edit_title', { name: editing.fullName }) : t('users.create_title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: isStaleVersion(save.error) }}
      onOk={() => form.submit()}
      onCancel={close}
      width={720}
      forceRender
    >
      {isStaleVersion(save.error) ? (
        <Alert type="warning" showIcon role="alert" title={t('units.conflict_title')} description={t('users.conflict_body')} style={{ marginBottom: 16 }} />
      ) : save.isError ? (
        <ErrorAlert error={save.error} fields={leftover} />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {editing ? null : (
          <Form.Item name="username" label={t('users.username')} rules={[required('users.username')]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        )}
        <Form.Item name="fullName" label={t('users.full_name')} rules={[required('users.full_name')]}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('errors.field.invalid_email') }]}>
          <Input type="email" autoComplete="off" maxLength={254} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          rules={[{ required: true, message: t('common.select_required', { field: t('users.unit').toLowerCase() }) }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        {editing ? (
          <Form.Item name="isActive" label={t('users.is_active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('account.password_hint')}
            rules={[
              required('users.password'),
              { min: 8, message: t('errors.field.password.too_weak') },
              { pattern: /\p{L}/u, message: t('errors.field.password.too_weak') },
              { pattern: /\d/, message: t('errors.field.password.too_weak') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <GrantsField />
      </Form>
    </Modal>
  );
}
