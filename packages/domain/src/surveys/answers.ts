import { optionCodesOf, questionsOf, type Question, type QuestionnaireDefinition } from './questionnaire';

/** What a respondent sends per question: an option code, several codes, a number, or text. */
export type AnswerValue = string | number | string[];

/** One stored answer row: multiple choice gives one row per chosen option. */
export interface AnswerRow {
  questionId: string;
  optionCode: string | null;
  valueNumber: number | null;
  valueText: string | null;
}

export interface AnswerIssue {
  questionId: string;
  code: string;
}

function isVisible(q: Question, given: ReadonlyMap<string, string[]>): boolean {
  if (!q.showIf) return true;
  const chosen = given.get(q.showIf.questionId);
  return !!chosen && chosen.some((c) => q.showIf!.anyOf.includes(c));
}

/** Ids of the questions shown for these answers (conditions refer only to earlier questions). */
export function visibleQuestionIds(def: QuestionnaireDefinition, answers: Readonly<Record<string, AnswerValue>>): Set<string> {
  const given = new Map<string, string[]>();
  const out = new Set<string>();
  for (const { question: q } of questionsOf(def)) {
    if (!isVisible(q, given)) continue;
    out.add(q.id);
    const v = answers[q.id];
    if (typeof v === 'string') given.set(q.id, [v]);
    else if (Array.isArray(v)) given.set(q.id, v);
  }
  return out;
}

function blank(v: AnswerValue | undefined | null): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function check(q: Question, v: AnswerValue): { rows: AnswerRow[] } | { code: string } {
  const row = (optionCode: string | null, valueNumber: number | null, valueText: string | null): AnswerRow => ({
    questionId: q.id,
    optionCode,
    valueNumber,
    valueText,
  });
  const codes = optionCodesOf(q);
  switch (q.type) {
    case 'likert':
    case 'single':
    case 'yes_no':
      if (typeof v !== 'string') return { code: 'survey.answer_type' };
      return codes!.includes(v) ? { rows: [row(v, null, null)] } : { code: 'survey.answer_unknown_option' };
    case 'multiple': {
      if (!Array.isArray(v) || v.some((c) => typeof c !== 'string')) return { code: 'survey.answer_type' };
      if (new Set(v).size !== v.length) return { code: 'survey.answer_duplicate_option' };
      if (v.some((c) => !codes!.includes(c))) return { code: 'survey.answer_unknown_option' };
      if (q.maxChoices !== null && v.length > q.maxChoices) return { code: 'survey.answer_too_many' };
      return { rows: v.map((c) => row(c, null, null)) };
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isInteger(v)) return { code: 'survey.answer_type' };
      return v < q.min || v > q.max ? { code: 'survey.answer_out_of_range' } : { rows: [row(null, v, null)] };
    case 'text':
      if (typeof v !== 'string') return { code: 'survey.answer_type' };
      return v.trim().length > q.maxLength ? { code: 'survey.answer_too_long' } : { rows: [row(null, null, v.trim())] };
  }
}

/**
 * Checks a whole submission against a published questionnaire and turns it into stored rows.
 * Every issue names its question: wrong type, out of range, unknown option, a required question left
 * blank, an answer to a question its condition hides, or a question that does not exist.
 * @example validateAnswers(def, { q1: '4', trips: 2 }) // { issues: [], rows: [{ questionId: 'q1', optionCode: '4', … }, …] }
 */
export function validateAnswers(def: QuestionnaireDefinition, answers: Readonly<Record<string, AnswerValue>>): { issues: AnswerIssue[]; rows: AnswerRow[] } {
  const issues: AnswerIssue[] = [];
  const rows: AnswerRow[] = [];
  const all = questionsOf(def);
  const known = new Set(all.map((x) => x.question.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) issues.push({ questionId: id, code: 'survey.answer_unknown_question' });
  const visible = visibleQuestionIds(def, answers);
  for (const { question: q } of all) {
    const v = answers[q.id];
    if (!visible.has(q.id)) {
      if (!blank(v)) issues.push({ questionId: q.id, code: 'survey.answer_hidden' });
      continue;
    }
    if (blank(v)) {
      if (q.required) issues.push({ questionId: q.id, code: 'survey.answer_required' });
      continue;
    }
    const r = check(q, v!);
    if ('code' in r) issues.push({ questionId: q.id, code: r.code });
    else rows.push(...r.rows);
  }
  return { issues, rows };
}
