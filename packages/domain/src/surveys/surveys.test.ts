import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAnswers, visibleQuestionIds } from './answers';
import { averageOf, isSuppressed, marginOfError95, percentSatisfied, weightedMean } from './indices';
import { publishIssues, QuestionnaireDefinitionSchema, type QuestionnaireDefinitionInput } from './questionnaire';
import { allocate, drawOffset, keyRank, sampleSize } from './sampling';

const txt = (vi: string) => ({ vi, en: vi });
const likert = ['1', '2', '3', '4', '5'].map((code, i) => ({ code, label: txt(`L${code}`), weight: i * 25 }));

function def(over: Partial<QuestionnaireDefinitionInput> = {}) {
  return QuestionnaireDefinitionSchema.parse({
    title: txt('Khảo sát'),
    sections: [
      {
        id: 's1',
        title: txt('Tiếp cận'),
        questions: [
          { id: 'sat', type: 'likert', text: txt('Hài lòng?'), levels: likert, tag: { element: 'access', aspect: 'satisfaction' } },
          { id: 'trips', type: 'number', text: txt('Số lần đi lại'), min: 0, max: 20 },
          { id: 'late', type: 'yes_no', text: txt('Trễ hẹn?') },
          { id: 'apology', type: 'yes_no', text: txt('Có thư xin lỗi?'), showIf: { questionId: 'late', anyOf: ['yes'] } },
        ],
      },
      {
        id: 's2',
        title: txt('Mong đợi'),
        questions: [
          {
            id: 'improve',
            type: 'multiple',
            text: txt('Cần cải thiện'),
            maxChoices: 2,
            options: [
              { code: 'A', label: txt('A'), weight: 100 },
              { code: 'B', label: txt('B'), weight: 60 },
              { code: 'C', label: txt('C'), weight: 20 },
            ],
          },
          { id: 'note', type: 'text', text: txt('Góp ý'), required: false, maxLength: 10 },
        ],
      },
    ],
    ...over,
  });
}

describe('publishIssues', () => {
  it('accepts a complete questionnaire', () => expect(publishIssues(def())).toEqual([]));
  it('names the empty section, the choice without options and the forward condition', () => {
    const d = def();
    d.sections.push({ id: 's3', title: txt('Trống'), description: null, questions: [] });
    const improve = d.sections[1]!.questions[0]!;
    if (improve.type === 'multiple') improve.options = [];
    d.sections[0]!.questions[0]!.showIf = { questionId: 'note', anyOf: ['x'] };
    expect(publishIssues(d)).toEqual([
      { path: 'sections.0.questions.0.showIf.questionId', code: 'survey.condition_forward', questionId: 'sat', sectionId: 's1' },
      { path: 'sections.1.questions.0.options', code: 'survey.choice_without_options', questionId: 'improve', sectionId: 's2' },
      { path: 'sections.2.questions', code: 'survey.section_empty', sectionId: 's3' },
    ]);
  });
  it('names an unknown condition option, a duplicate id and an inverted number range', () => {
    const d = def();
    d.sections[0]!.questions[3]!.showIf = { questionId: 'late', anyOf: ['maybe'] };
    d.sections[1]!.questions[1]!.id = 'sat';
    const trips = d.sections[0]!.questions[1]!;
    if (trips.type === 'number') trips.min = 30;
    expect(publishIssues(d).map((i) => [i.code, i.questionId])).toEqual([
      ['survey.number_range_invalid', 'trips'],
      ['survey.condition_unknown_option', 'apology'],
      ['survey.duplicate_question_id', 'sat'],
    ]);
  });
});

describe('validateAnswers', () => {
  const ok = { sat: '4', trips: 2, late: 'no', improve: ['A', 'C'] };
  it('turns a valid submission into rows, one per chosen option', () => {
    const r = validateAnswers(def(), ok);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      { questionId: 'sat', optionCode: '4', valueNumber: null, valueText: null },
      { questionId: 'trips', optionCode: null, valueNumber: 2, valueText: null },
      { questionId: 'late', optionCode: 'no', valueNumber: null, valueText: null },
      { questionId: 'improve', optionCode: 'A', valueNumber: null, valueText: null },
      { questionId: 'improve', optionCode: 'C', valueNumber: null, valueText: null },
    ]);
  });
  it.each([
    [{ ...ok, sat: 4 }, 'sat', 'survey.answer_type'],
    [{ ...ok, sat: '6' }, 'sat', 'survey.answer_unknown_option'],
    [{ ...ok, trips: 21 }, 'trips', 'survey.answer_out_of_range'],
    [{ ...ok, trips: 1.5 }, 'trips', 'survey.answer_type'],
    [{ ...ok, trips: undefined as unknown as number }, 'trips', 'survey.answer_required'],
    [{ ...ok, apology: 'yes' }, 'apology', 'survey.answer_hidden'],
    [{ ...ok, late: 'yes' }, 'apology', 'survey.answer_required'],
    [{ ...ok, improve: ['A', 'B', 'C'] }, 'improve', 'survey.answer_too_many'],
    [{ ...ok, note: 'x'.repeat(11) }, 'note', 'survey.answer_too_long'],
    [{ ...ok, other: '1' }, 'other', 'survey.answer_unknown_question'],
  ])('%j → %s %s', (answers, questionId, code) => {
    expect(validateAnswers(def(), answers as unknown as Record<string, string>).issues).toEqual([{ questionId, code }]);
  });
  it('shows a conditional question only for the answers it names', () => {
    expect(visibleQuestionIds(def(), { late: 'yes' }).has('apology')).toBe(true);
    expect(visibleQuestionIds(def(), { late: 'no' }).has('apology')).toBe(false);
  });
});

describe('sampleSize', () => {
  it.each([
    [10_000, 0.05, 385],
    [1, 0.05, 1],
    [100, 0.05, 80],
    [1_000_000, 0.05, 400],
    [400, 0.05, 200],
    [10_000, 0.03, 1000],
  ])('N=%i e=%f → %i', (N, e, n) => expect(sampleSize(N, e)).toBe(n));
  it.each([
    [0, 0.05, 'survey.population_invalid'],
    [-1, 0.05, 'survey.population_invalid'],
    [10, 0, 'survey.margin_invalid'],
    [10, 0.5, 'survey.margin_invalid'],
    [10, -0.1, 'survey.margin_invalid'],
  ])('refuses N=%f e=%f', (N, e, code) => expect(() => sampleSize(N, e)).toThrow(code));
  it('never exceeds the population and grows with it', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.double({ min: 0.01, max: 0.49, noNaN: true }), (N, e) => {
        const n = sampleSize(N, e);
        return n >= 1 && n <= N && sampleSize(N + 1, e) >= n;
      }),
    ));
});

describe('allocate', () => {
  it('splits proportionally by largest remainder', () => {
    expect(
      allocate(
        [
          { key: 'a', population: 600 },
          { key: 'b', population: 300 },
          { key: 'c', population: 100 },
        ],
        10,
      ),
    ).toEqual({ a: 6, b: 3, c: 1 });
    expect(
      allocate(
        [
          { key: 'a', population: 1 },
          { key: 'b', population: 1 },
          { key: 'c', population: 1 },
        ],
        2,
      ),
    ).toEqual({ a: 1, b: 1, c: 0 });
  });
  it('sums exactly to min(n, ΣN) and never exceeds a stratum', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 20_000 }), (pops, n) => {
        const strata = pops.map((population, i) => ({ key: `s${i}`, population }));
        const out = allocate(strata, n);
        const sum = Object.values(out).reduce((a, b) => a + b, 0);
        return (
          sum ===
            Math.min(
              n,
              pops.reduce((a, b) => a + b, 0),
            ) && strata.every((s) => out[s.key]! <= s.population)
        );
      }),
    ));
});

describe('drawOffset and keyRank', () => {
  it('the offset is reproducible from the seed, a signed 32-bit integer, and one-to-one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const o = drawOffset(seed);
        return o === drawOffset(seed) && Number.isInteger(o) && o >= -(2 ** 31) && o < 2 ** 31;
      }),
    );
    const seen = new Set(Array.from({ length: 100_000 }, (_, i) => drawOffset(i)));
    expect(seen.size).toBe(100_000);
  });
  it('spreads consecutive seeds over the whole circle (each tenth gets about a tenth)', () => {
    const buckets = Array<number>(10).fill(0);
    for (let seed = 0; seed < 100_000; seed++) buckets[Math.floor(((drawOffset(seed) + 2 ** 31) / 2 ** 32) * 10)]! += 1;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
  it('ranks keys by their distance going up from the offset, wrapping round', () => {
    expect(keyRank(5, 3)).toBe(2);
    expect(keyRank(3, 3)).toBe(0);
    expect(keyRank(2, 3)).toBe(2 ** 32 - 1);
    expect(keyRank(-(2 ** 31), 2 ** 31 - 1)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (k, o) => {
        const r = keyRank(k, o);
        return r >= 0 && r < 2 ** 32 && ((o + r) | 0) === k;
      }),
    );
  });
});

describe('indices', () => {
  it('% satisfied counts levels 4 and 5 over valid answers', () => {
    expect(percentSatisfied({ '1': 1, '2': 1, '3': 1, '4': 3, '5': 4 })).toBe(7000);
    expect(percentSatisfied({})).toBeNull();
  });
  it('weighted mean of option weights', () => expect(weightedMean({ A: 2, B: 1, D: 1 }, { A: 100, B: 60, C: 20, D: 0 })).toBe(6500));
  it('margin of error at 95 %, with the finite population correction', () => {
    expect(marginOfError95(5000, 385, null)).toBe(499);
    expect(marginOfError95(5000, 385, 10_000)).toBe(490);
    expect(marginOfError95(5000, 100, 100)).toBe(0);
    expect(marginOfError95(5000, 0, null)).toBeNull();
  });
  it('suppresses cells under five responses', () => {
    expect(isSuppressed(4)).toBe(true);
    expect(isSuppressed(5)).toBe(false);
  });
  it('averages what is there', () => expect(averageOf([8000, null, 9001])).toBe(8501));
});
