import type { Kysely } from 'kysely';

// The leader's overview charts the on-time rate of the year month by month (docs/overview.md): dossiers whose
// processing ended in the year, and how many after the statutory due moment, in the units in scope. This
// index answers it from a range of its first column without reading the wide rows (1,000,000 dossiers on
// PostgreSQL: a 0.8 s table scan before; issue #10's target for the overview is 500 ms).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('dossiers_completion_idx')
    .on('dossiers')
    .columns(['end_of_processing_at', 'statutory_due_at', 'unit_id', 'processing_unit_id', 'current_unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_completion_idx').execute();
}
