import { CheckOutlined, FileExcelOutlined, FileWordOutlined, QuestionCircleOutlined, SendOutlined, SoundOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { advanceAssessment, exportAssessment, parKeys, publishAssessment, type CycleStep } from '../../api/par';
import type { AssessmentView, ParExportKind } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage, isStaleVersion } from '../../errors';
import { saveBlob } from '../procedures/procedure-format';

/** The server's 'scores.7.2' paths of an incomplete submission, read as the row they name. */
export function submitProblems(error: unknown, rowLabel: (code: string) => string): { path: string; code: string }[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.map((p) => ({ path: p.path.startsWith('scores.') ? rowLabel(p.path.slice('scores.'.length)) : p.path, code: p.code }));
}

const EXPORTS: { what: ParExportKind; icon: ReactNode }[] = [
  { what: 'scorecard', icon: <FileExcelOutlined /> },
  { what: 'evidence', icon: <FileExcelOutlined /> },
  { what: 'report', icon: <FileWordOutlined /> },
];

export function ExportButtons({ assessment }: { assessment: AssessmentView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: (what: ParExportKind) => exportAssessment(assessment.id, what),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => message.error(`${t('par.export.failed')}: ${errorMessage(error)}`),
  });
  return (
    <Space wrap>
      {EXPORTS.map((e) => (
        <Button key={e.what} icon={e.icon} loading={download.isPending && download.variables === e.what} onClick={() => download.mutate(e.what)}>
          {t(`par.export.${e.what}`)}
        </Button>
      ))}
    </Space>
  );
}

interface PublishValues {
  reportedRank?: number | null;
  rankGroupSize?: number | null;
  publishedRef?: string;
}

/** Submit, request an explanation, finalize and publish, each offered only when the server's `can` says so. */
export function CycleActions({ assessment }: { assessment: AssessmentView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [publishing, setPublishing] = useState(false);
  const [form] = Form.useForm<PublishValues>();
  const done = async (saved: AssessmentView) => {
    queryClient.setQueryData(parKeys.assessment(assessment.id), saved);
    message.success(t(`par.status_changed.${saved.status}`));
    await queryClient.invalidateQueries({ queryKey: parKeys.assessments });
  };
  const step = useMutation({
    mutationFn: (s: CycleStep) => advanceAssessment(assessment.id, s, assessment.version),
    onSuccess: done,
    onError: (error) => {
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: parKeys.assessment(assessment.id) });
    },
  });
  const publish = useMutation({
    mutationFn: (v: PublishValues) =>
      publishAssessment(assessment.id, {
        version: assessment.version,
        reportedRank: v.reportedRank ?? null,
        rankGroupSize: v.rankGroupSize ?? null,
        publishedRef: v.publishedRef?.trim() || null,
      }),
    onSuccess: async (saved) => {
      setPublishing(false);
      await done(saved);
    },
  });
  const confirm = (s: CycleStep, key: 'submit' | 'request_explanation' | 'finalize') =>
    modal.confirm({
      title: t(`par.cycle.${key}_confirm`),
      content: t(`par.cycle.${key}_body`),
      okText: t(`par.cycle.${key}`),
      cancelText: t('common.cancel'),
      onOk: () => step.mutateAsync(s).catch(() => undefined),
    });
  const c = assessment.can;
  const fields = submitProblems(step.error, (code) => t('par.scorecard.row', { code }));
  return (
    <>
      <Space wrap>
        {c.submit ? (
          <Button type="primary" icon={<SendOutlined />} loading={step.isPending && step.variables === 'submit'} onClick={() => confirm('submit', 'submit')}>
            {t(assessment.status === 'explaining' ? 'par.cycle.submit_explanation' : 'par.cycle.submit')}
          </Button>
        ) : null}
        {c.requestExplanation ? (
          <Button
            icon={<QuestionCircleOutlined />}
            loading={step.isPending && step.variables === 'request-explanation'}
            onClick={() => confirm('request-explanation', 'request_explanation')}
          >
            {t('par.cycle.request_explanation')}
          </Button>
        ) : null}
        {c.finalize ? (
          <Button icon={<CheckOutlined />} loading={step.isPending && step.variables === 'finalize'} onClick={() => confirm('finalize', 'finalize')}>
            {t('par.cycle.finalize')}
          </Button>
        ) : null}
        {c.publish ? (
          <Button type="primary" icon={<SoundOutlined />} onClick={() => setPublishing(true)}>
            {t('par.cycle.publish')}
          </Button>
        ) : null}
      </Space>
      {step.error ? (
        <div style={{ width: '100%' }}>
          <ErrorAlert error={step.error} fields={fields} />
        </div>
      ) : null}
      <Modal
        open={publishing}
        title={t('par.cycle.publish_title')}
        okText={t('par.cycle.publish')}
        cancelText={t('common.cancel')}
        confirmLoading={publish.isPending}
        onOk={() => form.submit()}
        onCancel={() => setPublishing(false)}
        forceRender
      >
        <ErrorAlert error={publish.error} />
        <Form<PublishValues> form={form} layout="vertical" onFinish={(v) => publish.mutate(v)}>
          <Space size={16} wrap>
            <Form.Item name="reportedRank" label={t('par.rank')} htmlFor="par-publish-rank">
              <InputNumber id="par-publish-rank" min={1} precision={0} />
            </Form.Item>
            <Form.Item name="rankGroupSize" label={t('par.cycle.group_size')} htmlFor="par-publish-group">
              <InputNumber id="par-publish-group" min={1} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="publishedRef" label={t('par.cycle.published_ref')} htmlFor="par-publish-ref">
            <Input id="par-publish-ref" maxLength={200} placeholder={t('par.sets.legal_basis_placeholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
