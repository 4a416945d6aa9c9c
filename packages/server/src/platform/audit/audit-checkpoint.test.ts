import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { cliPlace } from '../../cli/cli-test-kit';
import { AuditCheckpoints, checkpointKey } from './audit-checkpoint';

describe.each(engines)('audit chain anchoring on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let env: NodeJS.ProcessEnv;
  let cli: (args: string[]) => ReturnType<Awaited<ReturnType<typeof cliPlace>>['cli']>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    for (let i = 0; i < 3; i++) await make.unit();
    const place = await cliPlace('sqlite'); // only for its runner: the app's DATA_DIR and database are given below
    env = { DATA_DIR: t.config.dataDir, DATABASE_URL: t.config.databaseUrl ?? '' };
    cli = (args) => place.cli(args, env);
  });
  afterAll(() => t.close());

  const out = () => join(t.config.dataDir, `checkpoint-${Math.random().toString(36).slice(2)}.json`);

  it('an untouched chain verifies against its checkpoint file and its stored checkpoints', async () => {
    const file = out();
    const cp = await cli(['audit:checkpoint', '--out', file]);
    expect(cp.code, cp.stderr).toBe(0);
    const c = JSON.parse(readFileSync(file, 'utf8'));
    expect(c).toMatchObject({ format: 'cchc-audit-checkpoint', version: 1, seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await factories(t, admin, rootId).unit(); // the chain grows after the checkpoint: still fine
    const r = await cli(['audit:verify', '--checkpoint', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('1 stored checkpoint(s) and the checkpoint file verified');
  }, 60_000);

  it('refuses a checkpoint file whose signature does not match', async () => {
    const file = out();
    await cli(['audit:checkpoint', '--out', file]);
    const c = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...c, seq: c.seq - 1 }));
    const r = await cli(['audit:verify', '--checkpoint', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Checkpoint file (row ${c.seq - 1}, ${c.at}): checkpoint_bad_signature`);
  }, 60_000);

  it('detects the last rows deleted and the head moved back, through the file and the stored checkpoints', async () => {
    const file = out();
    expect((await cli(['audit:checkpoint', '--out', file])).code).toBe(0);
    const { seq } = JSON.parse(readFileSync(file, 'utf8'));
    // Without a checkpoint the chain alone looks intact after this: the head names the new last row.
    await sql`delete from audit_log where seq > ${seq - 2}`.execute(t.handle.db);
    const last = await t.handle.db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.handle.db.updateTable('auditHead').set({ lastSeq: last.seq, lastHash: last.hash }).where('id', '=', 1).execute();
    const chainOnly = await t.handle.db
      .selectFrom('auditLog')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(chainOnly.n)).toBe(seq - 2);

    const r = await cli(['audit:verify', '--checkpoint', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Checkpoint file (row ${seq}`);
    expect(r.stderr).toContain('truncated_after_checkpoint');
    expect(r.stderr).toMatch(new RegExp(`Stored checkpoint at row ${seq}: truncated_after_checkpoint`));
    expect(r.stderr).not.toMatch(/Audit row \d+:/); // the chain itself is consistent: only the anchor shows the loss

    // The stored rows alone (no file) still report it.
    const stored = await cli(['audit:verify']);
    expect(stored.code).toBe(1);
    expect(stored.stderr).toContain('truncated_after_checkpoint');
  }, 60_000);

  it('the daily job writes a checkpoint when the last is a day old and the chain grew, else nothing', async () => {
    const key = checkpointKey(t.config.dataDir, null, false)!;
    const jobs = new AuditCheckpoints(t.handle.db, t.clock);
    await t.handle.db.deleteFrom('auditCheckpoints').execute();
    expect(await jobs.writeIfDue(key)).not.toBeNull();
    expect(await jobs.writeIfDue(key)).toBeNull();
    t.clock.advanceMinutes(25 * 60);
    expect(await jobs.writeIfDue(key)).toBeNull(); // a day later, but the chain did not grow
    await factories(t, await t.login('admin', ADMIN_PASSWORD), rootId).unit(); // the session expired meanwhile
    const c = await jobs.writeIfDue(key);
    expect(c).not.toBeNull();
    expect(await jobs.check(key, c!)).toBeNull();
    expect(await jobs.check(Buffer.from('another key'), c!)).toBe('checkpoint_other_key');
  });
});
