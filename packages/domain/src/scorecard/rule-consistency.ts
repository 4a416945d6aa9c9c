import { firstUncoveredRange, isEmptyBand, overlappingBandPairs } from './rate-bands';
import type { ScoringRule } from './scoring-rule-schema';

/** A problem with a rule's parameters relative to its row's maximum. Codes are i18n keys. */
export interface RuleIssue {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly detail?: Record<string, unknown>;
}

function exceeds(max: number, value: number, param: string): RuleIssue[] {
  return value > max ? [{ code: 'criteria.rule_points_exceed_max', severity: 'error', detail: { param, value, max } }] : [];
}

/**
 * Checks a rule's parameters against the row's maximum: no level, band or cap may award more than max
 * (a bonus may), a deduction floor must not exceed max, bands must not overlap. Warnings flag gaps in
 * band coverage, levels out of order, and bands that never reach max.
 * @example checkRuleAgainstMax({ kind: 'binary', pointsIfTrue: 200 } as ScoringRule, 100)
 *   // [{ code: 'criteria.rule_points_exceed_max', severity: 'error', ... }]
 */
export function checkRuleAgainstMax(rule: ScoringRule, maxHundredths: number): RuleIssue[] {
  const max = maxHundredths;
  switch (rule.kind) {
    case 'binary':
      return exceeds(max, rule.pointsIfTrue, 'pointsIfTrue');
    case 'timeliness': {
      const issues = [...exceeds(max, rule.onTime, 'onTime'), ...exceeds(max, rule.late, 'late'), ...exceeds(max, rule.notDone, 'notDone')];
      if (rule.onTime < rule.late || rule.late < rule.notDone) {
        issues.push({ code: 'criteria.timeliness_not_monotone', severity: 'warning' });
      }
      return issues;
    }
    case 'rate_bands': {
      const issues = rule.bands.flatMap((band, i) => exceeds(max, band.points, `bands.${i}.points`));
      rule.bands.forEach((band, i) => {
        if (isEmptyBand(band)) issues.push({ code: 'criteria.band_empty', severity: 'error', detail: { band: i } });
      });
      for (const [i, j] of overlappingBandPairs(rule.bands)) {
        issues.push({ code: 'criteria.bands_overlap', severity: 'error', detail: { bands: [i, j] } });
      }
      const gap = firstUncoveredRange(rule.bands);
      if (gap !== null) issues.push({ code: 'criteria.bands_gap', severity: 'warning', detail: { gap } });
      if (!rule.bands.some((band) => band.points === max)) {
        issues.push({ code: 'criteria.max_unreachable', severity: 'warning' });
      }
      return issues;
    }
    case 'proportional':
      return rule.cap === undefined ? [] : exceeds(max, rule.cap, 'cap');
    case 'deduction':
      return rule.floor > max ? [{ code: 'criteria.floor_exceeds_max', severity: 'error', detail: { floor: rule.floor, max } }] : [];
    case 'manual':
    case 'survey':
    case 'bonus':
    case 'sum':
      return [];
  }
}
