import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// PostgreSQL keeps a staged import row whole in the staging table's own pages (docs/dossier-imports.md
// "The switch"). A staged row holds a dossier's state JSON, its history and timeline arrays and its columns:
// over 2 KB, so PostgreSQL's default storage (`extended`) compressed its largest values and moved some out of
// line into the table's TOAST relation (a 1,000,000-row import wrote 691,263 TOAST chunks), and the switch
// then fetched each of them back, one index lookup per value, to write the dossier, its history and its
// timeline. With `main` storage the values are still compressed but stay in the row (PostgreSQL moves a
// `main` value out of line only when the row would not fit in a page). SQLite has no such storage setting.

/** Sets every column of the staging table stored as `from` ('x' extended, 'm' main) to `to`. */
async function setStorage(db: Kysely<any>, from: 'x' | 'm', to: 'main' | 'extended'): Promise<void> {
  await sql`
    do $$
    declare c record;
    begin
      for c in select attname from pg_attribute
        where attrelid = 'dossier_import_rows'::regclass and attnum > 0 and not attisdropped and attstorage = ${sql.lit(from)}
      loop
        execute format('alter table dossier_import_rows alter column %I set storage ${sql.raw(to)}', c.attname);
      end loop;
    end $$`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await setStorage(db, 'x', 'main');
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await setStorage(db, 'm', 'extended');
}
