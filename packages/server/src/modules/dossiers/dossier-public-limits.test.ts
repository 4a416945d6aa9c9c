import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, TEST_HASHING, type Caller, type TestApp } from '../../../test/harness';
import { buildApp, type App } from '../../app';
import { at, createProcedure, receiveDossier, threeSteps, tokenActors } from './dossier.fixtures';

// The public endpoints' security counters and upload housekeeping (issue #9, defects 6 and 7), on
// both engines: the per-code PIN lock cannot be flushed by junk lookups, survives a restart and is
// shared by every instance; citizen uploads have a per-address daily quota and a total per filing,
// and those never filed are deleted by the cleanup job with their stored content.

const MB = 1024 * 1024;

describe.each(engines)('public dossier limits on %s', (engine) => {
  let t: TestApp;
  let desk: Caller;
  let procedureId: string;
  let ipSeq = 0;
  const newIp = () => `192.0.2.${++ipSeq}`;
  const applicant = {
    name: 'Nguyễn Văn Ánh',
    phone: '0905123456',
    email: 'anh.nguyen@example.vn',
    idNumber: '049123456789',
    address: '12 Hùng Vương, Quảng Ngãi',
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { maxUploadBytes: MB, publicUploads: { ttlHours: 24, perDay: 4, mbPerDay: 2, filingMaxMb: 1 } });
    const { admin, rootId } = await t.setup();
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    desk = await tokenActors(t, make)('one_stop_officer');
    procedureId = await createProcedure(admin, rootId, {
      processingUnitId: div.id,
      steps: threeSteps(div.id).slice(0, 2),
      timeLimit: { value: 10, unit: 'working_days' },
    });
  });
  afterAll(() => t.close());

  async function send(app: App, ip: string, method: 'GET' | 'POST', url: string, body?: object) {
    const res = await app.app.inject({ method, url, remoteAddress: ip, ...(body ? { payload: body } : {}) });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, text: res.body };
  }
  const lookup = (code: string, pin: string, ip = newIp(), app: App = t) =>
    send(app, ip, 'GET', `/api/public/dossiers/${encodeURIComponent(code)}?pin=${encodeURIComponent(pin)}`);
  async function upload(data: Buffer, ip: string) {
    const m = multipart('giay-to.txt', 'text/plain', data);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/uploads',
      remoteAddress: ip,
      headers: { 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }
  const text = (seed: string, size: number) => Buffer.from(seed.padEnd(size, 'a'));
  const blobOf = (data: Buffer) => {
    const sha = createHash('sha256').update(data).digest('hex');
    return { sha, path: join(t.config.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha) };
  };

  it('keeps a PIN lock through 10,001 junk lookups, on another instance and after a restart', { timeout: 300_000 }, async () => {
    t.clock.set(at('2026-03-16', '09:00'));
    const d = await receiveDossier(desk, { procedureId, channel: 'counter', applicant });
    const bad = d.lookupPin === '111111' ? '222222' : '111111';
    for (let i = 0; i < 10; i++) expect((await lookup(d.code, bad)).status).toBe(404);
    expect((await lookup(d.code, d.lookupPin)).status).toBe(429);
    // 10,001 lookups of junk codes, from many addresses (each within its per-minute limit).
    const junk = Array.from({ length: 10_001 }, (_, i) => i);
    for (let from = 0; from < junk.length; from += 100) {
      const batch = junk.slice(from, from + 100);
      const net = `10.${(from / 100) >> 8}.${(from / 100) & 255}`;
      const statuses = await Promise.all(batch.map((i, k) => lookup(`JUNK-${i}`, '000000', `${net}.${1 + (k % 5)}`).then((r) => r.status)));
      expect(statuses.every((s) => s === 404)).toBe(true);
    }
    expect((await lookup(d.code, d.lookupPin)).status).toBe(429);
    const other = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    try {
      expect((await lookup(d.code, d.lookupPin, newIp(), other)).status).toBe(429);
    } finally {
      await other.close();
    }
    const restarted = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    try {
      expect((await lookup(d.code, d.lookupPin, newIp(), restarted)).status).toBe(429);
      t.clock.advanceMinutes(16);
      expect((await lookup(d.code, d.lookupPin, newIp(), restarted)).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('counts wrong PINs made on two instances together', async () => {
    t.clock.set(at('2026-03-17', '09:00'));
    const d = await receiveDossier(desk, { procedureId, channel: 'counter', applicant });
    const bad = d.lookupPin === '111111' ? '222222' : '111111';
    const other = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => lookup(d.code, bad, newIp(), i % 2 ? other : t)));
      expect((await lookup(d.code, d.lookupPin, newIp(), t)).body.code).toBe('dossier.lookup_locked');
      expect((await lookup(d.code, d.lookupPin, newIp(), other)).body.code).toBe('dossier.lookup_locked');
    } finally {
      await other.close();
    }
  });

  it('limits uploads per address and day, by count and by bytes', async () => {
    t.clock.set(at('2026-03-18', '09:00'));
    const ip = newIp();
    expect((await upload(text('a', 0.8 * MB), ip)).status).toBe(201);
    expect((await upload(text('b', 0.8 * MB), ip)).status).toBe(201);
    const bytes = await upload(text('c', 0.8 * MB), ip);
    expect(bytes.status).toBe(429);
    expect(bytes.body).toMatchObject({ code: 'upload.quota_bytes', detail: { retryAfterSeconds: 24 * 3600 } });
    const ip2 = newIp();
    for (let i = 0; i < 4; i++) expect((await upload(text(`small ${i}`, 100), ip2)).status).toBe(201);
    const count = await upload(text('small 5', 100), ip2);
    expect(count.status).toBe(429);
    expect(count.body.code).toBe('upload.quota_count');
    // Another address is not affected; the next day the quota is back.
    expect((await upload(text('small 6', 100), newIp())).status).toBe(201);
    t.clock.advanceMinutes(24 * 60);
    expect((await upload(text('small 7', 100), ip2)).status).toBe(201);
  });

  it('caps the total size of the files in one filing', async () => {
    t.clock.set(at('2026-03-19', '09:00'));
    const a = await upload(text('first', 0.6 * MB), newIp());
    const b = await upload(text('second', 0.6 * MB), newIp());
    const ip = newIp();
    const components = [
      { name: 'Đơn', fileId: a.body.fileId },
      { name: 'Quyết định', fileId: b.body.fileId },
    ];
    const refused = await send(t, ip, 'POST', '/api/public/dossiers', { procedureId, applicant, components });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'dossier.files_too_large',
      detail: { maxMb: 1 },
      errors: [{ path: 'body.components', code: 'dossier.files_too_large' }],
    });
    expect((await send(t, ip, 'POST', '/api/public/dossiers', { procedureId, applicant, components: components.slice(0, 1) })).status).toBe(201);
  });

  it('deletes uploads never filed after a day, with their stored content, and keeps filed ones', async () => {
    t.clock.set(at('2026-03-20', '09:00'));
    const orphan = text('never filed', 2000);
    const filed = text('filed', 2000);
    const ip = newIp();
    const o = await upload(orphan, ip);
    const f = await upload(filed, ip);
    expect([o.status, f.status]).toEqual([201, 201]);
    expect((await send(t, ip, 'POST', '/api/public/dossiers', { procedureId, applicant, components: [{ name: 'Đơn', fileId: f.body.fileId }] })).status).toBe(
      201,
    );
    t.clock.advanceMinutes(23 * 60);
    await t.runCleanup();
    expect(existsSync(blobOf(orphan).path)).toBe(true);
    t.clock.advanceMinutes(2 * 60);
    const fresh = text('uploaded later', 2000);
    expect((await upload(fresh, newIp())).status).toBe(201);
    await t.runCleanup();
    const rows = async (data: Buffer) => (await t.handle.db.selectFrom('files').select('sha256').where('sha256', '=', blobOf(data).sha).execute()).length;
    expect([await rows(orphan), await rows(filed), await rows(fresh)]).toEqual([0, 1, 1]);
    expect([existsSync(blobOf(orphan).path), existsSync(blobOf(filed).path), existsSync(blobOf(fresh).path)]).toEqual([false, true, true]);
    const pending = await t.handle.db.selectFrom('publicUploads').select('sha256').execute();
    expect(pending.map((r) => r.sha256)).not.toContain(blobOf(orphan).sha);
    expect(pending.map((r) => r.sha256)).not.toContain(blobOf(filed).sha);
    // Expired counters went too.
    const dead = await t.handle.db.selectFrom('throttleCounters').select('key').where('expiresAt', '<=', t.clock.now()).execute();
    expect(dead).toEqual([]);
  });
});
