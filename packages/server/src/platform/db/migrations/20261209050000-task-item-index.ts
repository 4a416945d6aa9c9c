import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// The first pages of a unit's task list (docs/plans.md "Lists, statistics, files"; bench/tasks.bench.ts), SQLite:
// the list index of migration 20261206002000 widened to every column a list item shows, so the page's rows are
// read in one walk of neighbouring index entries instead of one table lookup per row through the primary key
// (page 1 of a unit's 12,500 tasks, the query alone with the CPU caches cold: 1.13 → 0.63 ms). It keeps the old
// index's columns first, in the same order, so it serves every query that one did, and replaces it.
//
// PostgreSQL keeps the narrow index and the deferred join: a B-tree entry must fit in a third of a page (about
// 2.7 kB), and a long title with its criteria could exceed it and make the insert fail.

const LISTED = ['due_on', 'id', 'status', 'completed_on', 'parent_id', 'plan_id', 'lead_user_id', 'title_folded'];
const SHOWN = ['title', 'seq', 'start_on', 'due_working_days', 'priority', 'progress', 'criteria', 'version', 'updated_at'];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('tasks_unit_item_idx')
    .on('tasks')
    .columns(['unit_id', ...LISTED, ...SHOWN])
    .execute();
  await db.schema.dropIndex('tasks_unit_list_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('tasks_unit_list_idx')
    .on('tasks')
    .columns(['unit_id', ...LISTED])
    .execute();
  await db.schema.dropIndex('tasks_unit_item_idx').execute();
}
