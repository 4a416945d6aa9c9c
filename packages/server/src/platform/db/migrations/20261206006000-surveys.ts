import { sql, type Kysely } from 'kysely';

// Satisfaction surveys (issue #12; docs/surveys.md). Questionnaires are versioned JSON definitions;
// a campaign draws its sample into `survey_invitations` (only a hash of each one-time token is kept);
// answers live one row per answered option or value in `survey_answers`, so results are GROUP BYs.
// Anonymity: `survey_responses` of an anonymous campaign carry no invitation, dossier or respondent id
// and only the day of submission; invitations of such a campaign keep no time of use.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('survey_questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Versions of one questionnaire share a family id; a published version is never changed.
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('published_at', instant)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('survey_questionnaires_family_version_unique', ['family_id', 'version_no'])
    .execute();
  await db.schema.createIndex('survey_questionnaires_unit_idx').on('survey_questionnaires').columns(['unit_id', 'updated_at']).execute();

  await db.schema
    .createTable('survey_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('survey_questionnaires.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('opens_on', day, (c) => c.notNull())
    .addColumn('closes_on', day, (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('population_kind', 'text', (c) => c.notNull())
    // JSON: the population's filter (period, units, procedures) and how it is stratified.
    .addColumn('population_filter', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('margin_basis_points', 'integer', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    // Unsigned 32-bit seed of the draw, kept as text (PostgreSQL's integer is signed).
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('open_token_hash', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', instant)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_campaigns_unit_idx').on('survey_campaigns').columns(['unit_id', 'created_at']).execute();

  await db.schema
    .createTable('survey_strata')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('allocated', 'integer', (c) => c.notNull())
    // Positions of the stratum's seeded permutation used so far (sample + replacements).
    .addColumn('drawn', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_strata_pk', ['campaign_id', 'key'])
    .execute();

  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('stratum_key', 'text', (c) => c.notNull())
    .addColumn('draw_no', 'integer', (c) => c.notNull())
    .addColumn('dossier_id', 'text', (c) => c.references('dossiers.id'))
    .addColumn('respondent_name', 'text')
    .addColumn('respondent_email', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', instant)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    // Only for a named (non-anonymous) campaign; an anonymous one never records when a token was used.
    .addColumn('used_on', day)
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_invitations_campaign_idx').on('survey_invitations').columns(['campaign_id', 'stratum_key', 'status', 'used']).execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('submitted_on', day, (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('stratum_key', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('dossier_channel', 'text')
    .addColumn('respondent_group', 'text')
    // Named campaigns only: the invitation answered. Always null in an anonymous campaign.
    .addColumn('invitation_id', 'text', (c) => c.references('survey_invitations.id'))
    .addColumn('entered_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('survey_responses_campaign_idx').on('survey_responses').columns(['campaign_id', 'submitted_on']).execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('option_code', 'text')
    .addColumn('value_number', 'integer')
    .addColumn('value_text', 'text')
    // Copies of the response's breakdown dimensions, so a breakdown is a GROUP BY over this table alone.
    .addColumn('unit_id', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('dossier_channel', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('respondent_group', 'text')
    .execute();
  // Results are GROUP BYs over (campaign, question, option): this index answers them alone.
  await db.schema.createIndex('survey_answers_result_idx').on('survey_answers').columns(['campaign_id', 'question_id', 'option_code', 'response_id']).execute();
  await db.schema.createIndex('survey_answers_response_idx').on('survey_answers').column('response_id').execute();

  // Population of a campaign: returned dossiers of a period, counted and ranked per stratum from an index
  // alone. Each index gives a stratum's rows already in its fixed order (see the survey repository), so the
  // window function needs no sort of the population.
  await db.schema.createIndex('dossiers_survey_procedure_idx').on('dossiers').columns(['status', 'procedure_id', 'finished_at', 'unit_id', 'id']).execute();
  await db.schema.createIndex('dossiers_survey_unit_idx').on('dossiers').columns(['status', 'unit_id', 'finished_at', 'procedure_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_survey_unit_idx').execute();
  await db.schema.dropIndex('dossiers_survey_procedure_idx').execute();
  for (const t of ['survey_answers', 'survey_responses', 'survey_invitations', 'survey_strata', 'survey_campaigns', 'survey_questionnaires']) await db.schema.dropTable(t).execute();
}
