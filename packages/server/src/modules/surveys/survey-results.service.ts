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
} from '@cchc/domain';
import { sql } from 'kysely';
import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';
import type { CampaignService } from './campaign.service';
import type { SurveyRepository } from './survey.repository';
import type { CountDim, SurveyCountsRepository } from './survey-counts.repository';

export type Breakdown = CountDim;

const isIndexQuestion = (q: Question) => q.type === 'likert' && q.tag.aspect !== 'perception' && q.tag.aspect !== 'expectation';

/**
 * Results of a campaign (docs/surveys.md, "Results"): counts come from `survey_counts`, kept by every
 * submission in its transaction; the domain turns counts into % satisfied, weighted means and margins of error.
 */
export class SurveyResultsService {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly campaigns: CampaignService,
    private readonly counts: SurveyCountsRepository,
  ) {}

  /** Responses with each data-quality flag, counted in the database (docs/surveys.md, "Results"). */
  private async flagCounts(campaignId: string) {
    const r = await this.db
      .selectFrom('surveyResponses')
      .select([
        sql<number>`coalesce(sum(case when quality = 'flagged' then 1 else 0 end), 0)`.as('flagged'),
        sql<number>`coalesce(sum(case when flags like '%straight_line%' then 1 else 0 end), 0)`.as('straightLine'),
        sql<number>`coalesce(sum(case when flags like '%duplicate%' then 1 else 0 end), 0)`.as('duplicate'),
        sql<number>`coalesce(sum(case when flags like '%too_fast%' then 1 else 0 end), 0)`.as('tooFast'),
      ])
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow();
    return { flagged: Number(r.flagged), straightLine: Number(r.straightLine), duplicate: Number(r.duplicate), tooFast: Number(r.tooFast) };
  }

  async results(actor: ServerActor, id: string, by: Breakdown | undefined, excludeFlagged = false) {
    const c = await this.campaigns.find(actor, id);
    const def = await this.repo.definitionOf(c.questionnaireId);
    const N = c.populationKind === 'dossiers' ? c.population : null;
    // Counts kept by each submission (survey-counts.repository.ts): a few rows per question, whatever the volume.
    const totals = await this.counts.totals(c.id, excludeFlagged);
    const countsOf = new Map<string, Record<string, number>>();
    const answeredOf = new Map<string, number>();
    const numberOf = new Map<string, { n: number; sum: number; min: number; max: number }>();
    let responses = 0;
    for (const r of totals) {
      if (r.questionId === '') responses = r.n;
      else if (r.optionCode === '') {
        answeredOf.set(r.questionId, r.n);
        if (r.valueSum !== null) numberOf.set(r.questionId, { n: r.n, sum: r.valueSum, min: r.valueMin!, max: r.valueMax! });
      } else {
        const m = countsOf.get(r.questionId) ?? {};
        m[r.optionCode] = r.n;
        countsOf.set(r.questionId, m);
      }
    }
    const questions = questionsOf(def).map(({ question: q }) => {
      const counts = countsOf.get(q.id) ?? {};
      const n = answeredOf.get(q.id) ?? 0;
      const codes =
        q.type === 'likert'
          ? q.levels
          : q.type === 'single' || q.type === 'multiple'
            ? q.options
            : q.type === 'yes_no'
              ? [
                  { code: 'yes', label: { vi: 'Có', en: 'Yes' } },
                  { code: 'no', label: { vi: 'Không', en: 'No' } },
                ]
              : [];
      const pct = q.type === 'likert' ? percentSatisfied(counts) : null;
      const num = numberOf.get(q.id);
      const weights = weightsOf(q);
      return {
        id: q.id,
        type: q.type,
        text: q.text,
        tag: q.tag,
        answered: n,
        distribution: codes.map((o) => ({
          code: o.code,
          label: o.label,
          count: counts[o.code] ?? 0,
          shareBasisPoints: n === 0 ? null : toBasisPoints((counts[o.code] ?? 0) / n),
        })),
        percentSatisfiedBasisPoints: pct,
        marginBasisPoints: pct === null ? null : marginOfError95(pct, n, N),
        // Options weighted all 0 (a plain list such as 'how did you learn of it') have no meaningful mean.
        weightedMeanBasisPoints: weights && q.type !== 'yes_no' && Object.values(weights).some((w) => w > 0) ? weightedMean(counts, weights) : null,
        number: num ? { count: num.n, meanHundredths: Math.round((num.sum * 100) / num.n), min: num.min, max: num.max } : null,
      };
    });
    // An element's or aspect's index is read as one proportion over the responses, as the overall index
    // is (docs/surveys.md, "Results"): its margin at 95 % uses the number of responses and the population.
    const withMargin = <T extends { indexBasisPoints: number | null }>(x: T) => ({
      ...x,
      marginBasisPoints: x.indexBasisPoints === null ? null : marginOfError95(x.indexBasisPoints, responses, N),
    });
    const indexQs = questions.filter((q) => q.type === 'likert' && isIndexQuestion(questionsOf(def).find((x) => x.question.id === q.id)!.question));
    const elements = SIPAS_ELEMENTS.map((element) => {
      const qs = indexQs.filter((q) => q.tag.element === element);
      return withMargin({ element, questions: qs.length, indexBasisPoints: averageOf(qs.map((q) => q.percentSatisfiedBasisPoints)) });
    }).filter((e) => e.questions > 0);
    const aspects = SIPAS_ASPECTS.map((aspect) => {
      const qs = questions.filter((q) => q.tag.aspect === aspect && q.percentSatisfiedBasisPoints !== null);
      return withMargin({ aspect, questions: qs.length, indexBasisPoints: averageOf(qs.map((q) => q.percentSatisfiedBasisPoints)) });
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
      quality: { ...(await this.flagCounts(c.id)), excluded: excludeFlagged },
      population: N,
      questions,
      elements,
      aspects,
      expectations,
      overall: { indexBasisPoints: overall, marginBasisPoints: overall === null ? null : marginOfError95(overall, responses, N) },
      breakdown: by
        ? await this.breakdown(
            c.id,
            by,
            indexQs.map((q) => q.id),
          )
        : null,
    };
  }

  /** Overall index per group; a group with fewer than five responses is suppressed (no count, no index). */
  private async breakdown(campaignId: string, by: Breakdown, indexQuestionIds: string[]) {
    const rows = await this.counts.read(campaignId, by);
    const index = new Set(indexQuestionIds);
    const satisfied = new Set<string>(SATISFIED_CODES);
    const groups = new Map<string, { n: number; answered: Map<string, number>; satisfied: Map<string, number> }>();
    const groupOf = (k: string) => groups.get(k) ?? groups.set(k, { n: 0, answered: new Map(), satisfied: new Map() }).get(k)!;
    for (const r of rows) {
      const g = groupOf(r.dimValue);
      if (r.questionId === '') g.n = r.n;
      else if (!index.has(r.questionId)) continue;
      else if (r.optionCode === '') g.answered.set(r.questionId, r.n);
      else if (satisfied.has(r.optionCode)) g.satisfied.set(r.questionId, (g.satisfied.get(r.questionId) ?? 0) + r.n);
    }
    const labels = new Map<string, string>();
    if (by === 'unit') {
      const ids = [...groups.keys()].filter((k) => k !== '');
      if (ids.length) for (const u of await this.db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(u.id, u.name);
    }
    return {
      by,
      groups: [...groups]
        .filter(([, g]) => g.n > 0)
        .map(([k, g]) => {
          const suppressed = isSuppressed(g.n);
          const perQ = [...g.answered].filter(([, n]) => n > 0).map(([q, n]) => toBasisPoints((g.satisfied.get(q) ?? 0) / n));
          const key = k === '' ? null : k;
          return {
            key,
            label: key ? (labels.get(key) ?? key) : null,
            responses: suppressed ? null : g.n,
            suppressed,
            indexBasisPoints: suppressed ? null : averageOf(perQ),
          };
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
      base()
        .select('valueText')
        .orderBy('responseId')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => r.valueText!), total: Number(count.n), page: q.page, pageSize: q.pageSize };
  }
}
