import { sql, type Kysely } from 'kysely';

// Reform plans and tasks (docs/plans.md). A plan is an agency's document that assigns tasks (the annual PAR
// plan, a leader's conclusion, a thematic plan); a task is owned by one unit, has at most one level of
// sub-tasks, and keeps a journal. `agency_id` on a task copies its plan's unit so a scope test needs no
// join; the list indexes lead with the scope column and end with the sort key (due day, then id).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('document_date', day)
    .addColumn('signer', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_on', day)
    .addColumn('closed_on', day)
    .addColumn('requires_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plans_unit_year_idx').on('plans').columns(['unit_id', 'year']).execute();
  await db.schema.createIndex('plans_year_idx').on('plans').columns(['year', 'kind']).execute();

  // "Issued on time" is judged against a due day set per agency and year (the province's deadline).
  await db.schema
    .createTable('plan_settings')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('annual_plan_due_on', day, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_settings_pk', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('parent_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('lead_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('expected_output', 'text')
    .addColumn('start_on', day)
    .addColumn('due_on', day, (c) => c.notNull())
    .addColumn('due_working_days', 'integer')
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_on', day)
    .addColumn('completed_on', day)
    .addColumn('completion_note', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('assigned_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', instant)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  // Covering list indexes: the scope column, the sort key, then what the bucket filters and the search read,
  // so a unit's list and its count never touch the wide rows (bench/tasks.bench.ts, 100,000 tasks).
  const listed = ['due_on', 'id', 'status', 'completed_on', 'parent_id', 'plan_id', 'lead_user_id', 'title_folded'];
  await db.schema.createIndex('tasks_unit_list_idx').on('tasks').columns(['unit_id', ...listed]).execute();
  await db.schema.createIndex('tasks_agency_list_idx').on('tasks').columns(['agency_id', ...listed]).execute();
  await db.schema.createIndex('tasks_lead_due_idx').on('tasks').columns(['lead_user_id', 'due_on', 'id']).execute();
  await db.schema.createIndex('tasks_plan_idx').on('tasks').columns(['plan_id', 'seq']).execute();
  await db.schema.createIndex('tasks_parent_idx').on('tasks').column('parent_id').execute();

  await db.schema
    .createTable('task_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_units_unit_idx').on('task_units').column('unit_id').execute();

  await db.schema
    .createTable('task_journal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer')
    .addColumn('note', 'text')
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_journal_task_idx').on('task_journal').columns(['task_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['task_journal', 'task_units', 'tasks', 'plan_settings', 'plans']) await db.schema.dropTable(t).execute();
}
