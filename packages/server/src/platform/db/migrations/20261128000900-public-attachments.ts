import { sql, type Kysely } from 'kysely';

// Components a citizen uploads with an online filing (issue #4) are attached to the dossier without
// a user: `attachments.created_by` becomes nullable (null = the applicant, through the public site).
// PostgreSQL drops the constraint; SQLite cannot, so the table is rebuilt (nothing references it).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

async function rebuildSqlite(db: Kysely<any>, createdByNotNull: boolean): Promise<void> {
  await db.schema
    .createTable('attachments_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().references('files.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('owner_entity', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'text', (c) => (createdByNotNull ? c.notNull().references('users.id') : c.references('users.id')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into attachments_rebuilt (id, sha256, file_name, owner_entity, owner_id, unit_id, created_by, created_at)
    select id, sha256, file_name, owner_entity, owner_id, unit_id, created_by, created_at from attachments`.execute(db);
  await db.schema.dropTable('attachments').execute();
  await sql`alter table attachments_rebuilt rename to attachments`.execute(db);
  await db.schema.createIndex('attachments_owner_idx').on('attachments').columns(['owner_entity', 'owner_id']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table attachments alter column created_by drop not null`.execute(db);
  else await rebuildSqlite(db, false);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from attachments where created_by is null`.execute(db);
  if (isPostgres(db)) await sql`alter table attachments alter column created_by set not null`.execute(db);
  else await rebuildSqlite(db, true);
}
