import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, COMPUTED_INDICATOR_CODES, IndicatorSetContentSchema, qd766NationalSet, type IndicatorDefinition } from './indicator-catalogue';
import { scoreIndicator, scoreSet } from './indicator-scoring';

const national = qd766NationalSet();
const byCode = (code: string): IndicatorDefinition => national.indicators.find((d) => d.code === code)!;

describe('the national QĐ 766 set', () => {
  it('has the published group maxima (18, 20, 22, 22, 18) adding up to 100', () => {
    expect(IndicatorSetContentSchema.parse(national)).toEqual(national);
    const score = scoreSet(national, new Map());
    expect(score.groups.map((g) => g.maxHundredths)).toEqual([1800, 2000, 2200, 2200, 1800]);
    expect(score.maxHundredths).toBe(10_000);
    expect(score.totalHundredths).toBe(0);
  });

  it('marks exactly the computed codes as computed', () => {
    expect(national.indicators.filter((d) => d.source === 'computed').map((d) => d.code)).toEqual([...COMPUTED_INDICATOR_CODES]);
  });
});

describe('scoreIndicator', () => {
  it.each([
    // code, numerator, denominator, points (hundredths)
    ['2.1', 97, 100, 1164], // 12 × 97 %
    ['2.1', 13, 14, 1114], // 12 × 92.857… % = 11.142… → 11.14
    ['3.1', 8, 10, 400], // full at 80 %
    ['3.1', 6, 10, 300], // 4 × 60 % ÷ 80 %
    ['3.3', 1, 4, 200], // 4 × 25 % ÷ 50 %
    ['5.4', 9, 10, 600], // full at 90 %
    ['5.4', 0, 10, 0],
  ])('%s with %i ÷ %i earns %i hundredths', (code, num, den, points) => {
    expect(scoreIndicator(byCode(code), { numerator: num, denominator: den }).pointsHundredths).toBe(points);
  });

  it('gives no data and 0 points without a denominator', () => {
    expect(scoreIndicator(byCode('2.1'), { numerator: 0, denominator: 0 })).toMatchObject({ hasData: false, pointsHundredths: 0, valueHundredths: null });
    expect(scoreIndicator(byCode('1.4'), null)).toMatchObject({ hasData: false, pointsHundredths: 0 });
  });

  it('scores the average time against the statutory reference', () => {
    const d = byCode('2.2');
    expect(scoreIndicator(d, { numerator: 100, denominator: 4, reference: 120 })).toMatchObject({ pointsHundredths: 800, valueHundredths: 2500 });
    expect(scoreIndicator(d, { numerator: 160, denominator: 4, reference: 120 }).pointsHundredths).toBe(600);
  });

  it('weighs 3.3 by the synchronisation rate entered as 1.4', () => {
    const figures = new Map([
      ['3.3', { numerator: 50, denominator: 100 }],
      ['1.4', { numerator: 80, denominator: 100 }],
    ]);
    const s = scoreSet(national, figures);
    const i33 = s.groups[2]!.indicators.find((i) => i.code === '3.3')!;
    // 50 % × 80 % = 40 % of the 50 % threshold → 4 × 0.8
    expect(i33).toMatchObject({ factorBp: 8000, pointsHundredths: 320 });
  });

  it('tells whether a province target is met', () => {
    const { content } = applyOverrides(national, [{ code: '2.1', targetBp: 9800 }]);
    const d = content.indicators.find((x) => x.code === '2.1')!;
    expect(scoreIndicator(d, { numerator: 98, denominator: 100 }).meetsTarget).toBe(true);
    expect(scoreIndicator(d, { numerator: 97, denominator: 100 }).meetsTarget).toBe(false);
  });

  const proportional = national.indicators.filter((d) => d.scoring.kind === 'proportional');
  const figures = fc.nat({ max: 1_000_000 }).chain((den) => fc.record({ numerator: fc.nat({ max: den }), denominator: fc.constant(den) }));

  it('keeps points between 0 and the maximum, monotone in the numerator, full at the threshold', () => {
    fc.assert(
      fc.property(fc.constantFrom(...proportional), figures, fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), (d, f, factor) => {
        const s = scoreIndicator(d, f, factor);
        expect(s.pointsHundredths).toBeGreaterThanOrEqual(0);
        expect(s.pointsHundredths).toBeLessThanOrEqual(d.maxHundredths);
        if (f.denominator > 0 && f.numerator < f.denominator)
          expect(scoreIndicator(d, { ...f, numerator: f.numerator + 1 }, factor).pointsHundredths).toBeGreaterThanOrEqual(s.pointsHundredths);
        if (d.scoring.kind === 'proportional' && f.denominator > 0 && factor === null && f.numerator * 10_000 >= f.denominator * d.scoring.fullAtBp)
          expect(s.pointsHundredths).toBe(d.maxHundredths);
      }),
    );
  });

  it('sums groups and the total from the indicators, whatever the figures', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...national.indicators.map((d) => d.code)), figures, fc.nat({ max: 1_000_000 }))), (entries) => {
        const s = scoreSet(national, new Map(entries.map(([code, f, ref]) => [code, { ...f, reference: ref }])));
        for (const g of s.groups) expect(g.pointsHundredths).toBe(g.indicators.reduce((a, i) => a + i.pointsHundredths, 0));
        expect(s.totalHundredths).toBe(s.groups.reduce((a, g) => a + g.pointsHundredths, 0));
        expect(s.totalHundredths).toBeLessThanOrEqual(s.maxHundredths);
      }),
    );
  });
});

describe('applyOverrides', () => {
  it('changes maxima, thresholds and targets and reports unknown codes', () => {
    const { content, issues } = applyOverrides(national, [
      { code: '4.2', fullAtBp: 7000, targetBp: 8000 },
      { code: '9.9', maxHundredths: 100 },
      { code: '2.2', fullAtBp: 5000 },
    ]);
    expect(content.indicators.find((d) => d.code === '4.2')).toMatchObject({ scoring: { kind: 'proportional', fullAtBp: 7000 }, targetBp: 8000 });
    expect(issues).toEqual([
      { index: 1, code: 'indicators.unknown_code' },
      { index: 2, code: 'indicators.threshold_not_applicable' },
    ]);
  });
});
