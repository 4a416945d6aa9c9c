import { CriterionNodeSchema, foldVietnamese, ROUNDING_MODES, type CriteriaSet, type CriterionNode } from '@cchc/domain';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/errors';
import { readXlsxTables, type SheetLimits, type TableCell } from '../../platform/xlsx-table';
import { viScore } from './par-export';
import { BandSchema, type Band } from './par.schemas';

// A criteria set as an .xlsx workbook: sheet 1 has one row per criterion (the columns below, Vietnamese
// headers), sheet 2 the set's own details as label/value pairs. Points are written as text with a decimal
// comma ("2,50"), as they are read in Vietnamese documents; the import accepts a comma or a point, and
// numeric cells too. The scoring rule travels as JSON, beside a readable kind column.

export const SHEET_COLUMNS = [
  { key: 'code', header: 'Mã' },
  { key: 'parentCode', header: 'Mã cấp trên' },
  { key: 'level', header: 'Cấp' },
  { key: 'title', header: 'Nội dung' },
  { key: 'maxPoints', header: 'Điểm tối đa' },
  { key: 'ruleKind', header: 'Cách chấm' },
  { key: 'rule', header: 'Quy tắc chấm (JSON)' },
  { key: 'evidenceRequired', header: 'Cần tài liệu kiểm chứng' },
  { key: 'responsibleUnit', header: 'Đơn vị chủ trì' },
  { key: 'notSelfScored', header: 'Không tự chấm (điều tra XHH)' },
  { key: 'metric', header: 'Chỉ số đo' },
  { key: 'order', header: 'Thứ tự' },
] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number]['key'];

const INFO = {
  year: 'Năm',
  scope: 'Phạm vi',
  legalBasis: 'Căn cứ',
  rounding: 'Làm tròn',
  notApplicableMethod: 'Cách tính khi không áp dụng',
  legalBasisDate: 'Ngày ban hành',
  bands: 'Xếp loại (JSON)',
} as const;

/**
 * What a criteria workbook may use before any row is looked at: the criteria sheet and the details sheet.
 * A provincial set has a few hundred criteria (the 2019 department template about a hundred), so
 * 2,000 rows leave room without letting a crafted sheet through (docs/architecture.md § Imports).
 */
const WORKBOOK_LIMITS: SheetLimits = { sheets: 2, maxRows: 2000, maxColumns: 100 };

/** The criteria sheet and the details sheet of an uploaded workbook, as tables. */
export const readCriteriaWorkbook = (data: Buffer) => readXlsxTables(data, WORKBOOK_LIMITS);

const YES = 'Có';
const NO = 'Không';

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
const HEADER_KEYS = new Map<string, SheetColumn>(
  SHEET_COLUMNS.flatMap((c) => [[fold(c.header), c.key] as [string, SheetColumn], [fold(c.key), c.key] as [string, SheetColumn]]),
);

/** The workbook of a set; `unitName` gives the responsible unit's name for its id. */
export async function criteriaSetXlsx(
  set: CriteriaSet,
  details: { legalBasisDate: string | null; bands: readonly Band[] },
  unitName: (id: string) => string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tiêu chí', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'title' ? 70 : c.key === 'rule' ? 50 : 16 }));
  ws.getRow(1).font = { bold: true };
  const codeOf = new Map(set.nodes.map((n) => [n.id, n.code]));
  for (const n of set.nodes) {
    ws.addRow({
      code: n.code,
      parentCode: n.parentId === null ? '' : (codeOf.get(n.parentId) ?? ''),
      level: n.level,
      title: n.title,
      maxPoints: viScore(n.maxHundredths),
      ruleKind: n.rule.kind,
      rule: JSON.stringify(n.rule),
      evidenceRequired: n.evidenceRequired ? YES : NO,
      responsibleUnit: n.responsibleUnitId ? unitName(n.responsibleUnitId) : '',
      notSelfScored: n.notSelfScored ? YES : NO,
      metric: n.metric ?? '',
      order: n.order,
    });
  }
  // Codes and points stay text, so Excel never turns "7.2" into a number or "2,50" into 250.
  for (const k of ['code', 'parentCode', 'maxPoints']) ws.getColumn(k).numFmt = '@';
  const info = wb.addWorksheet('Bộ tiêu chí');
  info.columns = [{ width: 30 }, { width: 40 }];
  info.addRows([
    [INFO.year, set.year],
    [INFO.scope, set.scope],
    [INFO.legalBasis, set.legalBasis ?? ''],
    [INFO.rounding, set.rounding],
    [INFO.notApplicableMethod, set.notApplicableMethod],
    [INFO.legalBasisDate, details.legalBasisDate ?? ''],
    [INFO.bands, JSON.stringify(details.bands)],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (c: TableCell | undefined): string => (c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).trim();

/** "2,50", "2.5" or 2.5 → 250; null when it is not a non-negative amount with at most two decimals. */
export function readPoints(c: TableCell | undefined): number | null {
  if (typeof c === 'number') {
    const h = Math.round(c * 100);
    return Number.isFinite(c) && c >= 0 && Math.abs(h - c * 100) < 1e-6 ? h : null;
  }
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text(c));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

function readFlag(c: TableCell | undefined): boolean | null {
  const t = fold(text(c));
  if (t === '' || t === fold(NO) || t === 'no' || t === 'false' || t === '0') return false;
  if (t === fold(YES) || t === 'yes' || t === 'true' || t === '1' || t === 'x') return true;
  return null;
}

export interface SheetUnit {
  id: string;
  name: string;
}

export interface ParsedWorkbook {
  set: CriteriaSet;
  /** From the details sheet when present. */
  legalBasisDate: string | null;
  bands: Band[] | undefined;
  errors: FieldError[];
  /** Spreadsheet row of each node id, to place the set validation's issues. */
  rowOfId: Map<string, number>;
}

/** Which column an issue of the domain's set validation points at. */
function columnOfIssue(code: string): SheetColumn {
  if (code === 'criteria.unknown_parent' || code === 'criteria.cycle' || code === 'criteria.code_not_under_parent') return 'parentCode';
  if (code === 'criteria.negative_max' || code === 'criteria.max_mismatch') return 'maxPoints';
  if (code === 'criteria.level_order' || code === 'criteria.root_not_field') return 'level';
  if (code === 'criteria.survey_self_scored') return 'notSelfScored';
  if (code === 'criteria.duplicate_code' || code === 'criteria.duplicate_id') return 'code';
  return 'rule';
}

const err = (row: number, column: SheetColumn, code: string): FieldError => ({ path: `rows.${row}.${column}`, row, column, code });

/**
 * Reads a workbook into a criteria set and lists every problem with its spreadsheet row and column
 * (the header is row 1): unreadable cells, unknown parents or units, and then the same checks as the
 * JSON import (node schema, then `validateCriteriaSet`). Ids are made up from the codes.
 */
export function parseCriteriaWorkbook(
  tables: TableCell[][][],
  units: readonly SheetUnit[],
  defaults: { year?: number | undefined; scope?: string | undefined },
): ParsedWorkbook {
  const [rowsTable = [], infoTable = []] = tables;
  const [header = [], ...body] = rowsTable;
  const keys = header.map((h) => HEADER_KEYS.get(fold(text(h))) ?? null).map((k, i, all) => (k && all.indexOf(k) === i ? k : null));
  const missing = (['code', 'title', 'maxPoints'] as const).filter((k) => !keys.includes(k));
  if (!keys.includes('rule') && !keys.includes('ruleKind')) missing.push('rule' as never);
  if (missing.length)
    throw new ValidationError(
      'import.invalid',
      missing.map((k) => ({ path: `file.${k}`, row: 1, column: k, code: 'import.missing_column' })),
    );

  const info = new Map<string, string>();
  for (const r of infoTable) if (r[0] !== undefined) info.set(fold(text(r[0])), text(r[1]));
  const infoOf = (k: keyof typeof INFO) => info.get(fold(INFO[k])) ?? info.get(fold(k)) ?? '';
  const errors: FieldError[] = [];
  const year = defaults.year ?? Number(infoOf('year'));
  const rounding = infoOf('rounding') || 'half_up';
  const naMethod = infoOf('notApplicableMethod') || 'rescale';
  if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.push({ path: 'info.year', column: 'year', code: 'par.import_invalid_year' });
  if (!(ROUNDING_MODES as readonly string[]).includes(rounding))
    errors.push({ path: 'info.rounding', column: 'rounding', code: 'par.import_invalid_rounding' });
  if (naMethod !== 'rescale' && naMethod !== 'none')
    errors.push({ path: 'info.notApplicableMethod', column: 'notApplicableMethod', code: 'par.import_invalid_not_applicable_method' });
  const legalBasisDate = infoOf('legalBasisDate') || null;
  if (legalBasisDate !== null && !z.iso.date().safeParse(legalBasisDate).success)
    errors.push({ path: 'info.legalBasisDate', column: 'legalBasisDate', code: 'import.invalid_date' });
  let bands: Band[] | undefined;
  if (infoOf('bands')) {
    try {
      const parsed = z.array(BandSchema).safeParse(JSON.parse(infoOf('bands')));
      if (parsed.success) bands = parsed.data;
      else errors.push({ path: 'info.bands', column: 'bands', code: 'par.import_invalid_bands' });
    } catch {
      errors.push({ path: 'info.bands', column: 'bands', code: 'par.import_invalid_bands' });
    }
  }

  const rows: Array<{ row: number; cells: Partial<Record<SheetColumn, TableCell>> }> = [];
  body.forEach((values, i) => {
    const cells: Partial<Record<SheetColumn, TableCell>> = {};
    keys.forEach((k, c) => {
      if (k && values[c] !== undefined) cells[k] = values[c];
    });
    if (Object.values(cells).some((v) => text(v) !== '')) rows.push({ row: i + 2, cells });
  });
  if (rows.length === 0) throw new ValidationError('import.empty', [{ path: 'body.file', code: 'import.empty' }]);

  const byName = new Map<string, SheetUnit[]>();
  for (const u of units) byName.set(fold(u.name), [...(byName.get(fold(u.name)) ?? []), u]);
  const idOfCode = new Map<string, string>();
  const rowOfId = new Map<string, number>();
  rows.forEach(({ row, cells }) => {
    const code = text(cells.code);
    if (code && idOfCode.has(code)) errors.push(err(row, 'code', 'par.import_duplicate_code'));
    else if (code) idOfCode.set(code, `row-${row}`);
  });

  const nodes: CriterionNode[] = [];
  rows.forEach(({ row, cells }, index) => {
    const rowErrors: FieldError[] = [];
    const code = text(cells.code);
    const parentCode = text(cells.parentCode);
    const parentId = parentCode === '' ? null : (idOfCode.get(parentCode) ?? null);
    if (parentCode !== '' && parentId === null) rowErrors.push(err(row, 'parentCode', 'par.import_unknown_parent'));
    const levelText = text(cells.level);
    const level = levelText === '' ? (parentId === null ? 'field' : 'criterion') : levelText;
    const maxHundredths = readPoints(cells.maxPoints);
    if (maxHundredths === null) rowErrors.push(err(row, 'maxPoints', 'import.invalid_number'));
    let rule: unknown = null;
    const ruleText = text(cells.rule);
    if (ruleText !== '') {
      try {
        rule = JSON.parse(ruleText);
      } catch {
        rowErrors.push(err(row, 'rule', 'par.import_rule_not_json'));
      }
    } else if (text(cells.ruleKind) !== '') rule = { kind: text(cells.ruleKind) };
    else rowErrors.push(err(row, 'rule', 'import.required'));
    if (rule !== null && text(cells.ruleKind) !== '' && (rule as { kind?: unknown }).kind !== text(cells.ruleKind))
      rowErrors.push(err(row, 'ruleKind', 'par.import_rule_kind_mismatch'));
    const evidenceRequired = readFlag(cells.evidenceRequired);
    if (evidenceRequired === null) rowErrors.push(err(row, 'evidenceRequired', 'par.import_invalid_flag'));
    const notSelfScored = readFlag(cells.notSelfScored);
    if (notSelfScored === null) rowErrors.push(err(row, 'notSelfScored', 'par.import_invalid_flag'));
    let responsibleUnitId: string | null = null;
    const unitText = text(cells.responsibleUnit);
    if (unitText !== '') {
      const found = byName.get(fold(unitText)) ?? [];
      if (found.length === 1) responsibleUnitId = found[0]!.id;
      else rowErrors.push(err(row, 'responsibleUnit', found.length ? 'import.ambiguous_unit' : 'import.unknown_unit'));
    }
    const orderText = text(cells.order);
    const order = orderText === '' ? index + 1 : Number(orderText);
    if (!Number.isInteger(order)) rowErrors.push(err(row, 'order', 'import.invalid_number'));

    const candidate = {
      id: idOfCode.get(code) ?? `row-${row}`,
      parentId,
      code,
      title: text(cells.title),
      level,
      maxHundredths: maxHundredths ?? 0,
      rule,
      evidenceRequired: evidenceRequired ?? false,
      responsibleUnitId,
      metric: text(cells.metric) || null,
      notSelfScored: notSelfScored ?? false,
      order: Number.isInteger(order) ? order : 0,
    };
    // The same schema as the JSON import, so both imports accept exactly the same rows.
    const parsed = CriterionNodeSchema.safeParse(candidate);
    for (const issue of parsed.error?.issues ?? []) {
      const field = String(issue.path[0] ?? 'code');
      const column: SheetColumn =
        field === 'maxHundredths'
          ? 'maxPoints'
          : field === 'rule'
            ? 'rule'
            : field === 'responsibleUnitId'
              ? 'responsibleUnit'
              : field === 'parentId'
                ? 'parentCode'
                : ((SHEET_COLUMNS.find((c) => c.key === field)?.key ?? 'code') as SheetColumn);
      const code = field === 'level' ? 'par.import_invalid_level' : `par.import_${issue.code}`;
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push(err(row, column, code));
    }
    errors.push(...rowErrors);
    rowOfId.set(candidate.id, row);
    if (parsed.success) nodes.push(parsed.data);
  });
  const set: CriteriaSet = {
    year,
    scope: defaults.scope ?? (infoOf('scope') || 'department'),
    legalBasis: infoOf('legalBasis') || null,
    rounding: rounding as CriteriaSet['rounding'],
    notApplicableMethod: naMethod as CriteriaSet['notApplicableMethod'],
    nodes,
  };
  return { set, legalBasisDate, bands, errors, rowOfId };
}

/** Errors of the domain's set validation, placed on their rows and columns. */
export function issueErrors(issues: ReadonlyArray<{ code: string; nodeId: string; nodeCode: string }>, rowOfId: ReadonlyMap<string, number>): FieldError[] {
  return issues.map((i) => {
    const row = rowOfId.get(i.nodeId);
    return row === undefined ? { path: `nodes.${i.nodeCode}`, code: i.code } : err(row, columnOfIssue(i.code), i.code);
  });
}
