// The three repeated parts of the procedure form: fees, dossier components, internal steps.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES } from '@cchc/domain';
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComponentKind, StepBudgetUnit } from '../../api/types';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { formatNumber } from '../../format';

export const COMPONENT_KINDS: readonly ComponentKind[] = ['original', 'certified_copy', 'copy', 'original_or_copy'];
export const STEP_BUDGET_UNITS: readonly StepBudgetUnit[] = ['working_days', 'working_hours'];

/** VND amounts typed and shown with dot thousands separators: 1.500.000. */
const vndFormatter = (v: number | string | undefined) => (v === undefined || v === '' ? '' : formatNumber(Number(v)));
const vndParser = (s: string | undefined) => Number((s ?? '').replace(/\D/g, '') || 0);

function RemoveButton({ onClick, label, first }: { onClick: () => void; label: string; first: boolean }) {
  return <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} title={label} onClick={onClick} style={{ marginTop: first ? 30 : 0 }} />;
}

export function FeesField() {
  const { t } = useTranslation();
  return (
    <Form.List name="fees">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('procedures.detail.no_fees')}</Typography.Paragraph> : null}
          {fields.map((f, i) => (
            <Row key={f.key} gutter={12} wrap={false} align="top">
              <Col flex="auto">
                <Form.Item
                  name={[f.name, 'name']}
                  label={i === 0 ? t('procedures.form.fee_name') : undefined}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('procedures.detail.fee_name').toLowerCase() }) }]}
                >
                  <Input aria-label={t('procedures.form.row_field', { field: t('procedures.form.fee_name'), index: i + 1 })} maxLength={500} />
                </Form.Item>
              </Col>
              <Col flex="200px">
                <Form.Item
                  name={[f.name, 'amountVnd']}
                  label={i === 0 ? t('procedures.form.fee_amount') : undefined}
                  rules={[{ required: true, message: t('common.required', { field: t('procedures.detail.fee_amount').toLowerCase() }) }]}
                >
                  <InputNumber<number>
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.fee_amount'), index: i + 1 })}
                    min={0}
                    step={1000}
                    formatter={vndFormatter}
                    parser={vndParser}
                    suffix="đ"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col flex="260px">
                <Form.Item name={[f.name, 'note']} label={i === 0 ? t('procedures.form.fee_note') : undefined}>
                  <Input aria-label={t('procedures.form.row_field', { field: t('procedures.form.fee_note'), index: i + 1 })} maxLength={1000} />
                </Form.Item>
              </Col>
              <Col flex="40px">
                <RemoveButton first={i === 0} label={t('procedures.form.remove_fee', { index: i + 1 })} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button icon={<PlusOutlined />} onClick={() => add({ name: '', amountVnd: 0, note: '' })}>
            {t('procedures.form.add_fee')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function ComponentsField() {
  const { t } = useTranslation();
  return (
    <Form.List name="components">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('procedures.detail.no_components')}</Typography.Paragraph> : null}
          {fields.map((f, i) => (
            <Row key={f.key} gutter={12} wrap={false} align="top">
              <Col flex="auto">
                <Form.Item
                  name={[f.name, 'name']}
                  label={i === 0 ? t('procedures.form.component_name') : undefined}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('procedures.detail.component_name').toLowerCase() }) }]}
                >
                  <Input.TextArea
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.component_name'), index: i + 1 })}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={1000}
                  />
                </Form.Item>
              </Col>
              <Col flex="220px">
                <Form.Item name={[f.name, 'kind']} label={i === 0 ? t('procedures.form.component_kind') : undefined}>
                  <Select
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.component_kind'), index: i + 1 })}
                    options={COMPONENT_KINDS.map((k) => ({ value: k, label: t(`procedures.component_kind.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col flex="110px">
                <Form.Item name={[f.name, 'quantity']} label={i === 0 ? t('procedures.form.component_quantity') : undefined}>
                  <InputNumber<number>
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.component_quantity'), index: i + 1 })}
                    min={1}
                    max={100}
                    precision={0}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col flex="110px">
                <Form.Item name={[f.name, 'mandatory']} valuePropName="checked" label={i === 0 ? t('procedures.form.component_mandatory') : undefined}>
                  <Checkbox aria-label={t('procedures.form.row_field', { field: t('procedures.form.component_mandatory'), index: i + 1 })} />
                </Form.Item>
              </Col>
              <Col flex="40px">
                <RemoveButton first={i === 0} label={t('procedures.form.remove_component', { index: i + 1 })} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button icon={<PlusOutlined />} onClick={() => add({ name: '', kind: 'original_or_copy', quantity: 1, mandatory: true })}>
            {t('procedures.form.add_component')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function StepsField() {
  const { t } = useTranslation();
  return (
    <Form.List name="steps">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('procedures.detail.no_steps')}</Typography.Paragraph> : null}
          {fields.map((f, i) => (
            <Row key={f.key} gutter={12} wrap={false} align="top">
              <Col flex="110px">
                <Form.Item
                  name={[f.name, 'code']}
                  label={i === 0 ? t('procedures.form.step_code') : undefined}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('procedures.detail.step_code').toLowerCase() }) }]}
                >
                  <Input aria-label={t('procedures.form.row_field', { field: t('procedures.form.step_code'), index: i + 1 })} maxLength={50} />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item
                  name={[f.name, 'name']}
                  label={i === 0 ? t('procedures.form.step_name') : undefined}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('procedures.detail.step_name').toLowerCase() }) }]}
                >
                  <Input aria-label={t('procedures.form.row_field', { field: t('procedures.form.step_name'), index: i + 1 })} maxLength={500} />
                </Form.Item>
              </Col>
              <Col flex="240px">
                <Form.Item name={[f.name, 'unitId']} label={i === 0 ? t('procedures.form.step_unit') : undefined}>
                  <UnitTreeSelect aria-label={t('procedures.form.row_field', { field: t('procedures.form.step_unit'), index: i + 1 })} allowClear />
                </Form.Item>
              </Col>
              <Col flex="190px">
                <Form.Item
                  name={[f.name, 'performerRole']}
                  label={i === 0 ? t('procedures.form.step_performer') : undefined}
                  tooltip={i === 0 ? t('procedures.form.step_performer_hint') : undefined}
                >
                  <Select
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.step_performer'), index: i + 1 })}
                    allowClear
                    placeholder={t('procedures.form.step_performer_auto')}
                    options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col flex="110px">
                <Form.Item
                  name={[f.name, 'budget', 'value']}
                  label={i === 0 ? t('procedures.form.step_budget_value') : undefined}
                  rules={[{ required: true, message: t('common.required', { field: t('procedures.detail.step_budget').toLowerCase() }) }]}
                >
                  <InputNumber<number>
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.step_budget_value'), index: i + 1 })}
                    min={0}
                    max={3650}
                    decimalSeparator=","
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col flex="170px">
                <Form.Item name={[f.name, 'budget', 'unit']} label={i === 0 ? t('procedures.form.step_budget_unit') : undefined}>
                  <Select
                    aria-label={t('procedures.form.row_field', { field: t('procedures.form.step_budget_unit'), index: i + 1 })}
                    options={STEP_BUDGET_UNITS.map((u) => ({ value: u, label: t(`procedures.time_unit.${u}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col flex="40px">
                <RemoveButton first={i === 0} label={t('procedures.form.remove_step', { index: i + 1 })} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ code: `B${fields.length + 1}`, name: '', unitId: null, performerRole: null, budget: { value: 1, unit: 'working_days' } })}
          >
            {t('procedures.form.add_step')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
