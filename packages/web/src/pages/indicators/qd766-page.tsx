import { formatPercent } from '@cchc/domain';
import { DeleteOutlined, EditOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  createEntry,
  deleteEntry,
  drillHref,
  exportQd766,
  getQd766,
  getQd766Breakdown,
  getQd766Trend,
  indicatorKeys,
  listEntries,
  updateEntry,
  type BreakdownBy,
  type EntryView,
  type IndicatorView,
  type PeriodQuery,
} from '../../api/indicators';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ToneTag } from '../../components/tone-tag';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useUrlQuery } from '../../components/use-url-query';
import { applyFieldErrors, errorMessage, fieldErrorMessage } from '../../errors';
import { formatDate, formatNumber, formatScore } from '../../format';
import { saveBlob, vnToday } from '../dossiers/dossier-format';
import { localText } from '../surveys/survey-format';

const TrendChart = lazy(() => import('./trend-chart'));

const DATE_FORMAT = 'DD/MM/YYYY';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readQuery(params: URLSearchParams, ownUnit: string): PeriodQuery {
  const today = vnToday();
  const day = (key: string) => {
    const v = params.get(key);
    return v && DAY.test(v) ? v : undefined;
  };
  return { unitId: params.get('unitId') ?? ownUnit, from: day('from') ?? `${today.slice(0, 4)}-01-01`, to: day('to') ?? today };
}

/** The figure an indicator shows: a percent, or the average time in hours. */
function valueText(i: { valueHundredths: number | null }, unit: 'percent' | 'hours', hours: (v: string) => string): string {
  if (i.valueHundredths === null) return '–';
  return unit === 'hours' ? hours(formatScore(i.valueHundredths)) : formatPercent(i.valueHundredths);
}

interface EntryForm {
  unitId: string;
  code: string;
  period: [dayjs.Dayjs, dayjs.Dayjs];
  numerator: number;
  denominator: number;
  note?: string;
}

/** "Chỉ số 766": the QĐ 766 service-quality indicators of a unit and period (docs/domain/qd766.md). */
export function Qd766Page() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const { query, update } = useUrlQuery((params) => readQuery(params, me.unitId));
  const [by, setBy] = useState<BreakdownBy>('unit');
  const [editing, setEditing] = useState<EntryView | 'new' | null>(null);
  const [form] = Form.useForm<EntryForm>();

  const report = useQuery({ queryKey: indicatorKeys.report(query), queryFn: () => getQd766(query), placeholderData: keepPreviousData });
  const trend = useQuery({ queryKey: indicatorKeys.trend(query), queryFn: () => getQd766Trend(query), placeholderData: keepPreviousData });
  const breakdown = useQuery({ queryKey: indicatorKeys.breakdown(query, by), queryFn: () => getQd766Breakdown(query, by), placeholderData: keepPreviousData });
  const entries = useQuery({ queryKey: indicatorKeys.entries(query), queryFn: () => listEntries(query) });

  const hours = (v: string) => t('indicators.hours', { value: v });

  const download = useMutation({
    mutationFn: () => exportQd766(query),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => message.error(`${t('indicators.export_failed')}: ${errorMessage(error)}`),
  });

  const save = useMutation({
    mutationFn: async (v: EntryForm) => {
      if (editing && editing !== 'new')
        return updateEntry(editing.id, { version: editing.version, numerator: v.numerator, denominator: v.denominator, note: v.note ?? null });
      return createEntry({
        unitId: v.unitId,
        code: v.code,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        numerator: v.numerator,
        denominator: v.denominator,
        note: v.note ?? null,
      });
    },
    onSuccess: () => {
      setEditing(null);
      message.success(t('indicators.entries.saved'));
      void qc.invalidateQueries({ queryKey: indicatorKeys.all });
    },
    onError: (error) => {
      // The server names body fields ('body.numerator'); they are shown together under the form's title.
      const left = applyFieldErrors(form, error, ['unitId', 'code', 'numerator', 'denominator', 'note']);
      message.error(left.length ? left.map((p) => fieldErrorMessage(p.code)).join(' ') : errorMessage(error));
    },
  });
  const remove = useMutation({
    mutationFn: (e: EntryView) => deleteEntry(e.id, e.version),
    onSuccess: () => void qc.invalidateQueries({ queryKey: indicatorKeys.all }),
    onError: (error) => message.error(errorMessage(error)),
  });

  const r = report.data;
  const enteredCodes = useMemo(() => (r ? r.groups.flatMap((g) => g.indicators).filter((i) => i.source === 'entered') : []), [r]);
  const groupNames = useMemo(() => (r ? r.groups.map((g) => `${g.group}. ${localText(g.name)}`) : []), [r]);
  const openForm = (e: EntryView | 'new') => {
    setEditing(e);
    form.resetFields();
    if (e === 'new') form.setFieldsValue({ unitId: query.unitId, period: [dayjs(query.from), dayjs(query.to)] });
    else
      form.setFieldsValue({
        unitId: e.unitId,
        code: e.code,
        period: [dayjs(e.periodFrom), dayjs(e.periodTo)],
        numerator: e.numerator,
        denominator: e.denominator,
        note: e.note ?? undefined,
      });
  };

  const drillLink = (d: IndicatorView['drill']['numerator'], text: string) => (d ? <Link to={drillHref(d)}>{text}</Link> : text);

  return (
    <>
      <PageHeader
        title={t('indicators.title')}
        extra={
          <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            {t('indicators.export')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('indicators.unit')} htmlFor="qd766-unit">
            <UnitTreeSelect id="qd766-unit" value={query.unitId} onChange={(unitId) => unitId && update({ unitId })} style={{ width: 300 }} />
          </Form.Item>
          <Form.Item label={t('indicators.from')} htmlFor="qd766-from">
            <DatePicker
              id="qd766-from"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              allowClear={false}
              value={dayjs(query.from)}
              onChange={(d) => d && update({ from: d.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label={t('indicators.to')} htmlFor="qd766-to">
            <DatePicker
              id="qd766-to"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              allowClear={false}
              value={dayjs(query.to)}
              onChange={(d) => d && update({ to: d.format('YYYY-MM-DD') })}
            />
          </Form.Item>
        </Form>
      </Card>
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8} lg={4}>
              <Card data-testid="qd766-total">
                <Statistic title={t('indicators.total')} value={formatScore(r.totalHundredths)} suffix={`/ ${formatScore(r.maxHundredths)}`} />
                <Typography.Text type="secondary">{t('indicators.set', { title: r.set.title })}</Typography.Text>
              </Card>
            </Col>
            {r.groups.map((g) => (
              <Col key={g.group} xs={12} md={8} lg={4}>
                <Card>
                  <Statistic title={`${g.group}. ${localText(g.name)}`} value={formatScore(g.pointsHundredths)} suffix={`/ ${formatScore(g.maxHundredths)}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('indicators.period', { unit: r.unitName, from: formatDate(r.from), to: formatDate(r.to) })} style={{ marginBottom: 16 }}>
            <Table<IndicatorView>
              rowKey="code"
              size="small"
              pagination={false}
              loading={report.isFetching}
              dataSource={r.groups.flatMap((g) => g.indicators)}
              columns={[
                { title: t('indicators.columns.code'), dataIndex: 'code', key: 'code', width: 64 },
                {
                  title: t('indicators.columns.name'),
                  key: 'name',
                  render: (_, i) => (
                    <Tooltip title={localText(i.formula)}>
                      <span>{localText(i.name)}</span>
                    </Tooltip>
                  ),
                },
                {
                  title: t('indicators.columns.source'),
                  key: 'source',
                  width: 120,
                  render: (_, i) => <ToneTag tone={i.source === 'computed' ? 'blue' : 'gold'}>{t(`indicators.source.${i.source}`)}</ToneTag>,
                },
                {
                  title: t('indicators.columns.numerator'),
                  key: 'numerator',
                  align: 'right',
                  render: (_, i) => (i.hasData ? drillLink(i.drill.numerator, formatNumber(i.numerator)) : '–'),
                },
                {
                  title: t('indicators.columns.denominator'),
                  key: 'denominator',
                  align: 'right',
                  render: (_, i) => (i.hasData ? drillLink(i.drill.denominator, formatNumber(i.denominator)) : '–'),
                },
                {
                  title: t('indicators.columns.value'),
                  key: 'value',
                  align: 'right',
                  render: (_, i) => (i.hasData ? valueText(i, i.unit, hours) : <Typography.Text type="secondary">{t('indicators.no_data')}</Typography.Text>),
                },
                {
                  title: t('indicators.columns.target'),
                  key: 'target',
                  align: 'center',
                  render: (_, i) =>
                    i.targetBp === null ? (
                      ''
                    ) : (
                      <ToneTag tone={i.meetsTarget === null ? 'default' : i.meetsTarget ? 'green' : 'red'}>{`≥ ${formatPercent(i.targetBp)}`}</ToneTag>
                    ),
                },
                {
                  title: t('indicators.columns.points'),
                  key: 'points',
                  align: 'right',
                  width: 130,
                  render: (_, i) => <strong>{`${formatScore(i.pointsHundredths)} / ${formatScore(i.maxHundredths)}`}</strong>,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t('indicators.trend.title')}>
            {trend.data && r ? (
              <Suspense fallback={null}>
                <TrendChart trend={trend.data} groupNames={groupNames} />
              </Suspense>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('indicators.breakdown.title')}
            extra={
              <Segmented<BreakdownBy>
                value={by}
                onChange={setBy}
                options={(['unit', 'procedure', 'sector'] as const).map((b) => ({ value: b, label: t(`indicators.breakdown.${b}`) }))}
              />
            }
          >
            <Table
              rowKey="key"
              size="small"
              loading={breakdown.isFetching}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={breakdown.data?.lines ?? []}
              scroll={{ x: true }}
              columns={[
                { title: t(`indicators.breakdown.${by}`), key: 'name', render: (_, l) => (l.drill ? <Link to={drillHref(l.drill)}>{l.name}</Link> : l.name) },
                ...(breakdown.data?.codes ?? []).map((code) => ({
                  title: code,
                  key: code,
                  align: 'right' as const,
                  render: (_: unknown, l: NonNullable<typeof breakdown.data>['lines'][number]) => {
                    const i = l.indicators.find((x) => x.code === code)!;
                    return (
                      <Tooltip title={`${formatNumber(i.numerator)} / ${formatNumber(i.denominator)}`}>
                        <span>{valueText(i, code === '2.2' ? 'hours' : 'percent', hours)}</span>
                      </Tooltip>
                    );
                  },
                })),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('indicators.entries.title')}
        extra={
          r?.can.enter ? (
            <Button icon={<PlusOutlined />} onClick={() => openForm('new')}>
              {t('indicators.entries.add')}
            </Button>
          ) : null
        }
      >
        <Table<EntryView>
          rowKey="id"
          size="small"
          loading={entries.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={entries.data?.items ?? []}
          locale={{ emptyText: t('indicators.entries.empty') }}
          columns={[
            { title: t('indicators.columns.code'), dataIndex: 'code', key: 'code', width: 64 },
            { title: t('indicators.unit'), dataIndex: 'unitName', key: 'unit' },
            { title: t('indicators.entries.period'), key: 'period', render: (_, e) => `${formatDate(e.periodFrom)} – ${formatDate(e.periodTo)}` },
            { title: t('indicators.columns.numerator'), key: 'numerator', align: 'right', render: (_, e) => formatNumber(e.numerator) },
            { title: t('indicators.columns.denominator'), key: 'denominator', align: 'right', render: (_, e) => formatNumber(e.denominator) },
            { title: t('indicators.entries.entered_by'), key: 'by', render: (_, e) => e.enteredByName ?? '' },
            { title: t('indicators.entries.note'), dataIndex: 'note', key: 'note' },
            {
              title: '',
              key: 'actions',
              width: 96,
              render: (_, e) =>
                e.can.update ? (
                  <Space>
                    <Button size="small" icon={<EditOutlined />} aria-label={t('indicators.entries.edit')} onClick={() => openForm(e)} />
                    <Popconfirm title={t('indicators.entries.delete_confirm')} onConfirm={() => remove.mutate(e)}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('indicators.entries.delete')} />
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? 'indicators.entries.add' : 'indicators.entries.edit')}
        okText={t('indicators.entries.save')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="unitId" label={t('indicators.unit')} rules={[{ required: true, message: t('indicators.entries.required') }]}>
            <UnitTreeSelect id="qd766-entry-unit" />
          </Form.Item>
          <Form.Item name="code" label={t('indicators.entries.indicator')} rules={[{ required: true, message: t('indicators.entries.required') }]}>
            <Select disabled={editing !== 'new'} options={enteredCodes.map((i) => ({ value: i.code, label: `${i.code} ${localText(i.name)}` }))} />
          </Form.Item>
          <Form.Item name="period" label={t('indicators.entries.period')} rules={[{ required: true, message: t('indicators.entries.required') }]}>
            <DatePicker.RangePicker format={DATE_FORMAT} disabled={editing !== 'new'} />
          </Form.Item>
          <Space>
            <Form.Item name="numerator" label={t('indicators.columns.numerator')} rules={[{ required: true, message: t('indicators.entries.required') }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="denominator" label={t('indicators.columns.denominator')} rules={[{ required: true, message: t('indicators.entries.required') }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('indicators.entries.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
