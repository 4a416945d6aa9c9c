import type { Kysely } from 'kysely';

// The shortest believable completion time of a campaign's questionnaire, in seconds (issue #12 item 6;
// docs/surveys.md, "Results"): a web response sent faster is flagged `too_fast`; 0 turns the check off.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_campaigns').addColumn('min_duration_seconds', 'integer', (c) => c.notNull().defaultTo(60)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_campaigns').dropColumn('min_duration_seconds').execute();
}
