import { describe, expect, it } from 'vitest';
import { formatPercent, ratioBasisPoints } from './values';

describe('percents', () => {
  it.each([
    [9286, '92,86 %'],
    [8018, '80,18 %'],
    [10000, '100,00 %'],
    [5, '0,05 %'],
  ])('formats %i basis points as %s', (bp, text) => expect(formatPercent(bp).replace('\u00a0', ' ')).toBe(text));

  it('formats nothing as empty', () => expect(formatPercent(null)).toBe(''));

  it.each([
    [13, 14, 9286],
    [1, 3, 3333],
    [2, 3, 6667],
    [0, 4, 0],
    [4, 4, 10000],
  ])('rounds %i/%i half up to %i basis points', (n, d, bp) => expect(ratioBasisPoints(n, d)).toBe(bp));

  it('has no ratio without a denominator', () => expect(ratioBasisPoints(0, 0)).toBeNull());
});
