import type { Kysely } from 'kysely';

// API tokens may carry an expiry instant (issue #9, defect 8); null = no expiry, as every existing token.
// timestamptz on PostgreSQL, ISO text on SQLite, as every instant (docs/architecture.md, "Database").

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('expires_at', isPostgres(db) ? 'timestamptz' : 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
