import { CHANNELS, foldVietnamese, isLocalDate } from '@cchc/domain';
import { isProcedureCode } from './procedure-rules';
import { COMPONENT_KINDS, ONLINE_LEVELS, RESULT_TYPES, TIME_LIMIT_UNITS, type ProcedureContent } from './procedure.schemas';

// The flat spreadsheet form of a procedure: one row each, one column per field below. Files carry
// the Vietnamese headers (what officials keep in Excel); English keys are accepted as headers too,
// and values may be written as keys ("working_days") or in Vietnamese ("ngày làm việc").

export const COLUMNS = [
  { key: 'code', header: 'Mã thủ tục', required: true },
  { key: 'name', header: 'Tên thủ tục', required: true },
  { key: 'sectorCode', header: 'Mã lĩnh vực', required: true },
  { key: 'sectorName', header: 'Tên lĩnh vực', required: true },
  { key: 'timeLimitValue', header: 'Thời hạn giải quyết', required: true },
  { key: 'timeLimitUnit', header: 'Đơn vị thời hạn', required: true },
  { key: 'channels', header: 'Cách thức thực hiện', required: true },
  { key: 'onlineLevel', header: 'Mức độ dịch vụ công trực tuyến', required: false },
  { key: 'resultType', header: 'Loại kết quả', required: false },
  { key: 'resultName', header: 'Tên kết quả', required: false },
  { key: 'fees', header: 'Phí, lệ phí', required: false },
  { key: 'components', header: 'Thành phần hồ sơ', required: false },
  { key: 'applicants', header: 'Đối tượng thực hiện', required: false },
  { key: 'legalBasis', header: 'Căn cứ pháp lý', required: false },
  { key: 'processingUnitName', header: 'Đơn vị xử lý', required: false },
  { key: 'effectiveFrom', header: 'Ngày hiệu lực', required: false },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];
export type Cell = string | number | Date;
export type FlatRow = Record<ColumnKey, string | number>;

const squash = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]/g, '');
const HEADER_KEYS = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => [[squash(c.header), c.key] as const, [squash(c.key), c.key] as const]));

/** The column a header names (Vietnamese or English, any case or accents), or null. */
export function columnOf(header: string): ColumnKey | null {
  return HEADER_KEYS.get(squash(header)) ?? null;
}

const words = (s: string) => foldVietnamese(s).replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
function aliases<T extends string>(table: Record<T, string[]>): (s: string) => T | undefined {
  const map = new Map<string, T>();
  for (const [key, names] of Object.entries(table) as [T, string[]][]) for (const n of [key, ...names]) map.set(words(n), key);
  return (s) => map.get(words(s));
}
const timeLimitUnitOf = aliases<(typeof TIME_LIMIT_UNITS)[number]>({
  working_days: ['ngày làm việc'],
  calendar_days: ['ngày', 'ngày lịch'],
  working_hours: ['giờ làm việc', 'giờ'],
  same_day: ['trong ngày'],
});
const channelOf = aliases<(typeof CHANNELS)[number]>({ counter: ['trực tiếp'], online: ['trực tuyến'], post: ['bưu chính', 'bưu chính công ích', 'BCCI'] });
const onlineLevelOf = aliases<(typeof ONLINE_LEVELS)[number]>({ full: ['toàn trình'], partial: ['một phần'], none: ['không'] });
const resultTypeOf = aliases<(typeof RESULT_TYPES)[number]>({
  paper: ['giấy', 'bản giấy'],
  electronic: ['điện tử', 'bản điện tử'],
  both: ['cả hai', 'giấy và điện tử'],
});
const componentKindOf = aliases<(typeof COMPONENT_KINDS)[number]>({
  original: ['bản chính'],
  certified_copy: ['bản sao chứng thực', 'bản sao có chứng thực'],
  copy: ['bản sao', 'bản chụp'],
  original_or_copy: ['bản chính hoặc bản sao'],
});
const mandatoryOf = aliases<'yes' | 'no'>({
  yes: ['mandatory', 'bắt buộc', 'có', '1', 'true', 'x'],
  no: ['optional', 'không bắt buộc', 'không', '0', 'false'],
});

// ---- Content → row (export)

const formatFees = (fees: ProcedureContent['fees']) => fees.map((f) => `${f.name}: ${f.amountVnd}${f.note ? ` (${f.note})` : ''}`).join('; ');
const formatComponents = (cs: ProcedureContent['components']) =>
  cs.map((c) => `${c.name}|${c.kind}|${c.quantity}|${c.mandatory ? 'mandatory' : 'optional'}`).join('; ');

export function toFlatRow(code: string, content: ProcedureContent, effectiveFrom: string, processingUnitName: string): FlatRow {
  return {
    code,
    name: content.name,
    sectorCode: content.sector.code,
    sectorName: content.sector.name,
    timeLimitValue: content.timeLimit.value,
    timeLimitUnit: content.timeLimit.unit,
    channels: content.channels.join(','),
    onlineLevel: content.onlineLevel,
    resultType: content.resultType,
    resultName: content.resultName,
    fees: formatFees(content.fees),
    components: formatComponents(content.components),
    applicants: content.applicants,
    legalBasis: content.legalBasis,
    processingUnitName,
    effectiveFrom,
  };
}

// ---- Row → content changes (import)

export interface CellError {
  column: ColumnKey;
  code: string;
}

/** What one row asks for: the fields of the columns present in the file. */
export interface RowChanges {
  code: string | null;
  changes: Partial<ProcedureContent>;
  effectiveFrom?: string;
  /** undefined: column absent; null: blank (no processing unit); string: a name to resolve. */
  processingUnitName?: string | null;
  errors: CellError[];
}

const text = (c: Cell | undefined): string => (c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).trim();

/** Excel may turn `1.004510` into the number 1.00451; the six decimals put it back. */
export function readCode(c: Cell | undefined): string {
  return typeof c === 'number' ? c.toFixed(6) : text(c).toUpperCase();
}

function numberOf(c: Cell | undefined): number | null {
  if (typeof c === 'number') return c;
  const s = text(c).replace(',', '.');
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : null;
}

/** ISO `2026-03-02`, Vietnamese `2/3/2026`, an Excel date or its serial number. */
function dateOf(c: Cell | undefined): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return new Date(Date.UTC(1899, 11, 30) + Math.round(c) * 86_400_000).toISOString().slice(0, 10);
  const s = text(c);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : s;
  return isLocalDate(iso) ? iso : null;
}

const list = (s: string) =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

function feesOf(s: string): ProcedureContent['fees'] | null {
  const out: ProcedureContent['fees'] = [];
  for (const item of list(s)) {
    const m = /^(.+):\s*(\d[\d.,\s]*?)\s*(?:\((.*)\))?$/s.exec(item);
    if (!m || !m[1]!.trim()) return null;
    out.push({ name: m[1]!.trim(), amountVnd: Number(m[2]!.replace(/[.,\s]/g, '')), note: m[3]?.trim() || null });
  }
  return out;
}

function componentsOf(s: string, previous: ProcedureContent['components']): ProcedureContent['components'] | null {
  const out: ProcedureContent['components'] = [];
  for (const item of list(s)) {
    const [name = '', kindText = '', qtyText = '', mandatoryText = ''] = item.split('|').map((x) => x.trim());
    const kind = kindText ? componentKindOf(kindText) : 'original_or_copy';
    const quantity = qtyText ? Number(qtyText) : 1;
    const mandatory = mandatoryText ? mandatoryOf(mandatoryText) : 'yes';
    if (!name || !kind || !Number.isInteger(quantity) || quantity < 1 || !mandatory) return null;
    // The file has no template column: a component keeps the template it had under the same name.
    const templateFileId = previous.find((p) => p.name === name)?.templateFileId ?? null;
    out.push({ name, kind, quantity, mandatory: mandatory === 'yes', templateFileId });
  }
  return out;
}

/**
 * Reads one row. Blank optional cells mean "none" (no fees, no processing unit, default levels);
 * a column missing from the file leaves that field as it was (or at its default for a new code).
 */
export function readRow(cells: Partial<Record<ColumnKey, Cell>>, present: ReadonlySet<ColumnKey>, previous: ProcedureContent | undefined): RowChanges {
  const errors: CellError[] = [];
  const fail = (column: ColumnKey, code: string) => errors.push({ column, code });
  const has = (k: ColumnKey) => present.has(k);
  const changes: Partial<ProcedureContent> = {};

  const code = readCode(cells.code);
  if (!code) fail('code', 'import.required');
  else if (!isProcedureCode(code)) fail('code', 'procedure.code_format');
  for (const k of ['name', 'sectorCode', 'sectorName', 'timeLimitUnit', 'channels'] as const) if (has(k) && !text(cells[k])) fail(k, 'import.required');

  if (has('name')) changes.name = text(cells.name);
  if (has('sectorCode') || has('sectorName')) {
    changes.sector = {
      code: has('sectorCode') ? text(cells.sectorCode) : (previous?.sector.code ?? ''),
      name: has('sectorName') ? text(cells.sectorName) : (previous?.sector.name ?? ''),
    };
  }
  if (has('timeLimitUnit') || has('timeLimitValue')) {
    const unit = has('timeLimitUnit') ? timeLimitUnitOf(text(cells.timeLimitUnit)) : previous?.timeLimit.unit;
    if (has('timeLimitUnit') && text(cells.timeLimitUnit) && !unit) fail('timeLimitUnit', 'import.invalid_value');
    const blank = has('timeLimitValue') && !text(cells.timeLimitValue);
    const value = !has('timeLimitValue') ? (previous?.timeLimit.value ?? null) : blank && unit === 'same_day' ? 0 : numberOf(cells.timeLimitValue);
    if (has('timeLimitValue') && value === null) fail('timeLimitValue', blank ? 'import.required' : 'import.invalid_number');
    if (unit && value !== null) changes.timeLimit = { value, unit };
  }
  if (has('channels') && text(cells.channels)) {
    const parts = text(cells.channels)
      .split(/[,;]/)
      .map((x) => x.trim())
      .filter(Boolean);
    const channels = parts.map(channelOf);
    if (channels.some((c) => !c)) fail('channels', 'import.invalid_value');
    else changes.channels = channels as ProcedureContent['channels'];
  }
  const pick = <T>(k: ColumnKey, of: (s: string) => T | undefined, blank: T, set: (v: T) => void) => {
    if (!has(k)) return;
    const s = text(cells[k]);
    const v = s ? of(s) : blank;
    if (v === undefined) fail(k, 'import.invalid_value');
    else set(v);
  };
  pick('onlineLevel', onlineLevelOf, 'none', (v) => (changes.onlineLevel = v));
  pick('resultType', resultTypeOf, 'paper', (v) => (changes.resultType = v));
  pick(
    'fees',
    (s) => feesOf(s) ?? undefined,
    [],
    (v) => (changes.fees = v),
  );
  pick(
    'components',
    (s) => componentsOf(s, previous?.components ?? []) ?? undefined,
    [],
    (v) => (changes.components = v),
  );
  for (const k of ['resultName', 'applicants', 'legalBasis'] as const) if (has(k)) changes[k] = text(cells[k]);
  // Re-label the generic "invalid value" of the two list columns, whose formats are specific.
  for (const e of errors) if (e.code === 'import.invalid_value' && (e.column === 'fees' || e.column === 'components')) e.code = `import.invalid_${e.column}`;

  const out: RowChanges = { code: code || null, changes, errors };
  if (has('processingUnitName')) out.processingUnitName = text(cells.processingUnitName) || null;
  if (has('effectiveFrom') && text(cells.effectiveFrom)) {
    const d = dateOf(cells.effectiveFrom);
    if (d) out.effectiveFrom = d;
    else fail('effectiveFrom', 'import.invalid_date');
  }
  return out;
}

/** The column where a content issue is shown (steps are not in the file: their sum meets the time limit). */
export function columnOfPath(path: readonly PropertyKey[]): ColumnKey {
  const [head, sub] = path;
  if (head === 'sector') return sub === 'name' ? 'sectorName' : 'sectorCode';
  if (head === 'timeLimit') return sub === 'unit' ? 'timeLimitUnit' : 'timeLimitValue';
  if (head === 'steps') return 'timeLimitValue';
  if (head === 'processingUnitId') return 'processingUnitName';
  const direct = COLUMNS.find((c) => c.key === head);
  return direct ? direct.key : 'code';
}
