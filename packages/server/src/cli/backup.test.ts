import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { create as createTar, extract as extractTar, Header, list as listTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyWithAdmin } from '../modules/setup/setup.service';
import { AuditRepository } from '../platform/audit/audit.repository';
import { AuditService } from '../platform/audit/audit.service';
import { fixedClock } from '../platform/clock';
import { openDatabase } from '../platform/db/database';
import { migrateToLatest } from '../platform/db/migrations';
import { FileStore } from '../platform/files/file-store';
import { engines, TEST_HASHING } from '../../test/harness';
import { rowCounts, type Manifest } from './backup';
import { cliPlace, type CliPlace } from './cli-test-kit';

function fileHashes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dataDir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(join(dataDir, 'files'));
  return out;
}

async function seed(place: CliPlace) {
  const config = { databaseUrl: place.databaseUrl, sqliteFile: join(place.dataDir, 'cchc.sqlite') };
  mkdirSync(place.dataDir, { recursive: true });
  const h = openDatabase(config);
  try {
    await migrateToLatest(h.db);
    const clock = fixedClock('2026-03-02T02:00:00.000Z');
    const audit = new AuditService(new AuditRepository(h.db, h.engine), clock);
    await h.db
      .transaction()
      .execute((trx) =>
        createAgencyWithAdmin(
          trx,
          audit,
          clock.now(),
          TEST_HASHING,
          { agencyName: 'Sở Nội vụ', agencyKind: 'department', username: 'quantri', fullName: 'Quản trị', password: 'MatKhau2026' },
          null,
        ),
      );
    const store = new FileStore(place.dataDir);
    for (const text of ['biên bản', 'tờ trình', 'x'.repeat(70_000)]) {
      const sha = await store.put(Buffer.from(text));
      await h.db
        .insertInto('files')
        .values({ sha256: sha, size: Buffer.byteLength(text), contentType: 'text/plain', createdAt: clock.now() })
        .execute();
    }
    return { counts: await rowCounts(h), files: fileHashes(place.dataDir) };
  } finally {
    await h.close();
  }
}

async function countsNow(place: CliPlace) {
  const h = openDatabase({ databaseUrl: place.databaseUrl, sqliteFile: join(place.dataDir, 'cchc.sqlite') });
  try {
    return await rowCounts(h);
  } finally {
    await h.close();
  }
}

async function wipe(place: CliPlace) {
  if (place.databaseUrl) {
    const h = openDatabase({ databaseUrl: place.databaseUrl, sqliteFile: '' });
    await sql`drop schema public cascade`.execute(h.db);
    await sql`create schema public`.execute(h.db);
    await h.close();
  } else {
    for (const f of ['cchc.sqlite', 'cchc.sqlite-wal', 'cchc.sqlite-shm']) rmSync(join(place.dataDir, f), { force: true });
  }
  rmSync(join(place.dataDir, 'files'), { recursive: true, force: true });
}

/** The entry names of an archive, in order. */
async function entryNames(archive: string): Promise<string[]> {
  const names: string[] = [];
  await listTar({ file: archive, onReadEntry: (e) => names.push(e.path) });
  return names;
}

/** Unpacks an archive, lets `change` edit it, and packs it again (manifest last, as `backup` writes it). */
async function tampered(archive: string, out: string, change: (stage: string, m: Manifest) => Manifest | null) {
  const stage = mkdtempSync(join(out, '..', 'tamper-'));
  const names = (await entryNames(archive)).filter((n) => n !== 'manifest.json');
  await extractTar({ file: archive, cwd: stage });
  const m = change(stage, JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as Manifest);
  if (m) writeFileSync(join(stage, 'manifest.json'), JSON.stringify(m));
  await createTar({ file: out, cwd: stage, gzip: true }, m ? [...names, 'manifest.json'] : names);
  rmSync(stage, { recursive: true });
  return out;
}

/** A .tar.gz whose entries are written header by header, so names and types `backup` never writes can be tried. */
function handMade(out: string, entries: Array<{ path: string; type?: 'File' | 'SymbolicLink'; linkpath?: string; data?: Buffer }>) {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    const header = new Header({ path: e.path, type: e.type ?? 'File', linkpath: e.linkpath, size: data.length, mode: 0o644, mtime: new Date() });
    header.encode();
    blocks.push(header.block!, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  writeFileSync(out, gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)])));
  return out;
}

describe.each(engines)('backup and restore on %s', (engine) => {
  let place: CliPlace;
  let seeded: Awaited<ReturnType<typeof seed>>;
  let archive: string;
  beforeAll(async () => {
    place = await cliPlace(engine);
    seeded = await seed(place);
  });
  afterAll(async () => {
    await place.drop();
    rmSync(place.dir, { recursive: true, force: true });
  });

  it('writes one archive inside DATA_DIR/backups with the database, every file and a manifest', async () => {
    const r = await place.cli(['backup']);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(place.dataDir, 'backups');
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^cchc-\d{8}-\d{6}\.tar\.gz$/);
    archive = join(dir, name!);
    expect(r.stdout).toContain(archive);
    expect(readdirSync(place.cwd)).toEqual([]);
    const stage = mkdtempSync(join(place.dir, 'look-'));
    await extractTar({ file: archive, cwd: stage });
    const entries = (await entryNames(archive)).map((name) => ({ name }));
    const m = JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as Manifest;
    expect(m).toMatchObject({ format: 'cchc-backup', formatVersion: 1, engine, rowCounts: seeded.counts });
    expect(m.migrations).toContain('20261206000500-audit-checkpoints');
    expect(entries.map((e) => e.name)).toEqual([
      engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump',
      ...Object.keys(seeded.files).sort(),
      'manifest.json',
    ]);
    for (const [name, sha] of Object.entries(seeded.files)) expect(m.entries.find((e) => e.name === name)?.sha256).toBe(sha);
  }, 60_000);

  it('leaves DATA_DIR/files as it was and no staging folder behind (the files are packed through a link)', async () => {
    const r = await place.cli(['backup', join(place.dir, 'again.tar.gz')]);
    expect(r.code, r.stderr).toBe(0);
    expect(fileHashes(place.dataDir)).toEqual(seeded.files);
    expect(readdirSync(place.dataDir).filter((f) => f.startsWith('.backup-'))).toEqual([]);
  }, 60_000);

  it('restores database and files after a wipe: same row counts, same file hashes', async () => {
    await wipe(place);
    expect(fileHashes(place.dataDir)).toEqual({});
    const r = await place.cli(['restore', archive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('row counts match the manifest');
    expect(await countsNow(place)).toEqual(seeded.counts);
    expect(fileHashes(place.dataDir)).toEqual(seeded.files);
  }, 60_000);

  it('refuses to overwrite a database that is not empty without --clean, and replaces it with --clean', async () => {
    const r = await place.cli(['restore', archive]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/is not empty: add --clean/);
    const clean = await place.cli(['restore', '--clean', archive]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(await countsNow(place)).toEqual(seeded.counts);
  }, 60_000);

  it('refuses a corrupt file, a newer schema, a foreign archive and the other engine in one line, restoring nothing', async () => {
    const refusals: Array<[string, (stage: string, m: Manifest) => Manifest | null, RegExp]> = [
      [
        'corrupt.tar.gz',
        (stage, m) => {
          const f = m.entries.find((e) => e.name.startsWith('files/'))!;
          writeFileSync(join(stage, f.name), 'changed');
          return m;
        },
        /does not match its sha256/,
      ],
      ['newer.tar.gz', (_s, m) => ({ ...m, migrations: [...m.migrations, '29990101000000-future'] }), /schema is newer than this CCHC/],
      ['foreign.tar.gz', () => null, /no manifest\.json/],
      [
        'other-engine.tar.gz',
        (_s, m) => ({ ...m, engine: engine === 'sqlite' ? 'postgres' : 'sqlite' }),
        /holds a (postgres|sqlite) database but the configured database is/,
      ],
    ];
    for (const [name, change, reason] of refusals) {
      const bad = await tampered(archive, join(place.dir, name), change);
      const r = await place.cli(['restore', '--clean', bad]);
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stderr, name).toMatch(reason);
      expect(r.stderr, name).toMatch(/^Refused: .*nothing was restored/);
    }
    writeFileSync(join(place.dir, 'garbage.tar.gz'), 'not gzip');
    const garbage = await place.cli(['restore', join(place.dir, 'garbage.tar.gz')]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/^Refused: .* is not a readable backup archive/);
    expect(await countsNow(place)).toEqual(seeded.counts);
  }, 120_000);

  it('refuses an entry named ../evil, an absolute name or a link in one line, writing nothing outside the staging folder', async () => {
    const names = await entryNames(archive);
    const stage = mkdtempSync(join(place.dir, 'evil-'));
    await extractTar({ file: archive, cwd: stage });
    const m = JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as Manifest;
    const evil = Buffer.from('evil');
    const evilEntry = { size: evil.length, sha256: createHash('sha256').update(evil).digest('hex') };
    const cases: Array<[string, { path: string; type?: 'File' | 'SymbolicLink'; linkpath?: string; data?: Buffer }, RegExp]> = [
      ['dotdot', { path: '../evil', data: evil }, /entry name "\.\.\/evil" is unsafe/],
      ['deep-dotdot', { path: 'files/../../evil', data: evil }, /entry name "files\/\.\.\/\.\.\/evil" is unsafe/],
      ['absolute', { path: join(place.dir, 'evil'), data: evil }, /is unsafe \(absolute/],
      ['symlink', { path: 'files/evil', type: 'SymbolicLink', linkpath: '/etc/passwd' }, /"files\/evil" is a SymbolicLink, not a regular file/],
    ];
    for (const [label, bad, reason] of cases) {
      // The bad entry comes first and the manifest lists it, so only the entry check can stop it.
      const listed = { ...m, entries: [...m.entries, { name: bad.path, ...evilEntry }] };
      const entries = [
        bad,
        ...names.filter((n) => n !== 'manifest.json').map((n) => ({ path: n, data: readFileSync(join(stage, n)) })),
        { path: 'manifest.json', data: Buffer.from(JSON.stringify(listed)) },
      ];
      const file = handMade(join(place.dir, `${label}.tar.gz`), entries);
      const r = await place.cli(['restore', '--clean', file]);
      expect(r.code, label).toBe(2);
      expect(r.stderr.trim().split('\n'), label).toHaveLength(1);
      expect(r.stderr, label).toMatch(reason);
      expect(r.stderr, label).toMatch(/^Refused: .*nothing was restored/);
      for (const outside of [join(place.dataDir, 'evil'), join(place.dir, 'evil'), join(place.dataDir, 'files', 'evil')])
        expect(existsSync(outside), `${label} ${outside}`).toBe(false);
      expect(
        readdirSync(place.dataDir).filter((f) => f.startsWith('.restore-')),
        label,
      ).toEqual([]);
    }
    const unlisted = handMade(join(place.dir, 'unlisted.tar.gz'), [
      ...names.filter((n) => n !== 'manifest.json').map((n) => ({ path: n, data: readFileSync(join(stage, n)) })),
      { path: 'files/extra', data: evil },
      { path: 'manifest.json', data: readFileSync(join(stage, 'manifest.json')) },
    ]);
    const r = await place.cli(['restore', '--clean', unlisted]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Refused: files\/extra is not listed in the manifest; nothing was restored/);
    expect(await countsNow(place)).toEqual(seeded.counts);
  }, 120_000);

  it.runIf(engine === 'postgres')(
    'refuses pg_dump of another major version than the server in one line',
    async () => {
      const bin = mkdtempSync(join(place.dir, 'bin-'));
      writeFileSync(join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
      chmodSync(join(bin, 'pg_dump'), 0o755);
      const r = await place.cli(['backup', join(place.dir, 'old.tar.gz')], { PATH: `${bin}:${process.env.PATH}` });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^pg_dump is version 9 but the server is PostgreSQL \d+: install postgresql-client-\d+/);
      expect(existsSync(join(place.dir, 'old.tar.gz'))).toBe(false);
    },
    30_000,
  );
});
