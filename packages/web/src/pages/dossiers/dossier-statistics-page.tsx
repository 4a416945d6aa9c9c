import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Row, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dossierKeys, exportDossierStatistics, getDossierStatistics } from '../../api/dossiers';
import type { DossierStatistics, DossierStatisticsQuery } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { errorMessage } from '../../errors';
import { formatDate, formatNumber } from '../../format';
import { formatRate, monthStart, saveBlob, vnToday } from './dossier-format';

const DATE_FORMAT = 'DD/MM/YYYY';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Row {
  key: string;
  labelKey: ParseKeys;
  value: string;
  level: 0 | 1 | 2;
}

/** The national report's rows (docs/domain/statistics.md), in its order, indented by level. */
export function reportRows(s: DossierStatistics): Row[] {
  const n = formatNumber;
  const row = (key: string, value: string, level: 0 | 1 | 2 = 0): Row => ({ key, labelKey: `dossiers.statistics.rows.${key}` as ParseKeys, value, level });
  return [
    row('to_process', n(s.toProcess)),
    row('carried_over', n(s.carriedOver), 1),
    row('received', n(s.received.total), 1),
    row('received_online', n(s.received.online), 2),
    row('received_counter', n(s.received.counter), 2),
    row('received_post', n(s.received.post), 2),
    row('completed', n(s.completed.total)),
    row('completed_early', n(s.completed.early), 1),
    row('completed_on_time', n(s.completed.onTime), 1),
    row('completed_late', n(s.completed.late), 1),
    row('in_progress', n(s.inProgress.total)),
    row('in_progress_within_time', n(s.inProgress.withinTime), 1),
    row('in_progress_almost_due', n(s.inProgress.almostDue), 2),
    row('in_progress_overdue', n(s.inProgress.overdue), 1),
    row('paused', n(s.paused.total)),
    row('paused_supplement', n(s.paused.supplement), 1),
    row('paused_payment', n(s.paused.payment), 1),
    row('withdrawn', n(s.withdrawn)),
    row('refused', n(s.refused)),
    row('stopped', n(s.stopped)),
    row('on_time_rate', formatRate(s.onTimeRateBasisPoints) || '–'),
    row('late_rate', formatRate(s.lateRateBasisPoints) || '–'),
    row('returned', n(s.returned)),
    row('result_ready_not_collected', n(s.resultReadyNotCollected)),
    row('awaiting_receipt', n(s.awaitingReceipt)),
    row('apologies_issued', n(s.apologiesIssued)),
  ];
}

function readQuery(params: URLSearchParams): DossierStatisticsQuery {
  const today = vnToday();
  const day = (key: string) => {
    const v = params.get(key);
    return v && DAY.test(v) ? v : undefined;
  };
  return { from: day('from') ?? monthStart(today), to: day('to') ?? today, unitId: params.get('unitId') ?? undefined };
}

/** "Thống kê hồ sơ": the period report officials send up, with its Excel file. */
export function DossierStatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const stats = useQuery({ queryKey: dossierKeys.statistics(query), queryFn: () => getDossierStatistics(query), placeholderData: keepPreviousData });

  const update = (patch: Partial<DossierStatisticsQuery>) => {
    const next = { ...query, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') out.set(k, String(v));
    setParams(out, { replace: true });
  };

  const download = useMutation({
    mutationFn: () => exportDossierStatistics(query),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => {
      message.error(`${t('dossiers.queue.export_failed')}: ${errorMessage(error)}`);
    },
  });

  const s = stats.data;
  return (
    <>
      <PageHeader
        title={t('dossiers.statistics.title')}
        extra={
          <Button icon={<FileExcelOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            {t('dossiers.queue.export')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('dossiers.statistics.from')} htmlFor="stats-from">
            <DatePicker
              id="stats-from"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              allowClear={false}
              value={dayjs(query.from, 'YYYY-MM-DD')}
              onChange={(d) => d && update({ from: d.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label={t('dossiers.statistics.to')} htmlFor="stats-to">
            <DatePicker
              id="stats-to"
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              allowClear={false}
              value={dayjs(query.to, 'YYYY-MM-DD')}
              onChange={(d) => d && update({ to: d.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label={t('dossiers.statistics.unit')} htmlFor="stats-unit">
            <UnitTreeSelect
              id="stats-unit"
              allowClear
              placeholder={t('dossiers.statistics.all_units')}
              value={query.unitId}
              onChange={(unitId) => update({ unitId })}
              style={{ width: 280 }}
            />
          </Form.Item>
        </Form>
      </Card>
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {s ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dossiers.statistics.rows.to_process')} value={formatNumber(s.toProcess)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dossiers.statistics.rows.completed')} value={formatNumber(s.completed.total)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dossiers.statistics.overdue_card')} value={formatNumber(s.inProgress.overdue)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dossiers.statistics.rows.on_time_rate')} value={formatRate(s.onTimeRateBasisPoints) || '–'} />
              </Card>
            </Col>
          </Row>
          <Card title={t('dossiers.statistics.period', { from: formatDate(s.period.from), to: formatDate(s.period.to) })}>
            <Table<Row>
              rowKey="key"
              size="small"
              pagination={false}
              loading={stats.isFetching}
              dataSource={reportRows(s)}
              columns={[
                {
                  title: t('dossiers.statistics.indicator'),
                  key: 'label',
                  render: (_, r) => <span style={{ paddingLeft: r.level * 24, fontWeight: r.level === 0 ? 600 : 400 }}>{t(r.labelKey)}</span>,
                },
                { title: t('dossiers.statistics.value'), dataIndex: 'value', key: 'value', align: 'right', width: 160 },
              ]}
            />
          </Card>
        </>
      ) : null}
    </>
  );
}
