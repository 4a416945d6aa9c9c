import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// The task list's search (docs/plans.md "Lists, statistics, files"; bench/tasks.bench.ts): `q` is matched
// as a substring of the folded title (`title_folded`: lower case, diacritics removed, written by every
// writer), `like '%…%'`, which no B-tree index serves: a unit's 12,500 folded titles were read per request.
//
// PostgreSQL: a trigram GIN index on the folded title, which the planner uses for `like '%…%'` when it is
// selective. `pg_trgm` ships with PostgreSQL and is a trusted extension (13+): the database's owner may
// create it without superuser rights. Where it cannot be created (no contrib package, no CREATE right) the
// migration goes on without the index and the search keeps its scan: same answers, slower.
//
// Both engines: a narrow index (owner unit, folded title). A unit's search scans it instead of the nine-column
// list index: SQLite decodes a short record per task (a unit's count with `like`: 2.55 → 1.08 ms; with the
// repository's `instr`, 0.74 ms, on 14,290 tasks of one unit).
//
// SQLite keeps a scan: an FTS5 trigram table was tried and dropped, its phrase queries read the posting
// lists of every common trigram ("nhi", "iem", " vu" occur in nearly every title) and took 3.5 ms for a
// selective search and 165 ms for "nhiem vu" on 100,000 tasks.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_unit_title_idx').on('tasks').columns(['unit_id', 'title_folded']).execute();
  if (isPostgres(db)) {
    await sql
      .raw(
        `do $$ begin
           create extension if not exists pg_trgm;
         exception when others then
           raise notice 'pg_trgm cannot be created (%): the task search scans without an index', sqlerrm;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `do $$ begin
           if exists (select 1 from pg_extension where extname = 'pg_trgm') then
             create index tasks_title_trgm_idx on tasks using gin (title_folded gin_trgm_ops);
           end if;
         end $$`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // The extension stays: it may serve other things of the database.
    await sql.raw('drop index if exists tasks_title_trgm_idx').execute(db);
  }
  await db.schema.dropIndex('tasks_unit_title_idx').execute();
}
