import { PERMISSIONS } from '@cchc/domain';
import type { Me } from '../../api/types';
import { ApiError } from '../../api/http';
import { errorMessage } from '../../errors';
import i18n from '../../i18n';
import { lookupText } from '../../i18n/lookup';
import { formatNumber } from '../../format';
import type { LocalText } from '../../api/surveys';

/** Basis points as a percentage with a decimal comma: 8394 → '83,94 %'; null → '–'. */
export function percent(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '–' : `${formatNumber(bp / 100, 2)} %`;
}

/** The text in the interface language, Vietnamese when the English one is empty. */
export function localText(x: LocalText | null | undefined): string {
  if (!x) return '';
  return i18n.language === 'en' && x.en ? x.en : x.vi;
}

/** A survey error code's sentence (`surveys.errors.*`), else the shared error text. */
export function surveyError(error: unknown): string {
  if (error instanceof ApiError) {
    const own = lookupText(`surveys.errors.${error.code.replace(/^survey\./, '')}`);
    if (own) return own;
  }
  return errorMessage(error);
}

/** The sentence for a publish problem or a field code. */
export function issueText(code: string): string {
  return lookupText(`surveys.errors.${code.replace(/^survey\./, '')}`) ?? code;
}

/** The unit where the user runs surveys: the first grant whose role may manage them, else the home unit. */
export function surveyUnitOf(me: Me): string {
  const roles: readonly string[] = PERMISSIONS['survey.manage'];
  return me.grants.find((g) => roles.includes(g.role))?.unitId ?? me.unitId;
}
