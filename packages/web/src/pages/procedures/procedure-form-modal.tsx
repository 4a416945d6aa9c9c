import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@cchc/domain';
import { Alert, App, Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/http';
import { createProcedure, procedureKeys, updateProcedure } from '../../api/procedures';
import type {
  ComponentKind,
  FieldProblem,
  OnlineLevel,
  ProcedureChannel,
  ProcedureContent,
  ProcedureResultType,
  ProcedureView,
  StepBudgetUnit,
  TimeLimitUnit,
} from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { applyFieldErrors, isStaleVersion } from '../../errors';
import { useMe } from '../../auth/me-context';
import { ComponentsField, FeesField, StepsField } from './procedure-form-lists';
import { formatDate } from '../../format';
import { withoutLocation } from './procedure-format';

const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';
const CHANNELS: readonly ProcedureChannel[] = ['counter', 'post', 'online'];
const ONLINE_LEVELS: readonly OnlineLevel[] = ['full', 'partial', 'none'];
const RESULT_TYPES: readonly ProcedureResultType[] = ['paper', 'electronic', 'both'];
const TIME_LIMIT_UNITS: readonly TimeLimitUnit[] = ['working_days', 'calendar_days', 'working_hours', 'same_day'];

interface Values {
  code: string;
  unitId: string;
  name: string;
  sector: { code: string; name: string };
  processingUnitId?: string | null;
  timeLimit: { value: number | null; unit: TimeLimitUnit };
  channels: ProcedureChannel[];
  onlineLevel: OnlineLevel;
  resultType: ProcedureResultType;
  resultName?: string;
  fees?: Array<{ name: string; amountVnd: number; note?: string | null }>;
  components?: Array<{ name: string; kind: ComponentKind; quantity: number; mandatory: boolean }>;
  steps?: Array<{ code: string; name: string; unitId?: string | null; performerRole?: Role | null; budget: { value: number; unit: StepBudgetUnit } }>;
  legalBasis?: string;
  applicants?: string;
  publication?: { number?: string; date?: Dayjs | null };
  effectiveFrom?: Dayjs | null;
}

const FIELDS = [
  'code',
  'unitId',
  'name',
  'sector',
  'processingUnitId',
  'timeLimit',
  'channels',
  'onlineLevel',
  'resultType',
  'resultName',
  'fees',
  'components',
  'steps',
  'legalBasis',
  'applicants',
  'publication',
  'effectiveFrom',
] as const;

function initialValues(p: ProcedureView | null, defaultUnitId: string): Partial<Values> {
  if (!p) {
    return {
      unitId: defaultUnitId,
      timeLimit: { value: null, unit: 'working_days' },
      channels: ['counter'],
      onlineLevel: 'none',
      resultType: 'paper',
      fees: [],
      components: [],
      steps: [],
      effectiveFrom: dayjs(),
    };
  }
  return {
    code: p.code,
    unitId: p.unitId,
    name: p.name,
    sector: p.sector,
    processingUnitId: p.processingUnitId,
    timeLimit: p.timeLimit,
    channels: p.channels,
    onlineLevel: p.onlineLevel,
    resultType: p.resultType,
    resultName: p.resultName,
    fees: p.fees.map((f) => ({ ...f, note: f.note ?? '' })),
    components: p.components.map(({ name, kind, quantity, mandatory }) => ({ name, kind, quantity, mandatory })),
    steps: p.steps,
    legalBasis: p.legalBasis,
    applicants: p.applicants,
    publication: p.publication ? { number: p.publication.number, date: dayjs(p.publication.date, ISO) } : { number: '', date: null },
    // A new version takes effect today unless the user picks another day (never before the latest).
    effectiveFrom: dayjs().isBefore(dayjs(p.effectiveFrom, ISO), 'day') ? dayjs(p.effectiveFrom, ISO) : dayjs(),
  };
}

/** The form's values as the API's content fields; component templates are kept by name. */
function toContent(v: Values, previous: ProcedureView | null): ProcedureContent {
  const trim = (s: string | null | undefined) => (s ?? '').trim();
  const pubNumber = trim(v.publication?.number);
  return {
    name: trim(v.name),
    sector: { code: trim(v.sector.code), name: trim(v.sector.name) },
    level: previous?.level ?? null,
    processingUnitId: v.processingUnitId ?? null,
    timeLimit: { value: v.timeLimit.value ?? 0, unit: v.timeLimit.unit },
    fees: (v.fees ?? []).map((f) => ({ name: trim(f.name), amountVnd: f.amountVnd ?? 0, note: trim(f.note) || null })),
    components: (v.components ?? []).map((c) => ({
      name: trim(c.name),
      kind: c.kind,
      quantity: c.quantity ?? 1,
      mandatory: c.mandatory,
      templateFileId: previous?.components.find((pc) => pc.name === trim(c.name))?.templateFileId ?? null,
    })),
    channels: CHANNELS.filter((c) => v.channels.includes(c)),
    onlineLevel: v.onlineLevel,
    resultType: v.resultType,
    resultName: trim(v.resultName),
    legalBasis: trim(v.legalBasis),
    applicants: trim(v.applicants),
    publication: pubNumber && v.publication?.date ? { number: pubNumber, date: v.publication.date.format(ISO) } : null,
    receivingCutoffMinute: previous?.receivingCutoffMinute ?? null,
    steps: (v.steps ?? []).map((s) => ({
      code: trim(s.code),
      name: trim(s.name),
      unitId: s.unitId ?? null,
      performerRole: s.performerRole ?? null,
      budget: s.budget,
    })),
  };
}

interface Props {
  open: boolean;
  /** null to create; a procedure to publish its new version. */
  procedure: ProcedureView | null;
  onClose: () => void;
}

/** Creates a procedure, or publishes a new version of one, in one large form. */
export function ProcedureFormModal({ open, procedure, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const editing = procedure;
  const timeUnit = Form.useWatch(['timeLimit', 'unit'], form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(procedure, me.unitId));
  }, [open, procedure, form, me.unitId]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const content = toContent(v, editing);
      const effectiveFrom = v.effectiveFrom ? v.effectiveFrom.format(ISO) : undefined;
      return editing
        ? updateProcedure(editing.id, { version: editing.version, effectiveFrom, ...content })
        : createProcedure({ unitId: v.unitId, code: v.code.trim().toUpperCase(), effectiveFrom, ...content });
    },
    onSuccess: async (saved) => {
      message.success(t(editing ? 'procedures.form.updated' : 'procedures.form.created', { code: saved.code, no: saved.versionNo }));
      queryClient.setQueryData(procedureKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: procedureKeys.all });
      close();
      if (!editing) void navigate(`/procedures/${encodeURIComponent(saved.id)}`);
    },
    onError: (error) => {
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: procedureKeys.all });
      const located = error instanceof ApiError ? new ApiError(error.status, error.code, error.detail, withoutLocation(error.errors)) : error;
      setLeftover(applyFieldErrors(form, located, FIELDS));
    },
  });

  const close = () => {
    save.reset();
    setLeftover([]);
    onClose();
  };

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label.toLowerCase() }) });
  const stale = isStaleVersion(save.error);

  return (
    <Modal
      open={open}
      title={editing ? t('procedures.form.edit_title', { code: editing.code }) : t('procedures.form.create_title')}
      okText={editing ? t('procedures.form.save_version') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: stale }}
      onOk={() => form.submit()}
      onCancel={close}
      width={1100}
      style={{ top: 24 }}
      forceRender
      destroyOnHidden={false}
    >
      {stale ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('procedures.form.conflict_title')}
          description={t('procedures.form.conflict_body')}
          action={<Button onClick={close}>{t('common.close')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : save.isError ? (
        <ErrorAlert error={save.error} fields={leftover} />
      ) : null}
      {editing ? <Alert type="info" showIcon title={t('procedures.form.version_notice', { no: editing.versionNo + 1 })} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        name="procedure"
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          // A level of online service implies the online channel (NĐ 42/2022), and back.
          if (!changed.channels) return;
          const online = changed.channels.includes('online');
          const level = form.getFieldValue('onlineLevel') as OnlineLevel;
          if (!online && level !== 'none') form.setFieldValue('onlineLevel', 'none');
          if (online && level === 'none') form.setFieldValue('onlineLevel', 'partial');
        }}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('procedures.form.section_general')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('procedures.code')} extra={t('procedures.form.code_hint')} rules={[required(t('procedures.code'))]}>
              <Input maxLength={40} disabled={!!editing} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('procedures.name')} rules={[required(t('procedures.name'))]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['sector', 'code']} label={t('procedures.form.sector_code')} rules={[required(t('procedures.form.sector_code'))]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name={['sector', 'name']} label={t('procedures.form.sector_name')} rules={[required(t('procedures.form.sector_name'))]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {editing ? (
              <Form.Item label={t('procedures.detail.unit')} htmlFor="procedure-unit-name">
                <Input id="procedure-unit-name" value={editing.unitName} disabled />
              </Form.Item>
            ) : (
              <Form.Item
                name="unitId"
                label={t('procedures.detail.unit')}
                rules={[{ required: true, message: t('common.select_required', { field: t('procedures.detail.unit').toLowerCase() }) }]}
              >
                <UnitTreeSelect />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="processingUnitId" label={t('procedures.detail.processing_unit')}>
              <UnitTreeSelect allowClear placeholder={t('procedures.form.processing_unit_placeholder')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('procedures.form.section_time')}</Divider>
        <Row gutter={16}>
          <Col xs={12} md={5}>
            <Form.Item
              name={['timeLimit', 'value']}
              label={t('procedures.time_limit')}
              rules={[{ required: timeUnit !== 'same_day', message: t('common.required', { field: t('procedures.time_limit').toLowerCase() }) }]}
            >
              <InputNumber<number> min={0} max={3650} decimalSeparator="," disabled={timeUnit === 'same_day'} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name={['timeLimit', 'unit']} label={t('procedures.form.time_limit_unit')}>
              <Select options={TIME_LIMIT_UNITS.map((u) => ({ value: u, label: t(`procedures.time_unit.${u}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="channels"
              label={t('procedures.channels')}
              rules={[{ required: true, message: t('common.select_required', { field: t('procedures.channels').toLowerCase() }) }]}
            >
              <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: t(`procedures.channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="onlineLevel" label={t('procedures.online_level')}>
              <Select options={ONLINE_LEVELS.map((l) => ({ value: l, label: t(`procedures.online.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="resultType" label={t('procedures.form.result_type')}>
              <Select options={RESULT_TYPES.map((r) => ({ value: r, label: t(`procedures.result_type.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="resultName" label={t('procedures.form.result_name')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('procedures.detail.fees')}</Divider>
        <FeesField />

        <Divider titlePlacement="start">{t('procedures.detail.components')}</Divider>
        <ComponentsField />

        <Divider titlePlacement="start">{t('procedures.detail.steps')}</Divider>
        <StepsField />

        <Divider titlePlacement="start">{t('procedures.form.section_legal')}</Divider>
        <Form.Item name="applicants" label={t('procedures.detail.applicants')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('procedures.detail.legal_basis')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['publication', 'number']} label={t('procedures.form.publication_number')}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['publication', 'date']}
              label={t('procedures.form.publication_date')}
              dependencies={[['publication', 'number']]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) =>
                    String(getFieldValue(['publication', 'number']) ?? '').trim() && !value
                      ? Promise.reject(new Error(t('common.select_required', { field: t('procedures.form.publication_date').toLowerCase() })))
                      : Promise.resolve(),
                }),
              ]}
            >
              <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="effectiveFrom"
              label={t('procedures.form.effective_from')}
              extra={editing ? t('procedures.form.effective_from_hint', { date: formatDate(editing.effectiveFrom) }) : undefined}
              rules={[{ required: true, message: t('common.select_required', { field: t('procedures.form.effective_from').toLowerCase() }) }]}
            >
              <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
