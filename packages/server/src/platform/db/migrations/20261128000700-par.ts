import { sql, type Kysely } from 'kysely';

// PAR index (Chỉ số CCHC, DOMAIN.md §7): criteria sets and their rows, assessments of an agency for a
// year, per-row scores in layers (self, appraised, final), and the evidence register linked to rows.
// Scores are integer hundredths; rules and bands are JSON as TEXT on both engines; flags are 0/1.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('par_criteria_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('legal_basis_number', 'text')
    .addColumn('legal_basis_date', day)
    .addColumn('rounding', 'text', (c) => c.notNull())
    .addColumn('not_applicable_method', 'text', (c) => c.notNull())
    .addColumn('bands_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('par_criteria_sets_owner_year_idx').on('par_criteria_sets').columns(['owner_unit_id', 'year']).execute();

  await db.schema
    .createTable('par_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('set_id', 'text', (c) => c.notNull().references('par_criteria_sets.id').onDelete('cascade'))
    .addColumn('parent_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('max_hundredths', 'integer', (c) => c.notNull())
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('evidence_required', 'integer', (c) => c.notNull())
    .addColumn('responsible_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('metric', 'text')
    .addColumn('not_self_scored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addUniqueConstraint('par_criteria_set_code_unique', ['set_id', 'code'])
    .execute();

  await db.schema
    .createTable('par_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('set_id', 'text', (c) => c.notNull().references('par_criteria_sets.id'))
    .addColumn('agency_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_total_hundredths', 'integer')
    .addColumn('reported_rank', 'integer')
    .addColumn('rank_group_size', 'integer')
    .addColumn('published_ref', 'text')
    .addColumn('published_fields_json', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('par_assessments_agency_year_unique', ['agency_unit_id', 'year'])
    .execute();
  await db.schema.createIndex('par_assessments_year_idx').on('par_assessments').column('year').execute();

  await db.schema
    .createTable('par_scores')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('par_assessments.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('par_criteria.id'))
    .addColumn('self_hundredths', 'integer')
    .addColumn('self_note', 'text')
    .addColumn('appraised_hundredths', 'integer')
    .addColumn('appraiser_comment', 'text')
    .addColumn('final_hundredths', 'integer')
    .addColumn('not_applicable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('par_scores_pk', ['assessment_id', 'criterion_id'])
    .execute();

  await db.schema
    .createTable('par_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('par_assessments.id').onDelete('cascade'))
    .addColumn('number_symbol', 'text', (c) => c.notNull())
    .addColumn('issued_on', day)
    .addColumn('issuer', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('attachment_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('par_evidence_assessment_idx').on('par_evidence').column('assessment_id').execute();

  await db.schema
    .createTable('par_evidence_links')
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('par_evidence.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('par_criteria.id'))
    .addPrimaryKeyConstraint('par_evidence_links_pk', ['evidence_id', 'criterion_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('par_evidence_links').execute();
  await db.schema.dropTable('par_evidence').execute();
  await db.schema.dropTable('par_scores').execute();
  await db.schema.dropTable('par_assessments').execute();
  await db.schema.dropTable('par_criteria').execute();
  await db.schema.dropTable('par_criteria_sets').execute();
}
