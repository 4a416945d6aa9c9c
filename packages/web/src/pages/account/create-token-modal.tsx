import { useMutation } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { createToken } from '../../api/tokens';
import type { CreatedApiToken, FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors } from '../../errors';
import { expiryInstantOf, isExpiryDayAllowed } from './token-expiry';

interface Values {
  name: string;
  /** The last day the token works; empty = no expiry. */
  expiresOn?: Dayjs | null;
}

const DATE_FORMAT = 'DD/MM/YYYY';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedApiToken) => void;
}

export function CreateTokenModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const create = useMutation({
    mutationFn: (v: Values) => createToken(v.name.trim(), v.expiresOn ? expiryInstantOf(v.expiresOn.format('YYYY-MM-DD')) : null),
    onSuccess: (token) => {
      form.resetFields();
      create.reset();
      onCreated(token);
    },
    onError: (error) => {
      // The server names `body.expiresAt`; on the form it is the day the instant was computed from.
      const onForm = (path: string) => path.replace(/^body\./, '').replace(/^expiresAt$/, 'expiresOn');
      const mapped =
        error instanceof ApiError
          ? new ApiError(
              error.status,
              error.code,
              error.detail,
              error.errors.map((p) => ({ ...p, path: onForm(p.path) })),
            )
          : error;
      setLeftover(applyFieldErrors(form, mapped, ['name', 'expiresOn']));
    },
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
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
        <Form.Item
          name="name"
          label={t('account.token_name')}
          extra={t('account.token_name_hint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('account.token_name').toLowerCase() }) }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('account.expiry_date')} extra={t('account.expiry_hint')}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('account.no_expiry')}
            allowClear
            disabledDate={(d) => !isExpiryDayAllowed(d.format('YYYY-MM-DD'))}
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
