import type { LocalDate } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { AuditRepository } from '../../platform/audit/audit.repository';
import { AuditService } from '../../platform/audit/audit.service';
import { ProcedureRepository } from './procedure.repository';
import { ProcedureService } from './procedure.service';
import { procedureBody } from './procedure.fixtures';
import { UnitTreeRepository } from '../../platform/units/unit-tree';

describe.each(engines)('procedures on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let divA: { id: string };
  let divB: { id: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    divA = await make.unit({ name: 'Phòng Quản lý khoa học' });
    divB = await make.unit({ name: 'Phòng Quản lý công nghệ' });
  });
  afterAll(() => t.close());

  async function create(over: Record<string, unknown> = {}) {
    const res = await admin.post('/api/procedures', procedureBody(rootId, over));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body;
  }

  it('creates, reads, lists, versions, withdraws and deletes a procedure, auditing each step', async () => {
    const res = await admin.post('/api/procedures', procedureBody(rootId, { processingUnitId: divA.id, code: '1.011442.000.00.00.h38' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: '1.011442.000.00.00.H38',
      unitId: rootId,
      unitName: 'Sở Khoa học và Công nghệ',
      processingUnitId: divA.id,
      status: 'active',
      version: 1,
      versionNo: 1,
      effectiveFrom: '2026-03-02',
      inForceVersionNo: 1,
      can: { update: true, delete: false },
    });
    expect(res.body.fees).toEqual([{ name: 'Phí thẩm định', amountVnd: 3_000_000, note: null }]);
    expect(res.body.components[0]).toEqual({ name: 'Đơn đề nghị', kind: 'original', quantity: 1, mandatory: true, templateFileId: null });
    const id = res.body.id;

    const list = await admin.get(`/api/procedures?q=${encodeURIComponent('1.011442')}`);
    expect(list.body.total).toBe(1);
    expect(Object.keys(list.body.items[0])).toEqual(
      expect.arrayContaining(['id', 'code', 'name', 'timeLimit', 'sector', 'channels', 'onlineLevel', 'status', 'unitId', 'processingUnitId', 'version']),
    );
    expect(list.body.items[0]).toMatchObject({
      timeLimit: { value: 15, unit: 'working_days' },
      sector: { code: 'KHCN' },
      channels: ['counter', 'post', 'online'],
    });

    const edited = await admin.patch(`/api/procedures/${id}`, { version: 1, timeLimit: { value: 20, unit: 'working_days' }, fees: [] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, versionNo: 2, timeLimit: { value: 20 }, fees: [], resultName: 'Giấy chứng nhận' });
    expect(edited.body.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    expect(edited.body.versions[0].createdByName).toBe('Quản trị hệ thống');

    const active = await admin.delete(`/api/procedures/${id}?version=2`);
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('procedure.delete_active');
    const withdrawn = await admin.post(`/api/procedures/${id}/status`, { version: 2, status: 'inactive' });
    expect(withdrawn.body).toMatchObject({ status: 'inactive', version: 3, versionNo: 2, can: { delete: true } });
    expect((await admin.delete(`/api/procedures/${id}?version=3`)).status).toBe(204);
    expect((await admin.get(`/api/procedures/${id}`)).status).toBe(404);

    const log = await admin.get(`/api/audit?entity=procedure&entityId=${id}`);
    expect(log.body.items.map((i: { action: string }) => i.action)).toEqual(['delete', 'update', 'update', 'create']);
    expect(log.body.items[2].before.content.timeLimit.value).toBe(15);
    expect(log.body.items[2].after.content.timeLimit.value).toBe(20);
  });

  it('rejects bad input naming every field', async () => {
    const res = await admin.post('/api/procedures', {
      unitId: rootId,
      code: '1.23',
      name: '',
      sector: { code: '', name: 'X' },
      timeLimit: { value: -1, unit: 'weeks' },
      fees: [{ name: 'Phí', amountVnd: 1.5 }],
      components: [{ name: 'Đơn', kind: 'scan' }],
      channels: [],
      publication: { number: '1', date: '2026-02-30' },
      receivingCutoffMinute: 2000,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.channels',
      'body.code',
      'body.components.0.kind',
      'body.fees.0.amountVnd',
      'body.name',
      'body.publication.date',
      'body.receivingCutoffMinute',
      'body.sector.code',
      'body.timeLimit.unit',
      'body.timeLimit.value',
    ]);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.code').code).toBe('procedure.code_format');
  });

  it('checks rules across fields and references: online level, step budgets, processing unit, step units', async () => {
    const rules = await admin.post(
      '/api/procedures',
      procedureBody(rootId, {
        channels: ['counter', 'online'],
        onlineLevel: 'none',
        timeLimit: { value: 10, unit: 'working_days' },
        steps: [
          { code: 'A', name: 'Thẩm định', unitId: null, budget: { value: 8, unit: 'working_days' } },
          { code: 'A', name: 'Ký', unitId: null, budget: { value: 4, unit: 'working_days' } },
        ],
      }),
    );
    expect(rules.status).toBe(400);
    expect(rules.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.onlineLevel', code: 'procedure.online_level_mismatch' },
        { path: 'body.steps', code: 'procedure.steps_exceed_time_limit' },
        { path: 'body.steps.1.code', code: 'procedure.step_code_duplicate' },
      ]),
    );
    const refs = await admin.post(
      '/api/procedures',
      procedureBody(divA.id, {
        processingUnitId: divB.id,
        steps: [{ code: 'K', name: 'Ký', unitId: 'no-such-unit', budget: { value: 1, unit: 'working_days' } }],
      }),
    );
    expect(refs.status).toBe(400);
    expect(refs.body.errors).toEqual([
      { path: 'body.processingUnitId', code: 'procedure.processing_unit_invalid' },
      { path: 'body.steps.0.unitId', code: 'procedure.step_unit_unknown' },
    ]);
    const p = await create();
    const merged = await admin.patch(`/api/procedures/${p.id}`, { version: 1, timeLimit: { value: 5, unit: 'working_days' } });
    expect(merged.status).toBe(400);
    expect(merged.body.errors).toEqual([{ path: 'body.steps', code: 'procedure.steps_exceed_time_limit' }]);
    const dup = await admin.post('/api/procedures', procedureBody(rootId, { code: p.code }));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('procedure.code_taken');
    const racing = await Promise.all([1, 2].map(() => admin.post('/api/procedures', procedureBody(rootId, { code: '1.008888' }))));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("hides another unit's procedures (404), lets the processing division read, and refuses writes to other roles (403)", async () => {
    const p = await create({ processingUnitId: divA.id });
    const { caller: headA } = await make.actor('unit_head', divA.id);
    const { caller: headB } = await make.actor('unit_head', divB.id);
    expect((await headA.get(`/api/procedures/${p.id}`)).status).toBe(200);
    expect((await headA.get('/api/procedures')).body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await headA.patch(`/api/procedures/${p.id}`, { version: 1, name: 'x' })).status).toBe(403);
    expect((await headB.get(`/api/procedures/${p.id}`)).status).toBe(404);
    expect((await headB.patch(`/api/procedures/${p.id}`, { version: 1, name: 'x' })).status).toBe(404);
    expect((await headB.post(`/api/procedures/${p.id}/status`, { version: 1, status: 'inactive' })).status).toBe(404);
    expect((await headB.get('/api/procedures')).body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    expect((await headB.post('/api/procedures', procedureBody(rootId))).status).toBe(404);
    const { caller: specialist } = await make.actor('specialist', rootId);
    expect((await specialist.post('/api/procedures', procedureBody(rootId))).status).toBe(403);
    expect((await specialist.delete(`/api/procedures/${p.id}?version=1`)).status).toBe(403);
    const { caller: secretary } = await make.actor('par_secretary', rootId);
    expect((await secretary.patch(`/api/procedures/${p.id}`, { version: 1, name: 'Tên mới' })).status).toBe(200);
  });

  it('answers a stale version with 409 and the current state', async () => {
    const p = await create();
    expect((await admin.patch(`/api/procedures/${p.id}`, { version: 1, resultName: 'Giấy phép' })).status).toBe(200);
    for (const res of [
      await admin.patch(`/api/procedures/${p.id}`, { version: 1, resultName: 'Khác' }),
      await admin.post(`/api/procedures/${p.id}/status`, { version: 1, status: 'inactive' }),
      await admin.delete(`/api/procedures/${p.id}?version=1`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('conflict.stale_version');
      expect(res.body.detail.current).toMatchObject({ version: 2, resultName: 'Giấy phép' });
    }
  });

  it('keeps every version by effective date and tells which one is in force on a day', async () => {
    const p = await create({ effectiveFrom: '2026-01-01', timeLimit: { value: 15, unit: 'working_days' } });
    const v2 = await admin.patch(`/api/procedures/${p.id}`, { version: 1, effectiveFrom: '2026-04-01', timeLimit: { value: 16, unit: 'working_days' } });
    expect(v2.body).toMatchObject({ versionNo: 2, effectiveFrom: '2026-04-01', inForceVersionNo: 1 });
    const early = await admin.patch(`/api/procedures/${p.id}`, { version: 2, effectiveFrom: '2026-03-31', name: 'x' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: 'body.effectiveFrom', code: 'procedure.effective_before_latest' }]);
    // A same-day correction supersedes the version it corrects.
    await admin.patch(`/api/procedures/${p.id}`, { version: 2, effectiveFrom: '2026-04-01', timeLimit: { value: 17, unit: 'working_days' } });

    const db = t.handle.db;
    const service = new ProcedureService(
      db,
      new ProcedureRepository(db, new UnitTreeRepository(db)),
      new AuditService(new AuditRepository(db, t.engine), t.clock),
      t.clock,
    );
    const on = async (d: string) => (await service.versionInForce(p.id, d as LocalDate))?.content.timeLimit.value;
    expect(await on('2025-12-31')).toBeUndefined();
    expect(await on('2026-01-01')).toBe(15);
    expect(await on('2026-03-31')).toBe(15);
    expect(await on('2026-04-01')).toBe(17);
    const v = await service.versionInForce(p.id, '2026-03-02' as LocalDate);
    expect(v).toMatchObject({ procedureId: p.id, versionNo: 1, effectiveFrom: '2026-01-01', code: p.code, unitId: rootId, procedureStatus: 'active' });

    expect((await t.anon.get(`/api/public/procedures/${p.id}`)).body.timeLimit.value).toBe(15);
    t.clock.set('2026-04-01T02:00:00.000Z');
    try {
      expect((await t.anon.get(`/api/public/procedures/${p.id}`)).body.timeLimit.value).toBe(17);
      const later = await t.login('admin', ADMIN_PASSWORD); // the month-old session has expired
      expect((await later.get(`/api/procedures/${p.id}`)).body.inForceVersionNo).toBe(3);
    } finally {
      t.clock.set('2026-03-02T02:00:00.000Z');
    }
  });

  it('searches ignoring diacritics on the staff and the public lists, with sector filter and sorting', async () => {
    const a = await create({
      name: 'Cấp giấy phép tiến hành công việc bức xạ',
      sector: { code: 'ATBX', name: 'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân' },
      code: '1.009999',
    });
    const staff = await admin.get('/api/procedures?q=cap%20giay%20phep%20tien%20hanh');
    expect(staff.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const byCode = await admin.get('/api/procedures?q=1.00999');
    expect(byCode.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const bySector = await admin.get('/api/procedures?sector=ATBX');
    expect(bySector.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const sorted = await admin.get('/api/procedures?sort=name&order=desc&pageSize=3');
    expect(sorted.body.items).toHaveLength(3);

    const pub = await t.anon.get('/api/public/procedures?q=CAP%20GIAY%20PHEP%20tien%20hanh');
    expect(pub.status).toBe(200);
    expect(pub.body.items).toEqual([
      {
        id: a.id,
        code: '1.009999',
        name: 'Cấp giấy phép tiến hành công việc bức xạ',
        sector: { code: 'ATBX', name: 'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân' },
        agencyName: 'Sở Khoa học và Công nghệ',
        timeLimit: { value: 15, unit: 'working_days' },
        channels: ['counter', 'post', 'online'],
        onlineLevel: 'partial',
      },
    ]);
    expect((await t.anon.get('/api/public/procedures?q=c%E1%BA%A5p%20gi%E1%BA%A5y&sector=ATBX')).body.total).toBe(1);
  });

  it('publishes only active procedures in force, with public fields only', async () => {
    const p = await create({
      processingUnitId: divA.id,
      steps: [{ code: 'TD', name: 'Thẩm định hồ sơ', unitId: divA.id, budget: { value: 5, unit: 'working_days' } }],
    });
    const future = await create({ effectiveFrom: '2026-06-01' });
    const withdrawn = await create();
    await admin.post(`/api/procedures/${withdrawn.id}/status`, { version: 1, status: 'inactive' });

    const res = await t.anon.get(`/api/public/procedures/${p.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: p.code,
      agencyName: 'Sở Khoa học và Công nghệ',
      effectiveFrom: '2026-03-02',
      steps: [{ name: 'Thẩm định hồ sơ', budget: { value: 5, unit: 'working_days' } }],
    });
    expect(res.body.components[0]).toEqual({ name: 'Đơn đề nghị', kind: 'original', quantity: 1, mandatory: true, hasTemplate: false });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(divA.id);
    expect(text).not.toContain(rootId);
    for (const key of [
      'version',
      'versionNo',
      'createdAt',
      'createdBy',
      'createdByName',
      'updatedAt',
      'unitId',
      'processingUnitId',
      'status',
      'templateFileId',
      'can',
      'versions',
    ]) {
      expect(res.body, key).not.toHaveProperty(key);
    }
    expect(res.body.steps[0]).not.toHaveProperty('unitId');

    expect((await t.anon.get(`/api/public/procedures/${future.id}`)).status).toBe(404);
    expect((await t.anon.get(`/api/public/procedures/${withdrawn.id}`)).status).toBe(404);
    const ids = (await t.anon.get('/api/public/procedures?pageSize=100')).body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(p.id);
    expect(ids).not.toContain(future.id);
    expect(ids).not.toContain(withdrawn.id);
    const sectors = await t.anon.get('/api/public/sectors');
    expect(sectors.body.items).toEqual(expect.arrayContaining([{ code: 'KHCN', name: 'Hoạt động khoa học và công nghệ', count: expect.any(Number) }]));
    expect((await t.anon.get('/api/procedures')).status).toBe(401);
  });
});
