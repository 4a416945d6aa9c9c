import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

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
    return keys
      .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
      .map((k) => ({ key: k, before: b[k], after: a[k] }));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: '', before, after }];
}

function Value({ value }: { value: unknown }) {
  if (value === undefined) return null;
  if (typeof value === 'string') return <Typography.Text>{value}</Typography.Text>;
  return (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Side-by-side before/after of the fields an audited change touched. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changes = changedKeys(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.no_changes')}</Typography.Text>;
  const columns: TableColumnsType<Change> = [
    { title: t('audit.field'), dataIndex: 'key', width: 200, render: (k: string) => <Typography.Text code>{k || t('common.none')}</Typography.Text> },
    { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <Value value={v} />, onCell: () => ({ style: { background: '#fff1f0' } }) },
    { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <Value value={v} />, onCell: () => ({ style: { background: '#f6ffed' } }) },
  ];
  return <Table<Change> rowKey="key" size="small" columns={columns} dataSource={changes} pagination={false} aria-label={t('audit.details')} />;
}
