import { visibleQuestionIds, type QuestionnaireDefinition as DomainDefinition } from '@cchc/domain';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import type { AnswerValue, QuestionnaireDefinition, SurveyQuestion } from '../../api/surveys';
import { fieldErrorMessage } from '../../errors';
import { localText } from './survey-format';

type Values = { answers?: Record<string, AnswerValue | null | undefined>; respondentGroup?: string };

/** The questions in print order, numbered as on the paper form (survey-print.ts numbers them 1, 2, …). */
export function numberedQuestions(def: QuestionnaireDefinition): Array<{ q: SurveyQuestion; no: number; section: number; first: boolean }> {
  let no = 0;
  return def.sections.flatMap((s, section) => s.questions.map((q, i) => ({ q, no: ++no, section, first: i === 0 })));
}

/** The answers the form holds for the questions shown, blanks left out (as the citizen site sends them). */
export function answersOf(def: QuestionnaireDefinition, values: Values['answers']): Record<string, AnswerValue> {
  const given: Record<string, AnswerValue> = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    given[k] = typeof v === 'string' ? v.trim() : v;
  }
  const visible = visibleQuestionIds(def as unknown as DomainDefinition, given);
  return Object.fromEntries(Object.entries(given).filter(([k]) => visible.has(k)));
}

/** An answer as the paper shows it: the option's label, the number, the text; blank when absent. */
export function answerText(q: SurveyQuestion | undefined, v: AnswerValue | null, blank: string, yesNo: { yes: string; no: string }): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return blank;
  if (!q) return Array.isArray(v) ? v.join(', ') : String(v);
  const options = q.type === 'likert' ? (q.levels ?? []) : (q.options ?? []);
  const label = (code: string) =>
    q.type === 'yes_no' ? (code === 'yes' ? yesNo.yes : code === 'no' ? yesNo.no : code) : localText(options.find((o) => o.code === code)?.label) || code;
  if (Array.isArray(v)) return v.map(label).join('; ');
  return typeof v === 'number' ? String(v) : q.type === 'text' || q.type === 'number' ? v : label(v);
}

/**
 * A paper form keyed by staff: every section on one screen, questions numbered as printed, a question shown
 * only when its condition holds. The server checks the answers exactly as a web submission; its problems are
 * put next to their question (`body.answers.<id>`). `extra` shows above the buttons (the differences).
 */
export function PaperAnswerForm({
  definition,
  groups,
  submitText,
  acceptText,
  onSubmit,
  onCancel,
  extra,
  markQuestions,
}: {
  definition: QuestionnaireDefinition;
  /** Respondent groups to choose from (list campaigns); none = no group field. */
  groups: string[];
  submitText: string;
  /** A second button that sends the form with `accept` set (the second keying taken as it stands). */
  acceptText?: string | undefined;
  onSubmit: (answers: Record<string, AnswerValue>, respondentGroup: string | undefined, accept: boolean) => Promise<unknown>;
  onCancel: () => void;
  extra?: ReactNode;
  /** Questions to mark with a message (e.g. those that differ between the two keyings). */
  markQuestions?: { ids: string[]; code: string };
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values['answers']>({});
  const [busy, setBusy] = useState(false);
  const questions = useMemo(() => numberedQuestions(definition), [definition]);
  const visible = useMemo(() => {
    const given = Object.fromEntries(Object.entries(values ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Record<string, AnswerValue>;
    return visibleQuestionIds(definition as unknown as DomainDefinition, given);
  }, [definition, values]);

  useEffect(() => {
    if (markQuestions) form.setFields(markQuestions.ids.map((id) => ({ name: ['answers', id], errors: [fieldErrorMessage(markQuestions.code)] })));
  }, [form, markQuestions]);

  // A changed answer drops the problem the server named on it (the form has no rules of its own).
  const changed = (change: Values, all: Values) => {
    form.setFields(Object.keys(change.answers ?? {}).map((id) => ({ name: ['answers', id], errors: [] })));
    setValues({ ...(all.answers ?? {}) });
  };

  const submit = async (v: Values, accept = false) => {
    setBusy(true);
    try {
      await onSubmit(answersOf(definition, v.answers), v.respondentGroup || undefined, accept);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400)
        form.setFields(
          e.errors
            .filter((p) => p.path.startsWith('body.answers.'))
            .map((p) => ({ name: ['answers', p.path.slice('body.answers.'.length)], errors: [fieldErrorMessage(p.code)] })),
        );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={changed}>
      {groups.length ? (
        <Form.Item name="respondentGroup" label={t('surveys.paper.group')} style={{ maxWidth: 360 }}>
          <Select allowClear options={groups.map((g) => ({ value: g, label: g }))} />
        </Form.Item>
      ) : null}
      {questions.map(({ q, no, section: s, first }) => {
        const heading = first ? (
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 8 }}>
            {localText(definition.sections[s]!.title)}
          </Typography.Title>
        ) : null;
        const shown = visible.has(q.id);
        return (
          <div key={q.id}>
            {heading}
            {shown ? (
              <Form.Item
                name={['answers', q.id]}
                label={`${t('surveys.paper.question_no', { n: no })}. ${localText(q.text)}${q.required ? '' : ` ${t('surveys.builder.optional')}`}`}
                style={{ marginBottom: 12 }}
              >
                <AnswerInput q={q} label={localText(q.text)} />
              </Form.Item>
            ) : null}
          </div>
        );
      })}
      {extra}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitText}
        </Button>
        {acceptText ? (
          <Button danger loading={busy} onClick={() => void submit(form.getFieldsValue(true) as Values, true)}>
            {acceptText}
          </Button>
        ) : null}
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function AnswerInput({ q, label, ...rest }: { q: SurveyQuestion; label: string; value?: AnswerValue; onChange?: (v: AnswerValue | null) => void }) {
  const { t } = useTranslation();
  const options = (q.type === 'likert' ? (q.levels ?? []) : (q.options ?? [])).map((o) => ({ value: o.code, label: localText(o.label) }));
  const { value, onChange } = rest;
  switch (q.type) {
    case 'number':
      return <InputNumber aria-label={label} min={q.min} max={q.max} precision={0} value={value as number | undefined} onChange={(v) => onChange?.(v)} />;
    case 'text':
      return (
        <Input.TextArea aria-label={label} rows={2} maxLength={q.maxLength} value={value as string | undefined} onChange={(e) => onChange?.(e.target.value)} />
      );
    case 'multiple':
      return <Checkbox.Group aria-label={label} options={options} value={value as string[] | undefined} onChange={(v) => onChange?.(v)} />;
    case 'yes_no':
      return (
        <Radio.Group
          aria-label={label}
          value={value}
          onChange={(e) => onChange?.(e.target.value as string)}
          options={[
            { value: 'yes', label: t('surveys.builder.yes') },
            { value: 'no', label: t('surveys.builder.no') },
          ]}
        />
      );
    default:
      return <Radio.Group aria-label={label} value={value} onChange={(e) => onChange?.(e.target.value as string)} options={options} />;
  }
}
