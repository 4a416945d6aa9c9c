import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadDossierForm } from '../../api/dossiers';
import type { CreatedDossier } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../errors';
import { formatDate, formatInstant } from '../../format';
import { saveBlob } from './dossier-format';
import { PrintReceiptLink } from './dossier-forms';

/** After receipt: the code, the lookup PIN and the appointment, with the slip to print. */
export function ReceiptSuccess({ dossier, onAnother }: { dossier: CreatedDossier; onAnother: () => void }) {
  const { t } = useTranslation();
  const print = useMutation({
    mutationFn: () => downloadDossierForm(dossier.id, 'receipt'),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
  });
  const due = dossier.dueAt ? formatInstant(dossier.dueAt) : dossier.dueDate ? formatDate(dossier.dueDate) : t('dossiers.no_due_date');
  return (
    <>
      <PageHeader title={t('dossiers.receive.title')} />
      <Card>
        <Result
          status="success"
          title={<span role="status">{t('dossiers.receive.done_title')}</span>}
          subTitle={t('dossiers.receive.done_body')}
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              <PrintReceiptLink id={dossier.id} primary />
              <Button icon={<FileWordOutlined />} loading={print.isPending} onClick={() => print.mutate()}>
                {t('dossiers.forms.download_word')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={onAnother}>
                {t('dossiers.receive.another')}
              </Button>
            </Space>
          }
        >
          {print.isError ? <Alert type="error" showIcon role="alert" title={errorMessage(print.error)} style={{ marginBottom: 16 }} /> : null}
          <Descriptions bordered column={1} size="middle">
            <Descriptions.Item label={t('dossiers.fields.code')}>
              <Typography.Text strong copyable data-testid="dossier-code">
                {dossier.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('dossiers.fields.lookup_pin')}>
              <Typography.Text strong data-testid="dossier-pin">
                {dossier.lookupPin}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('dossiers.fields.appointment')}>
              <Typography.Text strong data-testid="dossier-due">
                {due}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
            <Link to={`/dossiers/${encodeURIComponent(dossier.id)}`}>{t('dossiers.receive.open_dossier')}</Link>
          </Typography.Paragraph>
        </Result>
      </Card>
    </>
  );
}
