import ExcelJS from 'exceljs';
import { ValidationError } from '../../platform/errors';
import { MAX_CELL_CHARS, ReadBudget, refusedFile, unreadableFile } from '../../platform/import-limits';
import { readXlsxTables, type SheetLimits } from '../../platform/xlsx-table';
import { COLUMNS, columnOf, type Cell, type ColumnKey, type FlatRow } from './procedure-columns';
import type { FileFormat } from './procedure.schemas';

// Reading and writing the catalogue file: .xlsx through exceljs, CSV by hand (RFC 4180, UTF-8 with
// a BOM so that Excel shows Vietnamese correctly; `;` is detected too, as Excel writes it under a
// Vietnamese locale, whose decimal separator is the comma).

export interface SheetData {
  /** Columns found in the header row. */
  present: Set<ColumnKey>;
  /** Data rows that are not blank, with their spreadsheet row number (the header is row 1). */
  rows: Array<{ row: number; cells: Partial<Record<ColumnKey, Cell>> }>;
}

export const MAX_IMPORT_ROWS = 5000;
/**
 * What a catalogue file may use before any row is looked at. Rows Excel keeps after their contents were
 * cleared count toward the sheet but not toward the data rows, hence the room; a catalogue has a dozen
 * columns and some notes beside them at most (docs/architecture.md § Imports).
 */
const SHEET_LIMITS: SheetLimits = { sheets: 1, maxRows: 2 * MAX_IMPORT_ROWS + 1, maxColumns: 100 };

/** A cell that a spreadsheet would run as a formula is written with a leading apostrophe (CSV injection). */
const RISKY = /^[=+\-@\t\r]/;

/** RFC 4180 with the delimiter detected; refused past the sheet limits, and lets other requests run as it goes. */
export async function parseCsv(text: string, limits: SheetLimits = SHEET_LIMITS, budget = new ReadBudget()): Promise<string[][]> {
  const s = text.replace(/^\uFEFF/, '');
  const firstLine = s.slice(0, s.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let steps = 0;
  const endField = () => {
    row.push(field.startsWith("'") && RISKY.test(field.slice(1)) ? field.slice(1) : field);
    field = '';
    if (row.length > limits.maxColumns) throw refusedFile('import.too_many_columns', { max: limits.maxColumns });
  };
  const endRow = () => {
    rows.push(row);
    row = [];
    if (rows.length > limits.maxRows) throw refusedFile('import.too_many_rows', { max: limits.maxRows });
  };
  while (i < s.length) {
    if (++steps % 65_536 === 0) await budget.turn();
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      endField();
      endRow();
      if (ch === '\r' && s[i + 1] === '\n') i++;
    } else field += ch;
    if (field.length > MAX_CELL_CHARS) throw refusedFile('import.cell_too_long', { max: MAX_CELL_CHARS });
    i++;
  }
  if (quoted) throw unreadableFile();
  if (field !== '' || row.length) {
    endField();
    endRow();
  }
  return rows;
}

function toCsv(rows: Array<Array<string | number>>): string {
  const quote = (v: string | number) => {
    let s = String(v);
    if (typeof v === 'string' && RISKY.test(s)) s = `'${s}`;
    return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Reads the file; throws 400 'import.invalid' when required columns are missing. */
export async function readSheet(data: Buffer, format: FileFormat): Promise<SheetData> {
  const table: Cell[][] = format === 'xlsx' ? (await readXlsxTables(data, SHEET_LIMITS))[0]! : await parseCsv(data.toString('utf8'));
  const [header = [], ...body] = table;
  // A column named twice is read from its first occurrence only.
  const keys = header.map((h) => (typeof h === 'string' ? columnOf(h) : null)).map((k, i, all) => (k && all.indexOf(k) === i ? k : null));
  const present = new Set(keys.filter((k): k is ColumnKey => k !== null));
  const missing = COLUMNS.filter((c) => c.required && !present.has(c.key));
  if (missing.length) {
    throw new ValidationError(
      'import.invalid',
      missing.map((c) => ({ path: `file.${c.key}`, row: 1, column: c.key, code: 'import.missing_column' })),
    );
  }
  const rows: SheetData['rows'] = [];
  body.forEach((values, i) => {
    const cells: Partial<Record<ColumnKey, Cell>> = {};
    keys.forEach((k, c) => {
      const v = values[c];
      if (k && v !== undefined) cells[k] = typeof v === 'string' ? v.trim() : v;
    });
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: i + 2, cells });
  });
  if (rows.length === 0) throw new ValidationError('import.empty', [{ path: 'body.file', code: 'import.empty' }]);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ValidationError('import.too_many_rows', [{ path: 'body.file', code: 'import.too_many_rows' }], { max: MAX_IMPORT_ROWS });
  return { present, rows };
}

export async function writeSheet(rows: FlatRow[], format: FileFormat): Promise<Buffer> {
  const header = COLUMNS.map((c) => c.header);
  const values = rows.map((r) => COLUMNS.map((c) => r[c.key]));
  if (format === 'csv') return Buffer.from(toCsv([header, ...values]), 'utf8');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Thủ tục hành chính', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'name' || c.key === 'components' || c.key === 'legalBasis' ? 60 : 20 }));
  ws.getRow(1).font = { bold: true };
  // Codes and dates stay text, so Excel never turns 1.004510 into a number or a day into a serial.
  for (const r of rows) ws.addRow(r);
  ws.getColumn('code').numFmt = '@';
  ws.getColumn('effectiveFrom').numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
