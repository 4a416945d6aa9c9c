import { describe, expect, it } from 'vitest';
import par2019 from './data/par-2019-so-khcn.json';
import { checkPublishedResult, PublishedResultSchema, type PublishedResult } from './published-check';

const result2019 = (): PublishedResult => PublishedResultSchema.parse(par2019);
const withField = (code: string, patch: Partial<PublishedResult['fields'][number]>): PublishedResult => {
  const r = result2019();
  return { ...r, fields: r.fields.map((f) => (f.code === code ? { ...f, ...patch } : f)) };
};

describe('checkPublishedResult', () => {
  it('finds that the 2019 fields add up to 80.18 while the document states 80.08', () =>
    expect(checkPublishedResult(result2019())).toEqual({
      computedTotal: 8018,
      reportedTotal: 8008,
      differs: true,
      difference: -10,
      computedMax: 10000,
      percentMismatches: [],
      scoresAboveMax: [],
    }));

  it('agrees when the stated total is the sum', () =>
    expect(checkPublishedResult({ ...result2019(), reportedTotal: '80.18' })).toMatchObject({ differs: false, difference: 0 }));

  it.each([
    { code: '1', percent: '93.18', mismatch: false, why: '10.25/11 = 93.1818…' },
    { code: '1', percent: '93.2', mismatch: false, why: 'one decimal, rounded' },
    { code: '1', percent: '93', mismatch: false, why: 'no decimals, rounded' },
    { code: '1', percent: '93.19', mismatch: true, why: 'off by more than half a unit of 0.01' },
    { code: '6', percent: '94.44', mismatch: false, why: '8.50/9 = 94.444…' },
    { code: '6', percent: '94.45', mismatch: true, why: '94.45 is not 94.444… rounded' },
    { code: '3', percent: '99.8', mismatch: false, why: '9.98/10 exactly' },
    { code: '3', percent: '99.9', mismatch: true, why: 'one decimal, wrong' },
    { code: '7', percent: '65', mismatch: false, why: '6.50/10 exactly' },
    { code: '7', percent: '66', mismatch: true, why: 'no decimals, wrong' },
  ])('field $code published as $percent % is a mismatch: $mismatch ($why)', ({ code, percent, mismatch }) => {
    const check = checkPublishedResult(withField(code, { publishedPercent: percent }));
    expect(check.percentMismatches.map((m) => m.code)).toEqual(mismatch ? [code] : []);
  });

  it('reports the computed percent next to a mismatching published one', () =>
    expect(checkPublishedResult(withField('1', { publishedPercent: '95.00' })).percentMismatches).toEqual([
      { code: '1', publishedPercent: '95.00', computedBasisPoints: 9318 },
    ]));

  it('lists a field scored above its maximum', () => expect(checkPublishedResult(withField('2', { score: '8.50' })).scoresAboveMax).toEqual(['2']));

  it.each([
    { patch: { score: '10,25' }, field: 'score' },
    { patch: { max: '11.000' }, field: 'max' },
    { patch: { publishedPercent: 'n/a' }, field: 'publishedPercent' },
  ])('names the field and the figure when $field is not a decimal', ({ patch, field }) =>
    expect(() => checkPublishedResult(withField('1', patch))).toThrow(
      expect.objectContaining({ code: 'published.figure_invalid', detail: expect.objectContaining({ code: '1', field }) }),
    ),
  );
});
