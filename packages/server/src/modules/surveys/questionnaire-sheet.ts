import {
  foldVietnamese,
  QUESTION_TYPES,
  QuestionnaireDefinitionSchema,
  SIPAS_ASPECTS,
  SIPAS_ELEMENTS,
  type Question,
  type QuestionnaireDefinition,
} from '@cchc/domain';
import ExcelJS from 'exceljs';
import { ValidationError, type FieldError } from '../../platform/errors';
import { cellText, columnLetter, columnsByHeader } from '../../platform/xlsx-columns';
import { readXlsxTables, type SheetLimits } from '../../platform/xlsx-table';

// A questionnaire as an .xlsx workbook (docs/surveys.md, "Questionnaire model"): the sheet "Câu hỏi" has
// one row per question, in order, with its section on the same row; the sheet "Phiếu" holds the title and
// the introduction. Options are one per line in one cell: `code | nhãn | label | weight`. The import reads
// the file with the bounded platform reader, checks every row, and either gives a whole definition or a
// 400 listing each problem with its sheet row and column letter.

export const MAX_SHEET_QUESTIONS = 2000;
const LIMITS: SheetLimits = { sheets: 2, maxRows: MAX_SHEET_QUESTIONS + 1, maxColumns: 20 };

/** The question sheet's columns, in order; the import finds them by header (case and diacritics ignored). */
export const QUESTION_COLUMNS = [
  { key: 'section', header: 'Mã phần', required: true, width: 12 },
  { key: 'sectionVi', header: 'Tên phần', required: false, width: 28 },
  { key: 'sectionEn', header: 'Tên phần (tiếng Anh)', required: false, width: 24 },
  { key: 'id', header: 'Mã câu', required: true, width: 18 },
  { key: 'type', header: 'Loại', required: true, width: 10 },
  { key: 'textVi', header: 'Câu hỏi', required: true, width: 50 },
  { key: 'textEn', header: 'Câu hỏi (tiếng Anh)', required: false, width: 40 },
  { key: 'required', header: 'Bắt buộc', required: false, width: 10 },
  { key: 'options', header: 'Phương án (mã | nhãn | nhãn tiếng Anh | trọng số)', required: false, width: 50 },
  { key: 'condition', header: 'Điều kiện hiển thị', required: false, width: 26 },
  { key: 'element', header: 'Yếu tố', required: false, width: 14 },
  { key: 'aspect', header: 'Khía cạnh', required: false, width: 14 },
  { key: 'dimension', header: 'Chiều khác', required: false, width: 14 },
  { key: 'limit', header: 'Giới hạn', required: false, width: 12 },
] as const;
type Key = (typeof QUESTION_COLUMNS)[number]['key'];
const QUESTIONS_SHEET = 'Câu hỏi';
const FORM_SHEET = 'Phiếu';
const FORM_ROWS = ['Tiêu đề', 'Lời giới thiệu'] as const;

const yes = (v: string) => ['co', 'x', 'yes', '1', 'true'].includes(foldVietnamese(v));
const no = (v: string) => ['khong', 'no', '0', 'false', ''].includes(foldVietnamese(v));

type Option = { code: string; label: { vi: string; en: string }; weight: number };
const optionLines = (options: readonly Option[]) => options.map((o) => [o.code, o.label.vi, o.label.en, String(o.weight)].join(' | ')).join('\n');

/** The question's number range, most choices or longest text, as the "Giới hạn" cell shows it. */
function limitOf(q: Question): string {
  if (q.type === 'number') return `${q.min}-${q.max}`;
  if (q.type === 'multiple') return q.maxChoices === null ? '' : String(q.maxChoices);
  if (q.type === 'text') return String(q.maxLength);
  return '';
}

export async function questionnaireToXlsx(def: QuestionnaireDefinition): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const qs = wb.addWorksheet(QUESTIONS_SHEET);
  qs.columns = QUESTION_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  qs.getRow(1).font = { bold: true };
  for (const s of def.sections) {
    // An empty section still needs its row, or it would be lost: its id and title with no question.
    if (s.questions.length === 0) qs.addRow({ section: s.id, sectionVi: s.title.vi, sectionEn: s.title.en });
    for (const [i, q] of s.questions.entries()) {
      const options = q.type === 'likert' ? q.levels : q.type === 'single' || q.type === 'multiple' ? q.options : [];
      const row = qs.addRow({
        section: s.id,
        sectionVi: i === 0 ? s.title.vi : '',
        sectionEn: i === 0 ? s.title.en : '',
        id: q.id,
        type: q.type,
        textVi: q.text.vi,
        textEn: q.text.en,
        required: q.required ? 'Có' : 'Không',
        options: optionLines(options),
        condition: q.showIf ? `${q.showIf.questionId} = ${q.showIf.anyOf.join(', ')}` : '',
        element: q.tag.element ?? '',
        aspect: q.tag.aspect ?? '',
        dimension: q.tag.dimension ?? '',
        limit: limitOf(q),
      });
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  const form = wb.addWorksheet(FORM_SHEET);
  form.columns = [
    { header: '', key: 'what', width: 18 },
    { header: 'Tiếng Việt', key: 'vi', width: 60 },
    { header: 'Tiếng Anh', key: 'en', width: 60 },
  ];
  form.addRow({ what: FORM_ROWS[0], vi: def.title.vi, en: def.title.en });
  form.addRow({ what: FORM_ROWS[1], vi: def.intro?.vi ?? '', en: def.intro?.en ?? '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The workbook as a questionnaire definition (a draft: publishing checks the rest). Every problem is
 * reported at once with its row and column (`file.<column>` paths); nothing is returned on any problem.
 */
export async function questionnaireFromXlsx(data: Buffer): Promise<QuestionnaireDefinition> {
  const [table = [], formTable = []] = await readXlsxTables(data, LIMITS);
  const [header = [], ...body] = table;
  const columnOf = columnsByHeader(header, QUESTION_COLUMNS);

  const errors: FieldError[] = [];
  const err = (row: number, k: Key, code: string) => errors.push({ path: `file.${k}`, row, column: columnLetter(columnOf.get(k) ?? 0), code });
  const sections: Array<{ id: string; title: { vi: string; en: string }; description: null; questions: unknown[]; row: number }> = [];
  const rowOf: number[][] = []; // rowOf[section][question] = sheet row, to place the schema's problems
  body.forEach((values, i) => {
    const row = i + 2;
    const cell = (k: Key) => {
      const c = columnOf.get(k);
      return c === undefined ? '' : cellText(values[c]);
    };
    if (QUESTION_COLUMNS.every((c) => cell(c.key) === '')) return;
    const sectionId = cell('section');
    if (!sectionId) return err(row, 'section', 'import.required');
    let s = sections.findIndex((x) => x.id === sectionId);
    if (s === -1) {
      sections.push({ id: sectionId, title: { vi: cell('sectionVi'), en: cell('sectionEn') }, description: null, questions: [], row });
      rowOf.push([]);
      s = sections.length - 1;
      if (!cell('sectionVi')) err(row, 'sectionVi', 'import.required');
    } else if (s !== sections.length - 1) return err(row, 'section', 'survey.sheet_section_split');
    if (!cell('id') && !cell('type') && !cell('textVi')) return; // a section without questions
    const q = questionOf(cell, (k, code) => err(row, k, code));
    if (q) {
      sections[s]!.questions.push(q);
      rowOf[s]!.push(row);
    }
  });
  const form = new Map(formTable.map((r) => [foldVietnamese(cellText(r[0])), { vi: cellText(r[1]), en: cellText(r[2]) }]));
  const title = form.get(foldVietnamese(FORM_ROWS[0]));
  const intro = form.get(foldVietnamese(FORM_ROWS[1]));
  if (!title?.vi) errors.push({ path: 'file.title', row: 2, column: 'B', code: 'survey.sheet_title_missing' });
  if (errors.length) throw new ValidationError('import.invalid', errors);
  if (sections.length === 0) throw new ValidationError('import.empty', [{ path: 'body.file', code: 'import.empty' }]);

  const parsed = QuestionnaireDefinitionSchema.safeParse({
    title: title!,
    intro: intro?.vi ? intro : null,
    sections: sections.map(({ row: _row, ...x }) => x),
  });
  if (parsed.success) return parsed.data;
  // What the schema refuses is placed on the row and column of the question (or section) it concerns.
  throw new ValidationError(
    'import.invalid',
    parsed.error.issues.map((issue) => {
      const [top, s, inner, q, field] = issue.path as Array<string | number>;
      const code = issue.message.startsWith('survey.') ? issue.message : 'import.invalid_value';
      if (top !== 'sections' || typeof s !== 'number') return { path: 'file.title', row: 2, column: 'B', code };
      if (inner !== 'questions' || typeof q !== 'number')
        return { path: 'file.section', row: sections[s]!.row, column: columnLetter(columnOf.get('section')!), code };
      const k = FIELD_COLUMN[String(field)] ?? 'id';
      return { path: `file.${k}`, row: rowOf[s]![q]!, column: columnLetter(columnOf.get(k) ?? 0), code };
    }),
  );
}

const FIELD_COLUMN: Record<string, Key> = {
  id: 'id',
  type: 'type',
  text: 'textVi',
  required: 'required',
  levels: 'options',
  options: 'options',
  showIf: 'condition',
  tag: 'element',
  min: 'limit',
  max: 'limit',
  maxChoices: 'limit',
  maxLength: 'limit',
};

/** One row as a question input for the schema, or null after reporting why it cannot be one. */
function questionOf(cell: (k: Key) => string, err: (k: Key, code: string) => void): Record<string, unknown> | null {
  const type = cell('type').toLowerCase();
  if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
    err('type', type ? 'import.invalid_value' : 'import.required');
    return null;
  }
  const required = cell('required');
  if (!yes(required) && !no(required)) err('required', 'import.invalid_value');
  const element = cell('element');
  if (element && !(SIPAS_ELEMENTS as readonly string[]).includes(element)) err('element', 'import.invalid_value');
  const aspect = cell('aspect');
  if (aspect && !(SIPAS_ASPECTS as readonly string[]).includes(aspect)) err('aspect', 'import.invalid_value');
  const q: Record<string, unknown> = {
    id: cell('id'),
    type,
    text: { vi: cell('textVi'), en: cell('textEn') },
    required: yes(required),
    tag: { element: element || null, aspect: aspect || null, dimension: cell('dimension') || null },
  };
  if (!cell('textVi')) err('textVi', 'import.required');
  const condition = cell('condition');
  if (condition) {
    const m = /^([^=]+)=(.+)$/.exec(condition);
    if (!m) err('condition', 'survey.sheet_condition_format');
    else
      q.showIf = {
        questionId: m[1]!.trim(),
        anyOf: m[2]!
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      };
  }
  const options = cell('options')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => line.split('|').map((x) => x.trim()));
  if (type === 'likert' || type === 'single' || type === 'multiple') {
    if (options.some((o) => o.length !== 4 || !/^\d{1,3}$/.test(o[3]!))) err('options', 'survey.sheet_option_format');
    q[type === 'likert' ? 'levels' : 'options'] = options.map(([code = '', vi = '', en = '', weight = '0']) => ({
      code,
      label: { vi, en },
      weight: Number(weight),
    }));
  } else if (options.length) err('options', 'survey.sheet_options_not_allowed');
  const limit = cell('limit');
  if (limit) {
    if (type === 'number') {
      const m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(limit);
      if (!m) err('limit', 'survey.sheet_limit_format');
      else Object.assign(q, { min: Number(m[1]), max: Number(m[2]) });
    } else if (type === 'multiple' || type === 'text') {
      if (!/^\d+$/.test(limit)) err('limit', 'import.invalid_number');
      else q[type === 'multiple' ? 'maxChoices' : 'maxLength'] = Number(limit);
    } else err('limit', 'survey.sheet_limit_not_allowed');
  }
  return q;
}
