import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_CELL_CHARS } from '../../platform/import-limits';
import { readXlsxTables, type TableCell } from '../../platform/xlsx-table';

// Streamed readers of an import file (docs/dossier-imports.md#record-formats). JSON lines and CSV are
// read chunk by chunk from the stored file, so memory stays flat whatever the file's length; a
// spreadsheet is read by the bounded reader of docs/architecture.md § Imports (at most
// MAX_XLSX_ROWS rows). Every record carries the row number a person finds it at: the line of a JSON
// lines file, the spreadsheet row of CSV and XLSX (the header is row 1), the position in a JSON array.

export const IMPORT_FORMATS = ['jsonl', 'json', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Rows of a spreadsheet import, the header included; larger files go as JSON lines or CSV. */
export const MAX_XLSX_ROWS = 100_001;

export type SourceRow = { row: number; value: unknown } | { row: number; error: string; field?: string };

/** The format a file name says, or null. */
export function formatOfName(name: string): ImportFormat | null {
  const m = /\.(jsonl|ndjson|json|csv|xlsx)$/i.exec(name);
  if (!m) return null;
  const ext = m[1]!.toLowerCase();
  return ext === 'ndjson' ? 'jsonl' : (ext as ImportFormat);
}

/** How far a streamed reader has read its file, in bytes (the job's progress bar). */
export interface ReadPosition {
  bytes: number;
}

export function readRows(path: string, format: ImportFormat, position: ReadPosition = { bytes: 0 }): AsyncGenerator<SourceRow> {
  switch (format) {
    case 'jsonl':
      return jsonLines(path, position);
    case 'json':
      return jsonArray(path);
    case 'csv':
      return csvRows(path, position);
    case 'xlsx':
      return xlsxRows(path);
  }
}

/** Lines of a file, decoded as UTF-8, without their line ends. */
async function* lines(path: string, position: ReadPosition): AsyncGenerator<string> {
  let rest = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream) {
    position.bytes = stream.bytesRead;
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_CELL_CHARS * 10) throw new Error('line too long');
  }
  if (rest.length) yield rest;
}

async function* jsonLines(path: string, position: ReadPosition): AsyncGenerator<SourceRow> {
  let row = 0;
  for await (const raw of lines(path, position)) {
    row++;
    const line = row === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    try {
      yield { row, value: JSON.parse(line) as unknown };
    } catch {
      yield { row, error: 'dossier_import.json_invalid' };
    }
  }
}

async function* jsonArray(path: string): AsyncGenerator<SourceRow> {
  let list: unknown;
  try {
    list = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    yield { row: 1, error: 'dossier_import.json_invalid' };
    return;
  }
  if (!Array.isArray(list)) {
    yield { row: 1, error: 'dossier_import.json_invalid' };
    return;
  }
  for (let i = 0; i < list.length; i++) {
    if (i % 1000 === 999) await nextTurn();
    yield { row: i + 1, value: list[i] };
  }
}

/** RFC 4180 records, streamed; the delimiter (`,` or `;`) is the one the header uses more. */
async function* csvRecords(path: string, position: ReadPosition): AsyncGenerator<string[]> {
  let delimiter: string | null = null;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let pendingQuote = false;
  let first = true;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream) {
    position.bytes = stream.bytesRead;
    let s = chunk as string;
    if (first) {
      s = s.replace(/^\uFEFF/, '');
      const head = s.slice(0, Math.max(0, s.search(/\r?\n/)) || s.length);
      delimiter = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
      first = false;
    }
    const out: string[][] = [];
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      if (pendingQuote) {
        pendingQuote = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        if (ch === '"') pendingQuote = true;
        else field += ch;
      } else if (ch === '"' && field === '') quoted = true;
      else if (ch === delimiter) {
        row.push(field);
        field = '';
      } else if (ch === '\n') {
        row.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        field = '';
        out.push(row);
        row = [];
      } else field += ch;
      if (field.length > MAX_CELL_CHARS) throw new Error('cell too long');
    }
    yield* out;
  }
  if (field !== '' || row.length) {
    row.push(field);
    yield row;
  }
}

/** A header row and the rows under it as objects keyed by the header's names. */
async function* keyed(records: AsyncIterable<TableCell[]>): AsyncGenerator<SourceRow> {
  let header: string[] | null = null;
  let row = 0;
  for await (const cells of records) {
    row++;
    if (!header) {
      header = cells.map((c) => String(c).trim());
      continue;
    }
    if (cells.every((c) => c === '' || c === null || c === undefined)) continue;
    const value: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (!h || h in value) return;
      const c = cells[i];
      value[h] = c instanceof Date ? portalTimeOf(c) : c === undefined ? '' : c;
    });
    yield { row, value };
  }
}

/** A spreadsheet date-time (Excel keeps the wall clock, read as UTC) as the portal's `yyyyMMddHHmmss` in UTC+7. */
function portalTimeOf(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

function csvRows(path: string, position: ReadPosition): AsyncGenerator<SourceRow> {
  return keyed(csvRecords(path, position));
}

async function* xlsxRows(path: string): AsyncGenerator<SourceRow> {
  const tables = await readXlsxTables(await readFile(path), { sheets: 1, maxRows: MAX_XLSX_ROWS, maxColumns: 100 });
  async function* rows() {
    yield* tables[0] ?? [];
  }
  yield* keyed(rows());
}
