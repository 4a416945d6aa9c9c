import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCampaign, listQuestionnaires, previewPopulation, sampleSize, surveyKeys, type CampaignView } from '../../api/surveys';
import { useMe } from '../../auth/me-context';
import { formatNumber } from '../../format';
import { surveyError, surveyUnitOf } from './survey-format';

const DATE_FORMAT = 'DD/MM/YYYY';
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** The quarter before today's: the usual population of a campaign (dossiers returned last quarter). */
function lastQuarter(today: Dayjs): [Dayjs, Dayjs] {
  const start = today
    .startOf('month')
    .subtract(today.month() % 3, 'month')
    .subtract(3, 'month');
  return [start, start.add(3, 'month').subtract(1, 'day')];
}

interface Values {
  title: string;
  questionnaireId: string;
  open: [Dayjs, Dayjs];
  period: [Dayjs, Dayjs] | undefined;
  stratifyBy: 'procedure' | 'unit' | 'none';
  marginPercent: number;
  minDurationSeconds: number;
  anonymous: boolean;
  kind: 'dossiers' | 'open' | 'list';
}

/** A new campaign: the population and the sample it gets are computed live as the form changes. */
export function CampaignFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: CampaignView) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const [calcN, setCalcN] = useState<number | null>(10_000);
  const questionnaires = useQuery({
    queryKey: surveyKeys.questionnaires({ status: 'published', pageSize: 100 }),
    queryFn: () => listQuestionnaires({ page: 1, pageSize: 100, status: 'published' }),
    enabled: open,
  });
  const margin = (values?.marginPercent ?? 5) / 100;
  const kind = values?.kind ?? 'dossiers';
  const previewQuery =
    values?.period && kind === 'dossiers'
      ? { from: day(values.period[0]), to: day(values.period[1]), stratifyBy: values.stratifyBy ?? 'procedure', margin }
      : null;
  const preview = useQuery({
    queryKey: surveyKeys.population(previewQuery ?? {}),
    queryFn: () => previewPopulation(previewQuery!),
    enabled: open && !!previewQuery && margin > 0 && margin < 0.5,
  });
  const calc = useQuery({
    queryKey: ['surveys', 'sample-size', calcN, margin],
    queryFn: () => sampleSize(calcN!, margin),
    enabled: open && !!calcN && calcN >= 1 && margin > 0 && margin < 0.5,
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      createCampaign({
        unitId: surveyUnitOf(me),
        questionnaireId: v.questionnaireId,
        title: v.title,
        opensOn: day(v.open[0]),
        closesOn: day(v.open[1]),
        anonymous: v.anonymous,
        minDurationSeconds: v.minDurationSeconds,
        margin: v.marginPercent / 100,
        population: v.kind !== 'dossiers' ? { kind: v.kind } : { kind: 'dossiers', from: day(v.period?.[0]), to: day(v.period?.[1]), stratifyBy: v.stratifyBy },
      }),
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: surveyKeys.all });
      onCreated(c);
    },
  });
  useEffect(() => {
    if (!open) return;
    const today = dayjs();
    form.resetFields();
    form.setFieldsValue({ open: [today, today.add(30, 'day')], period: lastQuarter(today) });
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={t('surveys.campaigns.create')}
      width={760}
      okText={t('surveys.campaigns.start')}
      confirmLoading={create.isPending}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      {create.isError ? <Alert type="error" showIcon message={surveyError(create.error)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ marginPercent: 5, minDurationSeconds: 60, anonymous: true, stratifyBy: 'procedure', kind: 'dossiers' }}
      >
        <Form.Item name="title" label={t('surveys.fields.title')} rules={[{ required: true, message: t('surveys.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="questionnaireId" label={t('surveys.campaigns.questionnaire')} rules={[{ required: true, message: t('surveys.required') }]}>
          <Select options={(questionnaires.data?.items ?? []).map((q) => ({ value: q.id, label: `${q.title} (v${q.versionNo})` }))} />
        </Form.Item>
        <Form.Item name="open" label={t('surveys.campaigns.open_period')} rules={[{ required: true, message: t('surveys.required') }]}>
          <DatePicker.RangePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="kind" label={t('surveys.campaigns.population_kind')}>
          <Select
            options={[
              { value: 'dossiers', label: t('surveys.campaigns.kind_dossiers') },
              { value: 'open', label: t('surveys.campaigns.kind_open') },
              { value: 'list', label: t('surveys.campaigns.kind_list') },
            ]}
          />
        </Form.Item>
        {kind === 'dossiers' ? (
          <>
            <Form.Item name="period" label={t('surveys.campaigns.returned_period')} rules={[{ required: true, message: t('surveys.required') }]}>
              <DatePicker.RangePicker format={DATE_FORMAT} />
            </Form.Item>
            <Form.Item name="stratifyBy" label={t('surveys.campaigns.stratify_by')}>
              <Select options={(['procedure', 'unit', 'none'] as const).map((s) => ({ value: s, label: t(`surveys.campaigns.strata_${s}`) }))} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="marginPercent"
          label={t('surveys.campaigns.margin')}
          rules={[{ required: true, type: 'number', min: 0.1, max: 49.9, message: t('surveys.errors.margin_invalid') }]}
        >
          <InputNumber min={0.1} max={49.9} step={0.5} addonAfter="%" decimalSeparator="," />
        </Form.Item>
        <Form.Item
          name="minDurationSeconds"
          label={t('surveys.campaigns.min_duration')}
          extra={t('surveys.campaigns.min_duration_help')}
          rules={[{ required: true, type: 'number', min: 0, max: 7200, message: t('surveys.campaigns.min_duration_invalid') }]}
        >
          <InputNumber min={0} max={7200} step={10} precision={0} />
        </Form.Item>
        <Form.Item name="anonymous" valuePropName="checked">
          <Checkbox>{t('surveys.campaigns.anonymous')}</Checkbox>
        </Form.Item>
      </Form>
      <Descriptions size="small" bordered column={1} title={t('surveys.campaigns.sample_size_help')}>
        <Descriptions.Item label={<label htmlFor="calc-n">{t('surveys.campaigns.population_n')}</label>}>
          <InputNumber id="calc-n" min={1} value={calcN} onChange={(v) => setCalcN(typeof v === 'number' ? v : null)} />
        </Descriptions.Item>
        <Descriptions.Item label={t('surveys.campaigns.sample_n')}>
          <strong data-testid="calc-sample">{calc.data ? formatNumber(calc.data.n) : '–'}</strong>
        </Descriptions.Item>
      </Descriptions>
      {preview.data ? (
        <>
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message={t('surveys.campaigns.preview', { population: formatNumber(preview.data.population), n: formatNumber(preview.data.n) })}
          />
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            style={{ marginTop: 8 }}
            dataSource={preview.data.strata}
            columns={[
              { key: 'label', title: t('surveys.campaigns.stratum'), dataIndex: 'label' },
              { key: 'population', title: t('surveys.campaigns.population_n'), width: 140, render: (_, s) => formatNumber(s.population) },
              { key: 'allocated', title: t('surveys.campaigns.sample_n'), width: 140, render: (_, s) => formatNumber(s.allocated) },
            ]}
          />
        </>
      ) : null}
    </Modal>
  );
}
