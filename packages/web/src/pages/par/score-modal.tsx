import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Descriptions, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { parKeys, saveAppraisal, saveSelfScore } from '../../api/par';
import type { AssessmentView, ScorecardLine } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { isStaleVersion } from '../../errors';
import { formatPoints, parseScoreText, toScoreText } from './par-format';

/** Which layer the modal writes: the agency's self score, or the appraiser's score. */
export type ScoreTarget = { layer: 'self' | 'appraisal'; line: ScorecardLine };

interface Values {
  score?: string;
  note?: string;
  notApplicable?: boolean;
}

/** Enters one row's self score and explanation, or the appraiser's score and comment. */
export function ScoreModal({ assessment, target, onClose }: { assessment: AssessmentView; target: ScoreTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const line = target?.line;
  const isSelf = target?.layer === 'self';
  // During the explanation round only the explanation may change (the server refuses a new score).
  const scoreLocked = isSelf && assessment.status === 'explaining';

  useEffect(() => {
    if (!target) return;
    const l = target.line;
    form.setFieldsValue(
      target.layer === 'self'
        ? { score: toScoreText(l.layers.self.points), note: l.score.selfNote ?? '', notApplicable: !l.applicable }
        : { score: toScoreText(l.layers.appraised.points ?? l.layers.self.points), note: l.score.appraiserComment ?? '' },
    );
  }, [target, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const l = target!.line;
      const score = v.score?.trim() ? parseScoreText(v.score) : null;
      const note = v.note?.trim() ? v.note.trim() : null;
      if (target!.layer === 'self') {
        return saveSelfScore(assessment.id, l.nodeId, {
          version: l.score.version,
          selfNote: note,
          ...(scoreLocked ? {} : { selfHundredths: score, notApplicable: v.notApplicable ?? false }),
        });
      }
      return saveAppraisal(assessment.id, l.nodeId, { version: l.score.version, appraisedHundredths: score, appraiserComment: note });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: parKeys.assessment(assessment.id) });
      close();
    },
    onError: (error) => {
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: parKeys.assessment(assessment.id) });
    },
  });

  const close = () => {
    save.reset();
    form.resetFields();
    onClose();
  };

  const scoreLabel = isSelf ? t('par.scorecard.self') : t('par.scorecard.appraised');
  const ceiling = line?.maxHundredths ?? 0;
  return (
    <Modal
      open={target !== null}
      title={line ? t(isSelf ? 'par.scorecard.self_title' : 'par.scorecard.appraise_title', { code: line.code }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={640}
      forceRender
    >
      {line ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('par.criteria.title_label')}>{line.title}</Descriptions.Item>
          <Descriptions.Item label={t('par.max_points')}>{formatPoints(line.maxHundredths)}</Descriptions.Item>
          {!isSelf ? <Descriptions.Item label={t('par.scorecard.self')}>{formatPoints(line.layers.self.points) || t('common.none')}</Descriptions.Item> : null}
          {!isSelf && line.score.selfNote ? <Descriptions.Item label={t('par.scorecard.self_note')}>{line.score.selfNote}</Descriptions.Item> : null}
        </Descriptions>
      ) : null}
      <ErrorAlert error={save.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="score"
          label={scoreLabel}
          htmlFor="par-score-value"
          extra={scoreLocked ? t('par.scorecard.score_locked') : t('par.scorecard.score_hint', { max: formatPoints(ceiling) })}
          rules={[
            { required: !scoreLocked && isSelf, message: t('common.required', { field: scoreLabel }) },
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return;
                const h = parseScoreText(value);
                // The upper bound is the server's: a bonus row is capped by its rule, not its maximum.
                if (h === null) throw new Error(t('par.rule.error.number'));
              },
            },
          ]}
        >
          <Input id="par-score-value" inputMode="decimal" disabled={scoreLocked} suffix={t('par.points_unit')} style={{ width: 200 }} />
        </Form.Item>
        {isSelf && !scoreLocked ? (
          <Form.Item name="notApplicable" valuePropName="checked">
            <Checkbox>{t('par.scorecard.not_applicable')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={isSelf ? t('par.scorecard.self_note') : t('par.scorecard.appraiser_comment')}
          htmlFor="par-score-note"
          extra={isSelf ? t('par.scorecard.note_hint') : undefined}
        >
          <Input.TextArea id="par-score-note" rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
