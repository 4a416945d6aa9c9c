import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  createQuestionnaire,
  importQuestionnaireXlsx,
  listCampaigns,
  listQuestionnaires,
  listTemplates,
  surveyKeys,
  type CampaignSummary,
  type QuestionnaireSummary,
  type QuestionnaireView,
  type SurveyTemplate,
} from '../../api/surveys';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { FileImportModal } from '../../components/file-import-modal';
import { rowProblems } from '../../components/import-errors-table';
import { fieldErrorMessage } from '../../errors';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatInstant, formatNumber } from '../../format';
import { CampaignFormModal } from './campaign-form-modal';
import { localText, percent, surveyError, surveyUnitOf } from './survey-format';

/** Questionnaires and campaigns (issue #12): two tabs, paginated on the server. */
export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'campaigns' ? 'campaigns' : 'questionnaires';
  const [qPage, setQPage] = useState({ page: 1, pageSize: 20 });
  const [cPage, setCPage] = useState({ page: 1, pageSize: 20 });
  const [template, setTemplate] = useState<SurveyTemplate['key']>();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const manages = hasPermission(me, 'survey.manage');
  const questionnaires = useQuery({ queryKey: surveyKeys.questionnaires(qPage), queryFn: () => listQuestionnaires(qPage), placeholderData: keepPreviousData });
  const campaigns = useQuery({ queryKey: surveyKeys.campaigns(cPage), queryFn: () => listCampaigns(cPage), placeholderData: keepPreviousData });
  const templates = useQuery({ queryKey: surveyKeys.templates, queryFn: listTemplates, enabled: manages, staleTime: 300_000 });
  const fromTemplate = useMutation({
    mutationFn: (key: SurveyTemplate['key']) => createQuestionnaire(surveyUnitOf(me), key),
    onSuccess: (q) => navigate(`/surveys/questionnaires/${q.id}`),
    onError: (e) => message.error(surveyError(e)),
  });

  const questionnaireTab = (
    <Card>
      <FileImportModal<object, QuestionnaireView>
        open={importing}
        onClose={() => setImporting(false)}
        name="questionnaire-import"
        accept=".xlsx"
        text={{
          title: t('surveys.import_xlsx.title'),
          submit: t('surveys.import_xlsx.submit'),
          hint: t('surveys.import_xlsx.hint'),
          file: t('surveys.campaigns.respondents_import.file'),
          fileRequired: t('surveys.campaigns.respondents_import.file_required'),
          fileHint: t('surveys.import_xlsx.file_hint'),
          pick: t('surveys.campaigns.respondents_import.choose'),
          errors: (count) => ({
            title: t('surveys.import_xlsx.errors_title', { count }),
            body: t('surveys.campaigns.respondents_import.errors_body'),
            row: t('surveys.campaigns.respondents_import.row'),
            column: t('surveys.campaigns.respondents_import.column'),
            problem: t('surveys.campaigns.respondents_import.problem'),
          }),
        }}
        send={(_v, file) => importQuestionnaireXlsx(surveyUnitOf(me), file)}
        onImported={async (q) => {
          message.success(t('surveys.import_xlsx.done'));
          await navigate(`/surveys/questionnaires/${q.id}`);
        }}
        problems={(error) => rowProblems(error, ['import.invalid'])}
        columnName={(c) => c}
        problemText={fieldErrorMessage}
      >
        {null}
      </FileImportModal>
      {manages ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <label htmlFor="survey-template">{t('surveys.template')}</label>
          <Select
            id="survey-template"
            style={{ width: 420 }}
            placeholder={t('surveys.template_placeholder')}
            value={template}
            onChange={setTemplate}
            options={(templates.data ?? []).map((x) => ({
              value: x.key,
              label: `${localText(x.title)} (${t('surveys.question_count', { count: x.questionCount })})`,
            }))}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!template}
            loading={fromTemplate.isPending}
            onClick={() => template && fromTemplate.mutate(template)}
          >
            {t('surveys.create_from_template')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('surveys.import_xlsx.open')}
          </Button>
        </Space>
      ) : null}
      {questionnaires.isError ? <ErrorAlert error={questionnaires.error} onRetry={() => void questionnaires.refetch()} /> : null}
      <Table<QuestionnaireSummary>
        rowKey="id"
        loading={questionnaires.isFetching}
        dataSource={questionnaires.data?.items ?? []}
        pagination={{
          current: qPage.page,
          pageSize: qPage.pageSize,
          total: questionnaires.data?.total ?? 0,
          onChange: (page, pageSize) => setQPage({ page, pageSize }),
        }}
        columns={[
          { key: 'title', title: t('surveys.fields.title'), render: (_, r) => <Link to={`/surveys/questionnaires/${r.id}`}>{r.title}</Link> },
          { key: 'version', title: t('surveys.fields.version'), width: 90, render: (_, r) => r.versionNo },
          {
            key: 'status',
            title: t('surveys.fields.status'),
            width: 140,
            render: (_, r) => <Tag color={r.status === 'published' ? 'green' : 'default'}>{t(`surveys.status.${r.status}`)}</Tag>,
          },
          { key: 'questions', title: t('surveys.fields.questions'), width: 110, render: (_, r) => formatNumber(r.questionCount) },
          { key: 'updated', title: t('surveys.fields.updated_at'), width: 170, render: (_, r) => formatInstant(r.updatedAt) },
        ]}
      />
    </Card>
  );

  const campaignTab = (
    <Card>
      {manages ? (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => setCreating(true)}>
          {t('surveys.campaigns.create')}
        </Button>
      ) : null}
      {campaigns.isError ? <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      <Table<CampaignSummary>
        rowKey="id"
        loading={campaigns.isFetching}
        dataSource={campaigns.data?.items ?? []}
        pagination={{
          current: cPage.page,
          pageSize: cPage.pageSize,
          total: campaigns.data?.total ?? 0,
          onChange: (page, pageSize) => setCPage({ page, pageSize }),
        }}
        columns={[
          { key: 'title', title: t('surveys.fields.title'), render: (_, r) => <Link to={`/surveys/campaigns/${r.id}`}>{r.title}</Link> },
          { key: 'period', title: t('surveys.campaigns.period'), width: 220, render: (_, r) => `${formatDate(r.opensOn)} – ${formatDate(r.closesOn)}` },
          {
            key: 'sample',
            title: t('surveys.campaigns.sample'),
            width: 170,
            render: (_, r) =>
              r.populationKind === 'open' ? t('surveys.campaigns.open_link') : `${formatNumber(r.sampleSize)} / ${formatNumber(r.population)}`,
          },
          {
            key: 'responses',
            title: t('surveys.campaigns.responses'),
            width: 150,
            render: (_, r) => `${formatNumber(r.responses)}${r.sampleSize ? ` (${percent(Math.round((r.responses * 10_000) / r.sampleSize))})` : ''}`,
          },
          {
            key: 'status',
            title: t('surveys.fields.status'),
            width: 120,
            render: (_, r) => <Tag color={r.status === 'open' ? 'blue' : 'default'}>{t(`surveys.campaign_status.${r.status}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );

  return (
    <>
      <PageHeader title={t('surveys.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'campaigns' ? { tab: key } : {}, { replace: true })}
        items={[
          { key: 'questionnaires', label: t('surveys.tabs.questionnaires'), children: questionnaireTab },
          { key: 'campaigns', label: t('surveys.tabs.campaigns'), children: campaignTab },
        ]}
      />
      {manages ? <CampaignFormModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => navigate(`/surveys/campaigns/${c.id}`)} /> : null}
    </>
  );
}
