// Words for metric values and recovery hints on the dashboard.
import type { TFunction } from 'i18next';
import type { ParRuleInput, RecoveryHint } from '../../api/par-types';
import { lookupText } from '../../i18n/lookup';
import { formatCount, formatPercent, formatPoints, rateBasisPoints } from './par-format';

/** The metric's name in the user's language, or its key when no text exists for it. */
export function metricName(key: string): string {
  return lookupText(`par.metric_names.${key}`) ?? key;
}

/** A metric value as read: '0/4 (0,00 %)', '30,00 %', 'Có', '2'. */
export function metricValueText(t: TFunction, v: ParRuleInput | null | undefined): string {
  if (!v) return t('par.dashboard.no_data');
  switch (v.kind) {
    case 'rate': {
      const bp = rateBasisPoints(v);
      return bp === null
        ? t('par.dashboard.rate_no_data', { n: formatCount(v.numerator), d: formatCount(v.denominator) })
        : t('par.dashboard.rate_text', { n: formatCount(v.numerator), d: formatCount(v.denominator), percent: formatPercent(bp) });
    }
    case 'share':
      return formatPercent(v.basisPoints);
    case 'boolean':
      return v.value ? t('common.yes') : t('common.no');
    case 'count':
      return formatCount(v.value);
    case 'timeliness':
      return t(`par.timeliness.${v.value}`);
    case 'manual':
      return formatPoints(v.value);
  }
}

/** What would recover the points: 'Tỷ lệ đạt từ 50,00 % trở lên (được 0,50 điểm)'. */
export function recoveryText(t: TFunction, hint: RecoveryHint | null): string {
  if (!hint) return t('common.none');
  switch (hint.kind) {
    case 'score_at_least':
      return t('par.hint.score_at_least', { points: formatPoints(hint.targetHundredths) });
    case 'make_true':
      return t('par.hint.make_true');
    case 'make_false':
      return t('par.hint.make_false');
    case 'timeliness':
      return t('par.hint.timeliness', { level: t(`par.timeliness.${hint.target}`) });
    case 'rate_at_least':
      return t(hint.inclusive ? 'par.hint.rate_at_least' : 'par.hint.rate_above', {
        percent: formatPercent(hint.basisPoints),
        points: formatPoints(hint.pointsHundredths),
      });
    case 'count_at_most':
      return t('par.hint.count_at_most', { count: hint.value, points: formatPoints(hint.pointsHundredths) });
  }
}
