import { type Kysely } from 'kysely';

// What a running import is doing and how long each part took (issue #11 item 5, docs/dossier-imports.md#the-switch):
// `phase` is 'reading' (read, convert, stage), 'checking' (duplicates, codes of other units) or 'switching';
// `phase_step` counts the switch's statements done, which PostgreSQL shows while the one transaction runs
// (`rows_written` only moves at its commit); `timings` is JSON of milliseconds per phase and switch statement.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dossier_imports').addColumn('phase', 'text').execute();
  await db.schema
    .alterTable('dossier_imports')
    .addColumn('phase_step', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('dossier_imports')
    .addColumn('timings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['timings', 'phase_step', 'phase']) await db.schema.alterTable('dossier_imports').dropColumn(c).execute();
}
