import { sql, type Kysely } from 'kysely';

// Data-quality flags on survey responses (issue #12 item 6; docs/surveys.md, "Results"): each response
// keeps its flags (`straight_line`, `duplicate`, comma-separated, '' when none), its `quality` ('ok' or
// 'flagged', copied on its answer rows like the other breakdown dimensions) and a SHA-256 of its answers
// alone to find the same answers submitted again. The counts gain a `quality` dimension, so the results
// can leave the flagged responses out; existing campaigns get it from their 'mode' rows (no flags then).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_responses').addColumn('quality', 'text', (c) => c.notNull().defaultTo('ok')).execute();
  await db.schema.alterTable('survey_responses').addColumn('flags', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('survey_responses').addColumn('answers_hash', 'text').execute();
  await db.schema.alterTable('survey_answers').addColumn('quality', 'text', (c) => c.notNull().defaultTo('ok')).execute();
  await db.schema.createIndex('survey_responses_answers_hash_idx').on('survey_responses').columns(['campaign_id', 'answers_hash', 'submitted_on']).execute();
  await sql`insert into survey_counts (campaign_id, dim, dim_value, question_id, option_code, n, value_sum, value_min, value_max)
    select campaign_id, 'quality', 'ok', question_id, option_code, sum(n), sum(value_sum), min(value_min), max(value_max)
    from survey_counts where dim = 'mode' group by campaign_id, question_id, option_code`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from survey_counts where dim = 'quality'`.execute(db);
  await db.schema.dropIndex('survey_responses_answers_hash_idx').execute();
  await db.schema.alterTable('survey_answers').dropColumn('quality').execute();
  await db.schema.alterTable('survey_responses').dropColumn('answers_hash').execute();
  await db.schema.alterTable('survey_responses').dropColumn('flags').execute();
  await db.schema.alterTable('survey_responses').dropColumn('quality').execute();
}
