import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Button, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createDossier, dossierKeys, getReceiptProcedure, previewReceipt } from '../../api/dossiers';
import { ApiError } from '../../api/http';
import type { ApplicantKind, CreatedDossier, DossierChannel, DossierProcedureComponent, FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatInstant } from '../../format';
import { PageHeader } from '../../components/page-header';
import { applyFieldErrors } from '../../errors';
import { instantOfVnWallClock, vnWallClock } from './dossier-format';
import { ProcedureSelect } from './procedure-select';
import { toFormProblems } from './receipt-fields';
import { ReceiptSuccess } from './receipt-success';

interface Values {
  procedureId?: string;
  channel: DossierChannel;
  applicantKind: ApplicantKind;
  applicantName: string;
  taxCode?: string;
  representative?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  address?: string;
  /** Empty: now. A past time only for backlog entry. */
  receivedAt?: Dayjs | null;
  components: number[];
  note?: string;
}

const CHANNELS: readonly DossierChannel[] = ['counter', 'post', 'online'];
const FIELDS = [
  'procedureId',
  'channel',
  'applicantKind',
  'applicantName',
  'taxCode',
  'representative',
  'phone',
  'email',
  'idNumber',
  'address',
  'receivedAt',
  'components',
  'note',
] as const;
const TIME_FORMAT = 'DD/MM/YYYY HH:mm';

/** "Tiếp nhận hồ sơ": the desk registers a complete, valid dossier and prints the receipt slip. */
export function DossierReceivePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [created, setCreated] = useState<CreatedDossier | null>(null);
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const procedureId = Form.useWatch('procedureId', form);
  const procedure = useQuery({
    queryKey: dossierKeys.procedure(procedureId ?? ''),
    queryFn: () => getReceiptProcedure(procedureId!),
    enabled: Boolean(procedureId),
  });
  // The appointment the receipt would promise, shown before the officer confirms (issue #13 item 5).
  const channel = Form.useWatch('channel', form) as DossierChannel | undefined;
  const organisation = (Form.useWatch('applicantKind', form) as ApplicantKind | undefined) === 'organization';
  const receivedAtValue = Form.useWatch('receivedAt', form) as Dayjs | null | undefined;
  const receivedAt = receivedAtValue ? instantOfVnWallClock(receivedAtValue) : undefined;
  const preview = useQuery({
    queryKey: ['dossiers', 'receipt-preview', procedureId, channel, receivedAt],
    queryFn: () => previewReceipt({ procedureId: procedureId!, channel: channel ?? 'counter', ...(receivedAt ? { receivedAt } : {}) }),
    enabled: Boolean(procedureId),
  });
  const components: DossierProcedureComponent[] = procedureId ? (procedure.data?.components ?? []) : [];
  const channels = procedureId && procedure.data ? CHANNELS.filter((c) => procedure.data.channels.includes(c)) : CHANNELS;

  // A procedure that does not take the chosen channel: fall back to the first one it takes.
  useEffect(() => {
    const current = form.getFieldValue('channel') as DossierChannel | undefined;
    if (procedure.data && current && !procedure.data.channels.includes(current) && procedure.data.channels[0]) {
      form.setFieldsValue({ channel: procedure.data.channels[0] });
    }
  }, [procedure.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const ticked = new Set(v.components ?? []);
      const text = (s: string | undefined) => s?.trim() || null;
      return createDossier({
        procedureId: v.procedureId!,
        channel: v.channel,
        applicant: {
          kind: v.applicantKind,
          name: v.applicantName.trim(),
          ...(v.applicantKind === 'organization' ? { taxCode: text(v.taxCode), representative: text(v.representative) } : {}),
          phone: text(v.phone),
          email: text(v.email),
          idNumber: text(v.idNumber),
          address: text(v.address),
        },
        ...(v.receivedAt ? { receivedAt: instantOfVnWallClock(v.receivedAt) } : {}),
        components: components.filter((_, i) => ticked.has(i)).map((c) => ({ name: c.name, kind: c.kind, quantity: c.quantity })),
        note: text(v.note),
      });
    },
    onSuccess: (dossier) => setCreated(dossier),
    onError: (error) => {
      const mapped = error instanceof ApiError ? new ApiError(error.status, error.code, error.detail, toFormProblems(error.errors)) : error;
      setLeftover(applyFieldErrors(form, mapped, FIELDS));
    },
  });

  const startOver = () => {
    setCreated(null);
    save.reset();
    setLeftover([]);
    form.resetFields();
    form.setFieldsValue({ receivedAt: null, channel: 'counter', applicantKind: 'person', components: [] });
  };

  if (created) return <ReceiptSuccess dossier={created} onAnother={startOver} />;

  return (
    <>
      <PageHeader title={t('dossiers.receive.title')} />
      <Card>
        {save.isError ? <ErrorAlert error={save.error} fields={leftover} /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ receivedAt: null, channel: 'counter', applicantKind: 'person', components: [] }}
          onFinish={(values) => save.mutate(values)}
          onValuesChange={(changed: Partial<Values>) => {
            if ('procedureId' in changed) form.setFieldsValue({ components: [] });
          }}
        >
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            {t('dossiers.receive.procedure_section')}
          </Typography.Title>
          <Form.Item
            name="procedureId"
            label={t('dossiers.fields.procedure')}
            rules={[{ required: true, message: t('common.select_required', { field: t('dossiers.fields.procedure').toLowerCase() }) }]}
          >
            <ProcedureSelect />
          </Form.Item>
          {procedureId && preview.data?.agencyCodeMissing ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="agency-code-missing"
              style={{ marginBottom: 16 }}
              message={t('dossiers.receive.warn_agency_code_missing')}
            />
          ) : null}
          {procedure.data && procedureId ? (
            <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('dossiers.receive.time_limit')}>
                {t(`dossiers.time_limit.${procedure.data.timeLimit.unit}`, { count: procedure.data.timeLimit.value })}
              </Descriptions.Item>
              <Descriptions.Item label={t('dossiers.receive.channels')}>
                {procedure.data.channels.map((c) => t(`dossiers.channel.${c}`)).join(', ')}
              </Descriptions.Item>
            </Descriptions>
          ) : null}
          {procedure.isError ? <ErrorAlert error={procedure.error} onRetry={() => void procedure.refetch()} /> : null}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="channel" label={t('dossiers.fields.channel')} rules={[{ required: true }]}>
                <Radio.Group
                  options={CHANNELS.map((c) => ({ value: c, label: t(`dossiers.channel.${c}`), disabled: !channels.includes(c) }))}
                  optionType="button"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="receivedAt"
                label={t('dossiers.fields.received_at')}
                extra={t('dossiers.receive.received_at_hint')}
                rules={[
                  {
                    validator: (_, value: Dayjs | null | undefined) =>
                      value && Date.parse(instantOfVnWallClock(value)) > Date.now() + 60_000
                        ? Promise.reject(new Error(t('dossiers.receive.received_at_future')))
                        : Promise.resolve(),
                  },
                ]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format={TIME_FORMAT}
                  placeholder={t('dossiers.receive.received_now')}
                  allowClear
                  disabledDate={(d) => d.isAfter(vnWallClock(), 'day')}
                  style={{ width: 240 }}
                />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('dossiers.receive.applicant_section')}
          </Typography.Title>
          <Form.Item name="applicantKind" label={t('dossiers.fields.applicant_kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'person', label: t('dossiers.applicant_kind.person') },
                { value: 'organization', label: t('dossiers.applicant_kind.organization') },
              ]}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="applicantName"
                label={organisation ? t('dossiers.fields.organisation_name') : t('dossiers.fields.applicant_name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('common.required', {
                      field: (organisation ? t('dossiers.fields.organisation_name') : t('dossiers.fields.applicant_name')).toLowerCase(),
                    }),
                  },
                ]}
              >
                <Input autoComplete="off" maxLength={300} />
              </Form.Item>
            </Col>
            {organisation ? (
              <>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="taxCode"
                    label={t('dossiers.fields.tax_code')}
                    rules={[
                      { required: true, whitespace: true, message: t('errors.dossier.tax_code_required') },
                      { pattern: /^\s*\d{10}(-\d{3})?\s*$/, message: t('errors.dossier.tax_code_invalid') },
                    ]}
                  >
                    <Input autoComplete="off" maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="representative"
                    label={t('dossiers.fields.representative')}
                    rules={[{ required: true, whitespace: true, message: t('errors.dossier.representative_required') }]}
                  >
                    <Input autoComplete="off" maxLength={300} />
                  </Form.Item>
                </Col>
              </>
            ) : null}
            <Col xs={24} md={12}>
              <Form.Item name="idNumber" label={organisation ? t('dossiers.fields.representative_id_number') : t('dossiers.fields.id_number')}>
                <Input autoComplete="off" maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="phone"
                label={t('dossiers.fields.phone')}
                rules={[{ pattern: /^[0-9+()\s.-]{6,30}$/, message: t('dossiers.receive.phone_invalid') }]}
              >
                <Input type="tel" autoComplete="off" maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="email" label={t('dossiers.fields.email')} rules={[{ type: 'email', message: t('errors.field.invalid_email') }]}>
                <Input type="email" autoComplete="off" maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label={t('dossiers.fields.address')}>
                <Input autoComplete="off" maxLength={500} />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('dossiers.receive.components_section')}
          </Typography.Title>
          {components.length === 0 ? (
            <Typography.Paragraph type="secondary">
              {procedureId ? t('dossiers.receive.no_components') : t('dossiers.receive.pick_procedure_first')}
            </Typography.Paragraph>
          ) : (
            <Form.Item
              name="components"
              extra={t('dossiers.receive.components_hint')}
              rules={[
                {
                  validator: (_, value: number[] | undefined) => {
                    const ticked = new Set(value ?? []);
                    const missing = components.filter((c, i) => c.mandatory && !ticked.has(i));
                    return missing.length > 0
                      ? Promise.reject(new Error(t('dossiers.receive.components_missing', { names: missing.map((c) => c.name).join('; ') })))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {components.map((c, i) => (
                  <Checkbox key={`${i}:${c.name}`} value={i}>
                    {t('dossiers.receive.component_line', {
                      name: c.name,
                      kind: t(`dossiers.component_kind.${c.kind}`),
                      count: c.quantity,
                    })}
                    {c.mandatory ? null : ` ${t('dossiers.receive.optional')}`}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          )}
          <Form.Item name="note" label={t('dossiers.fields.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {procedureId && preview.data ? (
            <div data-testid="receipt-preview" style={{ marginBottom: 16 }}>
              <Alert
                type="info"
                showIcon
                message={
                  preview.data.dueAt
                    ? t('dossiers.receive.preview_due', { due: formatInstant(preview.data.dueAt), from: formatDate(preview.data.deemedReceivedOn) })
                    : t('dossiers.receive.preview_no_due')
                }
              />
              {preview.data.nonWorkingDay ? (
                <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('dossiers.receive.warn_non_working_day')} />
              ) : null}
              {preview.data.afterCutoff && preview.data.cutoffMinute !== null ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 8 }}
                  message={t('dossiers.receive.warn_after_cutoff', {
                    time: `${String(Math.floor(preview.data.cutoffMinute / 60)).padStart(2, '0')}:${String(preview.data.cutoffMinute % 60).padStart(2, '0')}`,
                  })}
                />
              ) : null}
            </div>
          ) : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('dossiers.receive.submit')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
