import type { Kysely } from 'kysely';

// The PAR lists read each assessment's totals from its row instead of recomputing every scorecard per
// request (issue #14 item 4; docs/architecture.md "PAR index"). Every write of an assessment (a score, a
// transition, a published result, a change of its set's rounding or bands) stores the computed total of
// the current layer, the maximum, the index and the band in the same transaction. A scorecard needs the
// domain's rules, which a migration may not import, so existing rows start with `summary_stale = 1` and the
// application fills them at start-up (ParSummaryService.backfill) before it serves a request.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('par_assessments')
    .addColumn('computed_total_hundredths', 'integer')
    .execute();
  await db.schema.alterTable('par_assessments').addColumn('total_layer', 'text').execute();
  await db.schema.alterTable('par_assessments').addColumn('max_hundredths', 'integer').execute();
  await db.schema.alterTable('par_assessments').addColumn('percent_basis_points', 'integer').execute();
  await db.schema.alterTable('par_assessments').addColumn('band', 'text').execute();
  await db.schema.alterTable('par_assessments').addColumn('summary_stale', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  // The list without a year pages by (year desc, agency); the ranking reads a year's finished results.
  await db.schema.createIndex('par_assessments_rank_idx').on('par_assessments').columns(['year', 'status', 'percent_basis_points']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('par_assessments_rank_idx').execute();
  for (const c of ['summary_stale', 'band', 'percent_basis_points', 'max_hundredths', 'total_layer', 'computed_total_hundredths']) {
    await db.schema.alterTable('par_assessments').dropColumn(c).execute();
  }
}
