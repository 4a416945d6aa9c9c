import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// PostgreSQL stages a row's history and timeline as typed arrays, one per field (docs/dossier-imports.md
// "The switch"), instead of the two JSON arrays of migration 20261208020100: the switch then zips them with
// `unnest` rather than reading every field of every element out of JSON text again (`->>` parses the element
// once per field: the timeline's six fields cost about ten microseconds per row, three with arrays). COPY
// parses the arrays' instants while the file is read, beside Node's conversion. SQLite keeps the JSON arrays
// (`json_each`); its staging table is unchanged.

const COLUMNS: Array<[string, string]> = [
  ['event_seqs', 'integer[]'],
  ['event_actions', 'text[]'],
  ['event_froms', 'text[]'],
  ['event_tos', 'text[]'],
  ['event_ats', 'timestamptz[]'],
  ['timeline_seqs', 'integer[]'],
  ['timeline_statuses', 'text[]'],
  ['timeline_starts', 'timestamptz[]'],
  ['timeline_ends', 'timestamptz[]'],
  ['timeline_dues', 'timestamptz[]'],
  ['timeline_supplements', 'integer[]'],
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`alter table dossier_import_rows ${COLUMNS.map(([c, t]) => `add column ${c} ${t} not null default '{}'`).join(', ')}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`alter table dossier_import_rows ${COLUMNS.map(([c]) => `drop column ${c}`).join(', ')}`).execute(db);
}
