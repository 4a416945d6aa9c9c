import { Button, Card, Checkbox, Input, InputNumber, Progress, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition, SurveyQuestion } from '../../api/surveys';
import { localText } from './survey-format';

/** One section as a citizen sees it on a 360-pixel phone screen (a preview, answers go nowhere). */
export function PhonePreview({ definition, section, onSection }: { definition: QuestionnaireDefinition; section: number; onSection: (s: number) => void }) {
  const { t } = useTranslation();
  const s = definition.sections[section];
  const total = definition.sections.length;
  return (
    <Card size="small" title={t('surveys.builder.phone_preview')}>
      <div
        role="region"
        aria-label={t('surveys.builder.phone_preview')}
        style={{
          width: 360,
          maxWidth: '100%',
          minHeight: 560,
          margin: '0 auto',
          border: '10px solid #222',
          borderRadius: 24,
          padding: 12,
          overflow: 'auto',
          background: '#fff',
        }}
      >
        {s ? (
          <>
            <Typography.Text type="secondary">{t('surveys.builder.part', { n: section + 1, total })}</Typography.Text>
            <Progress
              percent={Math.round(((section + 1) * 100) / total)}
              showInfo={false}
              size="small"
              aria-label={t('surveys.builder.part', { n: section + 1, total })}
            />
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {localText(s.title)}
            </Typography.Title>
            {s.questions.map((q) => (
              <PreviewQuestion key={q.id} q={q} />
            ))}
            <Space style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
              <Button disabled={section === 0} onClick={() => onSection(section - 1)}>
                {t('surveys.builder.back')}
              </Button>
              <Button type="primary" disabled={section >= total - 1} onClick={() => onSection(section + 1)}>
                {t('surveys.builder.next')}
              </Button>
            </Space>
          </>
        ) : null}
      </div>
    </Card>
  );
}

function PreviewQuestion({ q }: { q: SurveyQuestion }) {
  const { t } = useTranslation();
  const options = q.type === 'likert' ? [...(q.levels ?? [])].reverse() : q.type === 'yes_no' ? [] : (q.options ?? []);
  return (
    <fieldset style={{ border: '1px solid #d0d7e2', borderRadius: 6, margin: '8px 0', padding: 8 }}>
      <legend style={{ fontWeight: 600, fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
        {localText(q.text)} {q.required ? null : <Typography.Text type="secondary">{t('surveys.builder.optional')}</Typography.Text>}
        {q.showIf ? <Typography.Text type="secondary"> · {t('surveys.builder.conditional', { id: q.showIf.questionId })}</Typography.Text> : null}
      </legend>
      {q.type === 'number' ? <InputNumber aria-label={localText(q.text)} min={q.min} max={q.max} style={{ width: '100%' }} /> : null}
      {q.type === 'text' ? <Input.TextArea aria-label={localText(q.text)} rows={2} /> : null}
      {q.type === 'yes_no' ? (
        <Radio.Group
          options={[
            { value: 'yes', label: t('surveys.builder.yes') },
            { value: 'no', label: t('surveys.builder.no') },
          ]}
        />
      ) : null}
      {q.type === 'multiple' ? (
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }} options={options.map((o) => ({ value: o.code, label: localText(o.label) }))} />
      ) : null}
      {q.type === 'likert' || q.type === 'single' ? (
        <Radio.Group style={{ display: 'flex', flexDirection: 'column' }} options={options.map((o) => ({ value: o.code, label: localText(o.label) }))} />
      ) : null}
    </fieldset>
  );
}
