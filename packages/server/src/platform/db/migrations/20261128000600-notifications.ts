import { sql, type Kysely } from 'kysely';

// Outgoing notifications (DOMAIN.md §3.3 step 2, §3.9): e-mail to the applicant on receipt,
// supplement request, apology and result. A row is written in the same transaction as the
// dossier change (an outbox), and sent after commit, so a rolled-back change never mails
// anyone and a mail server outage never blocks the desk. `dossier_id` has no foreign key so
// this table does not depend on the order in which the dossier tables are created.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('next_attempt_at', instant)
    .addColumn('sent_at', instant)
    .execute();
  await db.schema.createIndex('notifications_dossier_idx').on('notifications').column('dossier_id').execute();
  await db.schema.createIndex('notifications_due_idx').on('notifications').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
