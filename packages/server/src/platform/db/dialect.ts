import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether `db` talks to PostgreSQL, for the few queries and migrations whose SQL differs by engine
 * (docs/conventions.md#migrations). The one place that asks: an `instanceof` on Kysely's adapter, which
 * survives minified class names. This file imports only Kysely, so a new migration may use it and stay
 * frozen in time; landed migrations keep their own copies.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
