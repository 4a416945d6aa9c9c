import { MAX_CELL_CHARS, refusedFile } from './import-limits';
import { attr, type Attributes, type XmlVisitor } from './xlsx-xml';

// The workbook-level parts of an .xlsx file, each read by a visitor of the streaming parser: the
// workbook (sheet order, date system), relationships (where each part is), styles (which cell styles
// are dates) and shared strings. The sheets themselves are read in xlsx-table.ts.

/** exceljs's test for a date format: y, m, d, h, s or b outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** Excel writes control characters in text as _xHHHH_. */
export const unescapeText = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/** Collects the text of `<t>` elements, leaving out phonetic runs (`<rPh>`), of shared strings or inline strings. */
export class TextRuns {
  private depthT = 0;
  private inPhonetic = false;
  value = '';
  open(name: string) {
    if (name === 't') this.depthT++;
    else if (name === 'rPh') this.inPhonetic = true;
  }
  close(name: string) {
    if (name === 't') this.depthT--;
    else if (name === 'rPh') this.inPhonetic = false;
  }
  get reading() {
    return this.depthT > 0 && !this.inPhonetic;
  }
  add(s: string) {
    this.value += s;
    if (this.value.length > MAX_CELL_CHARS) throw refusedFile('import.cell_too_long', { max: MAX_CELL_CHARS });
  }
}

export class SharedStrings implements XmlVisitor {
  readonly strings: string[] = [];
  private runs: TextRuns | null = null;
  wantsText = false;
  open(name: string) {
    if (name === 'si') this.runs = new TextRuns();
    this.runs?.open(name);
    this.wantsText = this.runs?.reading ?? false;
  }
  close(name: string) {
    this.runs?.close(name);
    if (name === 'si' && this.runs) {
      this.strings.push(unescapeText(this.runs.value));
      this.runs = null;
    }
    this.wantsText = this.runs?.reading ?? false;
  }
  text(s: string) {
    this.runs!.add(s);
  }
}

/** Which cell styles (the `s` attribute, an index into cellXfs) show a number as a date. */
export class DateStyles implements XmlVisitor {
  readonly isDate: boolean[] = [];
  private readonly formats = new Map<number, string>();
  private inCellXfs = false;
  wantsText = false;
  open(name: string, attrs: Attributes) {
    if (name === 'numFmt') this.formats.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
    else if (name === 'cellXfs') this.inCellXfs = true;
    else if (name === 'xf' && this.inCellXfs) {
      const id = Number(attr(attrs, 'numFmtId') ?? 0);
      const custom = this.formats.get(id);
      this.isDate.push(custom === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(custom));
    }
  }
  close(name: string) {
    if (name === 'cellXfs') this.inCellXfs = false;
  }
  text() {}
}

/** The workbook's sheets in order (their part names) and its date system. */
export class WorkbookParts implements XmlVisitor {
  readonly sheetIds: string[] = [];
  date1904 = false;
  wantsText = false;
  open(name: string, attrs: Attributes) {
    if (name === 'sheet') this.sheetIds.push(attr(attrs, 'id') ?? '');
    else if (name === 'workbookPr') this.date1904 = ['1', 'true'].includes(attr(attrs, 'date1904') ?? '');
  }
  close() {}
  text() {}
}

export class Relationships implements XmlVisitor {
  readonly targets = new Map<string, { target: string; type: string }>();
  wantsText = false;
  /** `folder` is that of the part the relationships belong to ('' for the package, 'xl/' for xl/workbook.xml). */
  constructor(private readonly folder: string) {}
  open(name: string, attrs: Attributes) {
    if (name !== 'Relationship') return;
    // Targets are relative to the part's folder, or absolute from the package root.
    const target = attr(attrs, 'Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `${this.folder}${target}`.replace(/[^/]+\/\.\.\//g, '');
    this.targets.set(attr(attrs, 'Id') ?? '', { target: path, type: attr(attrs, 'Type') ?? '' });
  }
  close() {}
  text() {}
}
