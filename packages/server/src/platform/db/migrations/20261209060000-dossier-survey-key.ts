import { sql, type Kysely } from 'kysely';

// The survey draw's stored random key (issue #12 target "sampling 1,000,000 returned dossiers into 385 × 30 strata
// in ≤ 2 s"; docs/surveys.md "Sampling"). Every dossier gets `survey_key`, a uniformly random signed 32-bit
// integer drawn once when it is written, and returned dossiers are indexed by (stratum, key, id): a stratum's
// sample is then the first n keys at or above the campaign's seed-derived offset (wrapping round), one index
// range read, instead of hashing every dossier of the population with the seed.
//
// The database fills the key for every writer (the service, the bulk import's switch, the CLI, seeders):
// PostgreSQL by a volatile column default, which also gives each existing row its own value while the column
// is added (one rewrite of the table); SQLite cannot add a column with a non-constant default, so existing rows
// are filled by one UPDATE and a trigger replaces the constant default of any row inserted without a key. Writers that insert many rows
// at once (the import's switch) pass the key themselves, so the trigger has nothing to do for them.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/** A uniformly random signed 32-bit integer, in each engine's SQL. */
const RANDOM_KEY_PG = '(floor(random() * 4294967296) - 2147483648)::integer';
const RANDOM_KEY_SQLITE = '(random() >> 32)';

// Each carries what the population's filter reads (the period, the unit) so the walk reads the index alone; the
// optional choice of procedures in a campaign by unit or without strata is checked on the row (one id per entry
// less: these entries are about 130 bytes, 125 MB for 1,000,000 returned dossiers).
const INDEXES: Array<[string, string]> = [
  ['dossiers_survey_key_procedure_idx', 'procedure_id, survey_key, id, finished_at, unit_id'],
  ['dossiers_survey_key_unit_idx', 'unit_id, survey_key, id, finished_at'],
  ['dossiers_survey_key_idx', 'survey_key, id, finished_at, unit_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`alter table dossiers add column survey_key integer not null default ${RANDOM_KEY_PG}`).execute(db);
  } else {
    // Not null like PostgreSQL's: a row inserted without a key gets the default 2³², outside every key's range,
    // which the trigger replaces at once by a random key.
    await sql`alter table dossiers add column survey_key integer not null default 4294967296`.execute(db);
    await sql.raw(`update dossiers set survey_key = ${RANDOM_KEY_SQLITE}`).execute(db);
    await sql
      .raw(
        `create trigger dossiers_survey_key after insert on dossiers when new.survey_key = 4294967296
         begin update dossiers set survey_key = ${RANDOM_KEY_SQLITE} where rowid = new.rowid; end`,
      )
      .execute(db);
  }
  // Only returned dossiers can be sampled: partial indexes, so other dossiers cost them nothing.
  for (const [name, columns] of INDEXES) await sql.raw(`create index ${name} on dossiers (${columns}) where status = 'returned'`).execute(db);
  if (isPostgres(db)) await sql`analyze dossiers`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
  if (!isPostgres(db)) await sql`drop trigger dossiers_survey_key`.execute(db);
  await sql`alter table dossiers drop column survey_key`.execute(db);
}
