import { foldVietnamese, importedRecordIssues, importedState, localDateOf, pinFromBytes, PIN_BYTES, type DossierPolicy, type TimeLimit } from '@cchc/domain';
import { randomBytes } from 'node:crypto';
import { timeOrderedId } from '../../platform/db/time-ordered-id';
import { stateColumns, type DossierSettings } from '../dossiers/dossier-rules';
import { timelineRows } from '../dossiers/dossier-timeline';
import type { ProcedureContent } from '../procedures/procedure.schemas';
import { fieldName, normalizeRecord, type RecordIssue } from './dossier-import-record';
import type { ProcedureOfImport, StagedRow } from './dossier-import.repository';

// One source record → the staged dossier row and its history, through the same state path as every
// dossier: the domain rebuilds the state (`importedState`) and `stateColumns` writes the versioned JSON
// and the column copies (docs/dossier-imports.md#the-switch).

interface VersionOfImport {
  id: string;
  effectiveFrom: string;
  name: string;
  processingUnitId: string | null;
  timeLimit: TimeLimit | null;
  cutoffMinute: number | null;
}

interface ProcedureEntry {
  procedureId: string;
  code: string;
  unitId: string;
  /** Newest first. */
  versions: VersionOfImport[];
}

/** The procedures an import may name, by national code (`MaTTHC`). */
export class ProcedureIndex {
  private readonly byCode = new Map<string, ProcedureEntry>();

  constructor(rows: readonly ProcedureOfImport[]) {
    for (const r of rows) {
      const content = JSON.parse(r.content) as Partial<ProcedureContent>;
      let e = this.byCode.get(r.code);
      if (!e) this.byCode.set(r.code, (e = { procedureId: r.procedureId, code: r.code, unitId: r.unitId, versions: [] }));
      if (e.procedureId !== r.procedureId) continue;
      e.versions.push({
        id: r.versionId,
        effectiveFrom: r.effectiveFrom,
        name: content.name ?? r.code,
        processingUnitId: content.processingUnitId ?? null,
        timeLimit: content.timeLimit ?? null,
        cutoffMinute: content.receivingCutoffMinute ?? null,
      });
    }
  }

  /** The procedure and the version in force on `day` (the oldest one for a day before all of them). */
  find(code: string, day: string): { p: ProcedureEntry; v: VersionOfImport } | null {
    const p = this.byCode.get(code);
    if (!p || p.versions.length === 0) return null;
    return { p, v: p.versions.find((v) => v.effectiveFrom <= day) ?? p.versions[p.versions.length - 1]! };
  }
}

export type Converted = { ok: true; row: StagedRow } | { ok: false; issues: RecordIssue[] };

/** Random bytes drawn in blocks: one system call per 4,096 PINs rather than one per row. */
let pool = Buffer.alloc(0);
let poolAt = 0;
function pinBytes(): Uint8Array {
  if (poolAt + PIN_BYTES > pool.length) {
    pool = randomBytes(PIN_BYTES * 4096);
    poolAt = 0;
  }
  poolAt += PIN_BYTES;
  return pool.subarray(poolAt - PIN_BYTES, poolAt);
}

/** Converts one record for the staging tables, or lists every issue it has. */
export function convertRecord(src: unknown, ctx: { importId: string; rowNo: number; procedures: ProcedureIndex; settings: DossierSettings }): Converted {
  const n = normalizeRecord(src);
  if (!n.ok) return n;
  const { record, code, procedureCode, applicant, hash } = n.value;
  const issues: RecordIssue[] = importedRecordIssues(record).map((i) => ({ field: fieldName(i.field, src), code: i.code }));
  const first = record.receivedAt ?? record.submittedAt;
  const found = ctx.procedures.find(procedureCode, first ? localDateOf(first) : '9999-12-31');
  if (!found) issues.push({ field: fieldName('MaTTHC', src), code: 'dossier_import.procedure_unknown' });
  if (issues.length || !found) return { ok: false, issues };
  const s = ctx.settings;
  const policy: DossierPolicy = {
    receipt: { cutoffMinute: found.v.cutoffMinute ?? s.receiptCutoffMinute, onlineOutsideHoursNextDay: true, office: s.office },
    paymentStopsClock: s.paymentStopsClock,
    supplementMode: s.supplementMode,
    granularity: s.granularity,
    almostDueWorkingDays: s.almostDueWorkingDays,
  };
  const state = importedState(record, policy, found.v.timeLimit);
  const c = stateColumns(state);
  // Time-ordered: a file's new dossiers go into the indexes keyed by id in order (platform/db/time-ordered-id.ts).
  const id = timeOrderedId();
  const row: StagedRow = {
    importId: ctx.importId,
    rowNo: ctx.rowNo,
    id,
    code,
    sourceHash: hash,
    unitId: found.p.unitId,
    processingUnitId: found.v.processingUnitId,
    procedureId: found.p.procedureId,
    procedureVersionId: found.v.id,
    procedureCode: found.p.code,
    procedureName: found.v.name,
    channel: record.channel,
    status: c.status,
    clockRunning: c.clockRunning,
    applicantName: applicant.name,
    applicantNameFolded: foldVietnamese(applicant.name),
    applicant: JSON.stringify(applicant),
    components: '[]',
    lookupPin: pinFromBytes(pinBytes()),
    submittedAt: record.submittedAt,
    receivedAt: c.receivedAt,
    receivedOn: c.receivedOn,
    dueDate: c.dueDate,
    dueAt: c.dueAt,
    statutoryDueAt: c.statutoryDueAt,
    deemedReceivedOn: c.deemedReceivedOn,
    endOfProcessingAt: c.endOfProcessingAt,
    finishedAt: c.finishedAt,
    supplementRequests: c.supplementRequests,
    state: c.state,
    intakeAt: c.intakeAt,
    closedAt: c.closedAt,
    returnedAt: c.returnedAt,
    paymentStopsClock: c.paymentStopsClock,
    positionStatus: c.positionStatus,
    positionSince: c.positionSince,
    positionDueAt: c.positionDueAt,
    positionSupplements: c.positionSupplements,
    // The history, and the statistics' timeline derived here as every write derives it, travel with the row
    // (one staged row per dossier); staging writes them as each engine expands them in the switch: JSON
    // arrays on SQLite, typed arrays on PostgreSQL (docs/dossier-imports.md#the-switch).
    events: state.history.map((h, i) => [i + 1, h.action, h.from, h.to, h.at]),
    timeline: timelineRows(id, state).map((t) => [t.seq, t.status, t.startAt, t.endAt ?? null, t.statutoryDueAt ?? null, t.supplementRequests]),
  };
  return { ok: true, row };
}
