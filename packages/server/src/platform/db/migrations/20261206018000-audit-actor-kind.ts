import type { Kysely } from 'kysely';

// Who an audit row is attributed to (issue #13 item 9): 'citizen' for what an applicant did on the public
// site (filing, rating), so the audit page shows the citizen instead of "system". Null on older rows and for
// users and the system, which the reader tells apart by actor_id. The chain hash covers the column only when
// it is set, so rows written before it keep their hashes (docs/architecture.md § Audit log).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('actor_kind', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('actor_kind').execute();
}
