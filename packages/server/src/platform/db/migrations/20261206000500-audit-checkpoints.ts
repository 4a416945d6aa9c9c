import { sql, type Kysely } from 'kysely';

// Audit chain anchoring (issue #9): signed checkpoints of the chain head. A checkpoint names a row
// (seq, hash) and carries an HMAC-SHA256 made with a key kept outside the database, so deleting the
// last audit rows and moving `audit_head` back is detected: the checkpointed row is gone.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', pg ? sql`timestamptz` : sql`text`, (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_checkpoints_seq_idx').on('audit_checkpoints').column('seq').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
}
