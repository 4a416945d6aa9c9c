// The what-if control: each metric is edited as text in the shape of its input kind, and read back into
// the exact integer input the domain evaluates (rates as numerator/denominator, shares in basis points).
import { acceptedInputKinds, type ScoringRule } from '@cchc/domain';
import type { CriterionView, ParRule, ParRuleInput, ParRuleInputKind } from '../../api/par-types';
import { parseScoreText, toScoreText } from './par-format';

/** One metric's editable value; only the fields of `kind` are read. */
export interface MetricDraft {
  kind: ParRuleInputKind;
  numerator?: string;
  denominator?: string;
  percent?: string;
  flag?: boolean;
  count?: string;
  level?: 'on_time' | 'late' | 'not_done';
  score?: string;
}

/** The input kind to edit a metric in: its current value's kind, else what the bound rule accepts (a share rather than a rate). */
export function metricKind(current: ParRuleInput | null | undefined, rules: readonly ParRule[]): ParRuleInputKind {
  if (current) return current.kind;
  const accepted = rules.flatMap((r) => acceptedInputKinds(r as ScoringRule));
  if (accepted.includes('share')) return 'share';
  return accepted[0] ?? 'share';
}

/** The rules bound to each metric key of a set. */
export function rulesByMetric(nodes: readonly CriterionView[]): Map<string, ParRule[]> {
  const out = new Map<string, ParRule[]>();
  for (const n of nodes) if (n.metric) out.set(n.metric, [...(out.get(n.metric) ?? []), n.rule]);
  return out;
}

export function draftOf(kind: ParRuleInputKind, current: ParRuleInput | null | undefined): MetricDraft {
  const c = current && current.kind === kind ? current : null;
  switch (kind) {
    case 'rate':
      return { kind, numerator: c?.kind === 'rate' ? String(c.numerator) : '', denominator: c?.kind === 'rate' ? String(c.denominator) : '' };
    case 'share':
      return { kind, percent: c?.kind === 'share' ? toScoreText(c.basisPoints) : '' };
    case 'boolean':
      return { kind, flag: c?.kind === 'boolean' ? c.value : false };
    case 'count':
      return { kind, count: c?.kind === 'count' ? String(c.value) : '' };
    case 'timeliness':
      return { kind, level: c?.kind === 'timeliness' ? c.value : 'on_time' };
    case 'manual':
      return { kind, score: c?.kind === 'manual' ? toScoreText(c.value) : '' };
  }
}

const whole = (text: string | undefined): number | null => (text !== undefined && /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * The metric input a draft stands for, or null while it is incomplete or invalid (then it is not sent).
 * @example inputOf({ kind: 'share', percent: '50' }) // { kind: 'share', basisPoints: 5000 }
 */
export function inputOf(d: MetricDraft): ParRuleInput | null {
  switch (d.kind) {
    case 'rate': {
      const n = whole(d.numerator);
      const den = whole(d.denominator);
      return n === null || den === null || n > den ? null : { kind: 'rate', numerator: n, denominator: den };
    }
    case 'share': {
      const bp = parseScoreText(d.percent);
      return bp === null || bp > 10_000 ? null : { kind: 'share', basisPoints: bp };
    }
    case 'boolean':
      return { kind: 'boolean', value: d.flag ?? false };
    case 'count': {
      const c = whole(d.count);
      return c === null ? null : { kind: 'count', value: c };
    }
    case 'timeliness':
      return d.level ? { kind: 'timeliness', value: d.level } : null;
    case 'manual': {
      const s = parseScoreText(d.score);
      return s === null ? null : { kind: 'manual', value: s };
    }
  }
}
