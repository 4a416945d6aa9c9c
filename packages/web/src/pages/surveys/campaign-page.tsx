import {
  DownloadOutlined,
  EditOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  LinkOutlined,
  MailOutlined,
  PrinterOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  closeCampaign,
  emailInvitations,
  exportResults,
  importRespondents,
  printLetters,
  printQuestionnaire,
  getCampaign,
  getResults,
  issueLinks,
  surveyKeys,
  type Breakdown,
  type IssuedLink,
  type QuestionResult,
} from '../../api/surveys';
import { ErrorAlert } from '../../components/error-alert';
import { FileImportModal } from '../../components/file-import-modal';
import { rowProblems } from '../../components/import-errors-table';
import { fieldErrorMessage } from '../../errors';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatNumber } from '../../format';
import { saveBlob } from '../procedures/procedure-format';
import { SurveyCharts } from './survey-charts';
import { localText, percent, surveyError } from './survey-format';

const BREAKDOWNS: readonly Breakdown[] = ['unit', 'procedure', 'channel', 'mode', 'group', 'quality'];

/** A campaign: its sample per stratum with the live response rate, the links, and the results. */
export function CampaignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [by, setBy] = useState<Breakdown>('procedure');
  const [excludeFlagged, setExcludeFlagged] = useState(false);
  const [links, setLinks] = useState<IssuedLink[] | null>(null);
  const [mailing, setMailing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [letterOptions, setLetterOptions] = useState({ withoutEmailOnly: true, withQuestionnaire: true });
  const [remindOn, setRemindOn] = useState<Dayjs | null>(null);
  // The response rate per stratum is live: an open campaign is read again every 30 seconds.
  const c = useQuery({
    queryKey: surveyKeys.campaign(id),
    queryFn: () => getCampaign(id),
    refetchInterval: (q) => (q.state.data?.status === 'open' ? 30_000 : false),
  });
  const r = useQuery({ queryKey: surveyKeys.results(id, by, excludeFlagged), queryFn: () => getResults(id, by, excludeFlagged) });
  const issue = useMutation({ mutationFn: () => issueLinks(id), onSuccess: (x) => setLinks(x.items), onError: (e) => message.error(surveyError(e)) });
  const mail = useMutation({
    mutationFn: () => emailInvitations(id, c.data!.version, remindOn ? remindOn.format('YYYY-MM-DD') : null),
    onSuccess: (x) => {
      setMailing(false);
      message.success(t('surveys.campaigns.email_queued', { queued: formatNumber(x.queued), without: formatNumber(x.withoutEmail) }));
      void client.invalidateQueries({ queryKey: surveyKeys.campaign(id) });
    },
    onError: (e) => message.error(surveyError(e)),
  });
  const letters = useMutation({
    mutationFn: () => printLetters(id, letterOptions),
    onSuccess: ({ blob, fileName }) => {
      saveBlob(blob, fileName);
      setPrinting(false);
    },
    onError: (e) => message.error(surveyError(e)),
  });
  const paperForm = useMutation({
    mutationFn: () => printQuestionnaire(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (e) => message.error(surveyError(e)),
  });
  const close = useMutation({
    mutationFn: () => closeCampaign(id, c.data!.version),
    onSuccess: (x) => client.setQueryData(surveyKeys.campaign(id), x),
    onError: (e) => message.error(surveyError(e)),
  });
  const download = useMutation({
    mutationFn: (f: 'xlsx' | 'csv' | 'codebook') => exportResults(id, f),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (e) => message.error(surveyError(e)),
  });

  if (c.isError) return <ErrorAlert error={c.error} onRetry={() => void c.refetch()} />;
  if (!c.data) return null;
  const campaign = c.data;
  const res = r.data;
  const distribution = (q: QuestionResult) => q.distribution.map((d) => `${localText(d.label)}: ${formatNumber(d.count)}`).join(' · ');

  return (
    <>
      <PageHeader
        title={campaign.title}
        extra={
          <Space wrap>
            <Tag color={campaign.status === 'open' ? 'blue' : 'default'}>{t(`surveys.campaign_status.${campaign.status}`)}</Tag>
            {campaign.can.manage && campaign.populationKind === 'list' ? (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('surveys.campaigns.import_respondents')}
              </Button>
            ) : null}
            {campaign.can.manage && campaign.populationKind !== 'open' ? (
              <Button icon={<LinkOutlined />} loading={issue.isPending} onClick={() => issue.mutate()}>
                {t('surveys.campaigns.issue_links')}
              </Button>
            ) : null}
            {campaign.can.manage && campaign.populationKind !== 'open' ? (
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
                {t('surveys.campaigns.print_letters')}
              </Button>
            ) : null}
            <Button icon={<FileWordOutlined />} loading={paperForm.isPending} onClick={() => paperForm.mutate()}>
              {t('surveys.campaigns.print_questionnaire')}
            </Button>
            {campaign.can.manage ? (
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/surveys/campaigns/${encodeURIComponent(id)}/paper`)}>
                {t('surveys.paper.open')}
              </Button>
            ) : null}
            {campaign.can.manage && campaign.populationKind !== 'open' ? (
              <Button icon={<MailOutlined />} onClick={() => setMailing(true)}>
                {t('surveys.campaigns.email_invitations')}
              </Button>
            ) : null}
            {campaign.can.manage ? (
              <Button
                danger
                loading={close.isPending}
                onClick={() =>
                  Modal.confirm({ title: t('surveys.campaigns.close_confirm'), okText: t('surveys.campaigns.close'), onOk: () => close.mutateAsync() })
                }
              >
                {t('surveys.campaigns.close')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Modal
        open={mailing}
        title={t('surveys.campaigns.email_invitations')}
        okText={t('surveys.campaigns.email_send')}
        cancelText={t('common.cancel')}
        confirmLoading={mail.isPending}
        onOk={() => mail.mutate()}
        onCancel={() => setMailing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('surveys.campaigns.email_explain')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('surveys.campaigns.remind_on')} extra={t('surveys.campaigns.remind_on_help')}>
            <DatePicker format="DD/MM/YYYY" value={remindOn} onChange={setRemindOn} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={printing}
        title={t('surveys.campaigns.print_letters')}
        okText={t('surveys.campaigns.print_download')}
        cancelText={t('common.cancel')}
        confirmLoading={letters.isPending}
        onOk={() => letters.mutate()}
        onCancel={() => setPrinting(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('surveys.campaigns.print_explain')}</Typography.Paragraph>
        <Space direction="vertical">
          <Checkbox checked={letterOptions.withoutEmailOnly} onChange={(e) => setLetterOptions((o) => ({ ...o, withoutEmailOnly: e.target.checked }))}>
            {t('surveys.campaigns.print_without_email')}
          </Checkbox>
          <Checkbox checked={letterOptions.withQuestionnaire} onChange={(e) => setLetterOptions((o) => ({ ...o, withQuestionnaire: e.target.checked }))}>
            {t('surveys.campaigns.print_with_questionnaire')}
          </Checkbox>
        </Space>
      </Modal>
      <FileImportModal<object, { imported: number }>
        open={importing}
        onClose={() => setImporting(false)}
        name="respondent-import"
        accept=".xlsx"
        text={{
          title: t('surveys.campaigns.respondents_import.title'),
          submit: t('surveys.campaigns.respondents_import.submit'),
          hint: t('surveys.campaigns.import_help'),
          file: t('surveys.campaigns.respondents_import.file'),
          fileRequired: t('surveys.campaigns.respondents_import.file_required'),
          fileHint: t('surveys.campaigns.respondents_import.file_hint'),
          pick: t('surveys.campaigns.respondents_import.choose'),
          errors: (count) => ({
            title: t('surveys.campaigns.respondents_import.errors_title', { count }),
            body: t('surveys.campaigns.respondents_import.errors_body'),
            row: t('surveys.campaigns.respondents_import.row'),
            column: t('surveys.campaigns.respondents_import.column'),
            problem: t('surveys.campaigns.respondents_import.problem'),
          }),
        }}
        send={(_v, file) => importRespondents(id, file)}
        onImported={async (x) => {
          message.success(t('surveys.campaigns.imported', { count: x.imported }));
          await client.invalidateQueries({ queryKey: surveyKeys.campaign(id) });
        }}
        problems={(error) => rowProblems(error, ['import.invalid'])}
        columnName={(c) => c}
        problemText={fieldErrorMessage}
      >
        {null}
      </FileImportModal>
      {campaign.openUrl ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('surveys.campaigns.open_url')}
          description={<Typography.Text copyable>{campaign.openUrl}</Typography.Text>}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('surveys.campaigns.questionnaire')}>{campaign.questionnaireTitle}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.period')}>{`${formatDate(campaign.opensOn)} – ${formatDate(campaign.closesOn)}`}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.anonymous')}>{campaign.anonymous ? t('surveys.yes') : t('surveys.no')}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.population_n')}>{formatNumber(campaign.population)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.margin')}>{percent(campaign.marginBasisPoints)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.sample_n')}>{formatNumber(campaign.sampleSize)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.seed')}>{campaign.seed}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.campaigns.responses')}>{formatNumber(campaign.responses)}</Descriptions.Item>
        </Descriptions>
        {campaign.strata.length ? (
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            style={{ marginTop: 12 }}
            dataSource={campaign.strata}
            columns={[
              { key: 'label', title: t('surveys.campaigns.stratum'), dataIndex: 'label' },
              { key: 'population', title: t('surveys.campaigns.population_n'), width: 120, render: (_, s) => formatNumber(s.population) },
              { key: 'allocated', title: t('surveys.campaigns.sample_n'), width: 110, render: (_, s) => formatNumber(s.allocated) },
              { key: 'replaced', title: t('surveys.campaigns.replaced'), width: 110, render: (_, s) => formatNumber(s.replaced) },
              { key: 'answered', title: t('surveys.campaigns.answered'), width: 110, render: (_, s) => formatNumber(s.answered) },
              { key: 'rate', title: t('surveys.campaigns.response_rate'), width: 140, render: (_, s) => percent(s.responseRateBasisPoints) },
            ]}
          />
        ) : null}
      </Card>

      <Card
        title={t('surveys.results.title')}
        extra={
          <Space wrap>
            <Button icon={<FileExcelOutlined />} loading={download.isPending && download.variables === 'xlsx'} onClick={() => download.mutate('xlsx')}>
              {t('surveys.results.export_xlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={download.isPending && download.variables === 'csv'} onClick={() => download.mutate('csv')}>
              {t('surveys.results.export_csv')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={download.isPending && download.variables === 'codebook'} onClick={() => download.mutate('codebook')}>
              {t('surveys.results.export_codebook')}
            </Button>
          </Space>
        }
      >
        {r.isError ? <ErrorAlert error={r.error} onRetry={() => void r.refetch()} /> : null}
        {res ? (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col xs={24} md={8}>
                <Statistic title={t('surveys.results.overall')} value={percent(res.overall.indexBasisPoints)} />
                <Typography.Text type="secondary">{t('surveys.results.margin', { value: percent(res.overall.marginBasisPoints) })}</Typography.Text>
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('surveys.campaigns.responses')} value={formatNumber(res.responses)} />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t('surveys.results.flagged')} value={formatNumber(res.quality.flagged)} />
                <Typography.Text type="secondary">
                  {t('surveys.results.flags_detail', {
                    duplicate: formatNumber(res.quality.duplicate),
                    straightLine: formatNumber(res.quality.straightLine),
                    tooFast: formatNumber(res.quality.tooFast),
                  })}
                </Typography.Text>
                <div>
                  <Checkbox checked={excludeFlagged} onChange={(e) => setExcludeFlagged(e.target.checked)}>
                    {t('surveys.results.exclude_flagged')}
                  </Checkbox>
                </div>
              </Col>
            </Row>
            <SurveyCharts results={res} breakdownLabel={t(`surveys.results.by.${by}`).toLocaleLowerCase()} />
            <Table
              size="small"
              rowKey="element"
              pagination={false}
              dataSource={res.elements}
              columns={[
                { key: 'element', title: t('surveys.builder.element'), render: (_, e) => t(`surveys.elements.${e.element}` as 'surveys.elements.access') },
                { key: 'index', title: t('surveys.results.index'), width: 160, render: (_, e) => percent(e.indexBasisPoints) },
                {
                  key: 'margin',
                  title: t('surveys.charts.margin_column'),
                  width: 160,
                  render: (_, e) => (e.marginBasisPoints === null ? '–' : `± ${percent(e.marginBasisPoints)}`),
                },
              ]}
            />
            <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>
              {t('surveys.results.questions')}
            </Typography.Title>
            <Table<QuestionResult>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={res.questions}
              scroll={{ x: 900 }}
              columns={[
                { key: 'text', title: t('surveys.results.question'), render: (_, q) => localText(q.text) },
                { key: 'answered', title: t('surveys.results.answered'), width: 100, render: (_, q) => formatNumber(q.answered) },
                {
                  key: 'satisfied',
                  title: t('surveys.results.satisfied'),
                  width: 180,
                  render: (_, q) =>
                    q.percentSatisfiedBasisPoints === null ? '–' : `${percent(q.percentSatisfiedBasisPoints)} ± ${percent(q.marginBasisPoints)}`,
                },
                {
                  key: 'mean',
                  title: t('surveys.results.weighted_mean'),
                  width: 130,
                  render: (_, q) => (q.number ? formatNumber(q.number.meanHundredths / 100, 2) : percent(q.weightedMeanBasisPoints)),
                },
                { key: 'dist', title: t('surveys.results.distribution'), render: (_, q) => distribution(q) },
              ]}
            />
            <Space style={{ marginTop: 16 }} wrap>
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                {t('surveys.results.breakdown')}
              </Typography.Title>
              <Select
                aria-label={t('surveys.results.breakdown_by')}
                value={by}
                onChange={setBy}
                style={{ width: 200 }}
                options={BREAKDOWNS.map((b) => ({ value: b, label: t(`surveys.results.by.${b}`) }))}
              />
            </Space>
            <Table
              size="small"
              rowKey={(g) => g.key ?? ''}
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={res.breakdown?.groups ?? []}
              columns={[
                { key: 'label', title: t('surveys.results.group'), render: (_, g) => g.label ?? t('surveys.results.no_group') },
                {
                  key: 'responses',
                  title: t('surveys.campaigns.responses'),
                  width: 140,
                  render: (_, g) => (g.suppressed ? t('surveys.results.suppressed') : formatNumber(g.responses ?? 0)),
                },
                { key: 'index', title: t('surveys.results.index'), width: 140, render: (_, g) => (g.suppressed ? '–' : percent(g.indexBasisPoints)) },
              ]}
            />
          </>
        ) : null}
      </Card>
      <Modal
        open={links !== null}
        title={t('surveys.campaigns.links_title', { count: links?.length ?? 0 })}
        width={900}
        onCancel={() => setLinks(null)}
        footer={null}
      >
        <Alert type="warning" showIcon message={t('surveys.campaigns.links_once')} style={{ marginBottom: 12 }} />
        <Table
          size="small"
          rowKey="invitationId"
          dataSource={links ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { key: 'name', title: t('surveys.campaigns.respondent'), render: (_, l) => l.respondentName },
            { key: 'email', title: t('surveys.campaigns.email'), render: (_, l) => l.respondentEmail },
            { key: 'url', title: t('surveys.campaigns.link'), render: (_, l) => <Typography.Text copyable>{l.url}</Typography.Text> },
          ]}
        />
      </Modal>
    </>
  );
}
