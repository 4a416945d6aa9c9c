import { answersFingerprint, straightLined, type AnswerRow, type AnswerValue, type QuestionnaireDefinition } from '@cchc/domain';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Engine } from '../../platform/db/database';
import type { SurveyCountsTable, SurveyResponsesTable } from '../../platform/db/schema';

/** The breakdown dimensions and the response column each one reads. */
export const COUNT_DIMS = {
  unit: 'unitId',
  procedure: 'procedureCode',
  channel: 'dossierChannel',
  mode: 'mode',
  group: 'respondentGroup',
  quality: 'quality',
} as const;
const DIM_COLUMNS = {
  unit: 'unit_id',
  procedure: 'procedure_code',
  channel: 'dossier_channel',
  mode: 'mode',
  group: 'respondent_group',
  quality: 'quality',
} as const;
export type CountDim = keyof typeof COUNT_DIMS;

/** Counts of one question (or of the responses, questionId ''): per option, and answered ('') with number statistics. */
export type CountRow = Omit<SurveyCountsTable, 'campaignId' | 'dim'>;

/**
 * What one response adds to the counts: per dimension, one response, one answer per answered question
 * (a multiple choice counts once), one per chosen option (docs/surveys.md, "Results").
 * @example countsOf(response, [{ questionId: 'q1', optionCode: '4', … }]) // 5 dims × (response, q1 answered, q1 option 4)
 */
export function countsOf(response: SurveyResponsesTable, rows: readonly AnswerRow[]): SurveyCountsTable[] {
  const out = new Map<string, SurveyCountsTable>();
  const add = (dim: string, dimValue: string, questionId: string, optionCode: string, value: number | null) => {
    const key = JSON.stringify([dim, dimValue, questionId, optionCode]);
    const c = out.get(key);
    if (!c) out.set(key, { campaignId: response.campaignId, dim, dimValue, questionId, optionCode, n: 1, valueSum: value, valueMin: value, valueMax: value });
    else c.n += 1;
  };
  const answered = new Map<string, number | null>();
  for (const r of rows) if (!answered.has(r.questionId)) answered.set(r.questionId, r.valueNumber);
  for (const [dim, col] of Object.entries(COUNT_DIMS)) {
    const v = response[col] ?? '';
    add(dim, v, '', '', null);
    for (const [q, value] of answered) add(dim, v, q, '', value);
    for (const r of rows) if (r.optionCode !== null) add(dim, v, r.questionId, r.optionCode, null);
  }
  // One order for every submission (not the respondent's order of chosen options), so two concurrent
  // upserts lock shared rows in the same order and cannot deadlock.
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/**
 * A campaign's totals per question and option, summed over the 'mode' rows (whose values are never
 * empty); with `excludeFlagged`, the 'quality' rows of the responses without a data-quality flag.
 */
export async function readTotals(db: Db, campaignId: string, excludeFlagged = false): Promise<Omit<CountRow, 'dimValue'>[]> {
  const rows = await db
    .selectFrom('surveyCounts')
    .select([
      'questionId',
      'optionCode',
      sql<number>`sum(n)`.as('n'),
      sql<number | null>`sum(value_sum)`.as('valueSum'),
      sql<number | null>`min(value_min)`.as('valueMin'),
      sql<number | null>`max(value_max)`.as('valueMax'),
    ])
    .where('campaignId', '=', campaignId)
    .where('dim', '=', excludeFlagged ? 'quality' : 'mode')
    .$if(excludeFlagged, (b) => b.where('dimValue', '=', 'ok'))
    .groupBy(['questionId', 'optionCode'])
    .execute();
  const num = (x: number | string | null) => (x === null ? null : Number(x));
  return rows.map((r) => ({
    questionId: r.questionId,
    optionCode: r.optionCode,
    n: Number(r.n),
    valueSum: num(r.valueSum),
    valueMin: num(r.valueMin),
    valueMax: num(r.valueMax),
  }));
}

/** Responses, their answers and the campaign's counts: written together, read as counts. */
export class SurveyCountsRepository {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  /**
   * Writes a response, its answer rows and its counts in the caller's transaction. The counts are one
   * atomic upsert (docs/conventions.md#transactions-and-versions), so concurrent submissions add up.
   */
  async insertResponse(
    trx: Db,
    given: Omit<SurveyResponsesTable, 'quality' | 'flags' | 'answersHash'>,
    rows: readonly AnswerRow[],
    source: { definition: QuestionnaireDefinition; answers: Readonly<Record<string, AnswerValue>>; tooFast?: boolean },
  ): Promise<void> {
    const response = { ...given, ...(await this.qualityOf(trx, given, source)) };
    await trx.insertInto('surveyResponses').values(response).execute();
    const dims = {
      unitId: response.unitId,
      procedureCode: response.procedureCode,
      dossierChannel: response.dossierChannel,
      mode: response.mode,
      respondentGroup: response.respondentGroup,
      quality: response.quality,
    };
    if (rows.length)
      await trx
        .insertInto('surveyAnswers')
        .values(rows.map((r) => ({ responseId: response.id, campaignId: response.campaignId, ...r, ...dims })))
        .execute();
    const counts = countsOf(response, rows);
    const least = this.engine === 'postgres' ? 'least' : 'min';
    const greatest = this.engine === 'postgres' ? 'greatest' : 'max';
    for (let i = 0; i < counts.length; i += 500) {
      await trx
        .insertInto('surveyCounts')
        .values(counts.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['campaignId', 'dim', 'dimValue', 'questionId', 'optionCode']).doUpdateSet({
            n: sql`survey_counts.n + excluded.n`,
            valueSum: sql`survey_counts.value_sum + excluded.value_sum`,
            valueMin: sql`${sql.raw(least)}(survey_counts.value_min, excluded.value_min)`,
            valueMax: sql`${sql.raw(greatest)}(survey_counts.value_max, excluded.value_max)`,
          }),
        )
        .execute();
    }
  }

  /**
   * Data-quality flags of a new response (docs/surveys.md, "Results"): `straight_line` when a section's
   * Likert questions all got the same level; `duplicate` when the campaign already has a response with
   * the same answers submitted that day or the day before (found by a hash of the answers alone);
   * `too_fast` when the answering page measured less than the campaign's minimum completion time.
   */
  private async qualityOf(
    trx: Db,
    r: Pick<SurveyResponsesTable, 'campaignId' | 'submittedOn'>,
    source: { definition: QuestionnaireDefinition; answers: Readonly<Record<string, AnswerValue>>; tooFast?: boolean },
  ): Promise<Pick<SurveyResponsesTable, 'quality' | 'flags' | 'answersHash'>> {
    const answersHash = createHash('sha256').update(answersFingerprint(source.answers)).digest('hex');
    const dayBefore = new Date(Date.parse(`${r.submittedOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const twin = await trx
      .selectFrom('surveyResponses')
      .select('id')
      .where('campaignId', '=', r.campaignId)
      .where('answersHash', '=', answersHash)
      .where('submittedOn', '>=', dayBefore)
      .limit(1)
      .executeTakeFirst();
    const flags = [
      straightLined(source.definition, source.answers) ? 'straight_line' : null,
      twin ? 'duplicate' : null,
      source.tooFast ? 'too_fast' : null,
    ].filter((f) => f !== null);
    return { quality: flags.length ? 'flagged' : 'ok', flags: flags.join(','), answersHash };
  }

  /**
   * Recounts a campaign from its answer rows (grouped in SQL): for answers loaded in bulk, and the
   * reference the incremental counts are tested against.
   */
  async rebuild(trx: Db, campaignId: string): Promise<void> {
    await trx.deleteFrom('surveyCounts').where('campaignId', '=', campaignId).execute();
    for (const [dim, col] of Object.entries(DIM_COLUMNS)) {
      const v = sql`coalesce(${sql.ref(col)}, '')`;
      await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n)
        select campaign_id, ${dim}, ${v}, '', '', count(*) from survey_responses where campaign_id = ${campaignId} group by campaign_id, ${v}`.execute(trx);
      await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n, value_sum, value_min, value_max)
        select campaign_id, ${dim}, ${v}, question_id, '', count(distinct response_id), sum(value_number), min(value_number), max(value_number)
        from survey_answers where campaign_id = ${campaignId} group by campaign_id, ${v}, question_id`.execute(trx);
      await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n)
        select campaign_id, ${dim}, ${v}, question_id, option_code, count(*)
        from survey_answers where campaign_id = ${campaignId} and option_code is not null group by campaign_id, ${v}, question_id, option_code`.execute(trx);
    }
  }

  /** The campaign's totals per question and option (see `readTotals`). */
  totals(campaignId: string, excludeFlagged = false, trx: Db = this.db): Promise<Omit<CountRow, 'dimValue'>[]> {
    return readTotals(trx, campaignId, excludeFlagged);
  }

  /** Every count of the campaign for one dimension: a few rows per question and value, read by primary key. */
  async read(campaignId: string, dim: CountDim, trx: Db = this.db): Promise<CountRow[]> {
    const rows = await trx
      .selectFrom('surveyCounts')
      .select(['dimValue', 'questionId', 'optionCode', 'n', 'valueSum', 'valueMin', 'valueMax'])
      .where('campaignId', '=', campaignId)
      .where('dim', '=', dim)
      .execute();
    return rows.map((r) => ({ ...r, n: Number(r.n), valueSum: r.valueSum === null ? null : Number(r.valueSum) }));
  }
}
