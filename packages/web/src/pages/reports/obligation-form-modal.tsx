import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import type { LocalDate } from '@cchc/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { createObligation, reportKeys, updateObligation, type DueRule, type Obligation, type ObligationInput, type PeriodKind } from '../../api/reports';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { applyFieldErrors } from '../../errors';

const PERIOD_KINDS: readonly PeriodKind[] = ['monthly', 'quarterly', 'six_month', 'nine_month', 'annual', 'ad_hoc'];
const DATE_FORMAT = 'DD/MM/YYYY';

interface Values {
  code: string;
  name: string;
  recipient: string;
  periodKind: PeriodKind;
  numbers: number[];
  cumulative: boolean;
  ruleKind: DueRule['kind'];
  monthOffset: number;
  day: number;
  rollForward: boolean;
  days: number;
  date?: Dayjs;
  responsibleUnitId: string;
  checklist: Array<{ key: string; label: string }>;
  parCriteria: string[];
  isActive: boolean;
}

function toValues(o: Obligation | null, agencyId: string): Values {
  const rule = o?.dueRule ?? { kind: 'working_days_after', days: 5 };
  return {
    code: o?.code ?? '',
    name: o?.name ?? '',
    recipient: o?.recipient ?? '',
    periodKind: o?.period.kind ?? 'quarterly',
    numbers: o?.period.numbers ?? [],
    cumulative: o?.period.cumulative ?? false,
    ruleKind: rule.kind,
    monthOffset: rule.kind === 'day_of_month' ? rule.monthOffset : 0,
    day: rule.kind === 'day_of_month' ? rule.day : 15,
    rollForward: rule.kind === 'day_of_month' ? rule.rollForward : true,
    days: rule.kind === 'working_days_after' ? rule.days : 5,
    date: rule.kind === 'date' ? dayjs(rule.date) : undefined,
    responsibleUnitId: o?.responsibleUnitId ?? agencyId,
    checklist: o?.checklist ?? [],
    parCriteria: o?.parCriteria ?? [],
    isActive: o?.isActive ?? true,
  };
}

function toInput(v: Values): ObligationInput {
  const dueRule: DueRule =
    v.ruleKind === 'day_of_month'
      ? { kind: 'day_of_month', monthOffset: v.monthOffset, day: v.day, rollForward: v.rollForward }
      : v.ruleKind === 'working_days_after'
        ? { kind: 'working_days_after', days: v.days }
        : { kind: 'date', date: (v.date?.format('YYYY-MM-DD') ?? '') as LocalDate };
  const counted = v.periodKind === 'monthly' || v.periodKind === 'quarterly';
  return {
    code: v.code,
    name: v.name,
    recipient: v.recipient,
    period: { kind: v.periodKind, numbers: counted && v.numbers.length ? v.numbers : null, cumulative: v.cumulative },
    dueRule,
    responsibleUnitId: v.responsibleUnitId,
    checklist: v.checklist ?? [],
    parCriteria: v.parCriteria ?? [],
    isActive: v.isActive,
  };
}

/** Server paths (body.dueRule.day) → form fields. */
const FIELD_OF: Record<string, string> = {
  'body.dueRule.day': 'day',
  'body.dueRule.monthOffset': 'monthOffset',
  'body.dueRule.days': 'days',
  'body.dueRule.date': 'date',
  'body.dueRule.kind': 'ruleKind',
  'body.period.numbers': 'numbers',
};

export function ObligationFormModal({
  open,
  obligation,
  agencyId,
  onClose,
}: {
  open: boolean;
  obligation: Obligation | null;
  agencyId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const periodKind = Form.useWatch('periodKind', form);
  const ruleKind = Form.useWatch('ruleKind', form);
  useEffect(() => {
    if (open) form.setFieldsValue(toValues(obligation, agencyId));
  }, [open, obligation, agencyId, form]);
  const save = useMutation({
    mutationFn: (v: Values) => (obligation ? updateObligation(obligation.id, obligation.version, toInput(v)) : createObligation(agencyId, toInput(v))),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        const mapped = new ApiError(
          e.status,
          e.code,
          e.detail,
          e.errors.map((x) => ({
            ...x,
            path:
              FIELD_OF[x.path] ??
              x.path
                .replace(/^body\./, '')
                .replace(/^dueRule\./, '')
                .replace(/^period\./, ''),
          })),
        );
        applyFieldErrors(form, mapped, [
          'code',
          'name',
          'recipient',
          'numbers',
          'ruleKind',
          'monthOffset',
          'day',
          'days',
          'date',
          'responsibleUnitId',
          'checklist',
          'parCriteria',
        ]);
      }
    },
  });
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field: field.toLowerCase() }) }];
  const numberOptions = periodKind === 'monthly' ? Array.from({ length: 12 }, (_, i) => i + 1) : [1, 2, 3, 4];

  return (
    <Modal
      open={open}
      width={760}
      title={obligation ? t('reports.obligations.edit_title') : t('reports.obligations.create_title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Space wrap size={16} align="start">
          <Form.Item name="code" label={t('reports.ofield.code')} rules={required(t('reports.ofield.code'))}>
            <Input style={{ width: 160 }} maxLength={50} />
          </Form.Item>
          <Form.Item name="name" label={t('reports.ofield.name')} rules={required(t('reports.ofield.name'))}>
            <Input style={{ width: 520 }} maxLength={500} />
          </Form.Item>
        </Space>
        <Space wrap size={16} align="start">
          <Form.Item name="recipient" label={t('reports.ofield.recipient')} rules={required(t('reports.ofield.recipient'))}>
            <Input style={{ width: 300 }} maxLength={300} />
          </Form.Item>
          <Form.Item
            name="responsibleUnitId"
            label={t('reports.ofield.unit')}
            rules={[{ required: true, message: t('common.select_required', { field: t('reports.ofield.unit').toLowerCase() }) }]}
          >
            <UnitTreeSelect style={{ width: 380 }} />
          </Form.Item>
        </Space>
        <Space wrap size={16} align="start">
          <Form.Item name="periodKind" label={t('reports.ofield.period_kind')}>
            <Select style={{ width: 180 }} options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`reports.period_kind.${k}`) }))} />
          </Form.Item>
          {periodKind === 'monthly' || periodKind === 'quarterly' ? (
            <Form.Item name="numbers" label={t('reports.ofield.numbers')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('reports.ofield.numbers_all')}
                style={{ width: 260 }}
                options={numberOptions.map((n) => ({ value: n, label: String(n) }))}
              />
            </Form.Item>
          ) : null}
          {periodKind === 'monthly' || periodKind === 'quarterly' ? (
            <Form.Item name="cumulative" valuePropName="checked" label=" ">
              <Checkbox>{t('reports.ofield.cumulative')}</Checkbox>
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="ruleKind" label={t('reports.ofield.due_rule')}>
          <Radio.Group
            options={[
              { value: 'day_of_month', label: t('reports.ofield.rule_day_of_month') },
              { value: 'working_days_after', label: t('reports.ofield.rule_working_days_after') },
              { value: 'date', label: t('reports.ofield.rule_date') },
            ]}
          />
        </Form.Item>
        {ruleKind === 'day_of_month' ? (
          <Space wrap size={16} align="start">
            <Form.Item name="day" label={t('reports.ofield.day')}>
              <InputNumber min={1} max={31} />
            </Form.Item>
            <Form.Item name="monthOffset" label={t('reports.ofield.month_offset')}>
              <InputNumber min={0} max={12} />
            </Form.Item>
          </Space>
        ) : null}
        {ruleKind === 'day_of_month' ? (
          <Form.Item name="rollForward" valuePropName="checked">
            <Checkbox>{t('reports.ofield.roll_forward')}</Checkbox>
          </Form.Item>
        ) : null}
        {ruleKind === 'working_days_after' ? (
          <Form.Item name="days" label={t('reports.ofield.days')}>
            <InputNumber min={1} max={120} />
          </Form.Item>
        ) : null}
        {ruleKind === 'date' ? (
          <Form.Item
            name="date"
            label={t('reports.ofield.date')}
            rules={[{ required: true, message: t('common.select_required', { field: t('reports.ofield.date').toLowerCase() }) }]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('reports.ofield.checklist')}>
          <Form.List name="checklist">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'key']} rules={required(t('reports.ofield.checklist_key'))}>
                      <Input
                        placeholder={t('reports.ofield.checklist_key')}
                        aria-label={t('reports.ofield.checklist_key')}
                        style={{ width: 150 }}
                        maxLength={50}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} rules={required(t('reports.ofield.checklist_label'))}>
                      <Input
                        placeholder={t('reports.ofield.checklist_label')}
                        aria-label={t('reports.ofield.checklist_label')}
                        style={{ width: 470 }}
                        maxLength={500}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ key: '', label: '' })}>
                  {t('reports.ofield.add_item')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Space wrap size={16} align="start">
          <Form.Item name="parCriteria" label={t('reports.ofield.par_criteria')}>
            <Select mode="tags" style={{ width: 360 }} placeholder={t('reports.ofield.par_criteria_placeholder')} open={false} />
          </Form.Item>
          <Form.Item name="isActive" valuePropName="checked" label={t('reports.ofield.active')}>
            <Switch />
          </Form.Item>
        </Space>
        {save.isError && !(save.error instanceof ApiError && save.error.errors.length) ? <ErrorAlert error={save.error} /> : null}
      </Form>
    </Modal>
  );
}
