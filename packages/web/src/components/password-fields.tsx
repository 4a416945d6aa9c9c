import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  label: string;
  confirmLabel: string;
}

/** A new password and its confirmation, with the server's strength rule echoed client-side. */
export function PasswordFields({ name, label, confirmLabel }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('account.password_hint')}
        rules={[
          { required: true, message: t('common.required', { field: label.toLowerCase() }) },
          { min: 8, message: t('errors.field.password.too_weak') },
          { pattern: /\p{L}/u, message: t('errors.field.password.too_weak') },
          { pattern: /\d/, message: t('errors.field.password.too_weak') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t('common.required', { field: confirmLabel.toLowerCase() }) },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || getFieldValue(name) === value ? Promise.resolve() : Promise.reject(new Error(t('account.password_mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
