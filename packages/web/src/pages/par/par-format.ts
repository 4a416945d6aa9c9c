// Display and input helpers of the PAR index pages. Scores are integer hundredths and rates integer
// basis points end to end (docs/conventions.md#values-dates-instants-scores): text typed by a user becomes an integer without any float.
import { formatHundredths, formatPercent as formatPercentBasisPoints, ratioBasisPoints } from '@cchc/domain';
import type { AtRiskRow, Layers, ParRuleInput } from '../../api/par-types';
import { formatNumber, formatScore } from '../../format';

/** 8018 basis points → '80,18 %'; null (nothing scored yet) → ''. The domain's one percent formatter. */
export function formatPercent(basisPoints: number | null | undefined): string {
  return formatPercentBasisPoints(basisPoints);
}

/** Hundredths or nothing: 8018 → '80,18', null → ''. */
export function formatPoints(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return '';
  return formatScore(hundredths);
}

/** A change of points with its sign: 100 → '+1,00', -4543 → '−45,43', 0 → '0,00'. */
export function signedPoints(hundredths: number): string {
  return hundredths > 0 ? `+${formatPoints(hundredths)}` : hundredths < 0 ? `−${formatPoints(-hundredths)}` : formatPoints(0);
}

/** Hundredths as the text an input starts with: 850 → '8,50' (no thousands separator, so it parses back). */
export function toScoreText(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return '';
  return formatHundredths(hundredths).replace('.', ',');
}

/**
 * Reads a score or a percent typed with a decimal comma (or point) and at most two decimals:
 * '8,5' → 850, '80.08' → 8008, '7' → 700. Empty, negative, thousands-separated or finer text → null.
 * @example parseScoreText('80,18') // 8018
 */
export function parseScoreText(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Rows losing points first, the largest loss first; rows whose loss is unknown (no data) last. */
export function sortAtRisk(rows: readonly AtRiskRow[]): AtRiskRow[] {
  return [...rows].sort((a, b) => {
    if (a.atRiskHundredths === null || b.atRiskHundredths === null) {
      if (a.atRiskHundredths === b.atRiskHundredths) return a.code.localeCompare(b.code, 'vi', { numeric: true });
      return a.atRiskHundredths === null ? 1 : -1;
    }
    return b.atRiskHundredths - a.atRiskHundredths || a.code.localeCompare(b.code, 'vi', { numeric: true });
  });
}

/** Sum of the known losses, in hundredths. */
export function totalAtRisk(rows: readonly AtRiskRow[]): number {
  return rows.reduce((sum, r) => sum + (r.atRiskHundredths ?? 0), 0);
}

/**
 * A rate or share as a percent with two decimals, computed on integers and rounded half up: 13 of 14 →
 * 9286 (92,86 %). A rate with denominator 0 is "no data": null. For display only; scoring compares the
 * exact fraction on the server.
 */
export function rateBasisPoints(input: Extract<ParRuleInput, { kind: 'rate' | 'share' }>): number | null {
  if (input.kind === 'share') return input.basisPoints;
  return ratioBasisPoints(input.numerator, input.denominator);
}

/** Width of a bar, 0–100, for a value against its maximum (both integers). */
export function barPercent(value: number | null, max: number): number {
  if (value === null || max <= 0) return 0;
  return Math.max(0, Math.min(100, (value / max) * 100));
}

/** '1.234' for counts: integers in Vietnamese grouping. */
export function formatCount(value: number): string {
  return formatNumber(value);
}

/** The latest layer that has a value: final, else appraised, else self (the scorecard's percent column). */
export function latestLayer(layers: Layers): 'final' | 'appraised' | 'self' | null {
  if (layers.final.points !== null) return 'final';
  if (layers.appraised.points !== null) return 'appraised';
  if (layers.self.points !== null) return 'self';
  return null;
}
