import { averageOf, percentSatisfied, questionsOf, SIPAS_ELEMENTS, type QuestionnaireDefinition } from '@cchc/domain';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MetricDefinition, MetricProvider, MetricScope, MetricValue } from '../../platform/metrics/metric-types';

// The survey share of the PAR index (issue #12 item 7; docs/surveys.md, "PAR metrics"): the satisfaction
// index of the latest campaign of the units in scope whose period ends in the year, overall and per SIPAS
// element, as shares for proportional scoring rules. Exported for the lead to wire into the registry.

const label = (vi: string, en: string) => ({ vi, en });
export const SURVEY_METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    key: 'surveys.satisfaction_index',
    module: 'surveys',
    valueKind: 'share',
    label: label('Chỉ số hài lòng chung (khảo sát)', 'Overall satisfaction index (survey)'),
    description: label('Trung bình tỷ lệ hài lòng theo các yếu tố SIPAS của đợt khảo sát gần nhất kết thúc trong kỳ.', 'Average % satisfied over the SIPAS elements of the latest campaign ending in the period.'),
  },
  ...SIPAS_ELEMENTS.map((e) => ({
    key: `surveys.satisfaction_index.${e}`,
    module: 'surveys',
    valueKind: 'share' as const,
    label: label(`Chỉ số hài lòng: ${e}`, `Satisfaction index: ${e}`),
    description: label('Tỷ lệ hài lòng của yếu tố SIPAS trong đợt khảo sát gần nhất kết thúc trong kỳ.', 'The SIPAS element’s % satisfied in the latest campaign ending in the period.'),
  })),
  {
    key: 'surveys.responses',
    module: 'surveys',
    valueKind: 'count',
    label: label('Số phiếu khảo sát', 'Survey responses'),
    description: label('Số phiếu của đợt khảo sát gần nhất kết thúc trong kỳ.', 'Responses of the latest campaign ending in the period.'),
  },
];

/** Overall and per-element indices (basis points) of one campaign, from GROUP BY counts. */
export async function campaignIndices(db: Db, campaignId: string, def: QuestionnaireDefinition) {
  const likert = questionsOf(def)
    .map((x) => x.question)
    .filter((q) => q.type === 'likert' && q.tag.aspect !== 'perception' && q.tag.aspect !== 'expectation');
  const rows = likert.length
    ? await db
        .selectFrom('surveyAnswers')
        .select(['questionId', 'optionCode', sql<number>`count(*)`.as('n')])
        .where('campaignId', '=', campaignId)
        .where('questionId', 'in', likert.map((q) => q.id))
        .groupBy(['questionId', 'optionCode'])
        .execute()
    : [];
  const pct = new Map(likert.map((q) => [q.id, percentSatisfied(Object.fromEntries(rows.filter((r) => r.questionId === q.id).map((r) => [r.optionCode!, Number(r.n)])))]));
  const elements = Object.fromEntries(SIPAS_ELEMENTS.map((e) => [e, averageOf(likert.filter((q) => q.tag.element === e).map((q) => pct.get(q.id) ?? null))])) as Record<(typeof SIPAS_ELEMENTS)[number], number | null>;
  const present = Object.values(elements).filter((v) => v !== null);
  return { overall: present.length ? averageOf(present) : averageOf([...pct.values()]), elements };
}

export const surveyMetricsProvider: MetricProvider = {
  definitions: SURVEY_METRIC_DEFINITIONS,
  async compute(db: Db, scope: MetricScope): Promise<Map<string, MetricValue>> {
    const out = new Map<string, MetricValue>();
    if (scope.unitIds.length === 0) return out;
    const c = await db
      .selectFrom('surveyCampaigns as c')
      .innerJoin('surveyQuestionnaires as q', 'q.id', 'c.questionnaireId')
      .select(['c.id', 'q.definition'])
      .where('c.unitId', 'in', scope.unitIds)
      .where('c.closesOn', '>=', scope.from)
      .where('c.closesOn', '<=', scope.to)
      .where('c.opensOn', '<=', scope.today)
      .orderBy('c.closesOn', 'desc')
      .orderBy('c.createdAt', 'desc')
      .executeTakeFirst();
    if (!c) return out;
    const responses = await db.selectFrom('surveyResponses').select(sql<number>`count(*)`.as('n')).where('campaignId', '=', c.id).executeTakeFirstOrThrow();
    out.set('surveys.responses', { input: { kind: 'count', value: Number(responses.n) } });
    if (Number(responses.n) === 0) return out;
    const { overall, elements } = await campaignIndices(db, c.id, JSON.parse(c.definition) as QuestionnaireDefinition);
    const weakest = Object.entries(elements)
      .filter(([, v]) => v !== null)
      .sort((a, b) => a[1]! - b[1]!)[0];
    if (overall !== null) out.set('surveys.satisfaction_index', { input: { kind: 'share', basisPoints: overall }, ...(weakest ? { hint: { code: 'surveys.weakest_element', params: { element: weakest[0], basisPoints: weakest[1]! } } } : {}) });
    for (const [e, v] of Object.entries(elements)) if (v !== null) out.set(`surveys.satisfaction_index.${e}`, { input: { kind: 'share', basisPoints: v } });
    return out;
  },
};
