import { sql, type Kysely } from 'kysely';

// The unit tree as a closure table (issue #11 item 7, docs/architecture.md#unit-tree): one row per
// (ancestor, descendant) pair, the unit itself at depth 0, so "this unit and everything below it" is one
// indexed lookup instead of a recursive query. Triggers keep it current in the same statement as every
// insert, move (a new parent_id) and delete of a unit, whoever writes (the application, the CLI, the demo and
// benchmark seeders); a move under the unit's own subtree is refused (`unit.cycle`). `UnitTree.rebuild`
// (platform/units/unit-tree.ts) recomputes it from parent_id.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/** Every pair, from parent_id: the definition the triggers maintain (used once here to fill the table). */
const FILL = sql`
  insert into unit_closure (ancestor_id, descendant_id, depth)
  with recursive c(ancestor_id, descendant_id, depth) as (
    select id, id, 0 from units
    union all
    select c.ancestor_id, u.id, c.depth + 1 from units u join c on u.parent_id = c.descendant_id
  )
  select ancestor_id, descendant_id, depth from c`;

/** A new unit: its parent's ancestors one level further, and itself. */
const ON_INSERT = sql.raw(`
  insert into unit_closure (ancestor_id, descendant_id, depth)
    select ancestor_id, new.id, depth + 1 from unit_closure where descendant_id = new.parent_id
    union all select new.id, new.id, 0;`);

/** A moved unit: its subtree loses the ancestors above it, and gains the new parent's (a subtree move). */
const ON_MOVE = sql.raw(`
  delete from unit_closure
    where descendant_id in (select descendant_id from unit_closure where ancestor_id = new.id)
      and ancestor_id not in (select descendant_id from unit_closure where ancestor_id = new.id);
  insert into unit_closure (ancestor_id, descendant_id, depth)
    select a.ancestor_id, d.descendant_id, a.depth + d.depth + 1
    from unit_closure a join unit_closure d on d.ancestor_id = new.id
    where a.descendant_id = new.parent_id;`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_closure')
    .addColumn('ancestor_id', 'text', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('descendant_id', 'text', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_closure_pk', ['ancestor_id', 'descendant_id'])
    .execute();
  await db.schema.createIndex('unit_closure_descendant_idx').on('unit_closure').columns(['descendant_id', 'ancestor_id', 'depth']).execute();
  await FILL.execute(db);

  if (isPostgres(db)) {
    await sql`
      create function unit_closure_insert() returns trigger language plpgsql as $$
      begin
        ${ON_INSERT}
        return null;
      end $$`.execute(db);
    await sql`
      create function unit_closure_check_move() returns trigger language plpgsql as $$
      begin
        if new.parent_id is not null and exists (select 1 from unit_closure where ancestor_id = new.id and descendant_id = new.parent_id) then
          raise exception 'unit.cycle' using errcode = '23514';
        end if;
        return new;
      end $$`.execute(db);
    await sql`
      create function unit_closure_move() returns trigger language plpgsql as $$
      begin
        ${ON_MOVE}
        return null;
      end $$`.execute(db);
    await sql`create trigger units_closure_insert after insert on units for each row execute function unit_closure_insert()`.execute(db);
    await sql`create trigger units_closure_check_move before update of parent_id on units for each row when (new.parent_id is distinct from old.parent_id) execute function unit_closure_check_move()`.execute(db);
    await sql`create trigger units_closure_move after update of parent_id on units for each row when (new.parent_id is distinct from old.parent_id) execute function unit_closure_move()`.execute(db);
  } else {
    await sql`
      create trigger units_closure_insert after insert on units begin
        ${ON_INSERT}
      end`.execute(db);
    await sql`
      create trigger units_closure_check_move before update of parent_id on units when new.parent_id is not old.parent_id begin
        select raise(abort, 'unit.cycle') where exists (select 1 from unit_closure where ancestor_id = new.id and descendant_id = new.parent_id);
      end`.execute(db);
    await sql`
      create trigger units_closure_move after update of parent_id on units when new.parent_id is not old.parent_id begin
        ${ON_MOVE}
      end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists units_closure_move${isPostgres(db) ? sql` on units` : sql``}`.execute(db);
  await sql`drop trigger if exists units_closure_check_move${isPostgres(db) ? sql` on units` : sql``}`.execute(db);
  await sql`drop trigger if exists units_closure_insert${isPostgres(db) ? sql` on units` : sql``}`.execute(db);
  if (isPostgres(db)) {
    await sql`drop function if exists unit_closure_move()`.execute(db);
    await sql`drop function if exists unit_closure_check_move()`.execute(db);
    await sql`drop function if exists unit_closure_insert()`.execute(db);
  }
  await db.schema.dropTable('unit_closure').execute();
}
