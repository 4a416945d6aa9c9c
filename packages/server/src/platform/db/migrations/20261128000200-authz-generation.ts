import type { Kysely } from 'kysely';

// A counter bumped by every change to units or role assignments. The server caches each user's
// resolved scope under the generation it was computed at, so a change anywhere invalidates every
// cached scope on every server instance at the next request.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('authz_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('authz_state').values({ id: 1, generation: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('authz_state').execute();
}
