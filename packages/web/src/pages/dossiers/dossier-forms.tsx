import { FileWordOutlined } from '@ant-design/icons';
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

/** Downloads of the printable forms (.docx). */
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
