import { sql, type Kysely } from 'kysely';

// Double entry of paper forms (issue #12 item 5; docs/surveys.md, "Invitations"): the first keying of a
// form waits here as `pending` and counts nowhere; a second staff member re-keys it, and only then is the
// response written and counted (status `confirmed`, the answers cleared from this row so the form's answers
// live in one place only, `survey_answers`).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const day = isPostgres(db) ? sql`date` : sql`text`;
  await db.schema
    .createTable('survey_paper_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON of the first keying while pending; null once confirmed.
    .addColumn('answers', 'text')
    .addColumn('respondent_group', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('entered_on', day, (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_paper_entries_campaign_idx').on('survey_paper_entries').columns(['campaign_id', 'status', 'entered_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_paper_entries').execute();
}
