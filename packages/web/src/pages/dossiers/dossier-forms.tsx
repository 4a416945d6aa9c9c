import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadDossierForm } from '../../api/dossiers';
import type { Dossier, DossierForm } from '../../api/types';
import { errorMessage } from '../../errors';
import { saveBlob } from './dossier-format';

const KEY: Record<DossierForm, 'receipt' | 'supplement' | 'refusal' | 'apology' | 'control_sheet'> = {
  receipt: 'receipt',
  supplement: 'supplement',
  refusal: 'refusal',
  apology: 'apology',
  'control-sheet': 'control_sheet',
};

/**
 * "In giấy tiếp nhận": opens the receipt slip's print-ready page in a new tab, where the browser's print
 * dialog opens by itself (issue #13 item 5).
 */
export function PrintReceiptLink({ id, primary = false }: { id: string; primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<PrinterOutlined />}
      href={`/dossiers/${encodeURIComponent(id)}/print-receipt`}
      target="_blank"
      rel="noopener"
    >
      {t('dossiers.forms.print_receipt')}
    </Button>
  );
}

/** The receipt's print page and downloads of the printable forms (.docx). */
export function DossierFormsCard({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: (form: DossierForm) => downloadDossierForm(dossier.id, form),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => {
      message.error(errorMessage(error));
    },
  });
  const forms = dossier.forms;
  return (
    <Card title={t('dossiers.forms.title')}>
      {forms.length === 0 ? (
        t('dossiers.forms.none')
      ) : (
        <Space wrap>
          {forms.includes('receipt') ? <PrintReceiptLink id={dossier.id} /> : null}
          {forms.map((f) => (
            <Button key={f} icon={<FileWordOutlined />} loading={download.isPending && download.variables === f} onClick={() => download.mutate(f)}>
              {t(`dossiers.forms.${KEY[f]}`)}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}
