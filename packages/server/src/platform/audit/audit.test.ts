import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';

const root = join(import.meta.dirname, '../../../../..');

function verifyCli(t: TestApp) {
  const env = { ...process.env, DATA_DIR: t.config.dataDir, DATABASE_URL: t.config.databaseUrl ?? '', SESSION_SECRET: 'x' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/cli.ts'), 'audit:verify'], { env, encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe.each(engines)('audit log on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    for (let i = 0; i < 3; i++) await make.unit();
  });
  afterAll(() => t.close());

  it('filters by entity and action, and pages newest first', async () => {
    const res = await admin.get('/api/audit?entity=unit&action=create&pageSize=2');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBe(4);
    expect(res.body.items[0].seq).toBeGreaterThan(res.body.items[1].seq);
    const bad = await admin.get('/api/audit?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.from');
  });

  it('exports the filtered log as an Excel workbook with Vietnamese headers', async () => {
    const res = await admin.get('/api/audit/export?entity=unit');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Thời gian');
    expect(ws.rowCount).toBe(5);
  });

  it('is readable only by administrators', async () => {
    const make = factories(t, admin, rootId);
    const { caller } = await make.actor('specialist');
    expect((await caller.get('/api/audit')).status).toBe(403);
    expect((await caller.get('/api/audit/export')).status).toBe(403);
  });

  it('verifies intact, then names the row whose content was edited in the database', async () => {
    const intact = verifyCli(t);
    expect(intact.code, intact.out).toBe(0);
    expect(intact.out).toContain('hash chain verified');
    const target = await t.handle.db
      .selectFrom('auditLog')
      .select('seq')
      .where('entity', '=', 'unit')
      .where('action', '=', 'create')
      .orderBy('seq')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_log set after = ${'{"name":"tampered"}'} where seq = ${target.seq}`.execute(t.handle.db);
    const tampered = verifyCli(t);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`Audit row ${target.seq}: hash_mismatch`);
  });

  it('detects a deleted row', async () => {
    await sql`delete from audit_log where seq = 1`.execute(t.handle.db);
    const { problems } = await new (await import('./audit.repository')).AuditRepository(t.handle.db, t.engine).verify();
    expect(problems).toContainEqual({ seq: 1, problem: 'missing_rows' });
  });
});
