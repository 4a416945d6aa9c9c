import { sql, type Kysely } from 'kysely';

// Generic notifications (issue #10 item 3, docs/architecture.md "Notifications and reminders"). The
// outbox that mailed applicants about their dossiers becomes the log of every notice: to a staff user
// (`recipient_user_id`) in the app (`channel` 'in_app', read when `read_at` is set) and by e-mail
// (`channel` 'email', delivered and retried by the existing outbox loop), or to an address only (the
// applicant's e-mails, unchanged). `notice_id` ties a notice's e-mail row to its in-app row, so the
// bell can show how the e-mail went. `idempotency_key` is unique (NULLs are distinct on both engines),
// so a reminder inserted twice, by two instances or a retried job, is one row. Existing rows are all
// about dossiers: they get entity_kind 'dossier' and their event as the template key.
// Users get an e-mail preference and a language for their notices.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  for (const [name, type] of [
    ['recipient_user_id', sql`text`],
    ['entity_kind', sql`text`],
    ['entity_id', sql`text`],
    ['template_key', sql`text`],
    ['link', sql`text`],
    ['notice_id', sql`text`],
    ['idempotency_key', sql`text`],
    ['read_at', instant],
  ] as const) {
    await db.schema.alterTable('notifications').addColumn(name, type).execute();
  }
  await db.schema.alterTable('notifications').addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi')).execute();
  await sql`update notifications set entity_kind = 'dossier', entity_id = dossier_id where dossier_id is not null`.execute(db);
  await sql`update notifications set template_key = event`.execute(db);
  await db.schema.createIndex('notifications_idempotency_key_idx').on('notifications').column('idempotency_key').unique().execute();
  // The bell: a user's notices newest first, and the unread count, each from one index range.
  await db.schema.createIndex('notifications_recipient_idx').on('notifications').columns(['recipient_user_id', 'channel', 'created_at']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['recipient_user_id', 'channel', 'read_at']).execute();
  await db.schema.createIndex('notifications_notice_idx').on('notifications').column('notice_id').execute();

  await db.schema.alterTable('users').addColumn('email_notifications', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('users').addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locale').execute();
  await db.schema.alterTable('users').dropColumn('email_notifications').execute();
  for (const idx of ['notifications_notice_idx', 'notifications_unread_idx', 'notifications_recipient_idx', 'notifications_idempotency_key_idx']) {
    await db.schema.dropIndex(idx).execute();
  }
  for (const col of ['locale', 'read_at', 'idempotency_key', 'notice_id', 'link', 'template_key', 'entity_id', 'entity_kind', 'recipient_user_id']) {
    await db.schema.alterTable('notifications').dropColumn(col).execute();
  }
}
