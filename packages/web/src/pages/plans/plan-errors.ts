import type { FormInstance } from 'antd';
import { ApiError } from '../../api/http';
import { applyFieldErrors, errorMessage } from '../../errors';
import { withoutLocation } from '../procedures/procedure-format';

/** Field errors under their inputs (the server's 'body.' prefix dropped); anything else as one sentence. */
export function showFormErrors(form: FormInstance, error: unknown, fields: readonly string[], toast: (text: string) => void): void {
  if (error instanceof ApiError && error.errors.length) {
    const left = applyFieldErrors(form, new ApiError(error.status, error.code, error.detail, withoutLocation(error.errors)), fields);
    if (left.length === 0) return;
  }
  toast(errorMessage(error));
}
