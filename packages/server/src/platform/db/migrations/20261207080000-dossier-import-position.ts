import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// The dossier's current status entry (`position_*`, docs/domain/statistics.md#how-cchc-computes-it) is a statistics column
// like `intake_at`: the bulk import derives it while converting a row and stages it with the row, so the
// set-based switch (docs/dossier-imports.md#the-switch) copies it into `dossiers` with the others.

const COLUMNS = ['position_status', 'position_since', 'position_due_at', 'position_supplements'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('dossier_import_rows').addColumn('position_status', 'text').execute();
  await db.schema.alterTable('dossier_import_rows').addColumn('position_since', instant).execute();
  await db.schema.alterTable('dossier_import_rows').addColumn('position_due_at', instant).execute();
  await db.schema.alterTable('dossier_import_rows').addColumn('position_supplements', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of [...COLUMNS].reverse()) await db.schema.alterTable('dossier_import_rows').dropColumn(c).execute();
}
