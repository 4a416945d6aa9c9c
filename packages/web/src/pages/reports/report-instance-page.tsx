import { ArrowLeftOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadDraft, getInstance, reportKeys, type Submission } from '../../api/reports';
import { DetailQueryState } from '../../components/detail-query-state';
import { PageHeader } from '../../components/page-header';
import { ToneTag } from '../../components/tone-tag';
import { errorMessage } from '../../errors';
import { formatDate, formatInstant } from '../../format';
import { saveBlob } from '../procedures/procedure-format';
import { StatusTag } from './report-format';
import { ReportSubmitForm } from './report-submit-form';

export function ReportInstancePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const instance = useQuery({ queryKey: reportKeys.detail(id), queryFn: () => getInstance(id) });
  const draft = useMutation({
    mutationFn: () => downloadDraft(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (e) => message.error(`${t('reports.detail.draft_failed')}: ${errorMessage(e)}`),
  });
  const back = (
    <Link to="/reports">
      <ArrowLeftOutlined /> {t('reports.detail.back')}
    </Link>
  );
  if (instance.isPending || instance.isError) return <DetailQueryState query={instance} title={t('reports.title')} back={back} />;
  const r = instance.data;

  const history = [
    { key: 'versionNo', title: t('reports.history.version'), width: 60, render: (_: unknown, s: Submission) => s.versionNo },
    { key: 'sent', title: t('reports.history.sent'), render: (_: unknown, s: Submission) => `${s.sentNumber} – ${formatDate(s.sentOn)}` },
    {
      key: 'late',
      title: t('reports.history.late'),
      width: 120,
      render: (_: unknown, s: Submission) => (
        <ToneTag tone={s.isLate ? 'orange' : 'green'}>{s.isLate ? t('reports.history.late_yes') : t('reports.history.late_no')}</ToneTag>
      ),
    },
    { key: 'reason', title: t('reports.history.reason'), render: (_: unknown, s: Submission) => s.lateReason ?? '' },
    {
      key: 'complete',
      title: t('reports.history.complete'),
      width: 150,
      render: (_: unknown, s: Submission) => (s.isComplete ? t('common.yes') : t('reports.history.missing', { count: s.missing.length })),
    },
    {
      key: 'files',
      title: t('reports.history.files'),
      render: (_: unknown, s: Submission) => (
        <Space orientation="vertical" size={0}>
          {s.files.map((f) => (
            <a key={f.id} href={`/api/files/${encodeURIComponent(f.id)}`}>
              {f.name}
            </a>
          ))}
        </Space>
      ),
    },
    { key: 'by', title: t('reports.history.by'), render: (_: unknown, s: Submission) => `${s.submittedByName ?? ''} (${formatInstant(s.submittedAt)})` },
  ];

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={`${r.name} – ${r.periodKey}`}
        extra={
          r.servesPar ? (
            <Button icon={<FileWordOutlined />} loading={draft.isPending} onClick={() => draft.mutate()}>
              {t('reports.detail.draft')}
            </Button>
          ) : null
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.detail.general')}</h2>}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { width: 200 } }}>
            <Descriptions.Item
              label={t('reports.detail.period')}
            >{`${t(`reports.period_kind.${r.periodKind}`)}: ${t('reports.period_range', { from: formatDate(r.periodFrom), to: formatDate(r.periodTo) })}`}</Descriptions.Item>
            <Descriptions.Item label={t('reports.detail.due_on')}>{formatDate(r.dueOn)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.detail.status')}>
              <StatusTag t={t} status={r.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('reports.detail.recipient')}>{r.recipient}</Descriptions.Item>
            <Descriptions.Item label={t('reports.detail.unit')}>{r.responsibleUnitName ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('reports.detail.complete')}>
              {r.isComplete === null ? t('common.none') : r.isComplete ? t('common.yes') : t('common.no')}
            </Descriptions.Item>
            {r.parCriteria.length ? <Descriptions.Item label={t('reports.detail.par_criteria')}>{r.parCriteria.join(', ')}</Descriptions.Item> : null}
          </Descriptions>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{r.submissionCount ? t('reports.detail.resubmit_title') : t('reports.detail.submit_title')}</h2>}>
          {r.can.submit ? (
            <ReportSubmitForm key={r.version} instance={r} />
          ) : (
            <Typography.Text type="secondary">{t('reports.detail.cannot_submit')}</Typography.Text>
          )}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.detail.history')}</h2>}>
          <Table<Submission>
            rowKey="id"
            size="small"
            columns={history}
            dataSource={r.submissions}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('reports.detail.no_history')} /> }}
          />
        </Card>
      </Space>
    </>
  );
}
