// Turns server error codes into sentences. The server sends only stable codes (docs/conventions.md#errors);
// every code the UI knows has a key under `errors.`, and unknown ones fall back to a generic message.
import type { FormInstance } from 'antd';
import i18n from './i18n';
import { lookupText as lookup } from './i18n/lookup';
import { ApiError } from './api/http';
import type { FieldProblem } from './api/types';

/** The sentence for an error of any kind. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return lookup(`errors.${error.code}`) ?? lookup(`errors.${error.code.split('.').pop()}`) ?? i18n.t('errors.generic');
  }
  return i18n.t('errors.generic');
}

/** The sentence for one field's error code (`too_small`, `password.too_weak`). */
export function fieldErrorMessage(code: string): string {
  return lookup(`errors.field.${code}`) ?? lookup(`errors.${code}`) ?? i18n.t('errors.field.generic');
}

/** 'grants.0.unitId', 'grants/0/unitId' or 'grants[0].unitId' → ['grants', 0, 'unitId']. */
export function toNamePath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each field error under its input. Returns the errors whose field is not on the form,
 * so the caller can show them in its alert instead of losing them.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): FieldProblem[] {
  if (!(error instanceof ApiError) || error.errors.length === 0) return [];
  const leftover: FieldProblem[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const problem of error.errors) {
    const name = toNamePath(problem.path);
    if (!fields.includes(String(name[0] ?? ''))) {
      leftover.push(problem);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldErrorMessage(problem.code));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return leftover;
}

/** True for an optimistic-locking conflict: someone saved the record after we read it. */
export function isStaleVersion(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === 'conflict.stale_version';
}
