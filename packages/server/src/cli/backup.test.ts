import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
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
import { extractTarGz, writeTarGz } from './tar';

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
    await h.db.transaction().execute((trx) =>
      createAgencyWithAdmin(trx, audit, clock.now(), TEST_HASHING, { agencyName: 'Sở Nội vụ', agencyKind: 'department', username: 'quantri', fullName: 'Quản trị', password: 'MatKhau2026' }, null),
    );
    const store = new FileStore(place.dataDir);
    for (const text of ['biên bản', 'tờ trình', 'x'.repeat(70_000)]) {
      const sha = await store.put(Buffer.from(text));
      await h.db.insertInto('files').values({ sha256: sha, size: Buffer.byteLength(text), contentType: 'text/plain', createdAt: clock.now() }).execute();
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

/** Unpacks an archive, lets `change` edit it, and packs it again (manifest last, as `backup` writes it). */
async function tampered(archive: string, out: string, change: (stage: string, m: Manifest) => Manifest | null) {
  const stage = mkdtempSync(join(out, '..', 'tamper-'));
  const entries = await extractTarGz(archive, stage);
  rmSync(join(stage, '.archive.tar'));
  const m = change(stage, JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as Manifest);
  const files = entries.filter((e) => e.name !== 'manifest.json').map((e) => ({ name: e.name, path: join(stage, e.name), size: readFileSync(join(stage, e.name)).length }));
  await writeTarGz(out, files, () => (m ? [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(m)) }] : []));
  rmSync(stage, { recursive: true });
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
    const entries = await extractTarGz(archive, stage);
    const m = JSON.parse(readFileSync(join(stage, 'manifest.json'), 'utf8')) as Manifest;
    expect(m).toMatchObject({ format: 'cchc-backup', formatVersion: 1, engine, rowCounts: seeded.counts });
    expect(m.migrations).toContain('20261206000500-audit-checkpoints');
    expect(entries.map((e) => e.name)).toEqual([engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump', ...Object.keys(seeded.files).sort(), 'manifest.json']);
    for (const [name, sha] of Object.entries(seeded.files)) expect(m.entries.find((e) => e.name === name)?.sha256).toBe(sha);
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
      ['other-engine.tar.gz', (_s, m) => ({ ...m, engine: engine === 'sqlite' ? 'postgres' : 'sqlite' }), /holds a (postgres|sqlite) database but the configured database is/],
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

  it.runIf(engine === 'postgres')('refuses pg_dump of another major version than the server in one line', async () => {
    const bin = mkdtempSync(join(place.dir, 'bin-'));
    writeFileSync(join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
    chmodSync(join(bin, 'pg_dump'), 0o755);
    const r = await place.cli(['backup', join(place.dir, 'old.tar.gz')], { PATH: `${bin}:${process.env.PATH}` });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^pg_dump is version 9 but the server is PostgreSQL \d+: install postgresql-client-\d+/);
    expect(existsSync(join(place.dir, 'old.tar.gz'))).toBe(false);
  }, 30_000);
});
