import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row, Select, Space, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ParRuleKind } from '../../api/par-types';
import { RULE_KINDS } from './rule-form';

/** A score or percent typed as text with a decimal comma; checked when the form is read (valuesToRule). */
function Amount({ name, label, id, percent }: { name: (string | number)[]; label: string; id: string; percent?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} htmlFor={id} style={{ marginBottom: 12 }}>
      <Input id={id} inputMode="decimal" suffix={percent ? '%' : t('par.points_unit')} style={{ width: 170 }} />
    </Form.Item>
  );
}

function Bands() {
  const { t } = useTranslation();
  return (
    <Form.List name={['rule', 'bands']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => {
            const n = i + 1;
            return (
              <Row key={field.key} gutter={8} align="bottom" wrap={false} style={{ marginBottom: 4 }}>
                <Col>
                  <Amount name={[field.name, 'min']} label={t('par.rule.band_min', { n })} id={`par-band-${n}-min`} percent />
                </Col>
                <Col>
                  <Form.Item name={[field.name, 'minInclusive']} valuePropName="checked" style={{ marginBottom: 16 }}>
                    <Checkbox>{t('par.rule.inclusive')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col>
                  <Amount name={[field.name, 'max']} label={t('par.rule.band_max', { n })} id={`par-band-${n}-max`} percent />
                </Col>
                <Col>
                  <Form.Item name={[field.name, 'maxInclusive']} valuePropName="checked" style={{ marginBottom: 16 }}>
                    <Checkbox>{t('par.rule.inclusive')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col>
                  <Amount name={[field.name, 'points']} label={t('par.rule.band_points', { n })} id={`par-band-${n}-points`} />
                </Col>
                <Col>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('par.rule.band_remove', { n })}
                    onClick={() => remove(field.name)}
                    style={{ marginBottom: 16 }}
                  />
                </Col>
              </Row>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({ minInclusive: true, maxInclusive: false })} style={{ marginBottom: 12 }}>
            {t('par.rule.band_add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The parameters of the chosen rule kind (docs/domain/par-index.md#scoring-rule-taxonomy). */
export function RuleFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['rule', 'kind'], form) as ParRuleKind | undefined;
  const mode = Form.useWatch(['rule', 'mode'], form) as 'condition' | 'per_occurrence' | undefined;
  return (
    <>
      <Form.Item name={['rule', 'kind']} label={t('par.rule.kind_label')} htmlFor="par-rule-kind" extra={kind ? t(`par.rule.hint.${kind}`) : undefined}>
        <Select id="par-rule-kind" options={RULE_KINDS.map((k) => ({ value: k, label: t(`par.rule.kind.${k}`) }))} style={{ width: 320 }} />
      </Form.Item>
      {kind === 'binary' ? <Amount name={['rule', 'pointsIfTrue']} label={t('par.rule.points_if_true')} id="par-rule-points-if-true" /> : null}
      {kind === 'timeliness' ? (
        <Space wrap size={16}>
          <Amount name={['rule', 'onTime']} label={t('par.rule.on_time')} id="par-rule-on-time" />
          <Amount name={['rule', 'late']} label={t('par.rule.late')} id="par-rule-late" />
          <Amount name={['rule', 'notDone']} label={t('par.rule.not_done')} id="par-rule-not-done" />
        </Space>
      ) : null}
      {kind === 'rate_bands' ? <Bands /> : null}
      {kind === 'proportional' ? (
        <Space wrap size={16}>
          <Amount name={['rule', 'threshold']} label={t('par.rule.threshold')} id="par-rule-threshold" percent />
          <Amount name={['rule', 'cap']} label={t('par.rule.cap_optional')} id="par-rule-cap" />
        </Space>
      ) : null}
      {kind === 'deduction' ? (
        <>
          <Form.Item name={['rule', 'mode']} label={t('par.rule.mode_label')} htmlFor="par-rule-mode" style={{ marginBottom: 12 }}>
            <Select
              id="par-rule-mode"
              options={(['condition', 'per_occurrence'] as const).map((m) => ({ value: m, label: t(`par.rule.mode.${m}`) }))}
              style={{ width: 320 }}
            />
          </Form.Item>
          <Space wrap size={16}>
            <Amount name={['rule', 'points']} label={t('par.rule.deduction_points')} id="par-rule-points" />
            <Amount name={['rule', 'floor']} label={t('par.rule.floor')} id="par-rule-floor" />
            {mode === 'condition' ? <Amount name={['rule', 'triggerBelow']} label={t('par.rule.trigger_below')} id="par-rule-trigger" percent /> : null}
            {mode === 'condition' ? (
              <Form.Item name={['rule', 'triggerInclusive']} valuePropName="checked" label=" " colon={false} style={{ marginBottom: 12 }}>
                <Checkbox>{t('par.rule.trigger_inclusive')}</Checkbox>
              </Form.Item>
            ) : null}
          </Space>
        </>
      ) : null}
      {kind === 'bonus' ? (
        <Space wrap size={16}>
          <Amount name={['rule', 'cap']} label={t('par.rule.cap')} id="par-rule-cap" />
          <Amount name={['rule', 'points']} label={t('par.rule.bonus_points')} id="par-rule-points" />
        </Space>
      ) : null}
      {kind === 'manual' || kind === 'survey' || kind === 'sum' ? null : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('par.rule.amount_hint')}
        </Typography.Paragraph>
      )}
    </>
  );
}
