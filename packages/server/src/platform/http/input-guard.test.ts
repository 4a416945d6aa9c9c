import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, multipart, type Caller, type TestApp } from '../../../test/harness';
import { nulPaths } from './input-guard';

// Issue #9, defect 3: U+0000 in any string input gave 500 on PostgreSQL (it cannot store it in text).
// Every input is refused with 400 and the field's path, before a handler or the database sees it.
const nul = (path: string) => ({ path, code: 'validation.nul_character' });

describe.each(engines)('NUL characters in input on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
  });
  afterAll(() => t.close());

  it('login (anonymous): 400 naming body.username and body.password', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'ad\u0000min', password: 'x\u0000' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([nul('body.username'), nul('body.password')]));
  });

  it('public dossier lookup (anonymous): code in the path and PIN in the query', async () => {
    const code = await t.anon.get('/api/public/dossiers/G01%00X?pin=123456');
    expect(code.status).toBe(400);
    expect(code.body.errors).toEqual([nul('params.code')]);
    const pin = await t.anon.get('/api/public/dossiers/G01.2026.000001?pin=12%0034');
    expect(pin.status).toBe(400);
    expect(pin.body.errors).toEqual([nul('querystring.pin')]);
  });

  it('public catalogue search (anonymous): the search text', async () => {
    const res = await t.anon.get('/api/public/procedures?q=gi%00ay');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([nul('querystring.q')]);
    expect((await t.anon.get('/api/public/procedures?q=giay')).status).toBe(200);
  });

  it('an authenticated write, nested fields and the staff user search', async () => {
    const unit = await admin.post('/api/units', { parentId: rootId, kind: 'division', name: 'Phòng\u0000 Một' });
    expect(unit.status).toBe(400);
    expect(unit.body.errors).toEqual([nul('body.name')]);
    const user = await admin.post('/api/users', {
      username: 'nul.user',
      fullName: 'A',
      unitId: rootId,
      password: 'Matkhau123',
      grants: [{ role: 'viewer', unitId: `${rootId}\u0000` }],
    });
    expect(user.status).toBe(400);
    expect(user.body.errors).toEqual([nul('body.grants.0.unitId')]);
    expect((await admin.get('/api/users?q=a%00')).body.errors).toEqual([nul('querystring.q')]);
    expect((await admin.patch('/api/users/x%00y', { version: 1 })).body.errors).toEqual([nul('params.id')]);
  });

  it('the file name of a public upload', async () => {
    const { body, contentType } = multipart(
      'giay\u0000to.pdf',
      'application/pdf',
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
    );
    const res = await t.app.inject({ method: 'POST', url: '/api/public/uploads', headers: { 'content-type': contentType }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).errors).toEqual([nul('body.file.filename')]);
  });
});

describe('nulPaths', () => {
  it('names strings and keys anywhere in a value, and survives deep nesting', () => {
    expect(nulPaths('body', { a: ['ok', 'x\u0000'], b: { c: '\u0000' }, ['k\u0000']: 1, n: 5 }).sort()).toEqual(['body.a.1', 'body.b.c', 'body.k\\u0000']);
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulPaths('body', deep)).toHaveLength(1);
    expect(nulPaths('body', { a: 'clean', b: [1, null, true] })).toEqual([]);
  });
});
