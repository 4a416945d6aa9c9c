import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, NO_MIGRATIONS, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, engines } from '../../../test/harness';
import { openDatabase, type DbHandle } from './database';
import { MIGRATIONS } from './migrations';
import { columnsOf, schemaColumns, type ColumnShape } from '../../../test/schema-check';

// Migrations are history (docs/conventions.md#migrations): a landed file is locked by its hash, every
// migration goes down and up again on both engines, and schema.ts describes the database they build.

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, 'migrations');
const lock = JSON.parse(readFileSync(join(here, 'migrations.lock.json'), 'utf8')) as Record<string, string>;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

/** The hash scripts/lock-migrations.mjs writes: SHA-256 of the text with `\n` line endings. */
const hashOf = (name: string) =>
  createHash('sha256')
    .update(readFileSync(join(dir, `${name}.ts`), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('migration files are locked', () => {
  it('every file is registered in MIGRATIONS and every registered name has its file', () => {
    expect(Object.keys(MIGRATIONS).sort()).toEqual(files);
  });

  it('every file is in migrations.lock.json (run `npm run lock:migrations` after adding one)', () => {
    const unlocked = files.filter((f) => !(f in lock));
    expect(unlocked, `not locked yet: run \`npm run lock:migrations\` and commit the lock with ${unlocked.join(', ')}`).toEqual([]);
    const gone = Object.keys(lock).filter((name) => !files.includes(name));
    expect(gone, 'locked migrations whose file is gone: a landed migration is never deleted').toEqual([]);
  });

  it.each(files.filter((f) => f in lock))('%s is unchanged since it was locked', (name) => {
    expect(
      hashOf(name),
      `${name}.ts changed after it landed. A landed migration is history, not even a comment changes: restore it ` +
        `(git checkout main -- <file>) and put the change in a new migration (docs/conventions.md#migrations).`,
    ).toBe(lock[name]);
  });
});

async function openFresh(engine: (typeof engines)[number]): Promise<{ h: DbHandle; cleanup: () => Promise<void> }> {
  if (engine === 'postgres') {
    const pgdb = await createPgDatabase();
    const h = openDatabase({ databaseUrl: pgdb.url, sqliteFile: '' });
    return { h, cleanup: async () => (await h.close(), await pgdb.drop()) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-migrations-'));
  const h = openDatabase({ databaseUrl: null, sqliteFile: join(dataDir, 'cchc.sqlite') });
  return { h, cleanup: async () => (await h.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

async function run(result: Promise<{ error?: unknown; results?: { migrationName: string; status: string }[] }>) {
  const { error, results } = await result;
  if (error) throw error;
  return (results ?? []).map((r) => `${r.migrationName}:${r.status}`);
}

describe.each(engines)('migrations on %s', (engine) => {
  let h: DbHandle;
  let cleanup: () => Promise<void>;
  let firstUp: Record<string, Record<string, ColumnShape>>;

  beforeAll(async () => {
    ({ h, cleanup } = await openFresh(engine));
    await run(migrator(h.db).migrateToLatest());
    firstUp = await columnsOf(h.db);
  });
  afterAll(async () => cleanup?.());

  it('schema.ts names every table and column the migrations create, with its type family and nullability', async () => {
    const declared = schemaColumns();
    const problems: string[] = [];
    for (const [table, columns] of Object.entries(firstUp)) {
      const d = declared[table];
      if (!d) {
        problems.push(`${table}: a table in the database, missing from Database in schema.ts`);
        continue;
      }
      for (const [column, actual] of Object.entries(columns)) {
        const want = d[column];
        if (!want) problems.push(`${table}.${column}: a column in the database, missing from schema.ts`);
        else {
          if (want.family !== actual.family)
            problems.push(`${table}.${column}: schema.ts says ${want.family}, the database has ${actual.family} (${actual.dbType})`);
          if (want.nullable !== actual.nullable)
            problems.push(
              `${table}.${column}: schema.ts says ${want.nullable ? 'nullable' : 'not null'}, the database ${actual.nullable ? 'allows null' : 'is not null'}`,
            );
        }
      }
      // An optional column of schema.ts exists on one engine only (e.g. PostgreSQL's typed arrays of staging).
      for (const [column, want] of Object.entries(d))
        if (!columns[column] && !want.optional) problems.push(`${table}.${column}: in schema.ts, no such column in the database`);
    }
    for (const table of Object.keys(declared)) if (!firstUp[table]) problems.push(`${table}: in schema.ts, no such table in the database`);
    expect(problems).toEqual([]);
  });

  it('every migration goes down to nothing and up again to the same tables and columns', async () => {
    const down = await run(migrator(h.db).migrateTo(NO_MIGRATIONS));
    expect(down).toHaveLength(files.length);
    expect(down.every((r) => r.endsWith(':Success'))).toBe(true);
    expect(Object.keys(await columnsOf(h.db))).toEqual([]);
    const up = await run(migrator(h.db).migrateToLatest());
    expect(up).toEqual(files.map((f) => `${f}:Success`));
    expect(await columnsOf(h.db)).toEqual(firstUp);
  });
});
