import { describe, expect, it } from 'vitest';
import type { CriterionView } from '../../api/par-types';
import { draftOf, inputOf, metricKind, rulesByMetric } from './what-if';

describe('what-if metric drafts', () => {
  it('edits a metric in the kind of its current value', () => {
    expect(metricKind({ kind: 'rate', numerator: 0, denominator: 4 }, [])).toBe('rate');
  });

  it('edits a metric without data as a share when its rule takes rates', () => {
    expect(metricKind(null, [{ kind: 'deduction', mode: 'condition', points: 300, triggerBelow: { basisPoints: 5000, inclusive: false } }])).toBe('share');
    expect(metricKind(null, [{ kind: 'deduction', mode: 'per_occurrence', points: 10 }])).toBe('count');
    expect(metricKind(null, [{ kind: 'binary', pointsIfTrue: 100 }])).toBe('boolean');
  });

  it.each([
    { kind: 'rate', numerator: 3, denominator: 4 },
    { kind: 'share', basisPoints: 3000 },
    { kind: 'boolean', value: true },
    { kind: 'count', value: 2 },
    { kind: 'timeliness', value: 'late' },
    { kind: 'manual', value: 850 },
  ] as const)('round-trips a $kind value', (input) => expect(inputOf(draftOf(input.kind, input))).toEqual(input));

  it('sends nothing for an incomplete or impossible value', () => {
    expect(inputOf({ kind: 'rate', numerator: '5', denominator: '4' })).toBeNull();
    expect(inputOf({ kind: 'rate', numerator: '', denominator: '4' })).toBeNull();
    expect(inputOf({ kind: 'share', percent: '101' })).toBeNull();
    expect(inputOf({ kind: 'count', count: '-1' })).toBeNull();
  });

  it('reads a percent with a decimal comma into basis points', () =>
    expect(inputOf({ kind: 'share', percent: '50,5' })).toEqual({ kind: 'share', basisPoints: 5050 }));

  it('groups the rules bound to each metric', () => {
    const node = (id: string, metric: string | null): CriterionView => ({
      id,
      parentId: null,
      code: id,
      title: id,
      level: 'field',
      maxHundredths: 100,
      rule: { kind: 'binary', pointsIfTrue: 100 },
      evidenceRequired: false,
      responsibleUnitId: null,
      metric,
      notSelfScored: false,
      order: 1,
    });
    const map = rulesByMetric([node('a', 'm'), node('b', 'm'), node('c', null)]);
    expect([...map.keys()]).toEqual(['m']);
    expect(map.get('m')).toHaveLength(2);
  });
});
