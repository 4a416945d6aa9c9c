import {
  BEFORE_RECEIPT_STATUSES,
  openCompletionOf,
  applyDossierCommand,
  canAnywhere,
  foldVietnamese,
  formatDossierCode,
  instantAt,
  localDateOf,
  nationalStatusCodeOf,
  pinFromBytes,
  PIN_BYTES,
  receiveNew,
  submitOnline,
  unitsFor,
  type Action,
  type Channel,
  type DayCalendar,
  type DossierCommand,
  type DossierResultRecord,
  type DossierState,
  type DossierStatus,
  type Instant,
  type LocalDate,
  type ReceiveInput,
  PERMISSIONS,
  isTerminalStatus,
  can as canOn,
  nextStatusOf,
  performerOfStep,
  performerRoleOf,
  receiveFromQueue,
  type PlannedStep,
  type SheetPerson,
} from '@cchc/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { FileOwner } from '../../platform/files/files.service';
import { ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError, ValidationError } from '../../platform/errors';
import type { NotificationEvent, NotificationService } from '../../platform/notifications/notification.service';
import type { Notifier } from '../../platform/notifications/notice-types';
import { displayDate, dossierLink } from './dossier-notices';
import type { CalendarService } from '../calendar/calendar.service';
import type { ProcedureContent } from '../procedures/procedure.schemas';
import type { ProcedureService, ProcedureVersionInForce } from '../procedures/procedure.service';
import { parseStoredState, readStoredState } from './dossier-state-store';
import { electronicResultAllowed, procedureChecklist, resultRecordOf, resultRecordView } from './dossier-desk';
import {
  ACTION_NAMES,
  availableForms,
  canRun,
  finishedTimeliness,
  involvedUnits,
  mayRun,
  openTimeliness,
  openTimelinessOf,
  performerUnits,
  performs,
  stateColumns,
  type DossierSettings,
} from './dossier-rules';
import { randomKey } from '../../platform/db/random-key';
import { dataVersion, VersionedCache } from '../../platform/db/data-version';
import { periodBounds } from './dossier-counting';
import type { DossierFilters, DossierListRow, DossierRepository, DossierRow, Keyset, OverviewQueue } from './dossier.repository';
import type {
  ApplicantInput,
  AssignInput,
  CreateDossierInput,
  DossierActionInput,
  DossierListItem,
  DossierPage,
  DossierListQuery,
  DossierView,
  WireAction,
} from './dossier.schemas';

/** A division head or leader over one of the dossier's units may hand an open dossier to a specialist. */
function mayAssign(actor: ServerActor, row: DossierRow, state: DossierState): boolean {
  return (
    !isTerminalStatus(state.status) && !BEFORE_RECEIPT_STATUSES.includes(state.status) && involvedUnits(row).some((u) => canOn(actor, 'dossier.assign', u))
  );
}

/**
 * The list's cursor (docs/conventions.md#keyset-pages): the sort and order it belongs to, which way, and the
 * position (sort value and code of the row at the page's end), as base64url JSON. Opaque to clients; a cursor
 * of another sort or order, or one that does not decode, is refused with 400 `dossier.cursor_invalid`.
 */
function encodeCursor(sort: string, order: string, way: Keyset['way'], row: DossierListRow): string {
  return Buffer.from(JSON.stringify([sort, order, way, row.sortValue ?? null, row.code])).toString('base64url');
}

function decodeCursor(cursor: string, sort: string, order: string): Keyset {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  const valid =
    Array.isArray(parts) &&
    parts.length === 5 &&
    parts[0] === sort &&
    parts[1] === order &&
    (parts[2] === 'after' || parts[2] === 'before') &&
    (parts[3] === null || typeof parts[3] === 'string') &&
    typeof parts[4] === 'string';
  if (!valid) throw new ValidationError('dossier.cursor_invalid', [{ path: 'querystring.cursor', code: 'dossier.cursor_invalid' }]);
  const [, , way, value, code] = parts as [string, string, Keyset['way'], string | null, string];
  return { way, value, code };
}

/** Permissions that let a user see dossiers at all. */
const READ_ACTIONS: readonly Action[] = ['dossier.read', 'dossier.receive', 'dossier.process'];

export function readableUnits(actor: ServerActor): string[] {
  return [...new Set(READ_ACTIONS.flatMap((a) => unitsFor(actor, a)))];
}

export function canReadAny(actor: ServerActor): boolean {
  return READ_ACTIONS.some((a) => canAnywhere(actor, a));
}

/** The dossier's state, validated and upcast (`dossier-state-store.ts`); `409 dossier.state_unreadable` with the code when it does not parse. */
export function parseState(row: Pick<DossierRow, 'state'> & Partial<Pick<DossierRow, 'code'>>): DossierState {
  return parseStoredState({ code: row.code ?? '', state: row.state });
}

/** The receipt input a procedure version gives: its time limit, steps and the agency's counting rules. */
export function receiveInputOf(content: ProcedureContent, settings: DossierSettings): ReceiveInput {
  return {
    timeLimit: content.timeLimit,
    receipt: {
      cutoffMinute: content.receivingCutoffMinute ?? settings.receiptCutoffMinute,
      onlineOutsideHoursNextDay: true,
      office: settings.office,
    },
    steps: content.steps.map((s) => ({
      code: s.code,
      name: s.name,
      ...(s.unitId ? { unitId: s.unitId } : {}),
      ...(s.performerRole ? { performerRole: s.performerRole } : {}),
      budget: s.budget,
    })),
    paymentStopsClock: settings.paymentStopsClock,
    supplementMode: settings.supplementMode,
    granularity: settings.granularity,
    almostDueWorkingDays: settings.almostDueWorkingDays,
  };
}

/** What `toCommand` needs besides the request: the receipt input and checklist, the checked result record. */
interface CommandContext {
  receive: () => ReceiveInput;
  result: DossierResultRecord | null;
  electronicAllowed: boolean;
  /** The control sheet's parties of a hand-over or a return. */
  by: SheetPerson;
  to: SheetPerson | null;
}

function toCommand(input: DossierActionInput, ctx: CommandContext): DossierCommand {
  switch (input.action) {
    case 'receive':
      return { action: 'receive', ...ctx.receive() };
    case 'markResultReady':
      return { action: 'mark_result_ready', ...(ctx.result ? { result: ctx.result } : {}), electronicAllowed: ctx.electronicAllowed };
    case 'startProcessing':
    case 'completeSupplement':
    case 'recordPayment':
      return { action: ACTION_NAMES[input.action] } as DossierCommand;
    case 'completeStep':
      return { action: 'complete_step', note: input.note, by: ctx.by, to: ctx.to };
    case 'returnStep':
      return { action: 'return_step', reason: input.reason, by: ctx.by, to: ctx.to };
    case 'requestSupplement':
      return { action: 'request_supplement', reason: input.reason, items: input.items };
    case 'requestCompletion':
      return { action: 'request_completion', reason: input.reason, items: input.items };
    case 'refuse':
    case 'stop':
      return { action: ACTION_NAMES[input.action], reason: input.reason };
    case 'withdraw':
    case 'requestPayment':
      return { action: ACTION_NAMES[input.action], ...(input.reason ? { reason: input.reason } : {}) } as DossierCommand;
    case 'returnResult':
      return { action: 'return_result', method: input.method, receivedBy: input.receivedBy };
    case 'issueApology':
      return { action: 'issue_apology', reason: input.reason, newDueDate: input.newDueDate as LocalDate };
  }
}

/** The free text an action carries, kept on the timeline. */
function noteOf(input: DossierActionInput): string | null {
  if ('reason' in input && input.reason) return input.reason;
  if ('note' in input && input.note) return input.note;
  if (input.action === 'returnResult') return input.receivedBy;
  if (input.action === 'markResultReady') return input.result.number;
  return null;
}

const NOTIFIED: Partial<Record<WireAction | 'create' | 'submit', NotificationEvent>> = {
  // Online filing: the code and PIN by e-mail when the citizen gave an address (issue #13 item 6).
  submit: 'dossier.submitted',
  create: 'dossier.received',
  receive: 'dossier.received',
  requestSupplement: 'dossier.supplement_requested',
  requestCompletion: 'dossier.completion_requested',
  refuse: 'dossier.refused',
  issueApology: 'dossier.apology_issued',
  markResultReady: 'dossier.result_ready',
};

const lookupPath = (code: string, pin: string) => `/tra-cuu?ma=${encodeURIComponent(code)}&pin=${pin}`;

/** Subject and text of the e-mail to the applicant (Vietnamese: the applicant is a citizen). */
function message(
  event: NotificationEvent,
  row: Pick<DossierRow, 'code' | 'procedureName' | 'applicantName' | 'lookupPin'>,
  state: DossierState,
  lookupUrl: string,
) {
  const d = (s: string | null) => (s ? s.split('-').reverse().join('/') : '');
  const head = `Kính gửi Ông/Bà ${row.applicantName},\n\n`;
  const foot = `\n\nTra cứu tình trạng hồ sơ: ${lookupUrl}\n\nĐây là thư tự động, vui lòng không trả lời.`;
  const pause = state.pauses[state.pauses.length - 1];
  const apology = state.apologies[state.apologies.length - 1];
  switch (event) {
    case 'dossier.submitted':
      return {
        subject: `Đã nhận hồ sơ nộp trực tuyến ${row.code}`,
        body: `${head}Hồ sơ "${row.procedureName}" của Ông/Bà đã được gửi trực tuyến, mã hồ sơ ${row.code}, mã tra cứu (PIN) ${row.lookupPin}. Bộ phận tiếp nhận sẽ kiểm tra và thông báo khi tiếp nhận.${foot}`,
      };
    case 'dossier.received':
      return {
        subject: `Tiếp nhận hồ sơ ${row.code}`,
        body: `${head}Hồ sơ "${row.procedureName}" của Ông/Bà đã được tiếp nhận, mã hồ sơ ${row.code}. Ngày hẹn trả kết quả: ${d(state.dueDate)}.${foot}`,
      };
    case 'dossier.supplement_requested':
      return {
        subject: `Yêu cầu bổ sung hồ sơ ${row.code}`,
        body: `${head}Hồ sơ ${row.code} cần bổ sung, hoàn thiện. Lý do: ${pause?.reason ?? ''}.${pause?.items.length ? `\nThành phần cần bổ sung:\n- ${pause.items.join('\n- ')}` : ''}${foot}`,
      };
    case 'dossier.completion_requested': {
      const ask = state.completionRequests?.[state.completionRequests.length - 1];
      return {
        subject: `Yêu cầu bổ sung, hoàn thiện hồ sơ ${row.code}`,
        body: `${head}Hồ sơ "${row.procedureName}" (mã ${row.code}) Ông/Bà nộp trực tuyến chưa được tiếp nhận: đề nghị bổ sung, hoàn thiện hồ sơ. Lý do: ${ask?.reason ?? ''}.\nThành phần cần bổ sung, hoàn thiện:\n- ${(ask?.items ?? []).join('\n- ')}\n\nÔng/Bà tra cứu hồ sơ bằng mã hồ sơ và mã PIN, tải lên các thành phần trên và nộp lại; thời hạn giải quyết tính từ khi hồ sơ được tiếp nhận.${foot}`,
      };
    }
    case 'dossier.refused':
      return {
        subject: `Từ chối giải quyết hồ sơ ${row.code}`,
        body: `${head}Hồ sơ ${row.code} không được tiếp nhận giải quyết. Lý do: ${state.closingReason ?? ''}.${foot}`,
      };
    case 'dossier.apology_issued':
      return {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${row.code}`,
        body: `${head}Cơ quan chúng tôi xin lỗi vì hồ sơ ${row.code} chưa giải quyết xong đúng hẹn (${d(apology?.oldDueDate ?? null)}). Lý do: ${apology?.reason ?? ''}. Ngày hẹn trả kết quả mới: ${d(apology?.newDueDate ?? null)}.${foot}`,
      };
    case 'dossier.result_ready':
      return {
        subject: `Có kết quả hồ sơ ${row.code}`,
        body: `${head}Hồ sơ ${row.code} đã có kết quả. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.${foot}`,
      };
  }
}

export interface DossierDeps {
  db: Db;
  repo: DossierRepository;
  audit: AuditService;
  clock: Clock;
  calendar: CalendarService;
  procedures: ProcedureService;
  notifications: NotificationService;
  /** Notices to staff (the assignment notice); none in code that does not wire it. */
  notifier?: Notifier;
  settings: DossierSettings;
  /** The dossiers as the read replica has them (DATABASE_READ_URL): the Excel export reads there; absent, `repo`. */
  reads?: DossierRepository;
}

/** Staff use cases of one-stop dossiers: receipt, lifecycle actions, reading and queues. */
export class DossierService {
  /**
   * The queue page's answers (`list`), kept while the database's data version stands (docs/architecture.md,
   * "Data version and derived-figure cache"): a refresh of the same page, by the same user on the same day,
   * with nothing committed since, is answered without reading the dossiers again (issue #9, defect 11).
   */
  private readonly pages: VersionedCache<DossierPage>;

  constructor(private readonly deps: DossierDeps) {
    this.pages = new VersionedCache(() => dataVersion(deps.db));
  }

  get settings(): DossierSettings {
    return this.deps.settings;
  }

  calendar(): Promise<DayCalendar> {
    return this.deps.calendar.calendar();
  }

  /**
   * The citizen's lookup link, printed on the slip (and its QR code) and sent by e-mail. Built from the
   * configured public address only: a request's Host or X-Forwarded-Host is the sender's to choose, and a
   * forged one would send the citizen's PIN to another site (issue #9, defect 4).
   */
  lookupUrl(code: string, pin: string): string {
    const base = this.deps.settings.publicBaseUrl;
    if (!base) throw new ServiceUnavailableError('config.public_base_url_missing', [], { setting: 'PUBLIC_BASE_URL' });
    return `${base.replace(/\/$/, '')}${lookupPath(code, pin)}`;
  }

  /**
   * The link in a notification. Without a public address no mailer exists (production refuses to start
   * one, config.ts), so the message is only recorded as skipped and the path alone is enough.
   */
  private mailLink(code: string, pin: string): string {
    return this.deps.settings.publicBaseUrl ? this.lookupUrl(code, pin) : lookupPath(code, pin);
  }

  /** Sends what the committed change queued; a mail failure never fails the request. */
  private deliver(): void {
    void this.deps.notifications.deliverPending().catch(() => undefined);
  }

  private async versionFor(procedureId: string, on: LocalDate, trx: Db): Promise<ProcedureVersionInForce> {
    const v = await this.deps.procedures.versionInForce(procedureId, on, trx);
    if (!v) {
      throw new ValidationError('dossier.procedure_not_in_force', [{ path: 'body.procedureId', code: 'dossier.procedure_not_in_force' }]);
    }
    if (v.procedureStatus !== 'active') {
      throw new ValidationError('dossier.procedure_inactive', [{ path: 'body.procedureId', code: 'dossier.procedure_inactive' }]);
    }
    return v;
  }

  /** Allocates the code of a dossier received (or filed) on `day` for the procedure's agency. */
  private async allocateCode(trx: Db, unitId: string, day: LocalDate): Promise<string> {
    const agencyCode = await this.deps.repo.agencyCodeOf(unitId, trx);
    if (!agencyCode) throw new ConflictError('dossier.agency_code_missing', [], { unitId });
    return formatDossierCode(agencyCode, day, await this.deps.repo.nextSequence(trx, agencyCode, day));
  }

  /**
   * Creates a dossier: received at the desk (counter, post, or registered from an online filing),
   * or, with `state` given, an online filing awaiting the desk's check (the public route).
   */
  async insertDossier(
    trx: Db,
    actor: ServerActor | null,
    v: ProcedureVersionInForce,
    input: { channel: Channel; applicant: ApplicantInput; components: CreateDossierInput['components']; note: string | null },
    state: DossierState,
  ): Promise<{ row: DossierRow; state: DossierState }> {
    const at = (state.receivedAt ?? state.submittedAt) as Instant;
    const code = await this.allocateCode(trx, v.unitId, localDateOf(at));
    const now = this.deps.clock.now();
    const row: DossierRow = {
      id: randomUUID(),
      code,
      surveyKey: randomKey(),
      importId: null,
      sourceHash: null,
      unitId: v.unitId,
      processingUnitId: v.content.processingUnitId,
      assigneeId: null,
      procedureId: v.procedureId,
      procedureVersionId: v.id,
      procedureCode: v.code,
      procedureName: v.content.name,
      channel: input.channel,
      applicantName: input.applicant.name,
      applicantNameFolded: foldVietnamese(input.applicant.name),
      applicant: JSON.stringify(input.applicant),
      components: JSON.stringify(input.components),
      note: input.note,
      lookupPin: pinFromBytes(randomBytes(PIN_BYTES)),
      submittedAt: state.submittedAt,
      createdBy: actor?.userId ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...stateColumns(state),
    };
    await this.deps.repo.insert(trx, row);
    const first = state.history[0]!;
    await this.deps.repo.appendEvent(trx, {
      id: randomUUID(),
      dossierId: row.id,
      action: first.action,
      fromStatus: null,
      toStatus: first.to,
      at: first.at,
      actorId: actor?.userId ?? null,
      actorName: actor ? actor.fullName : input.applicant.name,
      note: null,
    });
    await this.deps.audit.record(trx, actor ?? { citizen: input.applicant.name }, {
      action: 'create',
      entity: 'dossier',
      entityId: row.id,
      unitId: row.unitId,
      after: {
        code,
        procedureCode: v.code,
        procedureVersionNo: v.versionNo,
        channel: input.channel,
        status: state.status,
        receivedAt: state.receivedAt,
        submittedAt: state.submittedAt,
        dueDate: state.dueDate,
        backlogEntry: state.receivedAt !== null && state.receivedAt !== now,
      },
    });
    if (state.status === 'received') await this.notify(trx, 'create', row, state);
    else if (state.status === 'submitted') await this.notify(trx, 'submit', row, state);
    return { row, state };
  }

  private async notify(trx: Db, action: WireAction | 'create' | 'submit', row: DossierRow, state: DossierState): Promise<void> {
    const event = NOTIFIED[action];
    if (!event) return;
    const applicant = JSON.parse(row.applicant) as ApplicantInput;
    const { subject, body } = message(event, row, state, this.mailLink(row.code, row.lookupPin));
    await this.deps.notifications.record(trx, { dossierId: row.id, event, to: applicant.email, subject, body });
  }

  /** POST /api/dossiers: the desk receives a dossier; the clock starts at `receivedAt` (now by default). */
  async receive(actor: ServerActor, input: CreateDossierInput) {
    const now = this.deps.clock.now();
    const receivedAt = (input.receivedAt ? new Date(input.receivedAt).toISOString() : now) as Instant;
    if (Date.parse(receivedAt) > Date.parse(now)) {
      throw new ValidationError('dossier.received_at_future', [{ path: 'body.receivedAt', code: 'dossier.received_at_future' }]);
    }
    const cal = await this.calendar();
    const created = await this.deps.db.transaction().execute(async (trx) => {
      const v = await this.versionFor(input.procedureId, localDateOf(receivedAt), trx);
      if (!mayRun(actor, 'receive', { unitId: v.unitId, processingUnitId: v.content.processingUnitId, currentUnitId: null })) {
        throw new ForbiddenError('forbidden', [], { action: 'dossier.receive' });
      }
      if (!v.content.channels.includes(input.channel)) {
        throw new ValidationError('dossier.channel_not_allowed', [{ path: 'body.channel', code: 'dossier.channel_not_allowed' }]);
      }
      const state = receiveNew({ channel: input.channel, ...receiveInputOf(v.content, this.deps.settings) }, receivedAt, cal);
      return this.insertDossier(trx, actor, v, { channel: input.channel, applicant: input.applicant, components: input.components, note: input.note }, state);
    });
    this.deliver();
    const { row, state } = created;
    return { id: row.id, code: row.code, status: state.status, dueDate: state.dueDate, dueAt: state.dueAt, lookupPin: row.lookupPin, version: row.version };
  }

  /**
   * GET /api/dossiers/receipt-preview (issue #13 item 5): the due date and appointment a receipt would get,
   * computed by the same domain rule as the receipt itself, with warnings for a receipt on a day off or
   * after the cut-off. Nothing is written.
   */
  async receiptPreview(actor: ServerActor, q: { procedureId: string; channel: Channel; receivedAt?: string | undefined }) {
    const now = this.deps.clock.now();
    const receivedAt = (q.receivedAt ? new Date(q.receivedAt).toISOString() : now) as Instant;
    const cal = await this.calendar();
    const v = await this.versionFor(q.procedureId, localDateOf(receivedAt), this.deps.db);
    if (!mayRun(actor, 'receive', { unitId: v.unitId, processingUnitId: v.content.processingUnitId, currentUnitId: null })) {
      throw new ForbiddenError('forbidden', [], { action: 'dossier.receive' });
    }
    const input = receiveInputOf(v.content, this.deps.settings);
    const state = receiveNew({ channel: q.channel, ...input }, receivedAt, cal);
    const cutoff = input.receipt.cutoffMinute ?? null;
    return {
      receivedAt,
      deemedReceivedOn: state.deemedReceivedOn,
      dueDate: state.dueDate,
      dueAt: state.dueAt,
      nonWorkingDay: !cal.isWorkingDay(localDateOf(receivedAt)),
      // The domain's rule (time-limit.ts): strictly after the cut-off moment of the day.
      afterCutoff: cutoff !== null && Date.parse(receivedAt) > Date.parse(instantAt(localDateOf(receivedAt), cutoff)),
      cutoffMinute: cutoff,
      // No agency identifier above the procedure's unit: the receipt would be refused with 409
      // `dossier.agency_code_missing` (allocateCode), so the desk is told before filling the form.
      agencyCodeMissing: !(await this.deps.repo.agencyCodeOf(v.unitId)),
    };
  }

  /** Online filing from the public site (national status 1): the desk receives it later. */
  async submitOnline(
    input: { procedureId: string; applicant: ApplicantInput; components: CreateDossierInput['components']; note: string | null },
    /** Runs in the same transaction once the dossier exists (the public route attaches uploaded components). */
    afterInsert?: (trx: Db, dossier: { id: string; unitId: string }) => Promise<void>,
  ) {
    const now = this.deps.clock.now() as Instant;
    const created = await this.deps.db.transaction().execute(async (trx) => {
      const v = await this.versionFor(input.procedureId, localDateOf(now), trx);
      if (!v.content.channels.includes('online') || v.content.onlineLevel === 'none') {
        throw new ValidationError('dossier.channel_not_allowed', [{ path: 'body.procedureId', code: 'dossier.channel_not_allowed' }]);
      }
      const inserted = await this.insertDossier(
        trx,
        null,
        v,
        { channel: 'online', applicant: input.applicant, components: input.components, note: input.note },
        submitOnline(now),
      );
      await afterInsert?.(trx, { id: inserted.row.id, unitId: inserted.row.unitId });
      return inserted;
    });
    return { code: created.row.code, lookupPin: created.row.lookupPin, status: created.state.status };
  }

  /**
   * The filer completes an online filing the desk sent back (docs/domain/dossiers.md#completion-before-receipt):
   * the components given replace those of the same name (the earlier files stay attached, so the change history
   * is kept; NĐ 45/2020 Art. 12) or are added, and the filing is back with the desk (`submitted`), same code.
   * `409 dossier.completion_not_requested` unless a completion is awaited; every requested component needs a
   * file (`422 dossier.completion_incomplete`, naming the missing ones).
   */
  async completeOnline(
    dossierId: string,
    input: { components: ReadonlyArray<{ name: string; attachmentId: string }>; note: string | null },
    /** Runs in the same transaction before the dossier changes (the public route attaches the uploads). */
    attach: (trx: Db, row: DossierRow) => Promise<void>,
  ): Promise<{ code: string; status: DossierStatus }> {
    const cal = await this.calendar();
    const now = this.deps.clock.now();
    const done = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.deps.repo.findById(dossierId, trx);
      if (!row) throw new NotFoundError('dossier.not_found');
      const before = parseState(row);
      const open = openCompletionOf(before);
      if (!open) throw new ConflictError('dossier.completion_not_requested', [], { status: before.status });
      const given = new Set(input.components.map((c) => c.name));
      const missing = open.items.filter((i) => !given.has(i));
      if (missing.length > 0) {
        throw new ValidationError('dossier.completion_incomplete', [{ path: 'body.components', code: 'dossier.completion_incomplete' }], { missing });
      }
      await attach(trx, row);
      const after = applyDossierCommand(before, { action: 'complete_filing' }, now as Instant, cal);
      const stored = JSON.parse(row.components) as Array<{ name: string; attachmentId?: string }>;
      const byName = new Map(input.components.map((c) => [c.name, c.attachmentId]));
      const components = [
        ...stored.map((c) => (byName.has(c.name) ? { ...c, attachmentId: byName.get(c.name)! } : c)),
        ...input.components.filter((c) => !stored.some((s) => s.name === c.name)).map((c) => ({ name: c.name, attachmentId: c.attachmentId })),
      ];
      const columns = stateColumns(after);
      if (!(await this.deps.repo.update(trx, row.id, row.version, { ...columns, components: JSON.stringify(components), updatedAt: now }))) {
        throw new ConflictError('conflict.stale_version');
      }
      const applicant = JSON.parse(row.applicant) as ApplicantInput;
      await this.deps.repo.appendEvent(trx, {
        id: randomUUID(),
        dossierId: row.id,
        action: 'complete_filing',
        fromStatus: before.status,
        toStatus: after.status,
        at: now,
        actorId: null,
        actorName: applicant.name,
        note: input.note,
      });
      await this.deps.audit.record(
        trx,
        { citizen: applicant.name },
        {
          action: 'complete_filing',
          entity: 'dossier',
          entityId: row.id,
          unitId: row.unitId,
          before: { status: before.status },
          after: { status: after.status, components: input.components.map((c) => c.name), note: input.note },
        },
      );
      return { code: row.code, status: after.status };
    });
    return done;
  }

  /** A dossier the actor may read, or 404 (out of scope reads as absent). */
  async findReadable(actor: ServerActor, id: string, db: Db = this.deps.db): Promise<DossierRow> {
    const row = await this.deps.repo.findById(id, db);
    const units = readableUnits(actor);
    if (!row || !involvedUnits(row).some((u) => units.includes(u))) throw new NotFoundError('dossier.not_found');
    return row;
  }

  async get(actor: ServerActor, id: string): Promise<DossierView> {
    const row = await this.findReadable(actor, id);
    return this.view(actor, row, await this.calendar());
  }

  private async view(actor: ServerActor, row: DossierRow, cal: DayCalendar, db: Db = this.deps.db): Promise<DossierView> {
    const state = parseState(row);
    const today = this.deps.clock.today();
    const now = this.deps.clock.now();
    const [events, unitName, version, rating, assigneeName, resultRecord] = await Promise.all([
      this.deps.repo.events(row.id, db),
      this.deps.repo.unitName(row.unitId, db),
      this.deps.repo.procedureVersion(row.procedureVersionId, db),
      this.deps.repo.rating(row.id, db),
      row.assigneeId ? this.deps.repo.userName(row.assigneeId, db) : null,
      resultRecordView(db, state),
    ]);
    const content = version ? (JSON.parse(version.content) as ProcedureContent) : null;
    const can = Object.fromEntries(
      (Object.entries(ACTION_NAMES) as Array<[WireAction, (typeof ACTION_NAMES)[WireAction]]>).map(([wire, action]) => [
        wire,
        canRun(actor, action, row, state, today, now, cal),
      ]),
    );
    const applicant = JSON.parse(row.applicant) as ApplicantInput;
    return {
      id: row.id,
      code: row.code,
      status: state.status,
      nationalStatusCode: nationalStatusCodeOf(state.status, this.deps.settings.completionNationalCode),
      channel: state.channel,
      applicant: {
        // Dossiers stored before organisations were recorded are persons.
        kind: applicant.kind ?? 'person',
        name: applicant.name,
        taxCode: applicant.taxCode ?? null,
        representative: applicant.representative ?? null,
        phone: applicant.phone ?? null,
        email: applicant.email ?? null,
        idNumber: applicant.idNumber ?? null,
        address: applicant.address ?? null,
      },
      procedureId: row.procedureId,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      procedureVersionNo: version?.versionNo ?? 0,
      timeLimit: state.timeLimit,
      unitId: row.unitId,
      unitName,
      processingUnitId: row.processingUnitId,
      assigneeId: row.assigneeId,
      assigneeName,
      components: JSON.parse(row.components) as DossierView['components'],
      note: row.note,
      lookupPin: row.lookupPin,
      submittedAt: state.submittedAt,
      receivedAt: state.receivedAt,
      deemedReceivedOn: state.deemedReceivedOn,
      dueDate: state.dueDate,
      dueAt: state.dueAt,
      originalDueDate: state.originalDueDate,
      statutoryDueDate: state.statutoryDueDate,
      ...openTimeliness(state, today, cal, this.deps.settings.almostDueWorkingDays),
      result: finishedTimeliness(state),
      endOfProcessingAt: state.endOfProcessingAt,
      finishedAt: state.finishedAt,
      closingReason: state.closingReason,
      returnMethod: state.returnMethod,
      returnedTo: state.returnedTo,
      supplementRequestCount: state.supplementRequestCount,
      steps: state.steps.map((s, i) => ({
        code: s.code,
        name: s.name,
        unitId: s.unitId ?? null,
        performerRole: performerRoleOf(s),
        startAt: s.startAt,
        dueDate: s.dueDate,
        dueAt: s.dueAt,
        done: i < state.currentStep,
      })),
      currentStep: state.currentStep,
      pauses: state.pauses.map((p) => ({ kind: p.kind, from: p.from, to: p.to, reason: p.reason, items: [...p.items], workingDays: p.workingDays ?? null })),
      completionRequests: (state.completionRequests ?? []).map((c) => ({ at: c.at, reason: c.reason, items: [...c.items], completedAt: c.completedAt })),
      apologies: state.apologies.map((a) => ({ ...a })),
      handovers: state.handovers.map((h) => ({
        stepIndex: h.stepIndex,
        fromStep: h.fromStep,
        toStep: h.toStep,
        at: h.at,
        dueAt: h.dueAt,
        timeliness: h.timeliness,
        note: h.note,
        kind: h.kind ?? 'forward',
        byName: h.by?.name ?? null,
        toName: h.to?.name ?? null,
        receivedAt: h.receivedAt ?? null,
      })),
      history: events.map((e) => ({
        action: e.action,
        from: e.fromStatus as DossierState['status'] | null,
        to: e.toStatus as DossierState['status'],
        at: e.at,
        actorName: e.actorName,
        note: e.note,
      })),
      rating: rating ? { overall: rating.overall, comment: rating.comment, createdAt: rating.createdAt } : null,
      procedureComponents: procedureChecklist(content),
      receiptChecks: (state.receiptChecks ?? []).map((c) => ({ ...c })),
      electronicResultAllowed: electronicResultAllowed(content),
      resultRecord,
      version: row.version,
      can: { ...can, assign: mayAssign(actor, row, state) },
      forms: availableForms(state),
    };
  }

  /** POST /api/dossiers/:id/actions: one lifecycle step, refused with 409 if the dossier changed since `version`. */
  async act(actor: ServerActor, id: string, input: DossierActionInput): Promise<DossierView> {
    const action = ACTION_NAMES[input.action];
    const cal = await this.calendar();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const current = await this.findReadable(actor, id, trx);
      if (!mayRun(actor, action, current)) throw new ForbiddenError('forbidden', [], { action: `dossier.${input.action}` });
      if (current.version !== input.version) {
        throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, current, cal, trx) });
      }
      const before = parseState(current);
      const handover = await this.handoverParties(trx, actor, current, before, input);
      const version = await this.deps.repo.procedureVersion(current.procedureVersionId, trx);
      const content = version ? (JSON.parse(version.content) as ProcedureContent) : null;
      const now = this.deps.clock.now();
      // Receiving an online filing carries the officer's checklist; every mandatory component must be
      // confirmed (422 dossier.components_unconfirmed naming the missing ones, from the domain).
      const receive = (): ReceiveInput => ({
        ...receiveInputOf(content!, this.deps.settings),
        ...(input.action === 'receive' ? { componentCheck: { components: procedureChecklist(content), confirmed: input.confirmedComponents } } : {}),
      });
      // A result is checked only when the transition itself is allowed, so a forbidden one stays 422.
      const result =
        input.action === 'markResultReady' && current.status === 'processing'
          ? await resultRecordOf(trx, current.id, input.result, { now, state: before, content })
          : null;
      const after = applyDossierCommand(
        before,
        toCommand(input, { receive, result, electronicAllowed: electronicResultAllowed(content), ...handover.parties }),
        now,
        cal,
      );
      // A hand-over or a return moves the dossier to its receiver (null: the next step's unit queue).
      const assigneeId = handover.moves ? (handover.parties.to?.id ?? null) : current.assigneeId;
      const columns = { ...stateColumns(after), assigneeId };
      if (!(await this.deps.repo.update(trx, current.id, current.version, { ...columns, updatedAt: now }))) {
        throw new ConflictError('conflict.stale_version');
      }
      const last = after.history[after.history.length - 1]!;
      await this.deps.repo.appendEvent(trx, {
        id: randomUUID(),
        dossierId: current.id,
        action,
        fromStatus: last.from,
        toStatus: last.to,
        at: now,
        actorId: actor.userId,
        actorName: actor.fullName,
        note: noteOf(input),
      });
      await this.deps.audit.record(trx, actor, {
        action,
        entity: 'dossier',
        entityId: current.id,
        unitId: current.unitId,
        before: {
          status: before.status,
          dueDate: before.dueDate,
          currentStep: before.currentStep,
          ...(handover.moves ? { assigneeId: current.assigneeId } : {}),
        },
        after: {
          status: after.status,
          dueDate: after.dueDate,
          currentStep: after.currentStep,
          ...(handover.moves ? { assigneeId } : {}),
          note: noteOf(input),
          ...(input.action === 'receive' ? { receiptChecks: after.receiptChecks ?? [] } : {}),
          ...(after.resultRecord && !before.resultRecord ? { resultRecord: after.resultRecord } : {}),
        },
      });
      const updated: DossierRow = { ...current, ...columns, updatedAt: now, version: current.version + 1 };
      await this.notify(trx, input.action, updated, after);
      if (handover.moves && assigneeId && assigneeId !== actor.userId) await this.noticeAssigned(trx, updated, assigneeId);
      return updated;
    });
    this.deliver();
    return this.view(actor, row, cal);
  }

  /**
   * The step-performer rule of a hand-over or a return (docs/domain/dossiers.md#step-performers): only a
   * holder of the current step's role over its unit completes or returns it (403
   * `dossier.step_performer_required`); a hand-over goes to a chosen holder of the next step's role
   * (400 `dossier.handover_invalid` otherwise) or to its unit's queue; a return goes back to whoever
   * handed the previous step over.
   */
  private async handoverParties(trx: Db, actor: ServerActor, row: DossierRow, state: DossierState, input: DossierActionInput) {
    const by: SheetPerson = { id: actor.userId, name: actor.fullName };
    if (input.action !== 'completeStep' && input.action !== 'returnStep') return { moves: false, parties: { by, to: null } };
    // After the last step the dossier is still the last performer's to return (or to mark ready).
    const index = input.action === 'returnStep' ? Math.min(state.currentStep, state.steps.length - 1) : state.currentStep;
    const step = state.steps[index];
    // Checked only when the lifecycle allows the action, so a forbidden transition stays 422.
    if (step && nextStatusOf(state.status, ACTION_NAMES[input.action]) !== null) {
      if (!performs(actor, step, row)) {
        throw new ForbiddenError('dossier.step_performer_required', [], { role: performerRoleOf(step), unitId: step.unitId ?? null, step: step.code });
      }
    }
    if (input.action === 'returnStep') {
      const to = performerOfStep(state, state.currentStep - 1);
      return { moves: true, parties: { by, to } };
    }
    if (!input.handoverTo) return { moves: true, parties: { by, to: null } };
    const next = state.steps[state.currentStep + 1];
    const eligible = next ? await this.eligibleFor(trx, next, row) : [];
    const person = eligible.find((u) => u.id === input.handoverTo);
    if (!person) throw new ValidationError('dossier.handover_invalid', [{ path: 'body.handoverTo', code: 'dossier.handover_invalid' }]);
    return { moves: true, parties: { by, to: { id: person.id, name: person.fullName } } };
  }

  /** Active holders of the step's role over its unit (any officer of the dossier for a step with no role). */
  private eligibleFor(db: Db, step: PlannedStep, row: DossierRow) {
    const role = performerRoleOf(step);
    const roles = role ? [role] : [...new Set([...PERMISSIONS['dossier.process'], ...PERMISSIONS['dossier.receive']])];
    return this.deps.repo.assignees(performerUnits(step, row), roles, db);
  }

  /** GET /api/dossiers/:id/handover-candidates: who the current step can be handed to (the next step's performers). */
  async handoverCandidates(actor: ServerActor, id: string) {
    const row = await this.findReadable(actor, id);
    const state = parseState(row);
    const step = state.steps[state.currentStep];
    if (!step || !performs(actor, step, row) || !mayRun(actor, 'complete_step', row)) {
      throw new ForbiddenError('dossier.step_performer_required', [], { role: step ? performerRoleOf(step) : null, unitId: step?.unitId ?? null });
    }
    const next = state.steps[state.currentStep + 1];
    if (!next) return { step: null, items: [] };
    return {
      step: { code: next.code, name: next.name, performerRole: performerRoleOf(next), unitId: next.unitId ?? null },
      items: await this.eligibleFor(this.deps.db, next, row),
    };
  }

  /** The bell notice to whoever a dossier was handed or assigned to. */
  private async noticeAssigned(trx: Db, row: DossierRow, userId: string): Promise<void> {
    await this.deps.notifier?.notify(trx, {
      recipientUserId: userId,
      entityKind: 'dossier',
      entityId: row.id,
      templateKey: 'dossier.assigned',
      params: { code: row.code, procedureName: row.procedureName, dueDate: displayDate(row.dueDate) },
      link: dossierLink(row.id),
    });
  }

  /** A list's line, from the state's column copies (`stateColumns` writes them with the state). */
  private listItem(row: DossierListRow, today: LocalDate, cal: DayCalendar): DossierListItem {
    return {
      id: row.id,
      code: row.code,
      status: row.status as DossierStatus,
      channel: row.channel as Channel,
      applicantName: row.applicantName,
      procedureId: row.procedureId,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      receivedAt: row.receivedAt as Instant | null,
      dueDate: row.dueDate as LocalDate | null,
      dueAt: row.dueAt as Instant | null,
      ...openTimelinessOf(
        { clockRunning: row.clockRunning === 1, dueDate: row.dueDate as LocalDate | null, almostDueWorkingDays: row.almostDueWorkingDays },
        today,
        cal,
        this.deps.settings.almostDueWorkingDays,
      ),
      assigneeId: row.assigneeId,
      assigneeName: row.assigneeName ?? null,
      currentUnitName: row.currentUnitName ?? null,
    };
  }

  queueDays(cal: DayCalendar, actor: ServerActor) {
    const today = this.deps.clock.today();
    return {
      today,
      todayStartAt: instantAt(today, 0),
      almostDueUntil: cal.addWorkingDays(today, this.deps.settings.almostDueWorkingDays),
      userId: actor.userId,
    };
  }

  /**
   * The queue page. Its answer is built field by field (`listItem`, and `counts` holds exactly the
   * queues): the route stringifies it as is instead of re-parsing it with the Zod schema (see the route).
   */
  async list(actor: ServerActor, q: DossierListQuery): Promise<DossierPage> {
    if (!canReadAny(actor)) throw new ForbiddenError('forbidden', [], { action: 'dossier.read' });
    const keyset = q.cursor === undefined ? undefined : decodeCursor(q.cursor, q.sort, q.order);
    // The answer depends on the database, the day, the user ("mine") and the units the user reads; nothing
    // else (every queue condition counts as of the local day, dossier-counting.ts). The user's grants are read
    // from the database too, so a changed role also changes the version.
    const key = `${actor.userId}|${this.deps.clock.today()}|${readableUnits(actor).join(',')}|${JSON.stringify(q)}`;
    return this.pages.get(key, () => this.readList(actor, q, keyset));
  }

  private async readList(actor: ServerActor, q: DossierListQuery, keyset: Keyset | undefined): Promise<DossierPage> {
    const cal = await this.calendar();
    const days = this.queueDays(cal, actor);
    const units = await this.listUnits(actor, q.withinUnitId);
    const offset = (q.page - 1) * q.pageSize;
    // A keyset page asks for one row more, to know whether the list goes on past it.
    const { rows, total, counts } = await this.deps.repo.listWithCounts(units, this.figureFilters(q, cal), days, {
      limit: keyset ? q.pageSize + 1 : q.pageSize,
      offset: keyset ? 0 : offset,
      sort: q.sort,
      order: q.order,
      keyset,
    });
    const more = rows.length > q.pageSize;
    const shown = more ? (keyset?.way === 'before' ? rows.slice(1) : rows.slice(0, q.pageSize)) : rows;
    const first = shown[0];
    const last = shown[shown.length - 1];
    const hasNext = keyset ? (keyset.way === 'after' ? more : true) : offset + shown.length < total;
    const hasPrev = keyset ? (keyset.way === 'before' ? more : true) : offset > 0;
    return {
      items: shown.map((r) => this.listItem(r, days.today, cal)),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts,
      nextCursor: hasNext && last ? encodeCursor(q.sort, q.order, 'after', last) : null,
      prevCursor: hasPrev && first ? encodeCursor(q.sort, q.order, 'before', first) : null,
    };
  }

  /** The units a list reads: all the actor reads, or one of them and those below it (404 outside). */
  private async listUnits(actor: ServerActor, withinUnitId: string | undefined): Promise<string[]> {
    const units = readableUnits(actor);
    if (!withinUnitId) return units;
    if (!units.includes(withinUnitId)) throw new NotFoundError('unit.not_found');
    const readable = new Set(units);
    return (await this.deps.repo.subtree(withinUnitId)).map((u) => u.id).filter((u) => readable.has(u));
  }

  /**
   * A drill-down from the statistics: the figure's period turned into the report's bounds (400 when the
   * figure comes without a valid period), so the list uses the report's own conditions (dossier-counting.ts).
   */
  private figureFilters<Q extends Omit<DossierListQuery, 'page' | 'pageSize'>>(q: Q, cal: DayCalendar): Q & Pick<DossierFilters, 'figureBounds'> {
    if (!q.figure) return q;
    if (!q.figureFrom || !q.figureTo || q.figureFrom > q.figureTo) {
      const fields = [!q.figureFrom && 'figureFrom', (!q.figureTo || (q.figureFrom && q.figureFrom > q.figureTo)) && 'figureTo'].filter(
        (f): f is string => !!f,
      );
      throw new ValidationError(
        'period.invalid',
        fields.map((f) => ({ path: `querystring.${f}`, code: 'period.invalid' })),
      );
    }
    const bounds = periodBounds(cal, this.deps.settings.almostDueWorkingDays, q.figureFrom as LocalDate, q.figureTo as LocalDate);
    return { ...q, figureBounds: { ...bounds, granularity: this.deps.settings.granularity } };
  }

  /**
   * The leader's overview of dossiers (docs/overview.md): the counts of the `open`, `overdue`, `due_today`
   * and `almost_due` queues over the units the actor reads, per processing unit, and the on-time rate of
   * each month of this year. The totals are the list's own counts, so a tile and the list it opens agree.
   */
  async overview(actor: ServerActor) {
    if (!canReadAny(actor)) return null;
    const cal = await this.calendar();
    const days = this.queueDays(cal, actor);
    const units = readableUnits(actor);
    const [byUnit, months] = await Promise.all([
      this.deps.repo.overviewByUnit(units, days),
      this.deps.repo.completionsByMonth(units, Number(days.today.slice(0, 4))),
    ]);
    // Each dossier falls in one unit's group: the totals are the groups' sums (the queues' counts, one scan fewer).
    const total = (q: OverviewQueue) => byUnit.reduce((sum, r) => sum + r[q], 0);
    return {
      open: total('open'),
      overdue: total('overdue'),
      dueToday: total('due_today'),
      almostDue: total('almost_due'),
      byUnit: byUnit.map((r) => ({ unitId: r.unitId, open: r.open, overdue: r.overdue, dueToday: r.due_today, almostDue: r.almost_due })),
      onTimeByMonth: months.map((m) => ({ month: m.month, completed: m.completed, onTime: m.completed - m.late })),
    };
  }

  /** Users the dossier can be handed to: active holders of a processing role over one of its units. */
  async assignees(actor: ServerActor, id: string) {
    const row = await this.findReadable(actor, id);
    if (!mayAssign(actor, row, parseState(row))) throw new ForbiddenError('forbidden', [], { action: 'dossier.assign' });
    return { items: await this.deps.repo.assignees(involvedUnits(row), PERMISSIONS['dossier.process']) };
  }

  /** Hands the dossier to a specialist (or takes it back with null); audited, versioned like an action. */
  async assign(actor: ServerActor, id: string, input: AssignInput): Promise<DossierView> {
    const cal = await this.calendar();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const current = await this.findReadable(actor, id, trx);
      if (!mayAssign(actor, current, parseState(current))) throw new ForbiddenError('forbidden', [], { action: 'dossier.assign' });
      if (current.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, current, cal, trx) });
      if (input.assigneeId !== null) {
        const allowed = await this.deps.repo.assignees(involvedUnits(current), PERMISSIONS['dossier.process'], trx);
        if (!allowed.some((u) => u.id === input.assigneeId)) {
          throw new ValidationError('dossier.assignee_invalid', [{ path: 'body.assigneeId', code: 'dossier.assignee_invalid' }]);
        }
      }
      return this.assignIn(trx, actor, current, parseState(current), input.assigneeId);
    });
    this.deliver();
    return this.view(actor, row, cal);
  }

  /**
   * POST /api/dossiers/assign: hands several dossiers of the "Chờ phân công" queue to one person, in one
   * transaction. Each is read through the actor's scope (404), must be assignable by the actor (403), to
   * that person (400 `dossier.assignee_invalid` naming the dossier's index) and still unassigned (409
   * `dossier.already_assigned` with the codes), or nothing is assigned.
   */
  async assignMany(actor: ServerActor, input: { ids: string[]; assigneeId: string }): Promise<{ assigned: number }> {
    const ids = [...new Set(input.ids)];
    await this.deps.db.transaction().execute(async (trx) => {
      const taken: string[] = [];
      for (const [i, id] of ids.entries()) {
        const current = await this.findReadable(actor, id, trx);
        const state = parseState(current);
        if (!mayAssign(actor, current, state)) throw new ForbiddenError('forbidden', [], { action: 'dossier.assign', id });
        if (current.assigneeId !== null) {
          taken.push(current.code);
          continue;
        }
        const allowed = await this.deps.repo.assignees(involvedUnits(current), PERMISSIONS['dossier.process'], trx);
        if (!allowed.some((u) => u.id === input.assigneeId)) {
          throw new ValidationError('dossier.assignee_invalid', [{ path: `body.ids.${i}`, code: 'dossier.assignee_invalid' }]);
        }
        await this.assignIn(trx, actor, current, state, input.assigneeId);
      }
      if (taken.length > 0) throw new ConflictError('dossier.already_assigned', [], { codes: taken });
    });
    this.deliver();
    return { assigned: ids.length };
  }

  /** Writes one assignment (checked by the caller): the row, the timeline, the audit, the notice. */
  private async assignIn(trx: Db, actor: ServerActor, current: DossierRow, state: DossierState, assigneeId: string | null): Promise<DossierRow> {
    const now = this.deps.clock.now();
    const name = assigneeId ? await this.deps.repo.userName(assigneeId, trx) : null;
    // Taken from the unit's queue: the control sheet's last hand-over gets its receiver.
    const taken = assigneeId && name ? receiveFromQueue(state, { id: assigneeId, name }, now) : state;
    const changes = taken === state ? {} : stateColumns(taken);
    if (!(await this.deps.repo.update(trx, current.id, current.version, { ...changes, assigneeId, updatedAt: now }))) {
      throw new ConflictError('conflict.stale_version');
    }
    await this.deps.repo.appendEvent(trx, {
      id: randomUUID(),
      dossierId: current.id,
      action: 'assign',
      fromStatus: state.status,
      toStatus: state.status,
      at: now,
      actorId: actor.userId,
      actorName: actor.fullName,
      note: name,
    });
    await this.deps.audit.record(trx, actor, {
      action: 'assign',
      entity: 'dossier',
      entityId: current.id,
      unitId: current.unitId,
      before: { assigneeId: current.assigneeId },
      after: { assigneeId },
    });
    if (assigneeId && assigneeId !== current.assigneeId && assigneeId !== actor.userId) await this.noticeAssigned(trx, current, assigneeId);
    return { ...current, ...changes, assigneeId, updatedAt: now, version: current.version + 1 };
  }

  /** Rows for the Excel export of a list (same filters, no paging). */
  async listForExport(actor: ServerActor, q: Omit<DossierListQuery, 'page' | 'pageSize'>, limit: number) {
    if (!canReadAny(actor)) throw new ForbiddenError('forbidden', [], { action: 'dossier.read' });
    const cal = await this.calendar();
    const days = this.queueDays(cal, actor);
    const rows = await (this.deps.reads ?? this.deps.repo).listAll(await this.listUnits(actor, q.withinUnitId), this.figureFilters(q, cal), days, limit);
    return rows.map((r) => {
      // One unreadable state must not fail the whole export: its line keeps the column copies, without a result.
      const read = readStoredState(r.state);
      const state = read.ok ? read.state : null;
      return {
        ...this.listItem({ ...r, almostDueWorkingDays: state?.policy?.almostDueWorkingDays ?? null }, days.today, cal),
        result: state ? finishedTimeliness(state) : null,
      };
    });
  }
}

/** Permissions that change a dossier (ACTION_PERMISSIONS: the desk's and the processing units'). */
const CHANGE_ACTIONS: readonly Action[] = ['dossier.receive', 'dossier.process'];

/** The dossier's units when the actor reads it through any unit it passes through, else null. */
async function readableDossierUnits(db: Db, actor: ServerActor, id: string): Promise<{ unitId: string; involved: string[] } | null> {
  const row = await db.selectFrom('dossiers').select(['unitId', 'processingUnitId', 'currentUnitId']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const units = readableUnits(actor);
  const involved = involvedUnits(row);
  return involved.some((u) => units.includes(u)) ? { unitId: row.unitId, involved } : null;
}

/**
 * Files attached to a dossier (the applicant's online components, the officers' uploads): listed and
 * read by whoever reads the dossier (the processing specialist too); attached by whoever may act on it.
 */
export const dossierFileOwner: FileOwner = {
  entity: 'dossier',
  async readable(db, actor, id) {
    return (await readableDossierUnits(db, actor, id))?.unitId ?? null;
  },
  async attachable(db, actor, id) {
    const d = await readableDossierUnits(db, actor, id);
    if (!d) throw new NotFoundError('dossier.not_found');
    if (!CHANGE_ACTIONS.some((a) => d.involved.some((u) => canOn(actor, a, u)))) throw new ForbiddenError('forbidden', [], { action: 'dossier.process' });
    return d.unitId;
  },
};
