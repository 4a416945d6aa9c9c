import { MAX_CELL_CHARS, ReadBudget, refusedFile, unreadableFile } from './import-limits';
import { ValidationError } from './errors';
import { inflateEntry, openZip, type ZipEntry, type ZipFile } from './xlsx-zip';
import { DateStyles, Relationships, SharedStrings, TextRuns, unescapeText, WorkbookParts } from './xlsx-parts';
import { attr, scanXml, type Attributes, type XmlVisitor } from './xlsx-xml';

// Reading worksheets of an .xlsx file as plain tables of cells, shared by the imports that take
// spreadsheets (procedure catalogue, PAR criteria sets). Formula cells give their cached result; rich
// text gives its plain text; numbers in a date format give a Date, as exceljs reads them.
// exceljs's own reader builds the whole workbook model in one go and blocked the server for minutes
// on a sheet with one cell at XFD1048576; this one streams each part, checks the sheet's declared size
// before its rows and every real row and column as it comes, so it is linear in the cells present and
// never holds the event loop for long (docs/architecture.md § Imports).

export type TableCell = string | number | Date;

/** What an import accepts of a workbook; anything beyond is refused before rows are used. */
export interface SheetLimits {
  /** Worksheets read, in the workbook's order; later ones are not opened. */
  sheets: number;
  /** Highest row number a sheet may use, the header included (also its declared dimension). */
  maxRows: number;
  /** Highest column number (A = 1) a sheet may use. */
  maxColumns: number;
}

const tooManyRows = (limits: SheetLimits) => refusedFile('import.too_many_rows', { max: limits.maxRows });
const tooManyColumns = (limits: SheetLimits) => refusedFile('import.too_many_columns', { max: limits.maxColumns });

/** 'XFD1048576' → { col: 16384, row: 1048576 }; undefined for anything else. */
function cellRef(ref: string | undefined): { col: number; row: number } | undefined {
  const m = ref === undefined ? null : /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}

const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** Stops scanning a part once the visitor has what it needs. */
class Enough extends Error {}

/** The declared used range: a sheet claiming to reach XFD1048576 is refused before any row is read. */
function checkDimension(attrs: Attributes, limits: SheetLimits): void {
  const end = cellRef(attr(attrs, 'ref')?.split(':').pop());
  if (end && end.row > limits.maxRows) throw tooManyRows(limits);
  if (end && end.col > limits.maxColumns) throw tooManyColumns(limits);
}

/** Reads a sheet only as far as its rows, for its dimension. */
class DeclaredDimension implements XmlVisitor {
  wantsText = false;
  constructor(private readonly limits: SheetLimits) {}
  open(name: string, attrs: Attributes) {
    if (name === 'dimension') checkDimension(attrs, this.limits);
    else if (name === 'sheetData') throw new Enough();
  }
  close() {}
  text() {}
}

class SheetRows implements XmlVisitor {
  readonly rows: TableCell[][] = [];
  private rowNo = 0;
  private col = 0;
  private cell: { type: string; style: number; value: string; inline: TextRuns | null } | null = null;
  private inValue = false;
  wantsText = false;

  constructor(
    private readonly limits: SheetLimits,
    private readonly strings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
  ) {}

  open(name: string, attrs: Attributes) {
    if (name === 'dimension') checkDimension(attrs, this.limits);
    else if (name === 'row') {
      const r = attr(attrs, 'r');
      this.rowNo = r === undefined ? this.rowNo + 1 : Number(r);
      if (!Number.isInteger(this.rowNo) || this.rowNo < 1) throw unreadableFile();
      if (this.rowNo > this.limits.maxRows) throw tooManyRows(this.limits);
      this.col = 0;
    } else if (name === 'c') {
      const ref = attr(attrs, 'r');
      this.col = ref === undefined ? this.col + 1 : (cellRef(ref)?.col ?? 0);
      if (this.col < 1 || this.rowNo < 1) throw unreadableFile();
      if (this.col > this.limits.maxColumns) throw tooManyColumns(this.limits);
      this.cell = { type: attr(attrs, 't') ?? 'n', style: Number(attr(attrs, 's') ?? 0), value: '', inline: null };
    } else if (this.cell) {
      if (name === 'v') this.inValue = true;
      else if (name === 'is') this.cell.inline = new TextRuns();
      this.cell.inline?.open(name);
    }
    this.wantsText = this.inValue || (this.cell?.inline?.reading ?? false);
  }

  close(name: string) {
    if (name === 'c' && this.cell) {
      const value = this.valueOf(this.cell);
      if (value !== '') {
        const row = (this.rows[this.rowNo - 1] ??= []);
        while (row.length < this.col - 1) row.push('');
        row[this.col - 1] = value;
      }
      this.cell = null;
    } else if (name === 'v') this.inValue = false;
    else this.cell?.inline?.close(name);
    this.wantsText = this.inValue || (this.cell?.inline?.reading ?? false);
  }

  text(s: string) {
    if (!this.cell) return;
    if (this.inValue) {
      this.cell.value += s;
      if (this.cell.value.length > MAX_CELL_CHARS) throw refusedFile('import.cell_too_long', { max: MAX_CELL_CHARS });
    } else this.cell.inline?.add(s);
  }

  private valueOf(c: { type: string; style: number; value: string; inline: TextRuns | null }): TableCell {
    switch (c.type) {
      case 's':
        return this.strings[Number(c.value)] ?? '';
      case 'inlineStr':
        return unescapeText(c.inline?.value ?? '');
      case 'str':
        return unescapeText(c.value);
      case 'b':
        return c.value === '' ? '' : String(c.value === '1' || c.value === 'true');
      case 'e':
        return '';
      case 'd': {
        const d = new Date(c.value);
        return Number.isNaN(d.getTime()) ? c.value : d;
      }
      default: {
        if (c.value.trim() === '') return '';
        const n = Number(c.value);
        if (!Number.isFinite(n)) return c.value;
        return this.dateStyles[c.style] ? excelDate(n, this.date1904) : n;
      }
    }
  }
}

/**
 * The first `limits.sheets` worksheets of the file as tables (row i, column j at [i - 1][j - 1]; empty
 * cells are '' or absent), in order. 400 'import.unreadable' when it is not an .xlsx file, and
 * 'import.too_many_rows', 'import.too_many_columns', 'import.too_large' (uncompressed size),
 * 'import.cell_too_long' or 'import.too_slow' when it is beyond what an import reads.
 */
export async function readXlsxTables(data: Buffer, limits: SheetLimits, budget = new ReadBudget()): Promise<TableCell[][][]> {
  try {
    return await readTables(data, limits, budget);
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw unreadableFile();
  }
}

async function readTables(data: Buffer, limits: SheetLimits, budget: ReadBudget): Promise<TableCell[][][]> {
  const { zip, entries } = await openZip(data);
  try {
    return await readParts(zip, entries, limits, budget);
  } finally {
    zip.close();
  }
}

async function readParts(zip: ZipFile, entries: Map<string, ZipEntry>, limits: SheetLimits, budget: ReadBudget): Promise<TableCell[][][]> {
  const part = (name: string | undefined): ZipEntry | undefined => (name === undefined ? undefined : entries.get(name));
  const read = async <V extends XmlVisitor>(entry: ZipEntry | undefined, visitor: V): Promise<V> => {
    if (entry) await scanXml(inflateEntry(zip, entry, budget), visitor, budget);
    return visitor;
  };
  // The package's relationships name the workbook part; every program we know writes xl/workbook.xml.
  const packageRels = await read(part('_rels/.rels'), new Relationships(''));
  const workbookName = [...packageRels.targets.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookEntry = part(workbookName);
  if (!workbookEntry) throw unreadableFile();
  const folder = workbookName.slice(0, workbookName.lastIndexOf('/') + 1);
  const workbook = await read(workbookEntry, new WorkbookParts());
  const rels = await read(part(`${folder}_rels/${workbookName.slice(folder.length)}.rels`), new Relationships(folder));
  const related = (type: string) => [...rels.targets.values()].find((r) => r.type.endsWith(`/${type}`))?.target;
  const sheets = workbook.sheetIds.slice(0, limits.sheets).map((id) => part(rels.targets.get(id)?.target));
  if (sheets.length === 0 || sheets.some((s) => !s)) throw unreadableFile();
  const stylesEntry = part(related('styles') ?? 'xl/styles.xml');
  const stringsEntry = part(related('sharedStrings') ?? 'xl/sharedStrings.xml');

  // What the zip declares is checked before anything large is inflated; the budget then counts what is.
  const declared = [workbookEntry, stylesEntry, stringsEntry, ...sheets].reduce((sum, e) => sum + (e?.uncompressedSize ?? 0), 0);
  if (declared > budget.maxBytes) throw refusedFile('import.too_large', { maxBytes: budget.maxBytes });
  // Each sheet's declared dimension comes before its rows; reading only that far refuses an oversized
  // sheet before its shared strings are even opened.
  for (const sheet of sheets) {
    await read(sheet, new DeclaredDimension(limits)).catch((e: unknown) => {
      if (!(e instanceof Enough)) throw e;
    });
  }

  const dateStyles = (await read(stylesEntry, new DateStyles())).isDate;
  const strings = (await read(stringsEntry, new SharedStrings())).strings;
  const tables: TableCell[][][] = [];
  for (const sheet of sheets) {
    const rows = (await read(sheet, new SheetRows(limits, strings, dateStyles, workbook.date1904))).rows;
    tables.push(Array.from(rows, (r) => r ?? []));
  }
  return tables;
}
