import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { measureWhileServing, textRow, workbookParts, zipOf } from '../../platform/xlsx-table.fixtures';
import { SHEET_COLUMNS } from './par-criteria-sheet';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const sheetUpload = (data: Buffer) => multipart('bo-tieu-chi.xlsx', XLSX, data);

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

describe.each(engines)('PAR criteria sets as .xlsx on %s', (engine) => {
  let t: TestApp;
  let secretary: Caller & { cookie: string };
  let specialist: Caller & { cookie: string };
  let rootId: string;
  let divisionName: string;
  let setId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const s = await t.setup();
    rootId = s.rootId;
    const make = factories(t, s.admin, rootId);
    divisionName = (await make.unit({ name: 'Văn phòng Sở' })).name;
    secretary = (await make.actor('par_secretary')).caller;
    specialist = (await make.actor('specialist')).caller;
    const set = await secretary.post('/api/par/criteria-sets', { ownerUnitId: rootId, year: 2026, title: 'Bộ 2019', template: '2019_department' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    setId = set.body.id;
    const division = (await secretary.get('/api/units')).body.items?.find((u: { name: string }) => u.name === divisionName);
    const node = set.body.nodes.find((x: { code: string }) => x.code === '7.2.1') ?? set.body.nodes.find((x: { level: string }) => x.level !== 'field');
    if (division) await secretary.patch(`/api/par/criteria-sets/${setId}/nodes/${node.id}`, { version: set.body.version, responsibleUnitId: division.id });
  });
  afterAll(() => t.close());

  async function upload(data: Buffer, opts: { as?: string; ownerUnitId?: string } = {}) {
    const m = sheetUpload(data);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/par/criteria-sets/import-xlsx?ownerUnitId=${opts.ownerUnitId ?? rootId}&title=${encodeURIComponent('Nhập Excel')}`,
      headers: { cookie: opts.as ?? secretary.cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  it('exports one row per criterion with points as "2,50" and reads the file back into the same set', async () => {
    const bands = [{ code: 'A', label: 'Tốt', min: 8_500, minInclusive: true }];
    const current = (await secretary.get(`/api/par/criteria-sets/${setId}`)).body;
    expect(
      (
        await secretary.patch(`/api/par/criteria-sets/${setId}`, {
          version: current.version,
          legalBasisNumber: '673/QĐ-UBND',
          legalBasisDate: '2019-03-12',
          bands,
        })
      ).status,
    ).toBe(200);
    const res = await secretary.get(`/api/par/criteria-sets/${setId}/export-xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toBe(XLSX);
    const wb = await load(res.raw);
    const ws = wb.worksheets[0]!;
    const json = (await secretary.get(`/api/par/criteria-sets/${setId}/export`)).body;
    expect(ws.rowCount).toBe(json.nodes.length + 1);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['Mã', 'Mã cấp trên', 'Cấp', 'Nội dung', 'Điểm tối đa']);
    const field7 = json.nodes.find((x: { code: string }) => x.code === '7');
    const row7 = ws.getRows(2, json.nodes.length)!.find((r) => r.getCell(1).value === '7')!;
    expect(row7.getCell(5).value).toBe((field7.maxHundredths / 100).toFixed(2).replace('.', ','));

    const imported = await upload(res.raw);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const again = (await secretary.get(`/api/par/criteria-sets/${imported.body.id}/export`)).body;
    const strip = (s: { nodes: Array<Record<string, unknown>> }) => {
      const codeOf = new Map(s.nodes.map((x) => [x.id, x.code]));
      return s.nodes.map(({ id: _id, parentId, ...rest }) => ({ ...rest, parent: parentId ? codeOf.get(parentId as string) : null }));
    };
    expect(again).toMatchObject({ year: json.year, scope: json.scope, rounding: json.rounding, notApplicableMethod: json.notApplicableMethod });
    expect(strip(again)).toEqual(strip(json));
    expect((await secretary.get(`/api/par/criteria-sets/${imported.body.id}`)).body).toMatchObject({
      legalBasisNumber: '673/QĐ-UBND',
      legalBasisDate: '2019-03-12',
      bands,
    });
  });

  it('reports every bad row with row and column, and writes nothing', async () => {
    const before = (await secretary.get('/api/par/criteria-sets')).body.items.length;
    const wb = await load((await secretary.get(`/api/par/criteria-sets/${setId}/export-xlsx`)).raw);
    const ws = wb.worksheets[0]!;
    ws.getRow(3).getCell(5).value = 'nhiều';
    ws.getRow(5).getCell(2).value = '99';
    ws.getRow(6).getCell(7).value = '{not json';
    ws.getRow(7).getCell(9).value = 'Phòng không có';
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('import.invalid');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'rows.3.maxPoints', row: 3, column: 'maxPoints', code: 'import.invalid_number' },
        { path: 'rows.5.parentCode', row: 5, column: 'parentCode', code: 'par.import_unknown_parent' },
        { path: 'rows.6.rule', row: 6, column: 'rule', code: 'par.import_rule_not_json' },
        { path: 'rows.7.responsibleUnit', row: 7, column: 'responsibleUnit', code: 'import.unknown_unit' },
      ]),
    );
    expect((await secretary.get('/api/par/criteria-sets')).body.items.length).toBe(before);
  });

  it("applies the JSON import's set checks, placed on rows: a parent whose children do not add up", async () => {
    const wb = await load((await secretary.get(`/api/par/criteria-sets/${setId}/export-xlsx`)).raw);
    const ws = wb.worksheets[0]!;
    const rows = ws.getRows(2, ws.rowCount - 1)!;
    const leaf = rows.find((r) => String(r.getCell(2).value ?? '') !== '' && String(r.getCell(7).value).includes('"manual"'))!;
    leaf.getCell(5).value = '99,00';
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('par.criteria_invalid');
    expect(
      res.body.errors.some((e: { path: string; row?: number; column?: string; code: string }) => e.row !== undefined && e.path === `rows.${e.row}.${e.column}`),
    ).toBe(true);
  });

  it('answers 400 for a file that is not a workbook, 403 for a role that may not manage criteria, 404 for a unit out of scope', async () => {
    expect((await upload(Buffer.from('not a zip'))).body.code).toBe('import.unreadable');
    const good = (await secretary.get(`/api/par/criteria-sets/${setId}/export-xlsx`)).raw;
    expect((await upload(good, { as: specialist.cookie })).status).toBe(403);
    expect((await upload(good, { ownerUnitId: 'nope' })).status).toBe(404);
    expect((await upload(good, { as: '' })).status).toBe(401);
    expect((await specialist.get(`/api/par/criteria-sets/${setId}/export-xlsx`)).status).toBe(200);
  });

  describe('files crafted to hold the server (issue #9)', () => {
    const header = textRow(
      1,
      SHEET_COLUMNS.map((c) => c.header),
    );
    /** Refused with `code` in under 2 s, the event loop never held long and health answering meanwhile. */
    async function refusedQuickly(data: Buffer, code: string) {
      const before = (await secretary.get('/api/par/criteria-sets')).body.items.length;
      const m = await measureWhileServing(t.app, () => upload(data));
      expect(m.result.status).toBe(400);
      expect(m.result.body.code).toBe(code);
      expect(m.ms).toBeLessThan(2000);
      expect(m.maxStallMs).toBeLessThan(500);
      expect(m.healthMs).toBeLessThan(500);
      expect((await secretary.get('/api/par/criteria-sets')).body.items.length).toBe(before);
    }

    it('refuses a header and one cell at XFD1048576 in under 2 s while /api/health keeps answering', async () => {
      const cell = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>';
      await refusedQuickly(zipOf(workbookParts([{ rows: header + cell, dimension: 'A1:XFD1048576' }])), 'import.too_many_rows');
      await refusedQuickly(zipOf(workbookParts([{ rows: header + cell, dimension: 'A1:L2' }])), 'import.too_many_rows');
    });

    it('refuses a zip bomb and a sheet with more criteria rows than a set has, whatever its dimension says', async () => {
      const bomb = Buffer.concat([Buffer.from(header + '<row r="2">'), Buffer.alloc(3_000_000 * 11, '<c r="A2"/>'), Buffer.from('</row>')]);
      await refusedQuickly(zipOf(workbookParts([{ rows: bomb, declaredSize: 4096 }])), 'import.too_large');
      const rows = Array.from({ length: 3000 }, (_, i) => textRow(i + 2, [`${i + 1}`, '', 'field', `Lĩnh vực ${i}`, '1,00', 'manual'])).join('');
      await refusedQuickly(zipOf(workbookParts([{ rows: header + rows, dimension: 'A1:F2' }])), 'import.too_many_rows');
    });
  });
});
