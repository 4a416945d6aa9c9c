import {
  channelOfCode,
  digitsAt,
  instantOfMs,
  isDossierStatus,
  statusOfNationalCode,
  type Channel,
  type DossierStatus,
  type ImportedDossierRecord,
  type ImportedSupplement,
  type Instant,
  utcMsOf,
} from '@cchc/domain';
import { hash as digest } from 'node:crypto';

// One source record of an import or a live sync, in either shape (docs/dossier-imports.md#record-formats):
// the national sync field names (`MaHoSo`, `MaTTHC`, `TrangThaiHoSo`…) or CCHC's own JSON (`code`,
// `procedureCode`, `status`…). Both become the same normalized record; every failing field is reported.

export interface RecordIssue {
  /** The field as the source names it (`MaHoSo`, `NgayTiepNhan`, or `code`, `receivedAt` in CCHC's JSON). */
  field: string;
  code: string;
}

export interface ApplicantOfRecord {
  name: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface NormalizedRecord {
  code: string;
  procedureCode: string;
  applicant: ApplicantOfRecord;
  record: ImportedDossierRecord;
  /** SHA-256 of the normalized record: equal hashes, nothing to change. */
  hash: string;
}

/** A legacy code is 1–40 characters (docs/domain/dossiers.md#dossier-code), without control characters. */
const CODE = /^[\p{L}\p{N}._\-/]{1,40}$/u;
/** ISO 8601 with a date, a time and an offset (or Z). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant from the source: ISO 8601 with an offset, or `yyyyMMddHHmmss` in UTC+7. Empty is null;
 * anything else (a date without time, a time without offset) is refused rather than guessed.
 */
export function parseSourceTime(v: unknown): Instant | null | 'invalid' {
  if (v === undefined || v === null || v === '') return null;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : null;
  if (s === null) return 'invalid';
  if (s === '') return null;
  const portal = portalTime(s);
  if (portal !== undefined) return portal;
  if (!ISO_TIME.test(s)) return 'invalid';
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return 'invalid';
  if (ms < Date.UTC(1990, 0, 1) || ms >= Date.UTC(2101, 0, 1)) return 'invalid';
  return instantOfMs(ms);
}

/**
 * The portal's `yyyyMMddHHmmss` (UTC+7) read digit by digit, or undefined when `s` is not 14 digits. An
 * import reads several of these per record, a million records per file: a regular expression, an array of
 * parts and a second `Date` to check the calendar cost three to four times this (2.3–3.8 µs a call against
 * 0.7–1.1 in a loop of 300,000; docs/dossier-imports.md "Throughput"). Impossible calendar values (20250231…, hour 24, a year before 100) are refused.
 */
function portalTime(s: string): Instant | 'invalid' | undefined {
  if (s.length !== 14) return undefined;
  for (let i = 0; i < 14; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const y = digitsAt(s, 0, 4);
  const ms = utcMsOf(y, digitsAt(s, 4, 6), digitsAt(s, 6, 8), digitsAt(s, 8, 10), digitsAt(s, 10, 12), digitsAt(s, 12, 14));
  if (y < 100 || Number.isNaN(ms)) return 'invalid';
  return instantOfMs(ms - 7 * 3600_000);
}

type Source = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : typeof v === 'number' ? String(v) : null);

/** The names of one record shape: national (Vietnamese) or CCHC's own. */
const NAMES = {
  national: {
    code: 'MaHoSo',
    procedureCode: 'MaTTHC',
    channel: 'KenhThucHien',
    status: 'TrangThaiHoSo',
    submittedAt: 'NgayNopHoSo',
    receivedAt: 'NgayTiepNhan',
    dueAt: 'NgayHenTra',
    endOfProcessingAt: 'NgayKetThucXuLy',
    returnedAt: 'NgayTra',
    applicant: 'ChuHoSo',
    supplements: 'DanhSachHoSoBoSung',
  },
  native: {
    code: 'code',
    procedureCode: 'procedureCode',
    channel: 'channel',
    status: 'status',
    submittedAt: 'submittedAt',
    receivedAt: 'receivedAt',
    dueAt: 'dueAt',
    endOfProcessingAt: 'endOfProcessingAt',
    returnedAt: 'returnedAt',
    applicant: 'applicant',
    supplements: 'supplements',
  },
} as const;

/** The domain's issue fields are the national names; a native record reports its own. */
const NATIVE_OF: Record<string, string> = Object.fromEntries(Object.entries(NAMES.national).map(([k, v]) => [v, NAMES.native[k as keyof typeof NAMES.native]]));

function channelOf(v: unknown, native: boolean): Channel | null {
  if (native) return v === 'counter' || v === 'online' || v === 'post' ? v : null;
  if (v === undefined || v === null || v === '') return 'counter';
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  try {
    return channelOfCode(n);
  } catch {
    return null;
  }
}

function statusOf(v: unknown, native: boolean): DossierStatus | null {
  // A filing sent back for completion before receipt is CCHC's own desk work, not a source record: such a
  // record is imported as filed (code 1), awaiting the desk (docs/dossier-imports.md).
  if (native) return isDossierStatus(v) && v !== 'awaiting_completion' ? v : null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v) : NaN;
  try {
    return statusOfNationalCode(n);
  } catch {
    return null;
  }
}

function applicantOf(src: Source, native: boolean): ApplicantOfRecord | null {
  if (native) {
    const a = src.applicant;
    if (typeof a !== 'object' || a === null) return null;
    const o = a as Source;
    const name = text(o.name);
    return name ? { name: name.slice(0, 300), idNumber: text(o.idNumber), phone: text(o.phone), email: text(o.email), address: text(o.address) } : null;
  }
  const name = text(src.ChuHoSo);
  return name
    ? {
        name: name.slice(0, 300),
        idNumber: text(src.SoGiayToChuHoSo),
        phone: text(src.SoDienThoaiChuHoSo),
        email: text(src.EmailChuHoSo),
        address: text(src.DiaChiChuHoSo),
      }
    : null;
}

/** A JSON array given as such (JSON lines, native JSON) or as JSON text (a CSV or spreadsheet cell). */
function listOf(v: unknown): unknown[] | null {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

function supplementsOf(v: unknown, native: boolean): ImportedSupplement[] | null {
  const list = listOf(v);
  if (!list || list.length > 50) return null;
  const out: ImportedSupplement[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return null;
    const o = item as Source;
    const requestedAt = parseSourceTime(native ? o.requestedAt : o.NgayBoSung);
    const completedAt = parseSourceTime(native ? o.completedAt : o.NgayTiepNhanBoSung);
    if (requestedAt === null || requestedAt === 'invalid' || completedAt === 'invalid') return null;
    out.push({ requestedAt, completedAt, reason: (text(native ? o.reason : o.NoiDungBoSung) ?? '').slice(0, 2000) });
  }
  return out;
}

/**
 * A source record, normalized, or every issue it has. The shape is told by its code field: `MaHoSo`
 * (national) or `code` (CCHC's JSON).
 * @example normalizeRecord({ MaHoSo: 'X-1', MaTTHC: '1.001', TrangThaiHoSo: 2, NgayTiepNhan: '20250715083000', ChuHoSo: 'A' })
 */
export function normalizeRecord(src: unknown): { ok: true; value: NormalizedRecord } | { ok: false; issues: RecordIssue[] } {
  if (typeof src !== 'object' || src === null || Array.isArray(src)) return { ok: false, issues: [{ field: '', code: 'dossier_import.not_an_object' }] };
  const s = src as Source;
  const native = !('MaHoSo' in s) && 'code' in s;
  const n = native ? NAMES.native : NAMES.national;
  const issues: RecordIssue[] = [];
  const code = text(s[n.code]);
  if (!code) issues.push({ field: n.code, code: 'dossier_import.required' });
  else if (!CODE.test(code)) issues.push({ field: n.code, code: 'dossier_import.code_invalid' });
  const procedureCode = text(s[n.procedureCode]);
  if (!procedureCode) issues.push({ field: n.procedureCode, code: 'dossier_import.required' });
  const channel = channelOf(s[n.channel], native);
  if (!channel) issues.push({ field: n.channel, code: 'dossier_import.channel_invalid' });
  const status = s[n.status] === undefined || s[n.status] === '' ? null : statusOf(s[n.status], native);
  if (s[n.status] === undefined || s[n.status] === '') issues.push({ field: n.status, code: 'dossier_import.required' });
  else if (!status) issues.push({ field: n.status, code: 'dossier_import.status_invalid' });
  const time = (key: 'submittedAt' | 'receivedAt' | 'dueAt' | 'endOfProcessingAt' | 'returnedAt') => {
    const t = parseSourceTime(s[n[key]]);
    if (t === 'invalid') {
      issues.push({ field: n[key], code: 'dossier_import.time_invalid' });
      return null;
    }
    return t;
  };
  const submittedAt = time('submittedAt');
  const receivedAt = time('receivedAt');
  const dueAt = time('dueAt');
  const endOfProcessingAt = time('endOfProcessingAt');
  const returnedAt = time('returnedAt');
  const applicant = applicantOf(s, native);
  if (!applicant) issues.push({ field: n.applicant, code: 'dossier_import.required' });
  const supplements = supplementsOf(s[n.supplements], native);
  if (!supplements) issues.push({ field: n.supplements, code: 'dossier_import.supplements_invalid' });
  if (issues.length || !code || !procedureCode || !channel || !status || !applicant || !supplements) return { ok: false, issues };
  const record: ImportedDossierRecord = { status, channel, submittedAt, receivedAt, dueAt, endOfProcessingAt, returnedAt, supplements };
  const hash = digest('sha256', JSON.stringify([code, procedureCode, applicant, record]), 'hex');
  return { ok: true, value: { code, procedureCode, applicant, record, hash } };
}

/** Maps a domain issue's national field to the name the record used. */
export function fieldName(nationalField: string, src: unknown): string {
  const native = typeof src === 'object' && src !== null && !('MaHoSo' in src) && 'code' in src;
  return native ? (NATIVE_OF[nationalField] ?? nationalField) : nationalField;
}
