import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import {
  confirmPaperForm,
  enterPaperForm,
  getCampaign,
  getQuestionnaire,
  listPaperEntries,
  surveyKeys,
  type AnswerValue,
  type PaperDifference,
  type PaperEntry,
  type QuestionnaireDefinition,
} from '../../api/surveys';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../format';
import { answerText, numberedQuestions, PaperAnswerForm } from './paper-answer-form';
import { localText, surveyError } from './survey-format';

type Keying = { kind: 'first' } | { kind: 'second'; entry: PaperEntry };

/**
 * Paper forms of a campaign, keyed twice (docs/surveys.md, "Invitations"): a first keying waits in the list
 * without its answers; another person opens it and keys the paper again blind. When the two differ, the
 * differing questions are listed with both values, to check against the paper and either correct the second
 * keying or accept it as it stands.
 */
export function PaperEntriesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [keying, setKeying] = useState<Keying | null>(null);
  const [differences, setDifferences] = useState<PaperDifference[] | null>(null);
  const c = useQuery({ queryKey: surveyKeys.campaign(id), queryFn: () => getCampaign(id) });
  const qn = useQuery({
    queryKey: surveyKeys.questionnaire(c.data?.questionnaireId ?? ''),
    queryFn: () => getQuestionnaire(c.data!.questionnaireId),
    enabled: !!c.data,
  });
  const entries = useQuery({ queryKey: surveyKeys.paperEntries(id, page), queryFn: () => listPaperEntries(id, { page, pageSize: 20 }) });

  const stop = () => {
    setKeying(null);
    setDifferences(null);
  };
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['surveys', 'paper-entries', id] });
    await client.invalidateQueries({ queryKey: surveyKeys.campaign(id) });
    await client.invalidateQueries({ queryKey: ['surveys', 'results', id] });
  };
  const fail = (e: unknown) => {
    message.error(surveyError(e));
    throw e;
  };

  const first = async (answers: Record<string, AnswerValue>, group: string | undefined) => {
    await enterPaperForm(id, answers, group).catch(fail);
    message.success(t('surveys.paper.saved_first'));
    stop();
    await refresh();
  };
  const second = (entry: PaperEntry) => async (answers: Record<string, AnswerValue>, _group: string | undefined, acceptSecond: boolean) => {
    try {
      await confirmPaperForm(id, entry.id, { answers, version: entry.version, ...(acceptSecond ? { acceptSecond } : {}) });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'survey.paper_entries_differ') {
        setDifferences((e.detail as { differences: PaperDifference[] }).differences);
        return;
      }
      fail(e);
    }
    message.success(t(acceptSecond ? 'surveys.paper.accepted' : 'surveys.paper.confirmed'));
    stop();
    await refresh();
  };

  if (c.isError) return <ErrorAlert error={c.error} onRetry={() => void c.refetch()} />;
  if (!c.data) return null;
  const campaign = c.data;
  const definition = qn.data?.definition;
  const open = campaign.status === 'open' && campaign.can.manage;
  const groups = campaign.populationKind === 'list' ? campaign.strata.map((s) => s.label) : [];

  return (
    <>
      <Link to={`/surveys/campaigns/${encodeURIComponent(id)}`}>
        <ArrowLeftOutlined /> {t('surveys.paper.back')}
      </Link>
      <PageHeader
        title={t('surveys.paper.title', { title: campaign.title })}
        extra={
          open && !keying ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setKeying({ kind: 'first' })} disabled={!definition}>
              {t('surveys.paper.new')}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('surveys.paper.explain')} />
      {campaign.status !== 'open' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('surveys.paper.campaign_closed')} /> : null}
      {qn.isError ? <ErrorAlert error={qn.error} onRetry={() => void qn.refetch()} /> : null}

      {keying && definition ? (
        <Card
          style={{ marginBottom: 16 }}
          title={
            keying.kind === 'first'
              ? t('surveys.paper.first_title')
              : t('surveys.paper.second_title', { name: keying.entry.enteredByName, date: formatDate(keying.entry.enteredOn) })
          }
        >
          {keying.kind === 'second' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('surveys.paper.second_blind')} /> : null}
          <PaperAnswerForm
            key={keying.kind === 'first' ? 'first' : keying.entry.id}
            definition={definition}
            groups={keying.kind === 'first' ? groups : []}
            submitText={keying.kind === 'first' ? t('surveys.paper.save_first') : t('surveys.paper.save_second')}
            onSubmit={keying.kind === 'first' ? first : second(keying.entry)}
            onCancel={stop}
            acceptText={differences && keying.kind === 'second' ? t('surveys.paper.accept_second') : undefined}
            markQuestions={differences ? { ids: differences.map((d) => d.questionId), code: 'survey.paper_answer_differs' } : undefined}
            extra={differences && keying.kind === 'second' ? <Differences definition={definition} differences={differences} /> : null}
          />
        </Card>
      ) : null}

      <Card title={t('surveys.paper.pending_title')}>
        {entries.isError ? <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} /> : null}
        <Table<PaperEntry>
          size="small"
          rowKey="id"
          loading={entries.isLoading}
          dataSource={entries.data?.items ?? []}
          locale={{ emptyText: t('surveys.paper.none_pending') }}
          pagination={{ current: page, pageSize: 20, total: entries.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { key: 'on', title: t('surveys.paper.entered_on'), width: 140, render: (_, e) => formatDate(e.enteredOn) },
            { key: 'by', title: t('surveys.paper.entered_by'), render: (_, e) => e.enteredByName },
            ...(campaign.populationKind === 'list'
              ? [{ key: 'group', title: t('surveys.paper.group'), render: (_: unknown, e: PaperEntry) => e.respondentGroup ?? '' }]
              : []),
            {
              key: 'action',
              title: '',
              width: 280,
              render: (_, e) =>
                e.enteredBy === me.id ? (
                  <Typography.Text type="secondary">{t('surveys.paper.own_entry')}</Typography.Text>
                ) : open ? (
                  <Button
                    size="small"
                    disabled={!definition}
                    onClick={() => {
                      setDifferences(null);
                      setKeying({ kind: 'second', entry: e });
                    }}
                  >
                    {t('surveys.paper.key_second')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}

/** The questions where the two keyings differ, with both values as the paper would show them. */
function Differences({ definition, differences }: { definition: QuestionnaireDefinition; differences: PaperDifference[] }) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(numberedQuestions(definition).map((x) => [x.q.id, x])), [definition]);
  const yesNo = { yes: t('surveys.builder.yes'), no: t('surveys.builder.no') };
  const blank = t('surveys.paper.blank');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ margin: '12px 0' }}
      message={t('surveys.paper.differences_title', { count: differences.length })}
      description={
        <>
          <Typography.Paragraph>{t('surveys.paper.differences_help')}</Typography.Paragraph>
          <Table<PaperDifference>
            size="small"
            rowKey="questionId"
            pagination={false}
            dataSource={differences}
            columns={[
              {
                key: 'q',
                title: t('surveys.results.question'),
                render: (_, d) => {
                  const x = byId.get(d.questionId);
                  return x ? `${t('surveys.paper.question_no', { n: x.no })}. ${localText(x.q.text)}` : d.questionId;
                },
              },
              { key: 'first', title: t('surveys.paper.first_value'), render: (_, d) => answerText(byId.get(d.questionId)?.q, d.first, blank, yesNo) },
              { key: 'second', title: t('surveys.paper.second_value'), render: (_, d) => answerText(byId.get(d.questionId)?.q, d.second, blank, yesNo) },
            ]}
          />
        </>
      }
    />
  );
}
