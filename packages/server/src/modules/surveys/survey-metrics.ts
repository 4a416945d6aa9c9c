import { averageOf, marginOfError95, percentSatisfied, questionsOf, SIPAS_ELEMENTS, toBasisPoints, type QuestionnaireDefinition } from '@cchc/domain';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MetricDefinition, MetricProvider, MetricScope, MetricValue } from '../../platform/metrics/metric-types';
import { readTotals } from './survey-counts.repository';
import { endOfDayInstant, startOfDayInstant } from './survey-tokens';

// The survey share of the PAR index (issue #12 item 7; docs/surveys.md, "PAR metrics"): the satisfaction
// index of the latest campaign of the units in scope whose period ends in the year, overall and per SIPAS
// element, as shares for proportional scoring rules (the 2019 template's field 8 binds the overall one);
// and the continuous index of the per-dossier ratings on the same elements.

const label = (vi: string, en: string) => ({ vi, en });
export const SURVEY_METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    key: 'surveys.satisfaction_index',
    module: 'surveys',
    valueKind: 'share',
    label: label('Chỉ số hài lòng chung (khảo sát)', 'Overall satisfaction index (survey)'),
    description: label(
      'Trung bình tỷ lệ hài lòng theo các yếu tố SIPAS của đợt khảo sát gần nhất kết thúc trong kỳ.',
      'Average % satisfied over the SIPAS elements of the latest campaign ending in the period.',
    ),
  },
  ...SIPAS_ELEMENTS.map((e) => ({
    key: `surveys.satisfaction_index.${e}`,
    module: 'surveys',
    valueKind: 'share' as const,
    label: label(`Chỉ số hài lòng: ${e}`, `Satisfaction index: ${e}`),
    description: label(
      'Tỷ lệ hài lòng của yếu tố SIPAS trong đợt khảo sát gần nhất kết thúc trong kỳ.',
      'The SIPAS element’s % satisfied in the latest campaign ending in the period.',
    ),
  })),
  {
    key: 'surveys.responses',
    module: 'surveys',
    valueKind: 'count',
    label: label('Số phiếu khảo sát', 'Survey responses'),
    description: label('Số phiếu của đợt khảo sát gần nhất kết thúc trong kỳ.', 'Responses of the latest campaign ending in the period.'),
  },
];

/** The per-dossier rating's criteria, by the SIPAS element each one measures (docs/surveys.md, "PAR metrics"). */
const RATING_ELEMENTS = { access: 'publicity', procedure: 'ease', civil_servant: 'attitude', result: 'timeliness' } as const;

export const RATING_METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    key: 'surveys.rating_index',
    module: 'surveys',
    valueKind: 'share',
    label: label('Chỉ số hài lòng liên tục (đánh giá từng hồ sơ)', 'Continuous satisfaction index (per-dossier ratings)'),
    description: label(
      'Tỷ lệ đánh giá chung hài lòng hoặc rất hài lòng trên các hồ sơ được đánh giá trong kỳ.',
      'Share of per-dossier ratings in the period whose overall rating is satisfied or very satisfied.',
    ),
  },
  ...Object.keys(RATING_ELEMENTS).map((e) => ({
    key: `surveys.rating_index.${e}`,
    module: 'surveys',
    valueKind: 'share' as const,
    label: label(`Chỉ số hài lòng liên tục: ${e}`, `Continuous satisfaction index: ${e}`),
    description: label(
      'Tỷ lệ hài lòng của tiêu chí đánh giá hồ sơ tương ứng với yếu tố SIPAS, trong kỳ.',
      'The % satisfied of the per-dossier rating criterion matching the SIPAS element, in the period.',
    ),
  })),
];

/** Overall and per-element indices (basis points) of one campaign, from the counts its submissions kept. */
export async function campaignIndices(db: Db, campaignId: string, def: QuestionnaireDefinition) {
  const likert = questionsOf(def)
    .map((x) => x.question)
    .filter((q) => q.type === 'likert' && q.tag.aspect !== 'perception' && q.tag.aspect !== 'expectation');
  const totals = await readTotals(db, campaignId);
  const responses = totals.find((r) => r.questionId === '')?.n ?? 0;
  const pct = new Map(
    likert.map((q) => [
      q.id,
      percentSatisfied(Object.fromEntries(totals.filter((r) => r.questionId === q.id && r.optionCode !== '').map((r) => [r.optionCode, r.n]))),
    ]),
  );
  const elements = Object.fromEntries(
    SIPAS_ELEMENTS.map((e) => [e, averageOf(likert.filter((q) => q.tag.element === e).map((q) => pct.get(q.id) ?? null))]),
  ) as Record<(typeof SIPAS_ELEMENTS)[number], number | null>;
  const present = Object.values(elements).filter((v) => v !== null);
  return { responses, overall: present.length ? averageOf(present) : averageOf([...pct.values()]), elements };
}

/** The latest campaign's indices: the overall one with its margin and the two weakest elements as the hint. */
async function campaignMetrics(db: Db, scope: MetricScope, out: Map<string, MetricValue>): Promise<void> {
  const c = await db
    .selectFrom('surveyCampaigns as c')
    .innerJoin('surveyQuestionnaires as q', 'q.id', 'c.questionnaireId')
    .select(['c.id', 'c.populationKind', 'c.population', 'q.definition'])
    .where('c.unitId', 'in', scope.unitIds)
    // Live: a campaign still running counts from its first day, so the projection moves as answers come in.
    .where('c.closesOn', '>=', scope.from)
    .where('c.closesOn', '<=', `${scope.from.slice(0, 4)}-12-31`)
    .where('c.opensOn', '<=', scope.to)
    .orderBy('c.closesOn', 'desc')
    .orderBy('c.createdAt', 'desc')
    .executeTakeFirst();
  if (!c) return;
  const { responses, overall, elements } = await campaignIndices(db, c.id, JSON.parse(c.definition) as QuestionnaireDefinition);
  out.set('surveys.responses', { input: { kind: 'count', value: responses } });
  if (responses === 0) return;
  const [weakest, next] = Object.entries(elements)
    .filter((e): e is [string, number] => e[1] !== null)
    .sort((a, b) => a[1] - b[1]);
  if (overall !== null) {
    const margin = marginOfError95(overall, responses, c.populationKind === 'dossiers' ? c.population : null);
    const params = {
      indexBasisPoints: overall,
      responses,
      ...(margin !== null ? { marginBasisPoints: margin } : {}),
      ...(weakest ? { element: weakest[0], basisPoints: weakest[1] } : {}),
      ...(next ? { nextElement: next[0], nextBasisPoints: next[1] } : {}),
    };
    out.set('surveys.satisfaction_index', {
      input: { kind: 'share', basisPoints: overall },
      hint: { code: weakest ? 'surveys.weakest_element' : 'surveys.index_margin', params },
    });
  }
  for (const [e, v] of Object.entries(elements)) if (v !== null) out.set(`surveys.satisfaction_index.${e}`, { input: { kind: 'share', basisPoints: v } });
}

/** The per-dossier ratings given in the period by the units in scope: % satisfied overall and per criterion, counted in SQL. */
async function ratingMetrics(db: Db, engine: 'postgres' | 'sqlite', scope: MetricScope, out: Map<string, MetricValue>): Promise<void> {
  const score = (c: string) => (engine === 'postgres' ? sql`cast(scores::jsonb ->> ${c} as integer)` : sql`json_extract(scores, ${`$.${c}`})`);
  const criteria = Object.values(RATING_ELEMENTS);
  const row = await db
    .selectFrom('dossierRatings')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when overall >= 4 then 1 else 0 end)`.as('s'),
      // Aliases without underscores: the camel-case plugin would rename them.
      ...criteria.flatMap((c, i) => [
        sql<number>`sum(case when ${score(c)} is not null then 1 else 0 end)`.as(`n${i}`),
        sql<number>`sum(case when ${score(c)} >= 4 then 1 else 0 end)`.as(`s${i}`),
      ]),
    ])
    .where('unitId', 'in', scope.unitIds)
    .where('createdAt', '>=', startOfDayInstant(scope.from))
    .where('createdAt', '<', endOfDayInstant(scope.to))
    .executeTakeFirstOrThrow();
  const r = row as unknown as Record<string, number | string | null>;
  const share = (s: unknown, n: unknown) => (Number(n ?? 0) === 0 ? null : toBasisPoints(Number(s ?? 0) / Number(n)));
  const overall = share(r.s, r.n);
  if (overall !== null) out.set('surveys.rating_index', { input: { kind: 'share', basisPoints: overall } });
  for (const [i, e] of Object.keys(RATING_ELEMENTS).entries()) {
    const v = share(r[`s${i}`], r[`n${i}`]);
    if (v !== null) out.set(`surveys.rating_index.${e}`, { input: { kind: 'share', basisPoints: v } });
  }
}

/** The survey module's PAR metrics: the campaigns' indices and the per-dossier ratings' continuous index. */
export const surveyMetricsProvider: MetricProvider = {
  definitions: [...SURVEY_METRIC_DEFINITIONS, ...RATING_METRIC_DEFINITIONS],
  async compute(db: Db, scope: MetricScope): Promise<Map<string, MetricValue>> {
    const out = new Map<string, MetricValue>();
    if (scope.unitIds.length === 0) return out;
    await campaignMetrics(db, scope, out);
    // The ratings' JSON is read with each engine's own operator.
    await ratingMetrics(db, db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite', scope, out);
    return out;
  },
};
