import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditLabel } from '@cchc/domain';
import { Button, DatePicker, Form, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '../../../api/types';
import { foldVietnamese } from '../../../text';
import { ActorSelect } from './actor-select';

export type AuditFilters = Pick<AuditQuery, 'entity' | 'action' | 'actorId' | 'from' | 'to'> & { actorName?: string };

interface Values {
  entity?: string;
  action?: string;
  actor?: { value: string; label: string };
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** The server accepts only the vocabulary's values as filters; the options list them by their words. */
function options(kind: 'entity' | 'action', values: readonly string[], lang: 'vi' | 'en') {
  return values.map((v) => ({ value: v, label: auditLabel(kind, v, lang) })).sort((a, b) => a.label.localeCompare(b.label, lang));
}

const filterOption = (input: string, option?: { label: string }) => foldVietnamese(option?.label ?? '').includes(foldVietnamese(input));

const DATE_FORMAT = 'DD/MM/YYYY';

export function AuditFiltersForm({ value, onChange }: { value: AuditFilters; onChange: (f: AuditFilters) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue({
      entity: value.entity,
      action: value.action,
      actor: value.actorId ? { value: value.actorId, label: value.actorName ?? value.actorId } : undefined,
      from: value.from ? dayjs(value.from, 'YYYY-MM-DD') : null,
      to: value.to ? dayjs(value.to, 'YYYY-MM-DD') : null,
    });
  }, [value, form]);

  const submit = (v: Values) =>
    onChange({
      entity: v.entity || undefined,
      action: v.action || undefined,
      actorId: v.actor?.value,
      actorName: v.actor?.label,
      // The picker's day is the civil day the user chose; only its YYYY-MM-DD text is sent.
      from: v.from ? v.from.format('YYYY-MM-DD') : undefined,
      to: v.to ? v.to.format('YYYY-MM-DD') : undefined,
    });

  return (
    <Form<Values> form={form} layout="inline" onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item name="entity" label={t('audit.entity')}>
        <Select
          options={options('entity', AUDIT_ENTITIES, lang)}
          showSearch={{ filterOption }}
          allowClear
          placeholder={t('audit.any')}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Select options={options('action', AUDIT_ACTIONS, lang)} showSearch={{ filterOption }} allowClear placeholder={t('audit.any')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <ActorSelect />
      </Form.Item>
      <Form.Item name="from" label={t('audit.date_from')}>
        <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} />
      </Form.Item>
      <Form.Item name="to" label={t('audit.date_to')}>
        <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('common.apply')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
