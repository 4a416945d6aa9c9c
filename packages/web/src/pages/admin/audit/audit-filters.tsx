import { AutoComplete, Button, DatePicker, Form, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '../../../api/types';
import vi from '../../../i18n/vi.json';
import { lookupText } from '../../../i18n/lookup';
import { ActorSelect } from './actor-select';

export type AuditFilters = Pick<AuditQuery, 'entity' | 'action' | 'actorId' | 'from' | 'to'> & { actorName?: string };

interface Values {
  entity?: string;
  action?: string;
  actor?: { value: string; label: string };
  from?: Dayjs | null;
  to?: Dayjs | null;
}

// Suggestions only: the fields accept any entity or action the server logs.
const ENTITIES = Object.keys(vi.audit.entities);
const ACTIONS = Object.keys(vi.audit.actions);

const DATE_FORMAT = 'DD/MM/YYYY';

export function AuditFiltersForm({ value, onChange }: { value: AuditFilters; onChange: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
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
      entity: v.entity?.trim() || undefined,
      action: v.action?.trim() || undefined,
      actorId: v.actor?.value,
      actorName: v.actor?.label,
      // The picker's day is the civil day the user chose; only its YYYY-MM-DD text is sent.
      from: v.from ? v.from.format('YYYY-MM-DD') : undefined,
      to: v.to ? v.to.format('YYYY-MM-DD') : undefined,
    });

  const options = (keys: string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: lookupText(`${prefix}.${k}`) ?? k }));

  return (
    <Form<Values> form={form} layout="inline" onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item name="entity" label={t('audit.entity')}>
        <AutoComplete options={options(ENTITIES, 'audit.entities')} allowClear style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <AutoComplete options={options(ACTIONS, 'audit.actions')} allowClear style={{ width: 180 }} />
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
