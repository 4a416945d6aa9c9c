import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatInstant, formatNumber } from '../../../format';
import { lookupText } from '../../../i18n/lookup';

interface Change {
  key: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level keys whose value differs between the two snapshots; a non-object is one pseudo-key. */
export function changedKeys(before: unknown, after: unknown): Change[] {
  if ((before === null || before === undefined || isRecord(before)) && (after === null || after === undefined || isRecord(after))) {
    const b = before ?? {};
    const a = after ?? {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ key: k, before: b[k], after: a[k] }));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: '', before, after }];
}

// Stored instants are UTC (…Z); the log shows them in Vietnam's time like every other time on the page.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Where the words of a field's coded values live, by the audited entity (status of a dossier, of a task…). */
const VALUE_TEXTS: Record<string, Record<string, string>> = {
  status: {
    dossier: 'dossiers.status',
    par_assessment: 'par.status',
    par_criteria_set: 'par.sets.status',
    plan: 'plans.plan_status',
    task: 'plans.task_status',
    procedure: 'procedures.status',
    report_instance: 'reports.status',
    survey_questionnaire: 'surveys.status',
  },
  channel: { '*': 'dossiers.channel' },
  priority: { '*': 'plans.priority' },
  role: { '*': 'roles' },
};

/** A stored value as words: coded values by their label, instants in local time, dates as dd/MM/yyyy. */
export function displayValue(entity: string, key: string, value: unknown): string | null {
  if (typeof value === 'string') {
    const texts = VALUE_TEXTS[key];
    const prefix = texts?.[entity] ?? texts?.['*'];
    const coded = prefix ? lookupText(`${prefix}.${value}`) : null;
    if (coded) return coded;
    if (INSTANT.test(value)) return formatInstant(value);
    if (LOCAL_DATE.test(value)) return formatDate(value);
    return value;
  }
  return null;
}

function localized(v: unknown): unknown {
  if (typeof v === 'string') return INSTANT.test(v) ? formatInstant(v) : v;
  if (Array.isArray(v)) return v.map(localized);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, localized(x)]));
  return v;
}

function Value({ entity, field, value }: { entity: string; field: string; value: unknown }) {
  const { t } = useTranslation();
  if (value === undefined) return null;
  if (value === null || value === '') return <Typography.Text type="secondary">{t('audit.empty_value')}</Typography.Text>;
  if (typeof value === 'boolean') return <Typography.Text>{value ? t('common.yes') : t('common.no')}</Typography.Text>;
  if (typeof value === 'number') return <Typography.Text>{Number.isInteger(value) ? formatNumber(value) : formatNumber(value, 2)}</Typography.Text>;
  const text = displayValue(entity, field, value);
  if (text !== null) return <Typography.Text>{text}</Typography.Text>;
  return <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}>{JSON.stringify(localized(value), null, 2)}</pre>;
}

/** A field by its words; a field the log does not know yet is shown by its stored name. */
function FieldName({ field }: { field: string }) {
  const { t } = useTranslation();
  if (!field) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const label = lookupText(`audit.fields.${field}`);
  return label ? <Typography.Text title={field}>{label}</Typography.Text> : <Typography.Text code>{field}</Typography.Text>;
}

/** Side-by-side before/after of the fields an audited change touched. */
export function AuditDiff({ entity, before, after }: { entity: string; before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changes = changedKeys(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.no_changes')}</Typography.Text>;
  const columns: TableColumnsType<Change> = [
    { title: t('audit.field'), dataIndex: 'key', width: 220, render: (k: string) => <FieldName field={k} /> },
    {
      title: t('audit.before'),
      dataIndex: 'before',
      render: (v: unknown, c) => <Value entity={entity} field={c.key} value={v} />,
      onCell: () => ({ style: { background: '#fff1f0' } }),
    },
    {
      title: t('audit.after'),
      dataIndex: 'after',
      render: (v: unknown, c) => <Value entity={entity} field={c.key} value={v} />,
      onCell: () => ({ style: { background: '#f6ffed' } }),
    },
  ];
  return <Table<Change> rowKey="key" size="small" columns={columns} dataSource={changes} pagination={false} aria-label={t('audit.details')} />;
}
