import ExcelJS from 'exceljs';
import { ValidationError } from './errors';

// Reading the first worksheet of an .xlsx file as a plain table of cells, shared by the imports that
// take spreadsheets (procedure catalogue, PAR criteria sets). Formula cells give their cached result;
// rich text gives its plain text.

export type TableCell = string | number | Date;

export const unreadableFile = () => new ValidationError('import.unreadable', [{ path: 'body.file', code: 'import.unreadable' }]);

function cellValue(v: ExcelJS.CellValue): TableCell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return v.result === undefined ? '' : cellValue(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return '';
}

function tableOf(ws: ExcelJS.Worksheet): TableCell[][] {
  const out: TableCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: TableCell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(cellValue(row.getCell(c).value));
    out[n - 1] = values;
  });
  return Array.from(out, (r) => r ?? []);
}

/** Every worksheet of the file as a table, in order; 400 'import.unreadable' when it is not an .xlsx file. */
export async function readXlsxTables(data: Buffer): Promise<TableCell[][][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw unreadableFile();
  }
  if (wb.worksheets.length === 0) throw unreadableFile();
  return wb.worksheets.map(tableOf);
}

/** The first worksheet of the file as a table. */
export async function readXlsxTable(data: Buffer): Promise<TableCell[][]> {
  return (await readXlsxTables(data))[0]!;
}
