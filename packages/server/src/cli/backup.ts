import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../platform/config';
import { openDatabase, type DbHandle } from '../platform/db/database';
import { MIGRATIONS } from '../platform/db/migrations';
import { appliedMigrations, CliError, openExisting } from './cli-database';
import { extractTarGz, writeTarGz, type TarEntry } from './tar';

/**
 * Backup archive (docs/architecture.md "Backups"): one .tar.gz holding
 *   database.sqlite   SQLite online-backup copy, or database.pgdump   `pg_dump --format=custom`
 *   files/ab/cd/<sha256>   every uploaded file
 *   manifest.json     written last: format version, engine, migrations, row counts, sha256 of every entry
 */
export const BACKUP_FORMAT = 'cchc-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  migrations: string[];
  rowCounts: Record<string, number>;
  entries: TarEntry[];
}

/** Row counts of every table of the database, by table name. */
export async function rowCounts(h: DbHandle): Promise<Record<string, number>> {
  const tables =
    h.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(h.db)
      : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(h.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.id(name)}`.execute(h.db);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

/** Uploaded files under DATA_DIR/files (content-addressed names only; temporary files are skipped). */
function uploadedFiles(dataDir: string): Array<{ name: string; path: string; size: number }> {
  const root = join(dataDir, 'files');
  const out: Array<{ name: string; path: string; size: number }> = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /^[0-9a-f]{64}$/.test(e.name)) out.push({ name: `files/${relative(root, p)}`, path: p, size: statSync(p).size });
    }
  };
  walk(root);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function majorOf(versionLine: string): number {
  const m = /(\d+)(?:\.\d+)?/.exec(versionLine.replace(/^[^\d]*/, ''));
  return m ? Number(m[1]) : NaN;
}

/** Refuses when the PostgreSQL client tool's major version differs from the server's. */
async function checkPgTool(tool: 'pg_dump' | 'pg_restore', url: string): Promise<void> {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new CliError(`${tool} is not available: install the PostgreSQL client tools of the server's version (Debian: postgresql-client).`);
  const client = majorOf(r.stdout);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const server = Math.floor(Number((await c.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v) / 10000);
    if (client !== server) throw new CliError(`${tool} is version ${client} but the server is PostgreSQL ${server}: install postgresql-client-${server} and put its ${tool} first on PATH.`);
  } finally {
    await c.end();
  }
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** `cli backup [FILE]`: writes the archive (default DATA_DIR/backups/cchc-YYYYMMDD-HHMMSS.tar.gz); returns its path. */
export async function backup(config: Config, file: string | undefined, now: string): Promise<{ path: string; manifest: Manifest }> {
  const out = file ? resolve(file) : join(config.dataDir, 'backups', `cchc-${stamp(now)}.tar.gz`);
  if (existsSync(out)) throw new CliError(`${out} already exists: give another file name or remove it.`);
  if (config.databaseUrl) await checkPgTool('pg_dump', config.databaseUrl);
  const h = await openExisting(config);
  let stage: string | null = null;
  try {
    mkdirSync(join(out, '..'), { recursive: true });
    stage = mkdtempSync(join(config.dataDir, '.backup-'));
    let dbEntry: { name: string; path: string; size: number };
    let counts: Record<string, number>;
    let migrations: string[];
    if (h.engine === 'sqlite') {
      const copy = join(stage, 'database.sqlite');
      await h.sqlite!.backup(copy);
      const snap = openDatabase({ databaseUrl: null, sqliteFile: copy, readonly: true });
      try {
        counts = await rowCounts(snap);
        migrations = (await appliedMigrations(snap)) ?? [];
      } finally {
        await snap.close();
      }
      dbEntry = { name: 'database.sqlite', path: copy, size: statSync(copy).size };
    } else {
      // Counts and dump see the same snapshot: a repeatable-read transaction exports it to pg_dump.
      const dump = join(stage, 'database.pgdump');
      const c = new pg.Client({ connectionString: config.databaseUrl! });
      await c.connect();
      try {
        await c.query('begin isolation level repeatable read read only');
        const snapshot = (await c.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
        const tables = (await c.query<{ t: string }>('select tablename as t from pg_tables where schemaname = current_schema() order by tablename')).rows;
        counts = {};
        for (const { t } of tables) counts[t] = Number((await c.query<{ n: string }>(`select count(*) as n from "${t.replace(/"/g, '""')}"`)).rows[0]!.n);
        migrations = (await c.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name);
        const r = spawnSync('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${dump}`, config.databaseUrl!], { encoding: 'utf8' });
        if (r.status !== 0) throw new CliError(`pg_dump failed: ${(r.stderr || '').trim().split('\n')[0]}`);
        await c.query('commit');
      } finally {
        await c.end();
      }
      dbEntry = { name: 'database.pgdump', path: dump, size: statSync(dump).size };
    }
    let manifest!: Manifest;
    await writeTarGz(out, [dbEntry, ...uploadedFiles(config.dataDir)], (written) => {
      manifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: now, engine: h.engine, migrations, rowCounts: counts, entries: written };
      return [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) }];
    });
    return { path: out, manifest };
  } catch (e) {
    rmSync(out, { force: true });
    throw e;
  } finally {
    if (stage) rmSync(stage, { recursive: true, force: true });
    await h.close();
  }
}

/** The newest archive in DATA_DIR/backups (`restore --latest`). */
export function latestBackup(dataDir: string): string {
  const dir = join(dataDir, 'backups');
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tar.gz')) : [];
  if (!all.length) throw new CliError(`No backup in ${dir}: give the archive's path.`);
  return join(dir, all.map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t)[0]!.f);
}

/** Checks an unpacked archive against its manifest and this version of CCHC; throws a one-line CliError. */
function checkManifest(stage: string, entries: TarEntry[], engine: 'sqlite' | 'postgres'): Manifest {
  const why = (reason: string) => new CliError(`Refused: ${reason}; nothing was restored.`);
  if (!entries.some((e) => e.name === 'manifest.json')) throw why('the archive has no manifest.json (not a CCHC backup)');
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw why('manifest.json is not valid JSON (corrupt archive)');
  }
  if (m.format !== BACKUP_FORMAT) throw why('manifest.json is not a CCHC backup manifest');
  if (!(m.formatVersion <= BACKUP_FORMAT_VERSION)) throw why(`the archive's format version ${m.formatVersion} is newer than this CCHC reads (${BACKUP_FORMAT_VERSION}): upgrade CCHC`);
  if (m.engine !== engine) {
    throw why(`the archive holds a ${m.engine} database but the configured database is ${engine} (${engine === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is empty'})`);
  }
  const newer = m.migrations.find((name) => !(name in MIGRATIONS));
  if (newer) throw why(`the archive's schema is newer than this CCHC (migration ${newer}): upgrade CCHC first`);
  const found = new Map(entries.map((e) => [e.name, e]));
  for (const e of m.entries) {
    const got = found.get(e.name);
    if (!got) throw why(`${e.name} is missing from the archive`);
    if (got.size !== e.size || got.sha256 !== e.sha256) throw why(`${e.name} does not match its sha256 in the manifest (corrupt archive)`);
  }
  const listed = new Set(m.entries.map((e) => e.name));
  const extra = entries.find((e) => e.name !== 'manifest.json' && !listed.has(e.name));
  if (extra) throw why(`${extra.name} is not listed in the manifest`);
  return m;
}

async function hasTables(h: DbHandle): Promise<boolean> {
  return Object.keys(await rowCounts(h)).length > 0;
}

/**
 * `cli restore [--clean] FILE`: checks the archive, then restores the database into the configured
 * one (SQLite: the file is replaced, stop the server first; PostgreSQL: pg_restore) and the files
 * into DATA_DIR/files. A database that already has tables is replaced only with `clean`.
 */
export async function restore(config: Config, file: string, clean: boolean): Promise<Manifest> {
  if (!existsSync(file)) throw new CliError(`No backup archive at ${resolve(file)}: give the path of a cchc-….tar.gz.`);
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  const stage = mkdtempSync(join(config.dataDir, '.restore-'));
  try {
    let entries: TarEntry[];
    try {
      entries = await extractTarGz(file, stage);
    } catch (e) {
      throw new CliError(`Refused: ${file} is not a readable backup archive (${(e as Error).message}); nothing was restored.`);
    }
    const m = checkManifest(stage, entries, engine);
    if (engine === 'postgres') await checkPgTool('pg_restore', config.databaseUrl!);
    const target = engine === 'sqlite' && !existsSync(config.sqliteFile) ? null : openDatabase(config);
    const full = target ? await hasTables(target).finally(() => target.close()) : false;
    if (full && !clean) throw new CliError(`The database ${engine === 'sqlite' ? config.sqliteFile : 'at DATABASE_URL'} is not empty: add --clean to replace it with the archive (stop the server first).`);

    if (engine === 'sqlite') {
      const tmp = `${config.sqliteFile}.restoring`;
      copyFileSync(join(stage, 'database.sqlite'), tmp);
      for (const suffix of ['-wal', '-shm']) rmSync(config.sqliteFile + suffix, { force: true });
      renameSync(tmp, config.sqliteFile);
    } else {
      const args = ['--no-owner', '--exit-on-error', '--single-transaction', ...(full ? ['--clean', '--if-exists'] : []), `--dbname=${config.databaseUrl}`, join(stage, 'database.pgdump')];
      const r = spawnSync('pg_restore', args, { encoding: 'utf8' });
      if (r.status !== 0) throw new CliError(`pg_restore failed: ${(r.stderr || '').trim().split('\n')[0]}`);
    }
    for (const e of m.entries.filter((x) => x.name.startsWith('files/'))) {
      const dest = join(config.dataDir, e.name);
      if (existsSync(dest)) continue; // content-addressed: same name, same content
      mkdirSync(join(dest, '..'), { recursive: true });
      renameSync(join(stage, e.name), dest);
    }

    const h = openDatabase({ ...config, readonly: engine === 'sqlite' });
    try {
      const counts = await rowCounts(h);
      const differs = Object.entries(m.rowCounts).find(([t, n]) => counts[t] !== n);
      if (differs) throw new CliError(`Restored, but table ${differs[0]} has ${counts[differs[0]] ?? 0} rows instead of ${differs[1]}: check the database before starting the server.`, 1);
    } finally {
      await h.close();
    }
    return m;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
