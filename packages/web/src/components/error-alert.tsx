import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../api/types';
import { errorMessage, fieldErrorMessage } from '../errors';

interface Props {
  error: unknown;
  /** Field errors that could not be shown under an input. */
  fields?: FieldProblem[];
  onRetry?: () => void;
}

/** An error as a screen reader announces it: role="alert", translated, with an optional retry. */
export function ErrorAlert({ error, fields, onRetry }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const leftover = fields ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error)}
      description={
        leftover.length > 0 ? (
          <ul>
            {leftover.map((f) => (
              <li key={`${f.path}:${f.code}`}>{t('errors.field_line', { field: f.path, message: fieldErrorMessage(f.code) })}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
