import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyBand, rankAgencies, type ClassificationBand, type RankingEntry, type TieRule } from './ranking';

const entry = (agencyId: string, indexBasisPoints: number, ranked = true): RankingEntry => ({ agencyId, indexBasisPoints, ranked });

describe('rankAgencies', () => {
  it.each<{ tieRule: TieRule; expected: number[] }>([
    { tieRule: 'competition', expected: [1, 2, 2, 4] },
    { tieRule: 'dense', expected: [1, 2, 2, 3] },
  ])('ranks ties $tieRule-style as $expected', ({ tieRule, expected }) =>
    expect(rankAgencies([entry('d', 8680), entry('b', 8690), entry('a', 9000), entry('c', 8690)], tieRule).map((r) => r.rank)).toEqual(expected),
  );

  it('uses competition ranking by default', () => expect(rankAgencies([entry('a', 1), entry('b', 1), entry('c', 0)]).map((r) => r.rank)).toEqual([1, 1, 3]));

  it('ranks Lạng Sơn 2018 (86.9 twice, 86.8 three times) with shared ranks', () =>
    expect(
      rankAgencies([entry('u1', 8690), entry('u2', 8680), entry('u3', 8690), entry('u4', 8680), entry('u5', 8680), entry('u6', 8700)]).map((r) => [
        r.agencyId,
        r.rank,
      ]),
    ).toEqual([
      ['u6', 1],
      ['u1', 2],
      ['u3', 2],
      ['u2', 4],
      ['u4', 4],
      ['u5', 4],
    ]));

  it('lists unranked bodies after the ranked ones with no rank and counts only the ranked in the group', () =>
    expect(rankAgencies([entry('inspectorate', 9900, false), entry('a', 8000), entry('b', 9000)])).toEqual([
      { agencyId: 'b', indexBasisPoints: 9000, ranked: true, rank: 1, groupSize: 2 },
      { agencyId: 'a', indexBasisPoints: 8000, ranked: true, rank: 2, groupSize: 2 },
      { agencyId: 'inspectorate', indexBasisPoints: 9900, ranked: false, rank: null, groupSize: 2 },
    ]));

  it('returns nothing for an empty group', () => expect(rankAgencies([])).toEqual([]));

  it.each([
    { entries: [entry('a', 1), entry('a', 2)], code: 'ranking.duplicate_agency' },
    { entries: [entry('a', 90.5)], code: 'ranking.index_invalid' },
  ])('rejects $code', ({ entries, code }) => expect(() => rankAgencies(entries)).toThrow(expect.objectContaining({ code })));

  const groupArb = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 25 })
    .chain((ids) => fc.tuple(...ids.map((id) => fc.tuple(fc.constant(id), fc.integer({ min: 8000, max: 8010 }), fc.boolean()))))
    .map((rows) => rows.map(([id, index, ranked]) => entry(id, index, ranked)));

  it('does not depend on the order of its input', () =>
    fc.assert(
      fc.property(
        groupArb.chain((g) => fc.tuple(fc.constant(g), fc.shuffledSubarray(g, { minLength: g.length }))),
        fc.constantFrom<TieRule>('competition', 'dense'),
        ([group, shuffled], tieRule) => {
          expect(rankAgencies(shuffled, tieRule)).toEqual(rankAgencies(group, tieRule));
        },
      ),
    ));

  it('gives equal indexes equal ranks, higher indexes better ranks, and ranks 1 + the number strictly ahead', () =>
    fc.assert(
      fc.property(groupArb, (group) => {
        const ranked = rankAgencies(group).filter((r) => r.ranked);
        for (const a of ranked) {
          expect(a.rank).toBe(1 + ranked.filter((b) => b.indexBasisPoints > a.indexBasisPoints).length);
          for (const b of ranked) {
            if (a.indexBasisPoints === b.indexBasisPoints) expect(a.rank).toBe(b.rank);
            if (a.indexBasisPoints > b.indexBasisPoints) expect(a.rank ?? 0).toBeLessThan(b.rank ?? 0);
          }
        }
      }),
    ));

  it('dense ranks run without holes from 1', () =>
    fc.assert(
      fc.property(groupArb, (group) => {
        const ranks = [...new Set(rankAgencies(group, 'dense').flatMap((r) => (r.rank === null ? [] : [r.rank])))];
        expect(ranks).toEqual(ranks.map((_, i) => i + 1));
      }),
    ));
});

describe('classifyBand', () => {
  // National 2024 (QĐ 268/QĐ-BNV): group A ≥ 90 %, B 80–< 90 %.
  const national2024: ClassificationBand[] = [
    { code: 'B', label: 'B', min: 8000, minInclusive: true },
    { code: 'A', label: 'A', min: 9000, minInclusive: true },
  ];
  it.each([
    { index: 10000, expected: 'A' },
    { index: 9000, expected: 'A' },
    { index: 8999, expected: 'B' },
    { index: 8000, expected: 'B' },
    { index: 7999, expected: null },
  ])('puts $index bp in band $expected', ({ index, expected }) => expect(classifyBand(index, national2024)?.code ?? null).toBe(expected));

  it.each([
    { index: 8000, expected: 'II' },
    { index: 8001, expected: 'I' },
  ])('honours an exclusive lower bound: $index bp is in $expected', ({ index, expected }) =>
    expect(
      classifyBand(index, [
        { code: 'I', label: 'I', min: 8000, minInclusive: false },
        { code: 'II', label: 'II', min: 7000, minInclusive: true },
      ])?.code,
    ).toBe(expected),
  );

  it('rejects two bands with the same code', () =>
    expect(() => classifyBand(1, [...national2024, { code: 'A', label: 'A', min: 1, minInclusive: true }])).toThrow(
      expect.objectContaining({ code: 'ranking.band_duplicate' }),
    ));
});
