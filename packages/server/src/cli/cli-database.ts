import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { databaseLabel, demoConfig } from '../demo/demo-config';
import { loadConfig, type Config } from '../platform/config';
import { openDatabase, type DbHandle } from '../platform/db/database';
import { MIGRATIONS } from '../platform/db/migrations';

/** An error the CLI prints as its one line (the message says what to do), exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** The server's settings (same `loadConfig`), or the demo's with `--demo` (as `npm run demo` uses them). */
export function cliConfig(demo: boolean, env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return demo ? demoConfig(env) : loadConfig(env);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** Names of the migrations applied to a database, in order; null when it has no migration table (never set up). */
export async function appliedMigrations(h: DbHandle): Promise<string[] | null> {
  const exists =
    h.engine === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(h.db)
      : await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = current_schema() and tablename = 'kysely_migration'`.execute(h.db);
  if (Number(exists.rows[0]!.n) === 0) return null;
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(h.db);
  return rows.rows.map((r) => r.name);
}

/** Opens the database for writing (creates the SQLite file when missing): migrate, create-admin, restore. */
export function openForWrite(config: Config): DbHandle {
  return openDatabase(config);
}

/**
 * Opens an existing, fully migrated database for reading; never creates one. SQLite is opened
 * read-only. Throws a CliError naming the database and the fix when it is missing, empty or behind.
 */
export async function openExisting(config: Config, opts: { readonly?: boolean } = {}): Promise<DbHandle> {
  const where = databaseLabel(config);
  const demoHint = config.sqliteFile.endsWith('demo.sqlite') ? 'run `npm run demo` once to create it' : "give --demo for the demo's database";
  if (!config.databaseUrl && !existsSync(config.sqliteFile)) {
    throw new CliError(`No database at ${where}: check DATA_DIR and DATABASE_URL (or ${demoHint}), or run \`npm run cli -- migrate\` to create one.`);
  }
  const h = openDatabase({ ...config, readonly: opts.readonly ?? true });
  try {
    const applied = await appliedMigrations(h);
    if (!applied || applied.length === 0) {
      throw new CliError(
        `The database ${where} is not set up (no tables): check DATA_DIR and DATABASE_URL (or ${demoHint}), or run \`npm run cli -- migrate\`.`,
      );
    }
    const unknown = applied.find((m) => !(m in MIGRATIONS));
    if (unknown) throw new CliError(`The database ${where} was migrated by a newer CCHC (${unknown}): run this command with that version.`);
    const pending = Object.keys(MIGRATIONS).filter((m) => !applied.includes(m));
    if (pending.length)
      throw new CliError(`The database ${where} lacks ${pending.length} migration(s) (${pending[0]}…): run \`npm run cli -- migrate\` first.`);
    return h;
  } catch (e) {
    await h.close();
    throw e;
  }
}
