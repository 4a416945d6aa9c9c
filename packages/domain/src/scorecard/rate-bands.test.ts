import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandContains, bandsOverlap, firstUncoveredRange, isEmptyBand, overlappingBandPairs, type RateInterval } from './rate-bands';

// Cà Mau 1.1.4: > 90 % → 2; 70–90 % → 1; < 70 % → 0 (docs/domain/plans-and-reports.md#how-criteria-score-plans-and-reports).
const above90: RateInterval = { min: 9000, minInclusive: false, maxInclusive: true };
const from70to90: RateInterval = { min: 7000, minInclusive: true, max: 9000, maxInclusive: true };
const below70: RateInterval = { minInclusive: true, max: 7000, maxInclusive: false };
const bp = (v: number) => ({ num: BigInt(v), den: 1n });

describe('bandContains', () => {
  it.each([
    { band: 'above90', rate: 9000, expected: false },
    { band: 'above90', rate: 9001, expected: true },
    { band: 'from70to90', rate: 9000, expected: true },
    { band: 'from70to90', rate: 7000, expected: true },
    { band: 'from70to90', rate: 6999, expected: false },
    { band: 'below70', rate: 7000, expected: false },
    { band: 'below70', rate: 0, expected: true },
  ])('$band contains $rate bp: $expected', ({ band, rate, expected }) => {
    const bands: Record<string, RateInterval> = { above90, from70to90, below70 };
    expect(bandContains(bands[band] as RateInterval, bp(rate))).toBe(expected);
  });

  it('compares an exact fraction without rounding: 8999/10000 of a rate is below 90 %', () =>
    expect(bandContains(above90, { num: 8_999n * 10_000n, den: 9_999n })).toBe(false));
});

describe('bandsOverlap', () => {
  it.each([
    { a: from70to90, b: above90, expected: false, why: 'touch at 90 %, one side exclusive' },
    { a: below70, b: from70to90, expected: false, why: 'touch at 70 %, one side exclusive' },
    { a: from70to90, b: { min: 9000, minInclusive: true, maxInclusive: true }, expected: true, why: 'both include 90 %' },
    { a: below70, b: { minInclusive: true, max: 5000, maxInclusive: true }, expected: true, why: 'nested' },
    { a: { minInclusive: true, maxInclusive: true }, b: above90, expected: true, why: 'unbounded covers all' },
  ])('$why → $expected', ({ a, b, expected }) => {
    expect(bandsOverlap(a, b)).toBe(expected);
    expect(bandsOverlap(b, a)).toBe(expected);
  });

  it('lists overlapping pairs by index', () =>
    expect(overlappingBandPairs([below70, from70to90, { min: 8000, minInclusive: true, maxInclusive: true }])).toEqual([[1, 2]]));
});

describe('isEmptyBand', () => {
  it.each([
    { band: { min: 5000, minInclusive: false, max: 5000, maxInclusive: true }, expected: true },
    { band: { min: 5000, minInclusive: true, max: 5000, maxInclusive: true }, expected: false },
    { band: { min: 9000, minInclusive: true, max: 7000, maxInclusive: true }, expected: true },
    { band: { minInclusive: true, maxInclusive: false }, expected: false },
  ])('$band is empty: $expected', ({ band, expected }) => expect(isEmptyBand(band)).toBe(expected));
});

describe('firstUncoveredRange', () => {
  it.each([
    { why: 'Cà Mau bands cover all', bands: [below70, from70to90, above90], expected: null },
    { why: 'no band below 70 %', bands: [from70to90, above90], expected: { min: 0, minInclusive: true, max: 7000, maxInclusive: false } },
    {
      why: '70 % itself excluded on both sides',
      bands: [below70, { ...from70to90, minInclusive: false }, above90],
      expected: { min: 7000, minInclusive: true, max: 7000, maxInclusive: true },
    },
    {
      why: 'open stretch between 60 % and 61 %',
      bands: [
        { minInclusive: true, max: 6000, maxInclusive: true },
        { min: 6100, minInclusive: true, maxInclusive: true },
      ],
      expected: { min: 6000, minInclusive: false, max: 6100, maxInclusive: false },
    },
    { why: 'nothing above 90 %', bands: [below70, from70to90], expected: { min: 9000, minInclusive: false, max: 10000, maxInclusive: true } },
    {
      why: 'a band starting above 0 with a point gap at 0',
      bands: [{ min: 0, minInclusive: false, maxInclusive: true }],
      expected: { min: 0, minInclusive: true, max: 0, maxInclusive: true },
    },
  ])('$why: first gap $expected', ({ bands, expected }) => expect(firstUncoveredRange(bands)).toEqual(expected));

  it('finds no gap and no overlap in bands cut from 0–100 % at increasing points', () =>
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (rawCuts, lowerSideTakesCut) => {
          const cuts = [...rawCuts].sort((a, b) => a - b);
          const bands: RateInterval[] = [];
          let lower: { v?: number; inclusive: boolean } = { inclusive: true };
          cuts.forEach((cut, i) => {
            const toLower = lowerSideTakesCut[i] ?? true;
            bands.push({ min: lower.v, minInclusive: lower.inclusive, max: cut, maxInclusive: toLower });
            lower = { v: cut, inclusive: !toLower };
          });
          bands.push({ min: lower.v, minInclusive: lower.inclusive, maxInclusive: true });
          const nonEmpty = bands.filter((b) => !isEmptyBand(b));
          expect(overlappingBandPairs(nonEmpty)).toEqual([]);
          expect(firstUncoveredRange(nonEmpty)).toBeNull();
        },
      ),
    ));
});
