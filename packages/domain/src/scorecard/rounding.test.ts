import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hundredths } from '../values';
import { percentBasisPoints, roundHundredths, roundQuotient, type RoundingMode } from './rounding';

describe('roundQuotient', () => {
  it.each([
    { n: 5, d: 2, half_up: 3, half_even: 2, floor: 2 },
    { n: 7, d: 2, half_up: 4, half_even: 4, floor: 3 },
    { n: -5, d: 2, half_up: -3, half_even: -2, floor: -3 },
    { n: -7, d: 2, half_up: -4, half_even: -4, floor: -4 },
    { n: 1, d: 3, half_up: 0, half_even: 0, floor: 0 },
    { n: 2, d: 3, half_up: 1, half_even: 1, floor: 0 },
    { n: 10, d: 5, half_up: 2, half_even: 2, floor: 2 },
    { n: 5, d: -2, half_up: -3, half_even: -2, floor: -3 },
    { n: 0, d: 7, half_up: 0, half_even: 0, floor: 0 },
  ])('$n ÷ $d rounds to $half_up (half_up), $half_even (half_even), $floor (floor)', ({ n, d, ...expected }) => {
    for (const mode of ['half_up', 'half_even', 'floor'] as const) {
      expect(roundQuotient(n, d, mode)).toBe(expected[mode]);
    }
  });

  it('divides bigint products beyond the safe integer range exactly', () => expect(roundQuotient(10n ** 30n + 1n, 10n ** 28n, 'half_up')).toBe(100));

  it.each([
    { n: 1, d: 0, code: 'rounding.zero_denominator' },
    { n: 1.5, d: 2, code: 'rounding.not_integer' },
    { n: 1, d: Number.NaN, code: 'rounding.not_integer' },
  ])('rejects $n ÷ $d with $code', ({ n, d, code }) => expect(() => roundQuotient(n, d, 'half_up')).toThrow(expect.objectContaining({ code })));

  it('rejects an unknown rounding mode', () =>
    expect(() => roundQuotient(1, 2, 'ceil' as RoundingMode)).toThrow(expect.objectContaining({ code: 'rounding.mode_invalid' })));

  it('half modes land within half a unit of the exact quotient and floor never above it', () =>
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        for (const mode of ['half_up', 'half_even'] as const) {
          const q = roundQuotient(n, d, mode);
          expect(Math.abs(2 * (q * d - n))).toBeLessThanOrEqual(d);
        }
        const f = roundQuotient(n, d, 'floor');
        expect(f * d).toBeLessThanOrEqual(n);
        expect((f + 1) * d).toBeGreaterThan(n);
      }),
    ));
});

describe('roundHundredths', () => {
  it('turns a fraction of hundredths into whole hundredths', () => expect(roundHundredths(1_000n * 2_650n, 10_000n, 'half_up')).toBe(265));
});

describe('percentBasisPoints', () => {
  it.each([
    { points: 1025, max: 1100, expected: 9318 }, // 2019 field 1: 93.18 %
    { points: 998, max: 1000, expected: 9980 }, // field 3: 99.8 %
    { points: 850, max: 900, expected: 9444 }, // field 6: 94.44 %
    { points: 650, max: 1000, expected: 6500 }, // field 7: 65 %
    { points: 8018, max: 10000, expected: 8018 },
    { points: 0, max: 800, expected: 0 },
    { points: 1200, max: 1000, expected: 12000 }, // a bonus above the maximum
  ])('$points of $max is $expected basis points', ({ points, max, expected }) =>
    expect(percentBasisPoints(points as Hundredths, max as Hundredths, 'half_up')).toBe(expected),
  );

  it('has no percent for a maximum of zero', () => expect(percentBasisPoints(0 as Hundredths, 0 as Hundredths, 'half_up')).toBeNull());

  it.each([
    { mode: 'half_up', expected: 1 },
    { mode: 'half_even', expected: 0 },
    { mode: 'floor', expected: 0 },
  ] as const)('uses the set rounding on a tie: $mode gives $expected', ({ mode, expected }) =>
    expect(percentBasisPoints(1 as Hundredths, 20_000 as Hundredths, mode)).toBe(expected),
  );
});
