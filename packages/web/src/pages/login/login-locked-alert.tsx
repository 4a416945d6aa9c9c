import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { formatInstant } from '../../format';

/** Failed logins throttled (per username and address), or too many attempts: both say when trying again makes sense. */
export function isThrottled(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'auth.throttled' || error.code === 'auth.locked' || error.code === 'auth.rate_limited');
}

function retryAfterSeconds(error: ApiError): number | null {
  const detail = error.detail;
  if (typeof detail === 'object' && detail !== null && 'retryAfterSeconds' in detail) {
    const value = (detail as { retryAfterSeconds: unknown }).retryAfterSeconds;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return error.retryAfterSeconds;
}

function lockedUntil(error: ApiError): string | null {
  const detail = error.detail;
  if (typeof detail === 'object' && detail !== null && 'lockedUntil' in detail) {
    const value = (detail as { lockedUntil: unknown }).lockedUntil;
    if (typeof value === 'string') return value;
  }
  return null;
}

export function LoginLockedAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const seconds = retryAfterSeconds(error);
  let text: string;
  if (seconds === null) {
    text = t(error.code === 'auth.locked' ? 'errors.auth.locked' : error.code === 'auth.throttled' ? 'errors.auth.throttled' : 'errors.auth.rate_limited');
  } else if (error.code === 'auth.locked' || error.code === 'auth.throttled') {
    // The server says when the wait ends; its clock, not the browser's, is the authority.
    const until = lockedUntil(error);
    const time = until ? formatInstant(until).slice(-5) : '';
    text = t(error.code === 'auth.throttled' ? 'login.throttled' : 'login.locked', { minutes: Math.max(1, Math.ceil(seconds / 60)), time });
  } else {
    text = t('login.rate_limited', { seconds: Math.ceil(seconds) });
  }
  return <Alert type="warning" showIcon role="alert" title={text} style={{ marginBottom: 16 }} />;
}
