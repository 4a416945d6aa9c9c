import { CHANNELS, DOSSIER_ACTIONS, DOSSIER_STATUSES, RESULT_KINDS, ROLES, type DossierState } from '@cchc/domain';
import { z } from 'zod';
import { ConflictError } from '../../platform/errors';

// The stored dossier state (`dossiers.state`, JSON text) as the repository reads and writes it
// (docs/architecture.md#dossiers "State versions"). Every stored state carries `schemaVersion`; a read
// upcasts older versions, then validates the shape, so no code works on JSON it merely cast. A row that
// does not parse is reported with its dossier code (`409 dossier.state_unreadable`), never as a 500.

/** The version `stateColumns` writes. Raise it with an upcaster below when the stored shape changes. */
export const STATE_SCHEMA_VERSION = 1;

const Instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)));
const SheetPerson = z.object({ id: z.string(), name: z.string() });
const LocalDate = z.iso.date();
const Status = z.enum(DOSSIER_STATUSES);
const OfficeHours = z.object({ sessions: z.array(z.object({ start: z.number(), end: z.number() })) });

const StoredStateV1 = z.object({
  schemaVersion: z.literal(1),
  status: Status,
  channel: z.enum(CHANNELS),
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  deemedReceivedOn: LocalDate.nullable(),
  timeLimit: z.object({ value: z.number(), unit: z.enum(['working_days', 'calendar_days', 'working_hours', 'same_day']) }).nullable(),
  policy: z
    .object({
      receipt: z.object({
        cutoffMinute: z.number().nullable(),
        onlineOutsideHoursNextDay: z.boolean(),
        office: OfficeHours,
        nonWorkingDayNextDay: z.boolean().optional(),
      }),
      paymentStopsClock: z.boolean(),
      supplementMode: z.enum(['extend', 'restart']),
      granularity: z.enum(['day', 'minute']),
      almostDueWorkingDays: z.number().int().min(0),
    })
    .nullable(),
  dueConvention: z.string().nullable(),
  calendarVersion: z.string().nullable(),
  dueDate: LocalDate.nullable(),
  dueAt: Instant.nullable(),
  statutoryDueDate: LocalDate.nullable(),
  statutoryDueAt: Instant.nullable(),
  originalDueDate: LocalDate.nullable(),
  originalDueAt: Instant.nullable(),
  dueChanges: z.array(
    z.object({
      at: Instant,
      cause: z.enum(['pause', 'restart', 'apology']),
      dueDate: LocalDate,
      dueAt: Instant,
      statutoryDueDate: LocalDate,
      statutoryDueAt: Instant,
      workingDays: z.number().optional(),
    }),
  ),
  pauses: z.array(
    z.object({
      kind: z.enum(['supplement', 'payment']),
      from: Instant,
      to: Instant.nullable(),
      stopsClock: z.boolean(),
      workingDays: z.number().optional(),
      reason: z.string(),
      items: z.array(z.string()),
    }),
  ),
  supplementRequestCount: z.number().int().min(0),
  apologies: z.array(z.object({ issuedAt: Instant, reason: z.string(), oldDueDate: LocalDate, newDueDate: LocalDate })),
  steps: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unitId: z.string().optional(),
      performerRole: z.enum(ROLES).optional(),
      budget: z.object({ value: z.number(), unit: z.enum(['working_days', 'working_hours']) }),
      startAt: Instant,
      dueDate: LocalDate,
      dueAt: Instant,
    }),
  ),
  currentStep: z.number().int().min(0),
  handovers: z.array(
    z.object({
      stepIndex: z.number().int(),
      fromStep: z.string(),
      toStep: z.string().nullable(),
      at: Instant,
      dueAt: Instant,
      timeliness: z.string(),
      note: z.string().nullable(),
      kind: z.enum(['forward', 'return']).optional(),
      by: SheetPerson.optional(),
      to: SheetPerson.nullable().optional(),
      receivedAt: Instant.nullable().optional(),
    }),
  ),
  endOfProcessingAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  closingReason: z.string().nullable(),
  returnMethod: z.enum(['counter', 'post', 'online']).nullable(),
  returnedTo: z.string().nullable(),
  history: z.array(z.object({ action: z.enum([...DOSSIER_ACTIONS, 'submit']), from: Status.nullable(), to: Status, at: Instant })),
  receiptChecks: z.array(z.object({ name: z.string(), mandatory: z.boolean(), checked: z.boolean() })).optional(),
  completionRequests: z.array(z.object({ at: Instant, reason: z.string(), items: z.array(z.string()), completedAt: Instant.nullable() })).optional(),
  resultRecord: z
    .object({
      kind: z.enum(RESULT_KINDS),
      number: z.string(),
      date: LocalDate,
      signer: z.string(),
      attachmentId: z.string().nullable(),
      electronic: z.boolean(),
    })
    .nullable()
    .optional(),
});

/**
 * Brings a stored state of any earlier version to the current one. Version 0 is every state written
 * before versions existed (issue #11 item 2): the same shape without the field.
 */
function upcast(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  if (r.schemaVersion === undefined) return { ...r, schemaVersion: 1 };
  return r;
}

/** The state of a stored row, or why it cannot be read (`issues` as Zod's paths and codes). */
export function readStoredState(text: string): { ok: true; state: DossierState } | { ok: false; issues: Array<{ path: string; code: string }> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: '', code: 'invalid_json' }] };
  }
  const parsed = StoredStateV1.safeParse(upcast(raw));
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), code: i.code })) };
  const { schemaVersion: _version, ...state } = parsed.data;
  // The schema checked every field the domain type names; the brands (Instant, LocalDate) are its checks.
  return { ok: true, state: state as unknown as DossierState };
}

/** The state of a dossier row; `409 dossier.state_unreadable` naming the dossier's code when it does not parse. */
export function parseStoredState(row: { code: string; state: string }): DossierState {
  const r = readStoredState(row.state);
  if (!r.ok) throw new ConflictError('dossier.state_unreadable', [], { code: row.code, issues: r.issues });
  return r.state;
}

/** The JSON text stored for a state, with the current schema version. */
export function storedStateText(state: DossierState): string {
  return JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION, ...state });
}
