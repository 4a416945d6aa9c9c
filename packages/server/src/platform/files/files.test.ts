import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';

// A minimal valid PDF header is enough for content sniffing.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

describe.each(engines)('files on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(engine, { maxUploadBytes: 1024 });
    ({ admin, rootId } = await t.setup());
    cookie = (await t.login('admin', 'Quantri2026')).cookie;
  });
  afterAll(() => t.close());

  async function upload(owner: string, name: string, type: string, data: Buffer, as = cookie) {
    const m = multipart(name, type, data);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=unit&ownerId=${owner}`,
      headers: { cookie: as, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  it('stores an upload by SHA-256 and serves it back to someone in scope', async () => {
    const res = await upload(rootId, 'Quyết định thành lập.pdf', 'application/pdf', PDF);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Quyết định thành lập.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await admin.get(`/api/files?ownerEntity=unit&ownerId=${rootId}`);
    expect(list.body.items).toHaveLength(1);
    const dl = await admin.get(`/api/files/${res.body.id}`);
    expect(dl.status).toBe(200);
    expect(dl.raw.equals(PDF)).toBe(true);
  });

  it('refuses content that is not an allowed type whatever its name says, and files over the limit', async () => {
    const exe = await upload(rootId, 'report.pdf', 'application/pdf', EXE);
    expect(exe.status).toBe(400);
    expect(exe.body.code).toBe('file.type_not_allowed');
    const big = await upload(rootId, 'big.txt', 'text/plain', Buffer.alloc(4096, 'a'));
    expect(big.status).toBe(413);
  });

  it('authorizes downloads by the owning record: another division reads the file as absent', async () => {
    const make = factories(t, admin, rootId);
    const a = await make.unit();
    const b = await make.unit();
    const saved = await upload(a.id, 'a.pdf', 'application/pdf', PDF);
    const { caller: inB } = await make.actor('specialist', b.id);
    expect((await inB.get(`/api/files/${saved.body.id}`)).status).toBe(404);
    const { caller: inA } = await make.actor('specialist', a.id);
    expect((await inA.get(`/api/files/${saved.body.id}`)).status).toBe(200);
    const { caller: viewer } = await make.actor('viewer', a.id);
    const refused = await upload(a.id, 'v.pdf', 'application/pdf', PDF, (viewer as unknown as { cookie: string }).cookie);
    expect(refused.status).toBe(403);
  });
});
