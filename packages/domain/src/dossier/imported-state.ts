import type { DossierPause, DossierPolicy, DossierState, StatusChange } from './dossier-state';
import type { Channel, DossierStatus } from './status';
import type { TimeLimit } from './time-limit';
import { localDateOf, type Instant } from '../values';

// A dossier taken over from another one-stop system (docs/domain/dossiers.md#imported-dossiers): its
// status, dates and supplement requests come from the source as the national sync record gives them, and
// the state is rebuilt from them without running the lifecycle again. The source's appointment
// (`NgayHenTra`) stays the due moment: the source already moved it for pauses and apologies.

/** One supplement request of the source (`DanhSachHoSoBoSung`). */
export interface ImportedSupplement {
  readonly requestedAt: Instant;
  /** Null while the applicant has not answered. */
  readonly completedAt: Instant | null;
  readonly reason: string;
}

/** The national sync fields a state is rebuilt from, already parsed (instants in UTC). */
export interface ImportedDossierRecord {
  readonly status: DossierStatus;
  readonly channel: Channel;
  /** `NgayNopHoSo`. */
  readonly submittedAt: Instant | null;
  /** `NgayTiepNhan`. */
  readonly receivedAt: Instant | null;
  /** `NgayHenTra`. */
  readonly dueAt: Instant | null;
  /** `NgayKetThucXuLy`. */
  readonly endOfProcessingAt: Instant | null;
  /** `NgayTra`. */
  readonly returnedAt: Instant | null;
  readonly supplements: readonly ImportedSupplement[];
}

/** A field of the record that cannot be accepted, named by its national field. */
export interface ImportedRecordIssue {
  readonly field: 'TrangThaiHoSo' | 'NgayNopHoSo' | 'NgayTiepNhan' | 'NgayHenTra' | 'NgayKetThucXuLy' | 'NgayTra' | 'DanhSachHoSoBoSung';
  readonly code: string;
}

/** Statuses reached only after the desk received the dossier (national codes 2, 4, 5, 6, 8, 9, 10). */
const AFTER_RECEIPT: readonly DossierStatus[] = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'stopped', 'result_ready', 'returned'];
/** Statuses whose record must say when processing ended (docs/domain/dossiers.md#national-status-codes). */
const ENDED: readonly DossierStatus[] = ['stopped', 'result_ready', 'returned'];

const ms = (i: Instant | null) => (i === null ? null : Date.parse(i));

/**
 * What keeps a record from being rebuilt into a state, every issue at once (empty when none).
 * @example importedRecordIssues({ ...record, status: 'returned', returnedAt: null }) // [{ field: 'NgayTra', code: 'dossier_import.required' }]
 */
export function importedRecordIssues(r: ImportedDossierRecord): ImportedRecordIssue[] {
  const issues: ImportedRecordIssue[] = [];
  const need = (field: ImportedRecordIssue['field'], v: Instant | null) => v === null && issues.push({ field, code: 'dossier_import.required' });
  if (r.status === 'submitted') need('NgayNopHoSo', r.submittedAt);
  if (AFTER_RECEIPT.includes(r.status)) need('NgayTiepNhan', r.receivedAt);
  if (ENDED.includes(r.status)) need('NgayKetThucXuLy', r.endOfProcessingAt);
  if (r.status === 'returned') need('NgayTra', r.returnedAt);
  if (r.submittedAt === null && r.receivedAt === null && !issues.length) need('NgayNopHoSo', null);
  if (r.status === 'submitted' && r.receivedAt !== null) issues.push({ field: 'NgayTiepNhan', code: 'dossier_import.not_expected' });
  // Each date comes after the one before it in the lifecycle.
  const order: Array<[ImportedRecordIssue['field'], Instant | null]> = [
    ['NgayNopHoSo', r.submittedAt],
    ['NgayTiepNhan', r.receivedAt],
    ['NgayKetThucXuLy', r.endOfProcessingAt],
    ['NgayTra', r.returnedAt],
  ];
  let latest: number | null = null;
  for (const [field, v] of order) {
    const t = ms(v);
    if (t === null) continue;
    if (latest !== null && t < latest) issues.push({ field, code: 'dossier_import.date_order' });
    else latest = t;
  }
  if (r.dueAt !== null && r.receivedAt !== null && ms(r.dueAt)! < ms(r.receivedAt)!) issues.push({ field: 'NgayHenTra', code: 'dossier_import.date_order' });
  const open = r.supplements.filter((s) => s.completedAt === null);
  const badSupplement =
    r.supplements.some(
      (s) => (s.completedAt !== null && ms(s.completedAt)! < ms(s.requestedAt)!) || (r.receivedAt !== null && ms(s.requestedAt)! < ms(r.receivedAt)!),
    ) || r.supplements.some((s, i) => i > 0 && ms(s.requestedAt)! < ms(r.supplements[i - 1]!.completedAt ?? r.supplements[i - 1]!.requestedAt)!);
  if (badSupplement) issues.push({ field: 'DanhSachHoSoBoSung', code: 'dossier_import.date_order' });
  else if (
    r.status === 'awaiting_supplement'
      ? open.length !== 1 || r.supplements[r.supplements.length - 1]!.completedAt !== null
      : open.length > 0 && !['withdrawn', 'stopped', 'refused'].includes(r.status)
  ) {
    issues.push({ field: 'DanhSachHoSoBoSung', code: 'dossier_import.supplement_status' });
  }
  return issues;
}

/** The action that leads to each status when it is the last one of the history. */
const CLOSING_ACTION: Partial<Record<DossierStatus, StatusChange['action']>> = {
  refused: 'refuse',
  withdrawn: 'withdraw',
  stopped: 'stop',
  result_ready: 'mark_result_ready',
  awaiting_payment: 'request_payment',
};

/**
 * The state of an imported dossier. The history is the source's dates in order; supplement requests
 * are pauses that moved nothing (`workingDays` 0), since the source's appointment already includes them.
 * Call `importedRecordIssues` first: this assumes a record without issues.
 * @example importedState(record, policy, null).dueAt === record.dueAt // true
 */
export function importedState(r: ImportedDossierRecord, policy: DossierPolicy, timeLimit: TimeLimit | null): DossierState {
  const history: StatusChange[] = [];
  const push = (action: StatusChange['action'], to: DossierStatus, at: Instant) => history.push({ action, from: history.at(-1)?.to ?? null, to, at });
  if (r.submittedAt !== null && (r.channel === 'online' || r.receivedAt === null)) push('submit', 'submitted', r.submittedAt);
  if (r.receivedAt !== null) {
    push('receive', 'received', r.receivedAt);
    if (r.status !== 'received' && r.status !== 'withdrawn') push('start_processing', 'processing', r.receivedAt);
  }
  for (const s of r.supplements) {
    push('request_supplement', 'awaiting_supplement', s.requestedAt);
    if (s.completedAt !== null) push('complete_supplement', 'processing', s.completedAt);
  }
  const lastKnown = [
    r.returnedAt,
    r.endOfProcessingAt,
    r.supplements.at(-1)?.completedAt ?? r.supplements.at(-1)?.requestedAt ?? null,
    r.receivedAt,
    r.submittedAt,
  ].find((x): x is Instant => !!x)!;
  const closing = CLOSING_ACTION[r.status];
  if (closing) push(closing, r.status, r.endOfProcessingAt ?? lastKnown);
  if (r.status === 'returned') {
    push('mark_result_ready', 'result_ready', r.endOfProcessingAt!);
    push('return_result', 'returned', r.returnedAt!);
  }
  const endedAfterReceipt = ENDED.includes(r.status) || r.status === 'refused' || (r.status === 'withdrawn' && r.receivedAt !== null);
  const endOfProcessingAt = endedAfterReceipt ? (r.endOfProcessingAt ?? lastKnown) : null;
  const terminal = r.status === 'returned' ? r.returnedAt : ['refused', 'withdrawn', 'stopped'].includes(r.status) ? (r.endOfProcessingAt ?? lastKnown) : null;
  const pauses: DossierPause[] = r.supplements.map((s) => ({
    kind: 'supplement',
    from: s.requestedAt,
    to: s.completedAt,
    stopsClock: true,
    ...(s.completedAt !== null ? { workingDays: 0 } : {}),
    reason: s.reason,
    items: [],
  }));
  const dueDate = r.dueAt ? localDateOf(r.dueAt) : null;
  return {
    status: r.status,
    channel: r.channel,
    submittedAt: r.submittedAt,
    receivedAt: r.receivedAt,
    deemedReceivedOn: r.receivedAt ? localDateOf(r.receivedAt) : null,
    timeLimit,
    policy: r.receivedAt ? policy : null,
    dueConvention: r.dueAt ? 'imported' : null,
    calendarVersion: null,
    dueDate,
    dueAt: r.dueAt,
    statutoryDueDate: dueDate,
    statutoryDueAt: r.dueAt,
    originalDueDate: dueDate,
    originalDueAt: r.dueAt,
    dueChanges: [],
    pauses,
    supplementRequestCount: r.supplements.length,
    apologies: [],
    steps: [],
    currentStep: 0,
    handovers: [],
    endOfProcessingAt,
    finishedAt: terminal,
    closingReason: null,
    returnMethod: null,
    returnedTo: null,
    history,
  };
}
