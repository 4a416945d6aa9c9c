import { Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuestionType, SurveyOption, SurveyQuestion } from '../../api/surveys';

const TYPES: readonly QuestionType[] = ['likert', 'single', 'multiple', 'number', 'yes_no', 'text'];
const ELEMENTS = ['access', 'procedure', 'civil_servant', 'result', 'feedback'] as const;
const ASPECTS = ['perception', 'satisfaction', 'expectation'] as const;
const LIKERT_WEIGHTS = [0, 25, 50, 75, 100];

interface Values {
  id: string;
  type: QuestionType;
  textVi: string;
  textEn: string;
  required: boolean;
  element?: string;
  aspect?: string;
  options: string;
  levels: string;
  min?: number;
  max?: number;
  showIfId?: string;
  showIfCodes?: string;
}

/** The first `qN` no other question uses. */
function freeId(others: SurveyQuestion[]): string {
  const used = new Set(others.map((q) => q.id));
  let n = others.length + 1;
  while (used.has(`q${n}`)) n++;
  return `q${n}`;
}

/** "A | Good | 100" per line ↔ options with code, label and weight. */
function parseOptions(text: string): SurveyOption[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const [code = '', label = '', weight = '0'] = l.split('|').map((x) => x.trim());
      return { code: code || String(i + 1), label: { vi: label || code, en: '' }, weight: Math.max(0, Math.min(100, Number(weight) || 0)) };
    });
}
const formatOptions = (o: SurveyOption[] | undefined) => (o ?? []).map((x) => `${x.code} | ${x.label.vi} | ${x.weight}`).join('\n');

/** Adds or edits one question; types, texts, weights and the display condition are all data. */
export function QuestionModal({
  question,
  earlier,
  onOk,
  onCancel,
}: {
  question: SurveyQuestion | null;
  earlier: SurveyQuestion[];
  onOk: (q: SurveyQuestion) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? question?.type ?? 'likert';
  const defaultLevels = LIKERT_WEIGHTS.map((w, i) => `${i + 1} | ${t(`surveys.likert.l${i + 1}` as 'surveys.likert.l1')} | ${w}`).join('\n');
  const initial: Values = {
    id: question?.id ?? freeId(earlier),
    type: question?.type ?? 'likert',
    textVi: question?.text.vi ?? '',
    textEn: question?.text.en ?? '',
    required: question?.required ?? true,
    element: question?.tag.element ?? undefined,
    aspect: question?.tag.aspect ?? undefined,
    options: formatOptions(question?.options),
    levels: question?.levels ? formatOptions(question.levels) : defaultLevels,
    min: question?.min ?? 0,
    max: question?.max ?? 100,
    showIfId: question?.showIf?.questionId,
    showIfCodes: question?.showIf?.anyOf.join(', '),
  };
  const submit = (v: Values) => {
    const base = {
      id: v.id.trim(),
      type: v.type,
      text: { vi: v.textVi.trim(), en: v.textEn.trim() },
      help: question?.help ?? null,
      required: v.required,
      showIf: v.showIfId
        ? {
            questionId: v.showIfId,
            anyOf: (v.showIfCodes ?? '')
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
          }
        : null,
      tag: { element: v.element ?? null, aspect: v.aspect ?? null, dimension: question?.tag.dimension ?? null },
    };
    const extra: Partial<SurveyQuestion> =
      v.type === 'likert'
        ? { levels: parseOptions(v.levels).map((o, i) => ({ ...o, code: String(i + 1) })) }
        : v.type === 'single' || v.type === 'multiple'
          ? { options: parseOptions(v.options), ...(v.type === 'multiple' ? { maxChoices: question?.maxChoices ?? null } : {}) }
          : v.type === 'number'
            ? { min: v.min ?? 0, max: v.max ?? 100, unit: question?.unit ?? null }
            : v.type === 'text'
              ? { maxLength: question?.maxLength ?? 1000 }
              : {};
    onOk({ ...base, ...extra });
  };
  return (
    <Modal
      open
      title={question ? t('surveys.builder.edit_question') : t('surveys.builder.add_question')}
      onOk={() => void form.validateFields().then(submit)}
      onCancel={onCancel}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial}>
        <Form.Item
          name="id"
          label={t('surveys.builder.question_id')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('surveys.errors.id_invalid') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="type" label={t('surveys.builder.type')}>
          <Select options={TYPES.map((x) => ({ value: x, label: t(`surveys.types.${x}`) }))} />
        </Form.Item>
        <Form.Item name="textVi" label={t('surveys.builder.text_vi')} rules={[{ required: true, message: t('surveys.required') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="textEn" label={t('surveys.builder.text_en')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {type === 'likert' ? (
          <Form.Item name="levels" label={t('surveys.builder.levels')} extra={t('surveys.builder.options_hint')}>
            <Input.TextArea rows={5} />
          </Form.Item>
        ) : null}
        {type === 'single' || type === 'multiple' ? (
          <Form.Item name="options" label={t('surveys.builder.options')} extra={t('surveys.builder.options_hint')}>
            <Input.TextArea rows={5} />
          </Form.Item>
        ) : null}
        {type === 'number' ? (
          <>
            <Form.Item name="min" label={t('surveys.builder.min')}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="max" label={t('surveys.builder.max')}>
              <InputNumber min={0} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="element" label={t('surveys.builder.element')}>
          <Select allowClear options={ELEMENTS.map((x) => ({ value: x, label: t(`surveys.elements.${x}`) }))} />
        </Form.Item>
        <Form.Item name="aspect" label={t('surveys.builder.aspect')}>
          <Select allowClear options={ASPECTS.map((x) => ({ value: x, label: t(`surveys.aspects.${x}`) }))} />
        </Form.Item>
        <Form.Item name="showIfId" label={t('surveys.builder.show_if')}>
          <Select allowClear options={earlier.map((q) => ({ value: q.id, label: q.id }))} />
        </Form.Item>
        <Form.Item name="showIfCodes" label={t('surveys.builder.show_if_codes')}>
          <Input />
        </Form.Item>
        <Form.Item name="required" valuePropName="checked">
          <Checkbox>{t('surveys.builder.required')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
