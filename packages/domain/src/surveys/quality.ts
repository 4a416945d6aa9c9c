import type { AnswerValue } from './answers';
import type { QuestionnaireDefinition } from './questionnaire';

/** Fewest Likert answers in a section for "all the same" to mean straight-lining (docs/surveys.md, "Results"). */
export const STRAIGHT_LINE_MIN_QUESTIONS = 3;

/**
 * True when, in some section with at least three answered Likert questions, every one of them got the
 * same level: the respondent likely ticked down a column without reading.
 * @example straightLined(def, { q1: '4', q2: '4', q3: '4' }) // true when q1–q3 are a section's Likert questions
 */
export function straightLined(def: QuestionnaireDefinition, answers: Readonly<Record<string, AnswerValue>>): boolean {
  return def.sections.some((s) => {
    const given = s.questions.filter((q) => q.type === 'likert' && typeof answers[q.id] === 'string' && answers[q.id] !== '').map((q) => answers[q.id]);
    return given.length >= STRAIGHT_LINE_MIN_QUESTIONS && given.every((v) => v === given[0]);
  });
}

/**
 * One answer as comparable text: a multiple choice's order does not matter, a blank is no answer ('').
 * @example canonicalAnswer(['b', 'a']) === canonicalAnswer(['a', 'b']) // true
 */
export function canonicalAnswer(v: AnswerValue | undefined): string {
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '';
  return JSON.stringify(Array.isArray(v) ? [...v].sort() : typeof v === 'string' ? v.trim() : v);
}

/**
 * A fingerprint of the answers alone (keys sorted, answers made canonical, blanks dropped), to find the
 * same answers submitted twice without keeping anything that names the respondent.
 */
export function answersFingerprint(answers: Readonly<Record<string, AnswerValue>>): string {
  const norm = Object.keys(answers)
    .sort()
    .map((k) => [k, canonicalAnswer(answers[k])])
    .filter(([, v]) => v !== '');
  return JSON.stringify(norm);
}
