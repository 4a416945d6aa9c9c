import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { QUESTION_COLUMNS } from './questionnaire-sheet';

// Questionnaires as Excel (docs/surveys.md, "Questionnaire model"): exported one row per question, imported
// all or nothing through the bounded reader, every problem named by its row and column.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(engines)('questionnaire Excel import and export on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let secretary: Caller & { cookie: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    secretary = (await factories(t, admin, rootId).actor('par_secretary')).caller;
  });
  afterAll(async () => t?.close());

  const send = async (data: Buffer, as: { cookie: string } = secretary, unitId = rootId) => {
    const m = multipart('phieu.xlsx', XLSX, data);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/questionnaires/import-xlsx?unitId=${unitId}`,
      headers: { cookie: as.cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> & { errors?: unknown[] } };
  };
  const countQuestionnaires = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('surveyQuestionnaires')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A workbook with the question sheet's headers and these rows, and a title sheet. */
  async function workbook(rows: unknown[][], title = 'Phiếu khảo sát cán bộ') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Câu hỏi');
    ws.addRow(QUESTION_COLUMNS.map((c) => c.header));
    for (const r of rows) ws.addRow(r);
    const form = wb.addWorksheet('Phiếu');
    form.addRow(['', 'Tiếng Việt', 'Tiếng Anh']);
    form.addRow(['Tiêu đề', title, 'Officials survey']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('exports the SIPAS template one row per question and imports it back as the same definition', async () => {
    const q = await secretary.post('/api/surveys/questionnaires', { unitId: rootId, template: 'sipas_service' });
    expect(q.status).toBe(201);
    const file = await secretary.get(`/api/surveys/questionnaires/${q.body.id}/export-xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Câu hỏi')!;
    const questions = (q.body.definition as { sections: Array<{ questions: unknown[] }> }).sections.flatMap((s) => s.questions);
    expect(ws.rowCount).toBe(1 + questions.length);
    // A Likert row: five levels with their weights, tagged; the conditional apology question names its condition.
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows[0]!.slice(1, 9)).toEqual([
      'access',
      'Tiếp cận dịch vụ',
      'Access to the service',
      'access_channel',
      'multiple',
      'Ông/Bà biết đến thủ tục này qua đâu?',
      'How did you learn about this procedure?',
      'Có',
    ]);
    const place = rows.find((r) => r[4] === 'access_place')!;
    expect(place[5]).toBe('likert');
    expect(String(place[9]).split('\n')).toEqual([
      '1 | Rất không hài lòng | Very dissatisfied | 0',
      '2 | Không hài lòng | Dissatisfied | 25',
      '3 | Bình thường | Neutral | 50',
      '4 | Hài lòng | Satisfied | 75',
      '5 | Rất hài lòng | Very satisfied | 100',
    ]);
    expect(place.slice(11, 13)).toEqual(['access', 'satisfaction']);
    expect(rows.find((r) => r[4] === 'result_apology')![10]).toBe('result_on_time = no');
    expect(rows.find((r) => r[4] === 'result_trips')![14]).toMatch(/^\d+-\d+$/);

    const back = await send(file.raw);
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    const strip = (d: { sections: Array<{ description: unknown; questions: Array<Record<string, unknown>> }> }) => ({
      ...d,
      sections: d.sections.map((s) => ({
        ...s,
        description: null,
        questions: s.questions.map((x) => ({ ...x, help: null, ...('unit' in x ? { unit: null } : {}) })),
      })),
    });
    expect(back.body.definition).toEqual(strip(q.body.definition));
    expect(back.body).toMatchObject({ status: 'draft', versionNo: 1 });
  });

  it('refuses a bad sheet with every problem at its row and column, and writes nothing', async () => {
    const before = await countQuestionnaires();
    const bad = await send(
      await workbook([
        [
          's1',
          'Đánh giá chung',
          '',
          'q1',
          'single',
          'Chất lượng phục vụ?',
          '',
          'Có',
          'A | Tốt | Good | 100\nB | Kém | Poor | nhiều',
          '',
          'access',
          'satisfaction',
        ],
        ['s1', '', '', 'q2', 'thang_do', 'Câu hỏi sai loại', '', 'Có'],
        ['s1', '', '', 'q3', 'number', 'Số lần đi lại', '', 'có lẽ', '', 'q1 A', '', 'hai_long', '', '1 đến 5'],
        ['s1', '', '', 'Q 4', 'yes_no', 'Mã câu sai', '', 'Không'],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('import.invalid');
    expect(bad.body.errors).toEqual([
      { path: 'file.options', row: 2, column: 'I', code: 'survey.sheet_option_format' },
      { path: 'file.type', row: 3, column: 'E', code: 'import.invalid_value' },
      { path: 'file.required', row: 4, column: 'H', code: 'import.invalid_value' },
      { path: 'file.aspect', row: 4, column: 'L', code: 'import.invalid_value' },
      { path: 'file.condition', row: 4, column: 'J', code: 'survey.sheet_condition_format' },
      { path: 'file.limit', row: 4, column: 'N', code: 'survey.sheet_limit_format' },
    ]);
    // Rows that pass the cell checks go through the questionnaire schema; its problems land on their cells too.
    const schema = await send(
      await workbook([
        ['s1', 'Đánh giá chung', '', 'q1', 'single', 'Chất lượng phục vụ?', '', 'Có', 'A | Tốt | Good | 100\nB | Kém | Poor | 0'],
        ['s1', '', '', 'Q 4', 'yes_no', 'Mã câu sai', '', 'Không'],
      ]),
    );
    expect(schema.status).toBe(400);
    expect(schema.body.errors).toEqual([{ path: 'file.id', row: 3, column: 'D', code: 'survey.id_invalid' }]);
    // A missing column is named on row 1; a missing title on the "Phiếu" sheet.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Câu hỏi').addRow(['Mã phần', 'Câu hỏi']);
    const missing = await send(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing.body.errors).toEqual([
      { path: 'file.id', row: 1, column: 'Mã câu', code: 'import.missing_column' },
      { path: 'file.type', row: 1, column: 'Loại', code: 'import.missing_column' },
    ]);
    const untitled = await send(await workbook([['s1', 'Phần 1', '', 'q1', 'yes_no', 'Có hài lòng không?', '', 'Có']], ''));
    expect(untitled.body.errors).toEqual([{ path: 'file.title', row: 2, column: 'B', code: 'survey.sheet_title_missing' }]);
    expect(await countQuestionnaires()).toBe(before);
  });

  it('imports a sheet written by hand as a draft, and checks survey.manage before reading the file', async () => {
    const ok = await send(
      await workbook([
        [
          's1',
          'Đánh giá chung',
          'Overall',
          'q1',
          'single',
          'Chất lượng phục vụ?',
          'Service quality?',
          'Có',
          'A | Tốt | Good | 100\nB | Khá | Fair | 60\nC | Kém | Poor | 0',
          '',
          '',
          '',
          'officials',
        ],
        ['s1', '', '', 'q2', 'text', 'Vì sao?', '', 'không', '', 'q1 = B, C', '', '', '', '500'],
        ['s2', 'Phần trống', '', '', '', ''],
      ]),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const def = ok.body.definition as { title: unknown; sections: Array<{ id: string; questions: Array<Record<string, unknown>> }> };
    expect(def.title).toEqual({ vi: 'Phiếu khảo sát cán bộ', en: 'Officials survey' });
    expect(def.sections.map((s) => [s.id, s.questions.length])).toEqual([
      ['s1', 2],
      ['s2', 0],
    ]);
    expect(def.sections[0]!.questions[0]).toMatchObject({
      tag: { dimension: 'officials' },
      options: [
        { code: 'A', weight: 100 },
        { code: 'B', weight: 60 },
        { code: 'C', weight: 0 },
      ],
    });
    expect(def.sections[0]!.questions[1]).toMatchObject({ required: false, showIf: { questionId: 'q1', anyOf: ['B', 'C'] }, maxLength: 500 });
    // A draft: the empty section stops publication, naming it.
    expect((ok.body.publishIssues as Array<{ code: string }>).map((i) => i.code)).toContain('survey.section_empty');
    const viewer = await factories(t, admin, rootId).actor('viewer');
    expect((await send(await workbook([]), viewer.caller)).status).toBe(403);
    const notAFile = await send(Buffer.from('không phải tệp Excel'));
    expect(notAFile.body.errors).toEqual([{ path: 'body.file', code: 'import.unreadable' }]);
  });
});
