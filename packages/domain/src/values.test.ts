import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsAt, formatPercent, instantOfMs, localDateOf, ratioBasisPoints, utcMsOf } from './values';

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

describe('instants written by arithmetic', () => {
  it('writes any time of years 0–9999 as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(instantOfMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('is exact at the edges: leap days, centuries, the ends of the supported years, and leaves the rest to Date', () => {
    for (const t of [
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '1900-03-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ])
      expect(instantOfMs(Date.parse(t))).toBe(t);
    expect(instantOfMs(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
    expect(instantOfMs(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => instantOfMs(Number.NaN)).toThrow(RangeError);
  });

  it('gives the civil day in Viet Nam (UTC+7) of any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(localDateOf(new Date(ms).toISOString())).toBe(new Date(ms + 7 * 3600_000).toISOString().slice(0, 10));
      }),
      { numRuns: 5_000 },
    );
    expect(localDateOf('2025-12-31T17:00:00Z')).toBe('2026-01-01');
    expect(localDateOf('2025-12-31T16:59:59.999Z')).toBe('2025-12-31');
  });
});

describe('wall-clock times read field by field', () => {
  it('gives the milliseconds Date.UTC gives, for every year, and NaN for a field out of range', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(-2000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const d = new Date(ms);
        expect(
          utcMsOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
        ).toBe(ms);
      }),
      { numRuns: 3000 },
    );
    // Date.UTC reads years 0–99 as 1900–1999; these are the years themselves.
    expect(utcMsOf(50, 3, 1, 0, 0, 0)).toBe(new Date('0050-03-01T00:00:00Z').getTime());
    const outOfRange: Array<[number, number, number, number, number, number]> = [
      [2025, 2, 29, 0, 0, 0],
      [2024, 13, 1, 0, 0, 0],
      [2024, 0, 1, 0, 0, 0],
      [2024, 4, 31, 0, 0, 0],
      [2024, 1, 1, 24, 0, 0],
      [2024, 1, 1, 0, 60, 0],
      [2024, 1, 1, 0, 0, 60],
      [2024, 1, NaN, 0, 0, 0],
    ];
    for (const fields of outOfRange) expect(utcMsOf(...fields), fields.join(',')).toBeNaN();
    expect(utcMsOf(2024, 2, 29, 23, 59, 59, 999)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(utcMsOf(2024, 1, 1, 0, 0, 0, 1000)).toBeNaN();
  });

  it('reads digits, NaN when one is not a digit', () => {
    expect(digitsAt('x2025y', 1, 5)).toBe(2025);
    expect(digitsAt('0007', 0, 4)).toBe(7);
    expect(digitsAt('20a5', 0, 4)).toBeNaN();
    expect(digitsAt('2 25', 0, 4)).toBeNaN();
  });
});
