import { CheckSquareOutlined, BorderOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ToneTag } from '../../components/tone-tag';
import { dossierFileUrl } from '../../api/dossiers';
import type { Dossier } from '../../api/types';
import { formatDate } from '../../format';

/** The result document recorded at "result ready" (issue #13); nothing before. */
export function DossierResultCard({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const r = dossier.resultRecord;
  if (!r) return null;
  return (
    <Card title={t('desk.result.card_title')} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('desk.result.kind')}>
          <span data-testid="result-kind">{t(`desk.result_kind.${r.kind}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.result.number')}>{r.number}</Descriptions.Item>
        <Descriptions.Item label={t('desk.result.date')}>{formatDate(r.date)}</Descriptions.Item>
        <Descriptions.Item label={t('desk.result.signer')}>{r.signer}</Descriptions.Item>
        <Descriptions.Item label={t('desk.result.form')}>
          {r.electronic ? <ToneTag tone="green">{t('desk.result.electronic_tag')}</ToneTag> : <ToneTag tone="default">{t('desk.result.paper_tag')}</ToneTag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.result.file')}>
          {r.fileId ? (
            <Space size={4} wrap>
              <span>{r.fileName}</span>
              <Button size="small" icon={<DownloadOutlined />} href={dossierFileUrl(dossier.id, r.fileId, 'attachment')}>
                {t('desk.files.download')}
              </Button>
            </Space>
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The components the desk confirmed when it received the online filing, for the control sheet. */
export function ReceiptChecks({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  if (dossier.receiptChecks.length === 0) return null;
  return (
    <div style={{ marginBottom: 12 }} data-testid="receipt-checks">
      <Typography.Text strong>{t('desk.receive.checks_title')}</Typography.Text>
      <ul style={{ listStyle: 'none', paddingLeft: 0, margin: '4px 0 0' }}>
        {dossier.receiptChecks.map((c) => (
          <li key={c.name}>
            {c.checked ? <CheckSquareOutlined style={{ color: '#389e0d' }} /> : <BorderOutlined />}{' '}
            {c.checked ? t('desk.receive.check_done', { name: c.name }) : t('desk.receive.check_not_done', { name: c.name })}
            {c.mandatory ? ` (${t('desk.files.mandatory').toLowerCase()})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
