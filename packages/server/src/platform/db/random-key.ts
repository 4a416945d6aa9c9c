import { randomInt } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Engine } from './database';

/**
 * A uniformly random signed 32-bit integer in SQL, one per row: the survey draw's key of a dossier
 * (`dossiers.survey_key`, docs/surveys.md "Sampling"). The database fills the key for every writer that leaves
 * it out (a column default on PostgreSQL, a trigger on SQLite); a statement writing many dossiers at once
 * passes this expression so that SQLite's trigger has nothing to do.
 */
export function randomKeySql(engine: Engine): RawBuilder<number> {
  return engine === 'postgres' ? sql<number>`(floor(random() * 4294967296) - 2147483648)::integer` : sql<number>`(random() >> 32)`;
}

/** The same key drawn in the application, for a writer that builds the whole dossier row itself. */
export function randomKey(): number {
  return randomInt(-(2 ** 31), 2 ** 31);
}
