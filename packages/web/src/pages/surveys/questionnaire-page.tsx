import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  exportQuestionnaireXlsx,
  getQuestionnaire,
  publishQuestionnaire,
  saveQuestionnaire,
  surveyKeys,
  type QuestionnaireDefinition,
  type SurveyQuestion,
} from '../../api/surveys';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { saveBlob } from '../procedures/procedure-format';
import { PhonePreview } from './phone-preview';
import { QuestionModal } from './question-modal';
import { issueText, localText, surveyError } from './survey-format';

/** The builder: sections and questions edited as a draft, saved whole, published (frozen) when complete. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const q = useQuery({ queryKey: surveyKeys.questionnaire(id), queryFn: () => getQuestionnaire(id) });
  const excel = useMutation({
    mutationFn: () => exportQuestionnaireXlsx(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (e) => message.error(surveyError(e)),
  });
  const [def, setDef] = useState<QuestionnaireDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ section: number; index: number | null } | null>(null);
  const [previewSection, setPreviewSection] = useState(0);
  useEffect(() => {
    if (q.data) {
      setDef(structuredClone(q.data.definition));
      setDirty(false);
    }
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => saveQuestionnaire(id, q.data!.version, def!),
    onSuccess: (saved) => {
      message.success(t('surveys.builder.saved'));
      client.setQueryData(surveyKeys.questionnaire(saved.id), saved);
      if (saved.id !== id) navigate(`/surveys/questionnaires/${saved.id}`);
    },
    onError: (e) => message.error(surveyError(e)),
  });
  const publish = useMutation({
    mutationFn: () => publishQuestionnaire(id, q.data!.version),
    onSuccess: (p) => {
      message.success(t('surveys.builder.published'));
      client.setQueryData(surveyKeys.questionnaire(id), p);
      void client.invalidateQueries({ queryKey: ['surveys', 'questionnaires'] });
    },
    onError: (e) => message.error(surveyError(e)),
  });

  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data || !def) return null;
  const view = q.data;
  const editable = view.can.update;
  const change = (next: QuestionnaireDefinition) => {
    setDef(next);
    setDirty(true);
  };
  const move = (s: number, i: number, by: -1 | 1) => {
    const next = structuredClone(def);
    const qs = next.sections[s]!.questions;
    const j = i + by;
    if (j < 0 || j >= qs.length) return;
    [qs[i], qs[j]] = [qs[j]!, qs[i]!];
    change(next);
  };
  const remove = (s: number, i: number) => {
    const next = structuredClone(def);
    next.sections[s]!.questions.splice(i, 1);
    change(next);
  };
  const put = (s: number, i: number | null, question: SurveyQuestion) => {
    const next = structuredClone(def);
    if (i === null) next.sections[s]!.questions.push(question);
    else next.sections[s]!.questions[i] = question;
    change(next);
    setEditing(null);
  };
  const issuesOf = (questionId: string) => view.publishIssues.filter((i) => i.questionId === questionId);

  return (
    <>
      <PageHeader
        title={localText(def.title)}
        extra={
          <Space wrap>
            <Tag color={view.status === 'published' ? 'green' : 'default'}>
              {t(`surveys.status.${view.status}`)} · v{view.versionNo}
            </Tag>
            <Button icon={<FileExcelOutlined />} loading={excel.isPending} onClick={() => excel.mutate()}>
              {t('surveys.builder.export_xlsx')}
            </Button>
            {editable ? (
              <Button type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                {view.status === 'published' ? t('surveys.builder.save_new_version') : t('surveys.builder.save')}
              </Button>
            ) : null}
            {view.can.publish ? (
              <Button type="primary" disabled={dirty} loading={publish.isPending} onClick={() => publish.mutate()}>
                {t('surveys.builder.publish')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {view.status === 'published' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('surveys.builder.frozen')} /> : null}
      {view.publishIssues.length && !dirty ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('surveys.builder.issues')}
          description={
            <ul style={{ margin: 0 }}>
              {view.publishIssues.map((i) => (
                <li key={i.path + i.code}>
                  {i.questionId ? <strong>{i.questionId}: </strong> : i.sectionId ? <strong>{i.sectionId}: </strong> : null}
                  {issueText(i.code)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          {def.sections.map((section, s) => (
            <Card
              key={section.id}
              size="small"
              style={{ marginBottom: 12 }}
              title={`${s + 1}. ${localText(section.title)}`}
              extra={
                <Space>
                  <Button size="small" onClick={() => setPreviewSection(s)}>
                    {t('surveys.builder.preview_section')}
                  </Button>
                  {editable ? (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ section: s, index: null })}>
                      {t('surveys.builder.add_question')}
                    </Button>
                  ) : null}
                </Space>
              }
            >
              {section.questions.length === 0 ? <Empty description={t('surveys.builder.empty_section')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
              <List
                dataSource={section.questions}
                renderItem={(question, i) => (
                  <List.Item
                    actions={
                      editable
                        ? [
                            <Button
                              key="up"
                              size="small"
                              aria-label={t('surveys.builder.move_up', { id: question.id })}
                              icon={<ArrowUpOutlined />}
                              disabled={i === 0}
                              onClick={() => move(s, i, -1)}
                            />,
                            <Button
                              key="down"
                              size="small"
                              aria-label={t('surveys.builder.move_down', { id: question.id })}
                              icon={<ArrowDownOutlined />}
                              disabled={i === section.questions.length - 1}
                              onClick={() => move(s, i, 1)}
                            />,
                            <Button
                              key="edit"
                              size="small"
                              aria-label={t('surveys.builder.edit', { id: question.id })}
                              icon={<EditOutlined />}
                              onClick={() => setEditing({ section: s, index: i })}
                            />,
                            <Button
                              key="del"
                              size="small"
                              danger
                              aria-label={t('surveys.builder.delete', { id: question.id })}
                              icon={<DeleteOutlined />}
                              onClick={() => remove(s, i)}
                            />,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Typography.Text code>{question.id}</Typography.Text>
                          <span>{localText(question.text)}</span>
                        </Space>
                      }
                      description={
                        <Space wrap size={4}>
                          <Tag>{t(`surveys.types.${question.type}`)}</Tag>
                          {question.required ? <Tag color="red">{t('surveys.builder.required')}</Tag> : null}
                          {question.tag.element ? <Tag color="blue">{t(`surveys.elements.${question.tag.element}` as 'surveys.elements.access')}</Tag> : null}
                          {question.tag.aspect ? <Tag color="purple">{t(`surveys.aspects.${question.tag.aspect}` as 'surveys.aspects.perception')}</Tag> : null}
                          {question.showIf ? <Tag>{t('surveys.builder.conditional', { id: question.showIf.questionId })}</Tag> : null}
                          {issuesOf(question.id).map((x) => (
                            <Tag key={x.code} color="error">
                              {issueText(x.code)}
                            </Tag>
                          ))}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          ))}
        </Col>
        <Col xs={24} lg={9}>
          <PhonePreview definition={def} section={Math.min(previewSection, Math.max(0, def.sections.length - 1))} onSection={setPreviewSection} />
        </Col>
      </Row>
      {editing ? (
        <QuestionModal
          question={editing.index === null ? null : def.sections[editing.section]!.questions[editing.index]!}
          earlier={def.sections
            .flatMap((x) => x.questions)
            .filter((x) => x.id !== (editing.index === null ? '' : def.sections[editing.section]!.questions[editing.index]!.id))}
          onCancel={() => setEditing(null)}
          onOk={(question) => put(editing.section, editing.index, question)}
        />
      ) : null}
    </>
  );
}
