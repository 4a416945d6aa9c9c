// The metric providers' advice in words (no global i18n import, so it is testable with any instance).
import type { TFunction } from 'i18next';
import type { MetricHint } from '../../api/par-types';
import { formatDate } from '../../format';
import { formatPercent, formatPoints } from './par-format';

/**
 * The provider's advice in words, from `par.hints.<code>` with its parameters: days as dd/MM/yyyy and the
 * row's points ('2 báo cáo đến hạn trước 15/12/2026: gửi đúng hạn để giữ 1,00 điểm'). Null for a code the
 * UI has no text for.
 */
export function hintText(t: TFunction, hint: MetricHint | null, pointsHundredths: number): string | null {
  if (!hint) return null;
  const params: Record<string, string | number> = { ...hint.params, points: formatPoints(pointsHundredths), defaultValue: '' };
  if (typeof params.due === 'string') params.due = formatDate(params.due);
  if (typeof params.basisPoints === 'number') params.percent = formatPercent(params.basisPoints);
  // The survey index's hint: the index with its margin of error and the second weakest element.
  if (typeof params.nextBasisPoints === 'number') params.nextPercent = formatPercent(params.nextBasisPoints);
  if (typeof params.indexBasisPoints === 'number') params.index = formatPercent(params.indexBasisPoints);
  if (typeof params.marginBasisPoints === 'number') params.margin = formatPercent(params.marginBasisPoints);
  // Plural forms ('_other') resolve through `count`; a code without any text answers the empty default.
  const text = String(t(`par.hints.${hint.code}` as never, params as never));
  return text === '' ? null : text;
}
