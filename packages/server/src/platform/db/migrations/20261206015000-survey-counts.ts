import { sql, type Kysely } from 'kysely';

// Survey results read counts, not answers (issue #12; docs/surveys.md, "Results"). Each submission adds
// its counts here in its own transaction, once per breakdown dimension: `dim` is unit, procedure,
// channel, mode or group and `dim_value` the response's value ('' when it has none). A row with
// question_id '' counts responses; option_code '' counts the answers of a question (with the sum, min
// and max of a number question); any other option_code counts that option. The 'mode' rows, whose value
// is never empty, add up to the campaign's totals. No row refers to a response.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const DIMS = [
  ['unit', 'unit_id'],
  ['procedure', 'procedure_code'],
  ['channel', 'dossier_channel'],
  ['mode', 'mode'],
  ['group', 'respondent_group'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const big = isPostgres(db) ? 'bigint' : 'integer';
  await db.schema
    .createTable('survey_counts')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_value', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('option_code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('value_sum', big)
    .addColumn('value_min', 'integer')
    .addColumn('value_max', 'integer')
    .addPrimaryKeyConstraint('survey_counts_pk', ['campaign_id', 'dim', 'dim_value', 'question_id', 'option_code'])
    .execute();

  // Campaigns answered before this table existed get their counts from their answers.
  for (const [dim, col] of DIMS) {
    const v = sql.raw(`coalesce(${col}, '')`);
    await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n)
      select campaign_id, ${dim}, ${v}, '', '', count(*) from survey_responses group by campaign_id, ${v}`.execute(db);
    await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n, value_sum, value_min, value_max)
      select campaign_id, ${dim}, ${v}, question_id, '', count(distinct response_id), sum(value_number), min(value_number), max(value_number)
      from survey_answers group by campaign_id, ${v}, question_id`.execute(db);
    await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n)
      select campaign_id, ${dim}, ${v}, question_id, option_code, count(*)
      from survey_answers where option_code is not null group by campaign_id, ${v}, question_id, option_code`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_counts').execute();
}
