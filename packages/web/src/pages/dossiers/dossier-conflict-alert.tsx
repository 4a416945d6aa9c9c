import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { dossierKeys } from '../../api/dossiers';
import { conflictCurrent } from './dossier-actions';

interface Props {
  dossierId: string;
  /** The 409 answer of the action or assign route. */
  error: unknown;
  /** Closes the modal that showed the alert. */
  onClose: () => void;
}

/**
 * The 409 reload prompt of a dossier modal. The answer carries the dossier as it is now: "Reload" shows
 * it at once, closes the modal, then refetches to be sure.
 */
export function DossierConflictAlert({ dossierId, error, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reload = async () => {
    const current = conflictCurrent(error);
    if (current) queryClient.setQueryData(dossierKeys.detail(dossierId), current);
    onClose();
    await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
  };
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('dossiers.detail.conflict_title')}
      description={t('dossiers.detail.conflict_body')}
      action={
        <Button size="small" onClick={() => void reload()}>
          {t('common.reload')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
