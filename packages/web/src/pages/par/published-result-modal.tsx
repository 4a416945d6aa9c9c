import { formatHundredths } from '@cchc/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../api/http';
import { enterPublishedResult, getCriteriaSet, listCriteriaSets, parKeys } from '../../api/par';
import type { AssessmentView } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { applyFieldErrors } from '../../errors';
import { formatPoints, parseScoreText } from './par-format';
import { TotalWithCheck } from './totals';

interface Values {
  setId: string;
  agencyUnitId: string;
  /** Field scores as typed ("8,5"), by the field's code. */
  scores: Record<string, string | undefined>;
  reportedTotal: string;
  rank?: number | null;
  groupSize?: number | null;
  publishedRef?: string;
}

/**
 * Enters a result as it was published (field scores, reported total, rank). The server recomputes the
 * total from the field scores; a published figure that does not match is shown, never corrected.
 */
export function PublishedResultModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiError['errors']>([]);
  const [saved, setSaved] = useState<AssessmentView | null>(null);
  const setId = Form.useWatch('setId', form);
  const sets = useQuery({ queryKey: parKeys.sets, queryFn: listCriteriaSets, enabled: open });
  const set = useQuery({ queryKey: parKeys.set(setId ?? ''), queryFn: () => getCriteriaSet(setId!), enabled: open && !!setId });
  const fields = (set.data?.nodes ?? [])
    .filter((n) => n.parentId === null)
    .sort((a, b) => a.order - b.order || a.code.localeCompare(b.code, 'vi', { numeric: true }));
  const save = useMutation({
    mutationFn: (v: Values) =>
      enterPublishedResult({
        setId: v.setId,
        agencyUnitId: v.agencyUnitId,
        // The API takes published figures as written in the decision, with a decimal point.
        fields: fields.flatMap((f) => {
          const h = parseScoreText(v.scores?.[f.code]);
          return h === null ? [] : [{ code: f.code, score: formatHundredths(h) }];
        }),
        reportedTotal: formatHundredths(parseScoreText(v.reportedTotal) ?? 0),
        rank: v.rank ?? null,
        groupSize: v.groupSize ?? null,
        publishedRef: v.publishedRef?.trim() || null,
      }),
    onSuccess: async (a) => {
      setSaved(a);
      await queryClient.invalidateQueries({ queryKey: parKeys.assessments });
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, ['setId', 'agencyUnitId', 'reportedTotal', 'rank', 'groupSize', 'publishedRef'])),
  });
  const close = () => {
    save.reset();
    setLeftover([]);
    setSaved(null);
    form.resetFields();
    onClose();
  };
  const scoreRule = (max: number) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return;
      const h = parseScoreText(value);
      if (h === null) throw new Error(t('par.assessments.published.score_invalid'));
      if (h > max) throw new Error(t('par.assessments.published.score_over_max', { max: formatPoints(max) }));
    },
  });

  return (
    <Modal
      open={open}
      title={t('par.assessments.published.title')}
      okText={saved ? t('common.close') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => (saved ? close() : form.submit())}
      onCancel={close}
      cancelButtonProps={saved ? { style: { display: 'none' } } : {}}
      width={760}
      forceRender
    >
      {saved ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            role="status"
            type={saved.totalsDiffer ? 'warning' : 'success'}
            showIcon
            title={
              saved.totalsDiffer
                ? t('par.assessments.published.differs', {
                    computed: formatPoints(saved.computedTotalHundredths),
                    reported: formatPoints(saved.reportedTotalHundredths),
                  })
                : t('par.assessments.published.matches')
            }
          />
          <Typography.Text>
            {t('par.assessments.published.saved', { agency: saved.agencyName, year: saved.year })}{' '}
            <TotalWithCheck computed={saved.computedTotalHundredths} reported={saved.reportedTotalHundredths} differs={saved.totalsDiffer} />
          </Typography.Text>
          <Link to={`/par/assessments/${saved.id}`} onClick={close}>
            {t('par.assessments.published.open')}
          </Link>
        </Space>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('par.assessments.published.hint')}</Typography.Paragraph>
          <ErrorAlert error={save.error} fields={leftover} />
          <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
            <Form.Item
              name="setId"
              label={t('par.assessments.set')}
              htmlFor="par-published-set"
              rules={[{ required: true, message: t('common.select_required', { field: t('par.assessments.set') }) }]}
            >
              <Select
                id="par-published-set"
                loading={sets.isPending}
                options={(sets.data?.items ?? [])
                  .filter((s) => s.status === 'active')
                  .map((s) => ({ value: s.id, label: t('par.assessments.set_option', { year: s.year, title: s.title }) }))}
              />
            </Form.Item>
            <Form.Item
              name="agencyUnitId"
              label={t('par.assessments.agency')}
              htmlFor="par-published-agency"
              rules={[{ required: true, message: t('common.select_required', { field: t('par.assessments.agency') }) }]}
            >
              <UnitTreeSelect id="par-published-agency" />
            </Form.Item>
            {fields.length ? <Typography.Text strong>{t('par.assessments.published.fields')}</Typography.Text> : null}
            {fields.map((f) => (
              <Form.Item
                key={f.id}
                name={['scores', f.code]}
                label={t('par.assessments.published.field_label', { code: f.code, title: f.title, max: formatPoints(f.maxHundredths) })}
                htmlFor={`par-published-field-${f.code}`}
                rules={[scoreRule(f.maxHundredths)]}
              >
                <Input id={`par-published-field-${f.code}`} inputMode="decimal" placeholder="0,00" style={{ width: 160 }} />
              </Form.Item>
            ))}
            <Space wrap size={16}>
              <Form.Item
                name="reportedTotal"
                label={t('par.assessments.published.reported_total')}
                htmlFor="par-published-total"
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('par.assessments.published.reported_total') }) },
                  {
                    validator: async (_, v: string | undefined) => {
                      if (v?.trim() && parseScoreText(v) === null) throw new Error(t('par.assessments.published.score_invalid'));
                    },
                  },
                ]}
              >
                <Input id="par-published-total" inputMode="decimal" placeholder="80,08" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="rank" label={t('par.assessments.published.rank')} htmlFor="par-published-rank">
                <InputNumber id="par-published-rank" min={1} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="groupSize" label={t('par.assessments.published.group_size')} htmlFor="par-published-group">
                <InputNumber id="par-published-group" min={1} precision={0} style={{ width: 120 }} />
              </Form.Item>
            </Space>
            <Form.Item name="publishedRef" label={t('par.assessments.published.ref')} htmlFor="par-published-ref">
              <Input id="par-published-ref" maxLength={200} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
