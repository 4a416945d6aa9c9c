import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hundredths } from '../values';
import type { RoundingMode } from './rounding';
import type { RuleInput, RuleInputKind } from './rule-input';
import { ScoringRuleSchema, type ScoringRule } from './scoring-rule-schema';
import { acceptedInputKinds, evaluateRule } from './scoring-rules';

const rule = (raw: unknown): ScoringRule => ScoringRuleSchema.parse(raw);
const h = (n: number) => n as Hundredths;
const rate = (numerator: number, denominator: number): RuleInput => ({ kind: 'rate', numerator, denominator });
const share = (basisPoints: number): RuleInput => ({ kind: 'share', basisPoints });
const yes: RuleInput = { kind: 'boolean', value: true };
const no: RuleInput = { kind: 'boolean', value: false };
const count = (value: number): RuleInput => ({ kind: 'count', value });
const manual = (value: number): RuleInput => ({ kind: 'manual', value: h(value) });
const evaluate = (r: ScoringRule, max: number, input: RuleInput, rounding: RoundingMode = 'half_up') => evaluateRule(r, h(max), input, rounding);

// Cà Mau QĐ 1880/2013 criterion 1.1.4 (max 2): > 90 % → 2; 70–90 % → 1; < 70 % → 0.
const caMau114 = rule({
  kind: 'rate_bands',
  bands: [
    { min: 9000, minInclusive: false, maxInclusive: true, points: 200 },
    { min: 7000, minInclusive: true, max: 9000, maxInclusive: true, points: 100 },
    { minInclusive: true, max: 7000, maxInclusive: false, points: 0 },
  ],
});

describe('manual', () => {
  it.each([0, 1, 550, 1100])('keeps an entered score of %i within 11.00', (v) => expect(evaluate(rule({ kind: 'manual' }), 1100, manual(v))).toBe(v));
  it.each([-1, 1101, 10.5])('rejects an entered score of %d outside [0, 11.00]', (v) =>
    expect(() => evaluate(rule({ kind: 'manual' }), 1100, manual(v))).toThrow(expect.objectContaining({ code: 'scorecard.score_out_of_range' })),
  );
});

describe('binary', () => {
  it.each([
    { input: yes, expected: 100 },
    { input: no, expected: 0 },
  ])('Cà Mau 1.1.2 gives $expected for $input.value', ({ input, expected }) =>
    expect(evaluate(rule({ kind: 'binary', pointsIfTrue: 100 }), 100, input)).toBe(expected),
  );
});

describe('timeliness', () => {
  it.each([
    { value: 'on_time', expected: 100 },
    { value: 'late', expected: 50 },
    { value: 'not_done', expected: 0 },
  ] as const)('Cà Mau 1.1.1 plan $value gives $expected', ({ value, expected }) =>
    expect(evaluate(rule({ kind: 'timeliness', onTime: 100, late: 50, notDone: 0 }), 100, { kind: 'timeliness', value })).toBe(expected),
  );
});

describe('rate_bands', () => {
  it.each([
    { input: rate(91, 100), expected: 200, why: '91 % is above 90 %' },
    { input: rate(9001, 10000), expected: 200, why: '90.01 % is above 90 %' },
    { input: rate(9, 10), expected: 100, why: 'exactly 90 % is in 70–90 %' },
    { input: rate(8999, 9999), expected: 100, why: '89.99 % (not rounded up to 90 %)' },
    { input: share(7000), expected: 100, why: 'exactly 70 % is in 70–90 %' },
    { input: rate(6999, 10000), expected: 0, why: '69.99 % is below 70 %' },
    { input: rate(0, 5), expected: 0, why: 'nothing completed' },
    { input: share(10000), expected: 200, why: '100 %' },
  ])('$why → $expected', ({ input, expected }) => expect(evaluate(caMau114, 200, input)).toBe(expected));

  it('returns null (no data) for a rate with denominator 0', () => expect(evaluate(caMau114, 200, rate(0, 0))).toBeNull());

  it('gives 0 to a rate that falls in no band', () =>
    expect(evaluate(rule({ kind: 'rate_bands', bands: [{ min: 9000, minInclusive: true, maxInclusive: true, points: 100 }] }), 100, share(5000))).toBe(0));
});

describe('proportional', () => {
  const qd766 = rule({ kind: 'proportional', threshold: 9500 });
  it.each([
    { input: share(9500), expected: 1000, why: 'full exactly at the threshold' },
    { input: share(10000), expected: 1000, why: 'no more than full above it' },
    { input: rate(93, 100), expected: 979, why: '93 % → 10 × 93/95 = 9.789 → 9.79' },
    { input: share(0), expected: 0, why: 'nothing' },
    { input: rate(94999, 100000), expected: 1000, why: '94.999 % rounds half-up to 10.00' },
  ])('$why → $expected', ({ input, expected }) => expect(evaluate(qd766, 1000, input)).toBe(expected));

  it('reads the 2019 field 3 loss as 2 late dossiers of 1000 at a 100 % threshold: 9.98', () =>
    expect(evaluate(rule({ kind: 'proportional', threshold: 10000 }), 1000, rate(998, 1000))).toBe(998));

  it('limits points to the cap', () => expect(evaluate(rule({ kind: 'proportional', threshold: 9500, cap: 800 }), 1000, share(9000))).toBe(800));

  it.each([
    { rounding: 'half_up', expected: 1 },
    { rounding: 'half_even', expected: 0 },
    { rounding: 'floor', expected: 0 },
  ] as const)('rounds half a hundredth with the set rounding ($rounding → $expected)', ({ rounding, expected }) =>
    expect(evaluate(rule({ kind: 'proportional', threshold: 10000 }), 1, share(5000), rounding)).toBe(expected),
  );

  it('returns null (no data) for a rate with denominator 0', () => expect(evaluate(qd766, 1000, rate(0, 0))).toBeNull());
});

describe('deduction', () => {
  const postal = rule({ kind: 'deduction', mode: 'condition', points: 50, triggerBelow: { basisPoints: 5000, inclusive: false } });
  const online = rule({ kind: 'deduction', mode: 'condition', points: 300, triggerBelow: { basisPoints: 0, inclusive: true } });
  it.each([
    { r: rule({ kind: 'deduction', mode: 'condition', points: 300 }), max: 300, input: yes, expected: 0, why: 'condition met: −3.00' },
    { r: rule({ kind: 'deduction', mode: 'condition', points: 300 }), max: 300, input: no, expected: 300, why: 'condition not met' },
    { r: rule({ kind: 'deduction', mode: 'condition', points: 500 }), max: 300, input: yes, expected: 0, why: 'never below the default floor 0' },
    { r: rule({ kind: 'deduction', mode: 'condition', points: 300, floor: 100 }), max: 300, input: yes, expected: 100, why: 'stops at its floor' },
    { r: rule({ kind: 'deduction', mode: 'per_occurrence', points: 25 }), max: 1000, input: count(0), expected: 1000, why: 'no occurrence' },
    { r: rule({ kind: 'deduction', mode: 'per_occurrence', points: 25 }), max: 1000, input: count(2), expected: 950, why: '2 late dossiers × 0.25' },
    { r: rule({ kind: 'deduction', mode: 'per_occurrence', points: 25 }), max: 1000, input: count(40), expected: 0, why: 'exactly down to 0' },
    { r: rule({ kind: 'deduction', mode: 'per_occurrence', points: 25 }), max: 1000, input: count(1e9), expected: 0, why: 'a huge count stays at 0' },
    {
      r: rule({ kind: 'deduction', mode: 'per_occurrence', points: 25, floor: 200 }),
      max: 1000,
      input: count(100),
      expected: 200,
      why: 'per occurrence stops at the floor',
    },
    { r: postal, max: 50, input: share(3000), expected: 0, why: 'postal share 30 % < 50 %: −0.50' },
    { r: postal, max: 50, input: share(4999), expected: 0, why: 'postal 49.99 %' },
    { r: postal, max: 50, input: share(5000), expected: 50, why: 'postal exactly 50 % is not below' },
    { r: postal, max: 50, input: rate(1, 2), expected: 50, why: 'postal 1 of 2 procedures' },
    { r: online, max: 300, input: rate(0, 12), expected: 0, why: 'no online service received a dossier: −3.00' },
    { r: online, max: 300, input: rate(1, 12), expected: 300, why: 'one online service received a dossier' },
    { r: online, max: 300, input: yes, expected: 0, why: 'the condition may also be entered directly' },
  ])('$why → $expected', ({ r, max, input, expected }) => expect(evaluate(r, max, input)).toBe(expected));

  it('returns null (no data) when the triggering rate has denominator 0', () => expect(evaluate(postal, 50, rate(0, 0))).toBeNull());
});

describe('survey', () => {
  it.each([
    { input: share(6042), expected: 2175, why: '60.42 % of 36.00 = 21.7512 → 21.75 (2019)' },
    { input: share(0), expected: 0, why: 'none satisfied' },
    { input: share(10000), expected: 3600, why: 'all satisfied' },
    { input: rate(3, 4), expected: 2700, why: '3 of 4 satisfied' },
  ])('$why → $expected', ({ input, expected }) => expect(evaluate(rule({ kind: 'survey' }), 3600, input)).toBe(expected));

  it('returns null (no data) without respondents', () => expect(evaluate(rule({ kind: 'survey' }), 3600, rate(0, 0))).toBeNull());
});

describe('bonus', () => {
  it.each([
    { r: rule({ kind: 'bonus', cap: 200 }), input: manual(150), expected: 150, why: 'an entered bonus' },
    { r: rule({ kind: 'bonus', cap: 200 }), input: manual(200), expected: 200, why: 'exactly the cap' },
    { r: rule({ kind: 'bonus', cap: 200, points: 100 }), input: count(3), expected: 200, why: 'three initiatives capped at 2.00' },
    { r: rule({ kind: 'bonus', cap: 200, points: 100 }), input: yes, expected: 100, why: 'one pilot' },
    { r: rule({ kind: 'bonus', cap: 200, points: 100 }), input: no, expected: 0, why: 'no pilot' },
  ])('$why → $expected (above a maximum of 0)', ({ r, input, expected }) => expect(evaluate(r, 0, input)).toBe(expected));

  it('rejects an entered bonus above its cap', () =>
    expect(() => evaluate(rule({ kind: 'bonus', cap: 200 }), 0, manual(201))).toThrow(expect.objectContaining({ code: 'scorecard.score_out_of_range' })));
});

describe('invalid inputs', () => {
  it.each([
    { r: rule({ kind: 'manual' }), input: yes },
    { r: rule({ kind: 'binary', pointsIfTrue: 100 }), input: share(10000) },
    { r: rule({ kind: 'timeliness', onTime: 100, late: 50, notDone: 0 }), input: yes },
    { r: caMau114, input: count(3) },
    { r: rule({ kind: 'proportional', threshold: 9500 }), input: manual(100) },
    { r: rule({ kind: 'deduction', mode: 'condition', points: 50 }), input: share(3000) },
    { r: rule({ kind: 'deduction', mode: 'per_occurrence', points: 50 }), input: yes },
    { r: rule({ kind: 'survey' }), input: manual(100) },
    { r: rule({ kind: 'bonus', cap: 200 }), input: count(1) },
  ])('$r.kind rejects a $input.kind input', ({ r, input }) =>
    expect(() => evaluate(r, 200, input)).toThrow(expect.objectContaining({ code: 'scorecard.input_kind_mismatch' })),
  );

  it.each([
    { input: rate(3, 2), code: 'scorecard.rate_invalid', why: 'numerator above denominator' },
    { input: rate(1, 0), code: 'scorecard.rate_invalid', why: 'numerator over a zero denominator' },
    { input: rate(-1, 2), code: 'scorecard.rate_invalid', why: 'negative numerator' },
    { input: rate(1.5, 2), code: 'scorecard.rate_invalid', why: 'fractional numerator' },
    { input: share(10001), code: 'scorecard.share_invalid', why: 'share above 100 %' },
    { input: share(-1), code: 'scorecard.share_invalid', why: 'negative share' },
  ])('rejects a rate with $why', ({ input, code }) => expect(() => evaluate(caMau114, 200, input)).toThrow(expect.objectContaining({ code })));

  it.each([-1, 2.5])('rejects a count of %d', (v) =>
    expect(() => evaluate(rule({ kind: 'deduction', mode: 'per_occurrence', points: 50 }), 100, count(v))).toThrow(
      expect.objectContaining({ code: 'scorecard.count_invalid' }),
    ),
  );

  it('refuses to evaluate a sum row', () =>
    expect(() => evaluate(rule({ kind: 'sum' }), 100, manual(0))).toThrow(expect.objectContaining({ code: 'scorecard.rule_not_evaluable' })));

  it('refuses a rule whose points exceed the row maximum rather than exceed it', () =>
    expect(() => evaluate(rule({ kind: 'binary', pointsIfTrue: 200 }), 100, yes)).toThrow(
      expect.objectContaining({ code: 'scorecard.rule_inconsistent_with_max' }),
    ));

  it.each([-1, 1.5])('rejects a maximum of %d', (max) =>
    expect(() => evaluate(rule({ kind: 'manual' }), max, manual(0))).toThrow(expect.objectContaining({ code: 'scorecard.max_invalid' })),
  );
});

describe('ScoringRuleSchema', () => {
  it.each([
    {
      why: 'overlapping bands',
      raw: {
        kind: 'rate_bands',
        bands: [
          { min: 7000, minInclusive: true, max: 9000, maxInclusive: true, points: 1 },
          { min: 9000, minInclusive: true, maxInclusive: true, points: 2 },
        ],
      },
      message: 'criteria.bands_overlap',
    },
    {
      why: 'an empty band',
      raw: { kind: 'rate_bands', bands: [{ min: 9000, minInclusive: true, max: 7000, maxInclusive: true, points: 1 }] },
      message: 'criteria.band_empty',
    },
    { why: 'a bound above 100 %', raw: { kind: 'rate_bands', bands: [{ min: 10001, minInclusive: true, maxInclusive: true, points: 1 }] } },
    { why: 'no bands', raw: { kind: 'rate_bands', bands: [] } },
    { why: 'a threshold of 0', raw: { kind: 'proportional', threshold: 0 } },
    {
      why: 'a rate trigger on a per-occurrence deduction',
      raw: { kind: 'deduction', mode: 'per_occurrence', points: 10, triggerBelow: { basisPoints: 0, inclusive: true } },
      message: 'criteria.trigger_needs_condition_mode',
    },
    { why: 'a deduction of 0 points', raw: { kind: 'deduction', mode: 'condition', points: 0 } },
    { why: 'fractional hundredths', raw: { kind: 'binary', pointsIfTrue: 0.5 } },
    { why: 'negative points', raw: { kind: 'timeliness', onTime: 100, late: -50, notDone: 0 } },
    { why: 'an unknown kind', raw: { kind: 'weighted' } },
  ])('rejects $why', ({ raw, message }) => {
    const parsed = ScoringRuleSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    if (message) expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('defaults a deduction floor to 0', () =>
    expect(rule({ kind: 'deduction', mode: 'condition', points: 50 })).toEqual({ kind: 'deduction', mode: 'condition', points: 50, floor: 0 }));
});

describe('acceptedInputKinds', () => {
  it.each([
    { raw: { kind: 'manual' }, expected: ['manual'] },
    { raw: { kind: 'binary', pointsIfTrue: 1 }, expected: ['boolean'] },
    { raw: { kind: 'proportional', threshold: 1 }, expected: ['rate', 'share'] },
    { raw: { kind: 'deduction', mode: 'condition', points: 1 }, expected: ['boolean'] },
    { raw: { kind: 'deduction', mode: 'condition', points: 1, triggerBelow: { basisPoints: 1, inclusive: true } }, expected: ['boolean', 'rate', 'share'] },
    { raw: { kind: 'deduction', mode: 'per_occurrence', points: 1 }, expected: ['count'] },
    { raw: { kind: 'bonus', cap: 1 }, expected: ['manual'] },
    { raw: { kind: 'sum' }, expected: [] },
  ])('$raw.kind accepts $expected', ({ raw, expected }) => expect(acceptedInputKinds(rule(raw))).toEqual(expected));
});

// Rules that fit a maximum, paired with inputs of a kind the rule accepts.
const pts = (max: number) => fc.integer({ min: 0, max });
const bandsArb = (max: number) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      fc.array(pts(max), { minLength: 6, maxLength: 6 }),
    )
    .map(([raw, sides, points]) => {
      const cuts = [...raw].sort((a, b) => a - b);
      const bands: unknown[] = [];
      let lower: { min?: number; minInclusive: boolean } = { minInclusive: true };
      cuts.forEach((cut, i) => {
        const toLower = sides[i] ?? true;
        if (!(lower.min === cut && !(lower.minInclusive && toLower))) bands.push({ ...lower, max: cut, maxInclusive: toLower, points: points[i] });
        lower = { min: cut, minInclusive: !toLower };
      });
      bands.push({ ...lower, maxInclusive: true, points: points[5] });
      return { kind: 'rate_bands', bands };
    });
const ruleArb = (max: number): fc.Arbitrary<ScoringRule> =>
  fc
    .oneof(
      fc.constant({ kind: 'manual' }),
      pts(max).map((p) => ({ kind: 'binary', pointsIfTrue: p })),
      fc.tuple(pts(max), pts(max), pts(max)).map(([onTime, late, notDone]) => ({ kind: 'timeliness', onTime, late, notDone })),
      bandsArb(max),
      fc.record({ kind: fc.constant('proportional'), threshold: fc.integer({ min: 1, max: 10_000 }), cap: fc.option(pts(max), { nil: undefined }) }),
      fc.record({
        kind: fc.constant('deduction'),
        mode: fc.constant('condition'),
        points: fc.integer({ min: 1, max: 20_000 }),
        floor: pts(max),
        triggerBelow: fc.option(fc.record({ basisPoints: fc.integer({ min: 0, max: 10_000 }), inclusive: fc.boolean() }), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('deduction'), mode: fc.constant('per_occurrence'), points: fc.integer({ min: 1, max: 20_000 }), floor: pts(max) }),
      fc.constant({ kind: 'survey' }),
    )
    .map((raw) => rule(raw));
const inputArb = (kind: RuleInputKind, ceiling: number): fc.Arbitrary<RuleInput> => {
  switch (kind) {
    case 'manual':
      return pts(ceiling).map((v) => manual(v));
    case 'boolean':
      return fc.boolean().map((value) => ({ kind: 'boolean', value }));
    case 'timeliness':
      return fc.constantFrom('on_time', 'late', 'not_done').map((value) => ({ kind: 'timeliness', value }));
    case 'rate':
      return fc.integer({ min: 0, max: 1e6 }).chain((d) => fc.integer({ min: 0, max: d }).map((n) => rate(n, d)));
    case 'share':
      return fc.integer({ min: 0, max: 10_000 }).map(share);
    case 'count':
      return fc.nat(1e6).map(count);
  }
};
const scenarioArb = fc.integer({ min: 0, max: 10_000 }).chain((max) =>
  ruleArb(max).chain((r) =>
    fc
      .constantFrom(...acceptedInputKinds(r))
      .chain((kind) => inputArb(kind, max))
      .map((input) => ({ max, r, input })),
  ),
);

describe('properties', () => {
  it('a score never exceeds its maximum nor goes below its floor (or 0)', () =>
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom<RoundingMode>('half_up', 'half_even', 'floor'), ({ max, r, input }, rounding) => {
        const score = evaluate(r, max, input, rounding);
        if (score === null) return;
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeLessThanOrEqual(max);
        expect(score).toBeGreaterThanOrEqual(r.kind === 'deduction' ? r.floor : 0);
      }),
      { numRuns: 2000 },
    ));

  it('a bonus never exceeds its cap', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.nat(1000), (cap, points, n) => {
        const score = evaluate(rule({ kind: 'bonus', cap, points }), 0, count(n)) ?? -1;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(cap);
      }),
    ));

  it('the proportional rule never falls when the rate rises', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (threshold, max, a, b) => {
          const r = rule({ kind: 'proportional', threshold });
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(evaluate(r, max, share(lo)) ?? 0).toBeLessThanOrEqual(evaluate(r, max, share(hi)) ?? 0);
        },
      ),
    ));
});
