import { describe, expect, it } from 'vitest';
import { answersFingerprint, straightLined } from './quality';
import { QuestionnaireDefinitionSchema } from './questionnaire';

const txt = (vi: string) => ({ vi, en: vi });
const levels = ['1', '2', '3', '4', '5'].map((code, i) => ({ code, label: txt(`L${code}`), weight: i * 25 }));
const likert = (id: string) => ({ id, type: 'likert', text: txt(id), levels });
const def = QuestionnaireDefinitionSchema.parse({
  title: txt('Khảo sát'),
  sections: [
    { id: 's1', title: txt('A'), questions: [likert('a1'), likert('a2'), likert('a3'), { id: 'n', type: 'number', text: txt('n'), min: 0, max: 10 }] },
    { id: 's2', title: txt('B'), questions: [likert('b1'), likert('b2')] },
  ],
});

describe('straightLined', () => {
  it('flags a section of three or more Likert answers all at one level', () => {
    expect(straightLined(def, { a1: '4', a2: '4', a3: '4', n: 3, b1: '2', b2: '5' })).toBe(true);
    expect(straightLined(def, { a1: '4', a2: '4', a3: '5', b1: '2', b2: '2' })).toBe(false);
  });
  it('does not judge a section with fewer than three Likert answers', () => {
    expect(straightLined(def, { a1: '4', a2: '4', b1: '3', b2: '3' })).toBe(false);
  });
});

describe('answersFingerprint', () => {
  it('is the same for the same answers in any order, with blanks and choice order ignored', () => {
    expect(answersFingerprint({ a: ['x', 'y'], b: '3', c: '' })).toBe(answersFingerprint({ b: ' 3 ', a: ['y', 'x'], d: [] }));
    expect(answersFingerprint({ a: '3' })).not.toBe(answersFingerprint({ a: '4' }));
  });
});
