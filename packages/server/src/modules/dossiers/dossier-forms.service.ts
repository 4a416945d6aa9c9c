import { localDateOf, type DossierResultRecord, type DossierState, type TimeLimit } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError } from '../../platform/errors';
import type { ProcedureContent } from '../procedures/procedure.schemas';
import { availableForms } from './dossier-rules';
import type { DossierEventRow, DossierRepository, DossierRow } from './dossier.repository';
import type { ApplicantInput, DossierForm } from './dossier.schemas';
import { parseState, type DossierService } from './dossier.service';
import type {
  ApologyView,
  ComponentKind,
  ControlSheetView,
  FormApplicant,
  FormHeader,
  ReceiptSlipView,
  RefusalView,
  SupplementRequestView,
} from './forms/form-views';
import { renderApology } from './forms/render-apology';
import { renderControlSheet } from './forms/render-control-sheet';
import { lookupQrPng, renderReceiptSlip } from './forms/render-receipt-slip';
import { renderRefusal } from './forms/render-refusal';
import { renderSupplementRequest } from './forms/render-supplement-request';

// Printed forms of a dossier (docs/domain/dossiers.md#forms) as .docx: the views of forms/form-views.ts filled
// from the stored row, its state, its events (officers' names), the units (agency header) and the
// procedure version it was received under (components, time limit).

const COMPONENT_KINDS: readonly ComponentKind[] = ['original', 'certified_copy', 'copy', 'original_or_copy'];
/** Who hands over and takes back at the desk (Form 05 rows, contact lines). */
const DESK = 'Bộ phận tiếp nhận và trả kết quả';

/** File name stems, ASCII so every browser and mail client keeps them. */
export const FORM_FILE_STEMS: Record<DossierForm, string> = {
  receipt: 'phieu-tiep-nhan',
  supplement: 'phieu-yeu-cau-bo-sung',
  refusal: 'phieu-tu-choi',
  apology: 'phieu-xin-loi',
  'control-sheet': 'phieu-kiem-soat',
};

/** '10 ngày làm việc', '4 giờ làm việc', '0,5 ngày làm việc', 'Trong ngày'. */
export function timeLimitText(t: TimeLimit | null): string {
  if (!t) return '…………';
  const n = String(t.value).replace('.', ',');
  switch (t.unit) {
    case 'working_days':
      return `${n} ngày làm việc`;
    case 'calendar_days':
      return `${n} ngày`;
    case 'working_hours':
      return `${n} giờ làm việc`;
    case 'same_day':
      return 'Trong ngày';
  }
}

/**
 * The place of the date line from a People's Committee's name: 'Ủy ban nhân dân tỉnh Quảng Ngãi' →
 * 'Quảng Ngãi'; null for any other name (a Sở's name is not a place).
 */
export function placeFromUnitName(name: string): string | null {
  const m = /^(?:(?:ủy|uỷ)\s+ban\s+nhân\s+dân|ubnd)\s+(?:(?:tỉnh|thành\s+phố|tp\.?)\s+)?(.+)$/iu.exec(name.trim());
  return m ? m[1]!.trim() : null;
}

/** Printed when no place is configured or derivable: dots to fill by hand, as on blank templates. */
const PLACE_BLANK = '……………';

/** The governing body line: 'Ủy ban nhân dân tỉnh Quảng Ngãi' → 'UBND TỈNH QUẢNG NGÃI' (NĐ 30/2020 allows the abbreviation). */
export function governingBodyLine(name: string): string {
  return name
    .trim()
    .replace(/^(ủy|uỷ)\s+ban\s+nhân\s+dân\s+/iu, 'UBND ')
    .toUpperCase();
}

interface UnitInfo {
  id: string;
  name: string;
  parentId: string | null;
}

const opt = (s: string | null | undefined) => (s?.trim() ? s.trim() : undefined);

export interface DossierFormsDeps {
  db: Db;
  repo: DossierRepository;
  dossiers: DossierService;
  clock: Clock;
}

export class DossierFormsService {
  constructor(private readonly deps: DossierFormsDeps) {}

  /**
   * GET /api/dossiers/:id/forms/:form: the form as a .docx, for a dossier the actor may read (404
   * otherwise). A form that does not apply to the dossier now (no apology issued, not refused…) is 409.
   */
  async render(actor: ServerActor, id: string, form: DossierForm): Promise<{ fileName: string; data: Buffer }> {
    const { row, state } = await this.applicable(actor, id, form);
    const ctx = await this.context(row);
    const data = await this.renderForm(form, row, state, ctx);
    return { fileName: `${FORM_FILE_STEMS[form]}-${row.code}.docx`, data };
  }

  /**
   * GET /api/dossiers/:id/receipt-slip: the receipt slip as data for the staff app's print page (issue #13
   * item 5), under the same rules as its .docx, with the lookup QR code as a PNG data URL.
   */
  async receiptSlip(actor: ServerActor, id: string): Promise<ReceiptSlipView & { qrPng: string }> {
    const { row, state } = await this.applicable(actor, id, 'receipt');
    const view = this.receiptView(row, state, await this.context(row));
    const png = await lookupQrPng(view.lookupUrl);
    return { ...view, qrPng: `data:image/png;base64,${png.toString('base64')}` };
  }

  /** The dossier when the actor may read it (404 otherwise) and the form applies to it now (409 otherwise). */
  private async applicable(actor: ServerActor, id: string, form: DossierForm): Promise<{ row: DossierRow; state: DossierState }> {
    const row = await this.deps.dossiers.findReadable(actor, id);
    const state = parseState(row);
    if (!availableForms(state).includes(form)) throw new ConflictError('dossier.form_not_available', [], { form, available: availableForms(state) });
    return { row, state };
  }

  private renderForm(form: DossierForm, row: DossierRow, state: DossierState, ctx: FormContext): Promise<Buffer> {
    switch (form) {
      case 'receipt':
        return renderReceiptSlip(this.receiptView(row, state, ctx));
      case 'supplement':
        return renderSupplementRequest(this.supplementView(row, state, ctx));
      case 'refusal':
        return renderRefusal(this.refusalView(row, state, ctx));
      case 'apology':
        return renderApology(this.apologyView(row, state, ctx));
      case 'control-sheet':
        return renderControlSheet(this.controlSheetView(row, state, ctx));
    }
  }

  /** Everything the views need besides the row: units, officers, procedure content. */
  private async context(row: DossierRow): Promise<FormContext> {
    const db = this.deps.db;
    const [events, version, chain] = await Promise.all([
      this.deps.repo.events(row.id),
      this.deps.repo.procedureVersion(row.procedureVersionId),
      this.ancestors(row.unitId),
    ]);
    const state = parseState(row);
    const ids = [row.processingUnitId, ...state.steps.map((s) => s.unitId)].filter((u): u is string => !!u);
    const others = ids.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute() : [];
    const names = new Map<string, string>([...others, ...chain].map((u) => [u.id, u.name]));
    const agency = chain[0];
    const root = chain[chain.length - 1];
    // The configured place (DOSSIER_PLACE), else the province of the top unit when it is a People's Committee.
    const place = this.deps.dossiers.settings.place?.trim() || (root ? placeFromUnitName(root.name) : null) || PLACE_BLANK;
    const header = (issuedOn: string): FormHeader => ({
      agencyParent: chain[1] ? governingBodyLine(chain[1].name) : '',
      agencyName: (agency?.name ?? '').toUpperCase(),
      place,
      issuedOn,
    });
    const applicant = JSON.parse(row.applicant) as ApplicantInput;
    return {
      header,
      agencyName: agency?.name ?? '',
      unitName: (id) => (id ? (names.get(id) ?? null) : null),
      applicant: {
        name: applicant.name,
        taxCode: opt(applicant.taxCode),
        representative: opt(applicant.representative),
        address: opt(applicant.address),
        phone: opt(applicant.phone),
        email: opt(applicant.email),
      },
      content: version ? (JSON.parse(version.content) as ProcedureContent) : null,
      events,
    };
  }

  /** The unit and its ancestors, nearest first (the tree is shallow; stops at 20 like agencyCodeOf). */
  private async ancestors(unitId: string): Promise<UnitInfo[]> {
    const out: UnitInfo[] = [];
    let id: string | null = unitId;
    while (id && out.length < 20) {
      const u: UnitInfo | undefined = await this.deps.db.selectFrom('units').select(['id', 'name', 'parentId']).where('id', '=', id).executeTakeFirst();
      if (!u) break;
      out.push(u);
      id = u.parentId;
    }
    return out;
  }

  private officer(ctx: FormContext, action: string): string {
    const e = [...ctx.events].reverse().find((x) => x.action === action);
    return e?.actorName ?? '';
  }

  private receiptView(row: DossierRow, state: DossierState, ctx: FormContext): ReceiptSlipView {
    const stored = JSON.parse(row.components) as Array<{ name: string; kind?: string; quantity?: number }>;
    const catalogue = ctx.content?.components ?? [];
    const kindOf = (name: string, kind?: string): ComponentKind => {
      if (kind && (COMPONENT_KINDS as readonly string[]).includes(kind)) return kind as ComponentKind;
      return catalogue.find((c) => c.name === name)?.kind ?? 'original';
    };
    // What the applicant handed in; a dossier entered without a checklist prints the procedure's mandatory list.
    const components = stored.length
      ? stored.map((c) => ({ name: c.name, kind: kindOf(c.name, c.kind), copies: c.quantity ?? 1 }))
      : catalogue.filter((c) => c.mandatory).map((c) => ({ name: c.name, kind: c.kind, copies: c.quantity }));
    const delivery =
      state.channel === 'post'
        ? `Qua dịch vụ bưu chính công ích${ctx.applicant.address ? `, địa chỉ: ${ctx.applicant.address}` : ''}`
        : state.channel === 'online'
          ? 'Trực tuyến trên Cổng dịch vụ công hoặc tại Bộ phận tiếp nhận và trả kết quả'
          : `${DESK}, ${ctx.agencyName}`;
    return {
      header: ctx.header(localDateOf(state.receivedAt!)),
      dossierCode: row.code,
      lookupUrl: this.deps.dossiers.lookupUrl(row.code, row.lookupPin),
      lookupPin: row.lookupPin,
      applicant: ctx.applicant,
      procedureName: row.procedureName,
      components,
      sets: 1,
      timeLimitText: timeLimitText(state.timeLimit ?? ctx.content?.timeLimit ?? null),
      receivedAt: state.receivedAt!,
      dueAt: state.dueAt ?? state.receivedAt!,
      resultDelivery: delivery,
      officerName: this.officer(ctx, 'receive'),
    };
  }

  private supplementView(row: DossierRow, state: DossierState, ctx: FormContext): SupplementRequestView {
    // Form 02 is the same whether the request came before receipt (completion) or during processing; the latest prints.
    const asks = [
      ...state.pauses.filter((p) => p.kind === 'supplement').map((p) => ({ at: p.from, items: p.items, reason: p.reason, action: 'request_supplement' })),
      ...(state.completionRequests ?? []).map((c) => ({ at: c.at, items: c.items, reason: c.reason, action: 'request_completion' })),
    ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const pause = asks[asks.length - 1]!;
    return {
      header: ctx.header(localDateOf(pause.at)),
      dossierCode: row.code,
      applicant: ctx.applicant,
      procedureName: row.procedureName,
      items: pause.items.map((name) => {
        const known = ctx.content?.components.find((c) => c.name === name);
        return known ? { name, kind: known.kind } : { name };
      }),
      reason: pause.reason,
      contact: `${DESK}, ${ctx.agencyName}`,
      officerName: this.officer(ctx, pause.action),
    };
  }

  private refusalView(row: DossierRow, state: DossierState, ctx: FormContext): RefusalView {
    const at = state.finishedAt ?? state.endOfProcessingAt ?? this.deps.clock.now();
    return {
      header: ctx.header(localDateOf(at)),
      dossierCode: row.code,
      applicant: ctx.applicant,
      procedureName: row.procedureName,
      reasons: state.closingReason ?? '',
      contact: `${DESK}, ${ctx.agencyName}`,
      officerName: this.officer(ctx, 'refuse'),
    };
  }

  /** The latest letter; the head of the agency signs it, by hand (title and name left to fill). */
  private apologyView(row: DossierRow, state: DossierState, ctx: FormContext): ApologyView {
    const a = state.apologies[state.apologies.length - 1]!;
    return {
      header: ctx.header(localDateOf(a.issuedAt)),
      dossierCode: row.code,
      applicant: ctx.applicant,
      procedureName: row.procedureName,
      receivedOn: localDateOf(state.receivedAt!),
      originalDueDate: a.oldDueDate,
      reason: a.reason,
      newDueDate: a.newDueDate,
      signerTitle: 'Thủ trưởng cơ quan',
      signerName: '',
      recipients: [`Ông/Bà ${ctx.applicant.name}`, `${DESK}`, 'Lưu: VT'],
    };
  }

  /** One row per hand-over between steps; a step without a unit is the desk's (first) or the processing unit's. */
  private controlSheetView(row: DossierRow, state: DossierState, ctx: FormContext): ControlSheetView {
    const lead = ctx.unitName(row.processingUnitId) ?? ctx.agencyName;
    const stepUnit = (index: number): string => {
      const step = state.steps[index];
      if (!step) return DESK;
      return ctx.unitName(step.unitId ?? null) ?? (index === 0 ? DESK : lead);
    };
    return {
      header: ctx.header(this.deps.clock.today()),
      dossierCode: row.code,
      applicantName: ctx.applicant.name,
      receivedAt: state.receivedAt!,
      dueAt: state.dueAt ?? state.receivedAt!,
      leadAgency: lead,
      rows: state.handovers.map((h) => ({
        from: stepUnit(h.stepIndex),
        to: h.toStep === null ? DESK : stepUnit(h.stepIndex + 1),
        at: h.at,
        dueAt: h.dueAt,
        result: h.timeliness,
        note: [state.steps[h.stepIndex]?.name, h.note].filter(Boolean).join('. '),
      })),
      checkedComponents: (state.receiptChecks ?? []).filter((c) => c.checked).map((c) => c.name),
      ...(state.resultRecord ? { resultLine: resultLineOf(state.resultRecord) } : {}),
    };
  }
}

const RESULT_KIND_TEXT: Record<DossierResultRecord['kind'], string> = {
  licence: 'Giấy phép',
  certificate: 'Giấy chứng nhận',
  written_answer: 'Văn bản trả lời',
  refusal: 'Văn bản từ chối',
};

/** The result document as the control sheet prints it (issue #13). */
function resultLineOf(r: DossierResultRecord): string {
  const [y, m, d] = r.date.split('-');
  return `${RESULT_KIND_TEXT[r.kind]} số ${r.number} ngày ${d}/${m}/${y}, người ký: ${r.signer}${r.electronic ? ' (kết quả điện tử)' : ''}`;
}

interface FormContext {
  header(issuedOn: string): FormHeader;
  agencyName: string;
  unitName(id: string | null): string | null;
  applicant: FormApplicant;
  content: ProcedureContent | null;
  events: DossierEventRow[];
}
