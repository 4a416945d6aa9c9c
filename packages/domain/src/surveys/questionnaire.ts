import { z } from 'zod';

// A questionnaire is data (docs/surveys.md, "Questionnaire model"): sections of typed questions, each
// tagged with a SIPAS service element and aspect or a custom dimension, with Vietnamese and English texts.
// The draft schema accepts incomplete work (an empty section, a choice without options); publishing
// runs `publishIssues`, which names the exact question at fault.

/** The five SIPAS service elements (BNV method; docs/surveys.md). */
export const SIPAS_ELEMENTS = ['access', 'procedure', 'civil_servant', 'result', 'feedback'] as const;
export type SipasElement = (typeof SIPAS_ELEMENTS)[number];
/** The three aspects each element is measured on. */
export const SIPAS_ASPECTS = ['perception', 'satisfaction', 'expectation'] as const;
export type SipasAspect = (typeof SIPAS_ASPECTS)[number];

export const QUESTION_TYPES = ['likert', 'single', 'multiple', 'number', 'yes_no', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Likert level codes, from very dissatisfied (1) to very satisfied (5); 4 and 5 count as satisfied. */
export const LIKERT_CODES = ['1', '2', '3', '4', '5'] as const;
export const SATISFIED_CODES: readonly string[] = ['4', '5'];
/** Yes/no answers are stored as these option codes. */
export const YES_NO_CODES = ['yes', 'no'] as const;

const Id = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'survey.id_invalid');
export const LocalizedTextSchema = z.object({ vi: z.string().trim().min(1).max(2000), en: z.string().trim().max(2000).default('') });
export type LocalizedText = z.output<typeof LocalizedTextSchema>;

export const OptionSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_]{1,20}$/),
  label: LocalizedTextSchema,
  /** Share of the question's points this option earns, 0–100 (e.g. A 100, B 60, C 20, D 0). */
  weight: z.number().int().min(0).max(100),
});
export type Option = z.output<typeof OptionSchema>;

export const TagSchema = z.object({
  element: z.enum(SIPAS_ELEMENTS).nullable().default(null),
  aspect: z.enum(SIPAS_ASPECTS).nullable().default(null),
  /** A dimension outside SIPAS (e.g. "officials_rating"); free text key. */
  dimension: z.string().trim().max(60).nullable().default(null),
});
export type Tag = z.output<typeof TagSchema>;

/** Show the question only when an earlier question was answered with one of `anyOf` (option codes). */
export const ConditionSchema = z.object({ questionId: Id, anyOf: z.array(z.string().min(1).max(20)).min(1).max(50) });
export type Condition = z.output<typeof ConditionSchema>;

const base = {
  id: Id,
  text: LocalizedTextSchema,
  help: LocalizedTextSchema.nullable().default(null),
  required: z.boolean().default(true),
  showIf: ConditionSchema.nullable().default(null),
  tag: TagSchema.default({ element: null, aspect: null, dimension: null }),
};

export const QuestionSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('likert'),
    /** Exactly five levels, codes 1–5 in order; labels and weights are data. */
    levels: z.array(OptionSchema).length(5),
  }),
  z.object({ ...base, type: z.literal('single'), options: z.array(OptionSchema).max(30) }),
  z.object({ ...base, type: z.literal('multiple'), options: z.array(OptionSchema).max(30), maxChoices: z.number().int().min(1).nullable().default(null) }),
  z.object({
    ...base,
    type: z.literal('number'),
    min: z.number().int().min(0).default(0),
    max: z.number().int().max(1_000_000).default(100),
    unit: LocalizedTextSchema.nullable().default(null),
  }),
  z.object({ ...base, type: z.literal('yes_no') }),
  z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(4000).default(1000) }),
]);
export type Question = z.output<typeof QuestionSchema>;
export type QuestionInput = z.input<typeof QuestionSchema>;

export const SectionSchema = z.object({
  id: Id,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.nullable().default(null),
  questions: z.array(QuestionSchema).max(200),
});
export type Section = z.output<typeof SectionSchema>;

export const QuestionnaireDefinitionSchema = z.object({
  title: LocalizedTextSchema,
  intro: LocalizedTextSchema.nullable().default(null),
  sections: z.array(SectionSchema).max(50),
});
export type QuestionnaireDefinition = z.output<typeof QuestionnaireDefinitionSchema>;
export type QuestionnaireDefinitionInput = z.input<typeof QuestionnaireDefinitionSchema>;

/** A problem that stops publication, naming the question (or section) at fault. */
export interface PublishIssue {
  /** JSON path inside the definition, e.g. `sections.1.questions.3.options`. */
  path: string;
  code: string;
  questionId?: string;
  sectionId?: string;
}

/** Every question in order, with its section index and its index in the section. */
export function questionsOf(def: QuestionnaireDefinition): Array<{ question: Question; section: number; index: number }> {
  return def.sections.flatMap((s, section) => s.questions.map((question, index) => ({ question, section, index })));
}

/** The option codes a question's answer may take, or null for number and text questions. */
export function optionCodesOf(q: Question): string[] | null {
  if (q.type === 'likert') return q.levels.map((l) => l.code);
  if (q.type === 'single' || q.type === 'multiple') return q.options.map((o) => o.code);
  if (q.type === 'yes_no') return [...YES_NO_CODES];
  return null;
}

/**
 * Why a questionnaire cannot be published; empty when it can. A published questionnaire is frozen,
 * so everything a respondent could trip over is checked here.
 * @example publishIssues({ title, intro: null, sections: [{ id: 's1', title, description: null, questions: [] }] })
 *   // [{ path: 'sections.0.questions', code: 'survey.section_empty', sectionId: 's1' }]
 */
export function publishIssues(def: QuestionnaireDefinition): PublishIssue[] {
  const issues: PublishIssue[] = [];
  if (def.sections.length === 0) issues.push({ path: 'sections', code: 'survey.no_sections' });
  const seen = new Map<string, Question>();
  const sectionIds = new Set<string>();
  def.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) issues.push({ path: `sections.${si}.id`, code: 'survey.duplicate_section_id', sectionId: s.id });
    sectionIds.add(s.id);
    if (s.questions.length === 0) issues.push({ path: `sections.${si}.questions`, code: 'survey.section_empty', sectionId: s.id });
    s.questions.forEach((q, qi) => {
      const at = `sections.${si}.questions.${qi}`;
      const named = { questionId: q.id, sectionId: s.id };
      if (seen.has(q.id)) issues.push({ path: `${at}.id`, code: 'survey.duplicate_question_id', ...named });
      if (q.type === 'likert' && q.levels.some((l, i) => l.code !== LIKERT_CODES[i]))
        issues.push({ path: `${at}.levels`, code: 'survey.likert_codes', ...named });
      if (q.type === 'single' || q.type === 'multiple') {
        const codes = q.options.map((o) => o.code);
        if (q.options.length < 2) issues.push({ path: `${at}.options`, code: 'survey.choice_without_options', ...named });
        else if (new Set(codes).size !== codes.length) issues.push({ path: `${at}.options`, code: 'survey.duplicate_option_code', ...named });
        else if (q.type === 'multiple' && q.maxChoices !== null && q.maxChoices > q.options.length)
          issues.push({ path: `${at}.maxChoices`, code: 'survey.max_choices_invalid', ...named });
      }
      if (q.type === 'number' && q.min > q.max) issues.push({ path: `${at}.max`, code: 'survey.number_range_invalid', ...named });
      if (q.showIf) {
        const target = seen.get(q.showIf.questionId);
        const later = !target && questionsOf(def).some((x) => x.question.id === q.showIf!.questionId);
        if (!target)
          issues.push({
            path: `${at}.showIf.questionId`,
            code: later || q.showIf.questionId === q.id ? 'survey.condition_forward' : 'survey.condition_unknown_question',
            ...named,
          });
        else {
          const codes = optionCodesOf(target);
          if (!codes) issues.push({ path: `${at}.showIf.questionId`, code: 'survey.condition_not_choice', ...named });
          else if (q.showIf.anyOf.some((c) => !codes.includes(c)))
            issues.push({ path: `${at}.showIf.anyOf`, code: 'survey.condition_unknown_option', ...named });
        }
      }
      if (!seen.has(q.id)) seen.set(q.id, q);
    });
  });
  return issues;
}
