import type { Kysely } from 'kysely';

// The staff queue page (issue #9, defect 11): every queue's count and the page of the list come from one
// pass over this narrow covering index instead of the wide rows (a row carries its state JSON, about a
// page on SQLite). It holds what the queues test (status, running clock, due day, assignee), the three
// scope columns, the sort keys and the searched name; status first, so a status queue is a range.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('dossiers_queue_idx')
    .on('dossiers')
    .columns(['status', 'clock_running', 'due_date', 'assignee_id', 'unit_id', 'processing_unit_id', 'current_unit_id', 'due_at', 'received_at', 'code', 'applicant_name_folded'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_queue_idx').execute();
}
