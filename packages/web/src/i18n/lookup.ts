import i18n from './index';

/**
 * Translates a key built at run time from server data (an error code, an audit action), or returns
 * null when there is no such text. Static keys go through `t()`, which `tsc` checks.
 */
export function lookupText(key: string): string | null {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const value: unknown = i18n.getResource(lng, 'translation', key) ?? i18n.getResource('vi', 'translation', key);
  return typeof value === 'string' ? i18n.t(key as never) : null;
}
