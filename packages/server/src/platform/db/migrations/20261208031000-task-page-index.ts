import type { Kysely } from 'kysely';

// The task list's page in due-day order (docs/plans.md "Lists, statistics, files"; bench/tasks.bench.ts): the
// page's ids are found by walking an index of the owner unit in (due day, id) order past the offset. The list
// index carries nine columns (the folded title among them); this one only what the walk and the bucket filters
// read (owner unit, due day, id, status, completion day), so a deep page reads shorter entries: page 500 of a
// unit's 14,290 tasks, the ids query alone, 0.6–1.0 → 0.34–0.41 ms (SQLite, EXPLAIN QUERY PLAN "SEARCH t
// USING COVERING INDEX tasks_unit_page_idx (unit_id=?)").

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_unit_page_idx').on('tasks').columns(['unit_id', 'due_on', 'id', 'status', 'completed_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_unit_page_idx').execute();
}
