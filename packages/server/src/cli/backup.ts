import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { create as createTar, Parser, ReadEntry, Unpack } from 'tar';
import type { Config } from '../platform/config';
import { openDatabase, type DbHandle } from '../platform/db/database';
import { MIGRATIONS } from '../platform/db/migrations';
import { appliedMigrations, CliError, openExisting } from './cli-database';

/**
 * Backup archive (docs/architecture.md "Backups"): one .tar.gz holding
 *   database.sqlite   SQLite online-backup copy, or database.pgdump   `pg_dump --format=custom`
 *   files/ab/cd/<sha256>   every uploaded file
 *   manifest.json     written last: format version, engine, migrations, row counts, sha256 of every entry
 * written and read with node-tar (gzip-compressed POSIX tar: any `tar -tzvf` lists it).
 */
export const BACKUP_FORMAT = 'cchc-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** An archive entry as the manifest lists it. */
export interface ArchiveEntry {
  /** Path inside the archive, e.g. `files/ab/cd/<sha256>`. */
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  migrations: string[];
  rowCounts: Record<string, number>;
  entries: ArchiveEntry[];
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

/** The sha256 of a file, which must have `size` bytes (uploaded files and the staged database copy never change). */
async function sha256Of(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path)) {
    read += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  if (read !== size) throw new Error(`${path} changed size while being archived`);
  return hash.digest('hex');
}

function majorOf(versionLine: string): number {
  const m = /(\d+)(?:\.\d+)?/.exec(versionLine.replace(/^[^\d]*/, ''));
  return m ? Number(m[1]) : NaN;
}

/** Refuses when the PostgreSQL client tool's major version differs from the server's. */
async function checkPgTool(tool: 'pg_dump' | 'pg_restore', url: string): Promise<void> {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new CliError(`${tool} is not available: install the PostgreSQL client tools of the server's version (Debian: postgresql-client).`);
  const client = majorOf(r.stdout);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const server = Math.floor(Number((await c.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v) / 10000);
    if (client !== server)
      throw new CliError(
        `${tool} is version ${client} but the server is PostgreSQL ${server}: install postgresql-client-${server} and put its ${tool} first on PATH.`,
      );
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
    const files = uploadedFiles(config.dataDir);
    const entries: ArchiveEntry[] = [];
    for (const f of [dbEntry, ...files]) entries.push({ name: f.name, size: f.size, sha256: await sha256Of(f.path, f.size) });
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now,
      engine: h.engine,
      migrations,
      rowCounts: counts,
      entries,
    };
    writeFileSync(join(stage, MANIFEST), JSON.stringify(manifest, null, 2));
    // The uploaded files are packed through a link in the staging folder, so every entry has its archive name.
    if (files.length) symlinkSync(resolve(config.dataDir, 'files'), join(stage, 'files'), 'junction');
    await pipeline(
      createTar({ cwd: stage, gzip: true, portable: true, strict: true }, [...entries.map((e) => e.name), MANIFEST]),
      createWriteStream(out, { flags: 'wx' }),
    );
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

const MANIFEST = 'manifest.json';
/** manifest.json is read into memory: about 200 bytes per file, so this allows some 300 000 files. */
const MANIFEST_MAX_BYTES = 64 << 20;
/** Entry names `backup` writes: relative, plain characters, no `..`. */
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

const refused = (reason: string) => new CliError(`Refused: ${reason}; nothing was restored.`);

/** Why an entry is refused as soon as its header is read: anything but a regular file with a safe relative name. */
function unsafeEntry(entry: ReadEntry): string | null {
  if (entry.type !== 'File' && entry.type !== 'OldFile') return `the archive entry ${JSON.stringify(entry.path)} is a ${entry.type}, not a regular file`;
  if (!SAFE_NAME.test(entry.path)) return `the archive entry name ${JSON.stringify(entry.path)} is unsafe (absolute, with .. or unusual characters)`;
  return null;
}

/**
 * Feeds the archive, from the start of the open file, to a node-tar parser (strict: every warning is an
 * error) and resolves when it is done; `refusal()` is the reason when the parser was aborted by a check.
 */
async function runParser(archive: string, file: FileHandle, parser: Parser, refusal: () => CliError | null): Promise<void> {
  let failed = false;
  const finished = new Promise<void>((done, fail) => {
    parser.on('error', (e: Error) => {
      failed = true;
      fail(e);
    });
    parser.on('close', () => done());
  });
  finished.catch(() => undefined); // awaited below; a failed read must not leave it unhandled
  try {
    for (let position = 0; !failed;) {
      const { bytesRead, buffer } = await file.read(Buffer.allocUnsafe(1 << 20), 0, 1 << 20, position);
      if (!bytesRead) break;
      position += bytesRead;
      if (!parser.write(buffer.subarray(0, bytesRead))) await Promise.race([once(parser, 'drain'), finished]);
    }
    if (!failed) parser.end();
    await finished;
  } catch (e) {
    throw refusal() ?? new CliError(`Refused: ${archive} is not a readable backup archive (${(e as Error).message}); nothing was restored.`);
  }
}

/**
 * First reading: nothing is written to disk. Hashes every entry, keeps manifest.json, and refuses
 * unsafe, repeated or unknown kinds of entries at their header.
 */
async function scanArchive(archive: string, file: FileHandle): Promise<{ found: Map<string, ArchiveEntry>; manifest: Buffer | null }> {
  const found = new Map<string, ArchiveEntry>();
  let manifest: Buffer | null = null;
  let refusal: CliError | null = null;
  const refuse = (reason: string) => {
    refusal ??= refused(reason);
    parser.abort(new Error(reason));
  };
  const parser: Parser = new Parser({
    strict: true,
    onReadEntry: (entry) => {
      const name = entry.path;
      const why =
        unsafeEntry(entry) ??
        (found.has(name) ? `${name} is in the archive twice` : null) ??
        (name === MANIFEST && entry.size > MANIFEST_MAX_BYTES ? 'manifest.json is too large' : null);
      if (why) return refuse(why);
      found.set(name, { name, size: 0, sha256: '' });
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
        if (name === MANIFEST) kept.push(chunk);
      });
      entry.on('end', () => {
        found.set(name, { name, size, sha256: hash.digest('hex') });
        if (name === MANIFEST) manifest = Buffer.concat(kept);
      });
    },
  });
  parser.on('ignoredEntry', (entry: ReadEntry) => refuse(`unexpected archive entry ${JSON.stringify(entry.path)} (${entry.type})`));
  await runParser(archive, file, parser, () => refusal);
  return { found, manifest };
}

/** Checks the scanned archive against its manifest and this version of CCHC; throws a one-line CliError. */
function checkManifest(scanned: { found: Map<string, ArchiveEntry>; manifest: Buffer | null }, engine: 'sqlite' | 'postgres'): Manifest {
  if (!scanned.manifest) throw refused('the archive has no manifest.json (not a CCHC backup)');
  let m: Manifest;
  try {
    m = JSON.parse(scanned.manifest.toString('utf8')) as Manifest;
  } catch {
    throw refused('manifest.json is not valid JSON (corrupt archive)');
  }
  if (m.format !== BACKUP_FORMAT) throw refused('manifest.json is not a CCHC backup manifest');
  if (!(m.formatVersion <= BACKUP_FORMAT_VERSION))
    throw refused(`the archive's format version ${m.formatVersion} is newer than this CCHC reads (${BACKUP_FORMAT_VERSION}): upgrade CCHC`);
  if (m.engine !== engine) {
    throw refused(
      `the archive holds a ${m.engine} database but the configured database is ${engine} (${engine === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is empty'})`,
    );
  }
  const newer = m.migrations.find((name) => !(name in MIGRATIONS));
  if (newer) throw refused(`the archive's schema is newer than this CCHC (migration ${newer}): upgrade CCHC first`);
  const wellFormed = (e: ArchiveEntry) =>
    SAFE_NAME.test(e.name) && e.name !== MANIFEST && Number.isSafeInteger(e.size) && e.size >= 0 && /^[0-9a-f]{64}$/.test(e.sha256);
  if (!Array.isArray(m.entries) || !m.entries.every((e) => typeof e === 'object' && e !== null && wellFormed(e)))
    throw refused('manifest.json lists an entry without a safe name, a size or a sha256 (corrupt archive)');
  for (const e of m.entries) {
    const got = scanned.found.get(e.name);
    if (!got) throw refused(`${e.name} is missing from the archive`);
    if (got.size !== e.size || got.sha256 !== e.sha256) throw refused(`${e.name} does not match its sha256 in the manifest (corrupt archive)`);
  }
  const listed = new Set(m.entries.map((e) => e.name));
  const extra = [...scanned.found.keys()].find((name) => name !== MANIFEST && !listed.has(name));
  if (extra) throw refused(`${extra} is not listed in the manifest`);
  return m;
}

/**
 * Second reading, once the manifest and every hash are checked: unpacks exactly the entries the
 * manifest lists into `stage`, each at most once and of the size listed; any other entry stops it.
 */
async function extractListed(archive: string, file: FileHandle, stage: string, m: Manifest, manifestSize: number): Promise<void> {
  const declared = new Map(m.entries.map((e) => [e.name, e.size]));
  declared.set(MANIFEST, manifestSize);
  const written = new Set<string>();
  let refusal: CliError | null = null;
  const refuse = (reason: string) => {
    refusal ??= refused(reason);
    unpack.abort(new Error(reason));
    return false;
  };
  const unpack: Unpack = new Unpack({
    cwd: stage,
    strict: true,
    preserveOwner: false,
    filter: (name, entry) => {
      if (!(entry instanceof ReadEntry)) return refuse(`unexpected archive entry ${JSON.stringify(name)}`);
      const why = unsafeEntry(entry);
      if (why) return refuse(why);
      const size = declared.get(name);
      if (size === undefined) return refuse(`${name} is not listed in the manifest`);
      if (written.has(name)) return refuse(`${name} is in the archive twice`);
      if (entry.size !== size)
        return refuse(`${name} is ${entry.size > size ? 'larger' : 'smaller'} than the manifest says (the archive changed while being restored)`);
      written.add(name);
      return true;
    },
  });
  unpack.on('ignoredEntry', (entry: ReadEntry) => refusal ?? refuse(`unexpected archive entry ${JSON.stringify(entry.path)} (${entry.type})`));
  await runParser(archive, file, unpack, () => refusal);
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
  const archive = await open(file, 'r'); // both readings see the same file, even if the name is replaced meanwhile
  let stage: string | null = null;
  try {
    const scanned = await scanArchive(file, archive);
    const m = checkManifest(scanned, engine);
    if (engine === 'postgres') await checkPgTool('pg_restore', config.databaseUrl!);
    mkdirSync(config.dataDir, { recursive: true });
    const need = m.entries.reduce((n, e) => n + e.size, 0);
    const { bavail, bsize } = statfsSync(config.dataDir);
    if (need > bavail * bsize)
      throw refused(`the archive unpacks to ${Math.ceil(need / 2 ** 20)} MiB but ${config.dataDir} has ${Math.floor((bavail * bsize) / 2 ** 20)} MiB free`);
    stage = mkdtempSync(join(config.dataDir, '.restore-'));
    await extractListed(file, archive, stage, m, scanned.manifest!.length);
    const target = engine === 'sqlite' && !existsSync(config.sqliteFile) ? null : openDatabase(config);
    const full = target ? await hasTables(target).finally(() => target.close()) : false;
    if (full && !clean)
      throw new CliError(
        `The database ${engine === 'sqlite' ? config.sqliteFile : 'at DATABASE_URL'} is not empty: add --clean to replace it with the archive (stop the server first).`,
      );

    if (engine === 'sqlite') {
      const tmp = `${config.sqliteFile}.restoring`;
      copyFileSync(join(stage, 'database.sqlite'), tmp);
      for (const suffix of ['-wal', '-shm']) rmSync(config.sqliteFile + suffix, { force: true });
      renameSync(tmp, config.sqliteFile);
    } else {
      const args = [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        ...(full ? ['--clean', '--if-exists'] : []),
        `--dbname=${config.databaseUrl}`,
        join(stage, 'database.pgdump'),
      ];
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
      if (differs)
        throw new CliError(
          `Restored, but table ${differs[0]} has ${counts[differs[0]] ?? 0} rows instead of ${differs[1]}: check the database before starting the server.`,
          1,
        );
    } finally {
      await h.close();
    }
    return m;
  } finally {
    await archive.close();
    if (stage) rmSync(stage, { recursive: true, force: true });
  }
}
