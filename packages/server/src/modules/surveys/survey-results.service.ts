import {
  averageOf,
  isSuppressed,
  marginOfError95,
  percentSatisfied,
  questionsOf,
  SATISFIED_CODES,
  SIPAS_ASPECTS,
  SIPAS_ELEMENTS,
  toBasisPoints,
  weightedMean,
  weightsOf,
  type Question,
  type QuestionnaireDefinition,
} from '@cchc/domain';
import { sql } from 'kysely';
import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';
import type { CampaignService } from './campaign.service';

export const BREAKDOWNS = { unit: 'unit_id', procedure: 'procedure_code', channel: 'dossier_channel', mode: 'mode', group: 'respondent_group' } as const;
export type Breakdown = keyof typeof BREAKDOWNS;

const isIndexQuestion = (q: Question) => q.type === 'likert' && q.tag.aspect !== 'perception' && q.tag.aspect !== 'expectation';

/**
 * Results of a campaign (docs/surveys.md, "Results"): every count is a GROUP BY over `survey_answers`;
 * the domain turns counts into % satisfied, weighted means and margins of error.
 */
export class SurveyResultsService {
  constructor(
    private readonly db: Db,
    private readonly campaigns: CampaignService,
  ) {}

  async results(actor: ServerActor, id: string, by: Breakdown | undefined) {
    const c = await this.campaigns.find(actor, id);
    const def = JSON.parse((await this.db.selectFrom('surveyQuestionnaires').select('definition').where('id', '=', c.questionnaireId).executeTakeFirstOrThrow()).definition) as QuestionnaireDefinition;
    const N = c.populationKind === 'dossiers' ? c.population : null;
    const all = questionsOf(def).map((x) => x.question);
    const idsOf = (types: string[]) => all.filter((q) => types.includes(q.type)).map((q) => q.id);
    const numberIds = idsOf(['number']);
    // Single-valued questions count their answers from the option counts; multiple choice and text need their own count.
    const countedIds = idsOf(['multiple', 'text']);
    const answers = () => this.db.selectFrom('surveyAnswers').where('campaignId', '=', c.id);
    const [total, options, numbers, answered] = await Promise.all([
      this.db.selectFrom('surveyResponses').select(sql<number>`count(*)`.as('n')).where('campaignId', '=', c.id).executeTakeFirstOrThrow(),
      // The index (campaign, question, option, response) answers this alone.
      answers().select(['questionId', 'optionCode', sql<number>`count(*)`.as('n')]).where('optionCode', 'is not', null).groupBy(['questionId', 'optionCode']).execute(),
      numberIds.length
        ? answers()
            .select(['questionId', sql<number>`count(*)`.as('n'), sql<number>`sum(value_number)`.as('sum'), sql<number>`min(value_number)`.as('min'), sql<number>`max(value_number)`.as('max')])
            .where('questionId', 'in', numberIds)
            .where('valueNumber', 'is not', null)
            .groupBy('questionId')
            .execute()
        : Promise.resolve([]),
      countedIds.length ? answers().select(['questionId', sql<number>`count(distinct response_id)`.as('n')]).where('questionId', 'in', countedIds).groupBy('questionId').execute() : Promise.resolve([]),
    ]);
    const responses = Number(total.n);
    const countsOf = new Map<string, Record<string, number>>();
    for (const r of options) {
      const m = countsOf.get(r.questionId) ?? {};
      m[r.optionCode!] = Number(r.n);
      countsOf.set(r.questionId, m);
    }
    const answeredOf = new Map<string, number>([...answered, ...numbers].map((r) => [r.questionId, Number(r.n)]));
    for (const [qid, m] of countsOf) if (!answeredOf.has(qid)) answeredOf.set(qid, Object.values(m).reduce((a, b) => a + b, 0));
    const numberOf = new Map(numbers.map((r) => [r.questionId, r]));
    const questions = questionsOf(def).map(({ question: q }) => {
      const counts = countsOf.get(q.id) ?? {};
      const n = answeredOf.get(q.id) ?? 0;
      const codes = q.type === 'likert' ? q.levels : q.type === 'single' || q.type === 'multiple' ? q.options : q.type === 'yes_no' ? [{ code: 'yes', label: { vi: 'Có', en: 'Yes' } }, { code: 'no', label: { vi: 'Không', en: 'No' } }] : [];
      const pct = q.type === 'likert' ? percentSatisfied(counts) : null;
      const num = numberOf.get(q.id);
      const weights = weightsOf(q);
      return {
        id: q.id,
        type: q.type,
        text: q.text,
        tag: q.tag,
        answered: n,
        distribution: codes.map((o) => ({ code: o.code, label: o.label, count: counts[o.code] ?? 0, shareBasisPoints: n === 0 ? null : toBasisPoints((counts[o.code] ?? 0) / n) })),
        percentSatisfiedBasisPoints: pct,
        marginBasisPoints: pct === null ? null : marginOfError95(pct, n, N),
        // Options weighted all 0 (a plain list such as 'how did you learn of it') have no meaningful mean.
        weightedMeanBasisPoints: weights && q.type !== 'yes_no' && Object.values(weights).some((w) => w > 0) ? weightedMean(counts, weights) : null,
        number: num ? { count: Number(num.n), meanHundredths: Math.round((Number(num.sum) * 100) / Number(num.n)), min: Number(num.min), max: Number(num.max) } : null,
      };
    });
    const indexQs = questions.filter((q) => q.type === 'likert' && isIndexQuestion(questionsOf(def).find((x) => x.question.id === q.id)!.question));
    const elements = SIPAS_ELEMENTS.map((element) => {
      const qs = indexQs.filter((q) => q.tag.element === element);
      return { element, questions: qs.length, indexBasisPoints: averageOf(qs.map((q) => q.percentSatisfiedBasisPoints)) };
    }).filter((e) => e.questions > 0);
    const aspects = SIPAS_ASPECTS.map((aspect) => {
      const qs = questions.filter((q) => q.tag.aspect === aspect && q.percentSatisfiedBasisPoints !== null);
      return { aspect, questions: qs.length, indexBasisPoints: averageOf(qs.map((q) => q.percentSatisfiedBasisPoints)) };
    }).filter((a) => a.questions > 0);
    const overall = elements.length ? averageOf(elements.map((e) => e.indexBasisPoints)) : averageOf(indexQs.map((q) => q.percentSatisfiedBasisPoints));
    // Expectations ranked: the options of expectation questions by how often they were chosen.
    const expectations = questions
      .filter((q) => q.tag.aspect === 'expectation')
      .flatMap((q) => q.distribution.map((d) => ({ questionId: q.id, code: d.code, label: d.label, count: d.count })))
      .sort((a, b) => b.count - a.count);
    return {
      campaignId: c.id,
      responses,
      population: N,
      questions,
      elements,
      aspects,
      expectations,
      overall: { indexBasisPoints: overall, marginBasisPoints: overall === null ? null : marginOfError95(overall, responses, N) },
      breakdown: by ? await this.breakdown(c.id, by, indexQs.map((q) => q.id)) : null,
    };
  }

  /** Overall index per group; a group with fewer than five responses is suppressed (no count, no index). */
  private async breakdown(campaignId: string, by: Breakdown, indexQuestionIds: string[]) {
    const col = sql.ref(BREAKDOWNS[by]);
    const groups = await sql<{ k: string | null; n: number | string }>`select ${col} as k, count(*) as n from survey_responses where campaign_id = ${campaignId} group by ${col}`.execute(this.db);
    const sat = indexQuestionIds.length
      ? await sql<{ k: string | null; q: string; s: number | string; n: number | string }>`
          select ${col} as k, question_id as q, sum(case when option_code in (${sql.join([...SATISFIED_CODES])}) then 1 else 0 end) as s, count(*) as n
          from survey_answers where campaign_id = ${campaignId} and question_id in (${sql.join(indexQuestionIds)})
          group by ${col}, question_id`.execute(this.db)
      : { rows: [] };
    const labels = new Map<string, string>();
    if (by === 'unit') {
      const ids = groups.rows.map((g) => g.k).filter((k): k is string => !!k);
      if (ids.length) for (const u of await this.db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(u.id, u.name);
    }
    return {
      by,
      groups: groups.rows
        .map((g) => {
          const n = Number(g.n);
          const suppressed = isSuppressed(n);
          const perQ = sat.rows.filter((r) => r.k === g.k).map((r) => toBasisPoints(Number(r.s) / Number(r.n)));
          return { key: g.k, label: g.k ? (labels.get(g.k) ?? g.k) : null, responses: suppressed ? null : n, suppressed, indexBasisPoints: suppressed ? null : averageOf(perQ) };
        })
        .sort((a, b) => String(a.label ?? '').localeCompare(String(b.label ?? ''))),
    };
  }

  /** Free-text answers of one question, filtered, paginated; no response id or time is shown. */
  async texts(actor: ServerActor, id: string, q: { questionId: string; q?: string; page: number; pageSize: number }) {
    const c = await this.campaigns.find(actor, id);
    const base = () => {
      let b = this.db.selectFrom('surveyAnswers').where('campaignId', '=', c.id).where('questionId', '=', q.questionId).where('valueText', 'is not', null);
      if (q.q) b = b.where(sql`lower(value_text)`, 'like', `%${q.q.toLowerCase()}%`);
      return b;
    };
    const [rows, count] = await Promise.all([
      base().select('valueText').orderBy('responseId').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => r.valueText!), total: Number(count.n), page: q.page, pageSize: q.pageSize };
  }
}
