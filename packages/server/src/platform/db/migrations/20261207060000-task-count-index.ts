import type { Kysely } from 'kysely';

// The count of a unit's task list (docs/plans.md "Lists, statistics, files"; bench/tasks.bench.ts): the
// covering list index carries nine columns (the title among them), so counting a unit's 12,500 tasks read
// twice the pages it needs. This narrow index holds only what the count and the bucket filters test (owner
// unit, due day, status, completion day): the plain count and the overdue / due-soon counts scan it, the
// page still walks the list index in due-day order. EXPLAIN QUERY PLAN on 100,000 tasks: "SEARCH t USING
// COVERING INDEX tasks_unit_due_idx (unit_id=? AND due_on<?)", CPU per count halved (0.8 → 0.36 ms plain).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_unit_due_idx').on('tasks').columns(['unit_id', 'due_on', 'status', 'completed_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_unit_due_idx').execute();
}
