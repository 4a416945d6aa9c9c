import {
  applyDossierCommand,
  calendarFromYears,
  defaultYears,
  foldVietnamese,
  formatDossierCode,
  instantAt,
  localDateOf,
  pinFromBytes,
  PIN_BYTES,
  receiveNew,
  RuleViolation,
  submitOnline,
  type Channel,
  type DossierCommand,
  type DossierState,
  type Instant,
  type LocalDate,
  type ReturnMethod,
  type WorkingCalendar,
  type YearCalendar,
} from '@cchc/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { yearCalendarOf } from '../modules/calendar/calendar-days';
import { CalendarRepository } from '../modules/calendar/calendar.repository';
import { DEFAULT_DOSSIER_SETTINGS, stateColumns } from '../modules/dossiers/dossier-rules';
import { DossierRepository, type DossierRow } from '../modules/dossiers/dossier.repository';
import { receiveInputOf } from '../modules/dossiers/dossier.service';
import type { ProcedureContent } from '../modules/procedures/procedure.schemas';
import type { DemoContext } from './demo-context';
import { DEMO_USERS } from './demo-platform';
import { UnitTreeRepository } from '../platform/units/unit-tree';
import { randomKey } from '../platform/db/random-key';

// One-stop dossiers of the demo Department, built with the domain's own lifecycle functions on the
// real (announced) working-day calendar, so every due date, pause and apology is what the service
// would have computed. Two sets:
//  - 2019, the PAR demo year (issue #5): every dossier closed; NO online dossier although most
//    procedures offered level 3/4 online services, and fewer than half of the procedures with dossiers
//    used the public postal service, so field 7 projects −3.00 and −0.50; exactly 2 late dossiers.
//  - the current year up to today, in every state, so the staff queues of the demo are populated,
//    with online and postal dossiers (the projection of this year recovers 7.1).
// A seeded generator keeps the data the same on every run.

const AGENCY_UNIT = 'sokhcn';
const PAR_YEAR = 2019;
/** 2019: procedures that received dossiers (12 of 15), and the 4 of them used by post (4/12 < 50 %). */
const PROCEDURES_2019 = [
  '1.004512',
  '1.004513',
  '1.003631',
  '1.003640',
  '2.001262',
  '1.000943',
  '1.000948',
  '1.000960',
  '1.000972',
  '1.001086',
  '1.001093',
  '1.005421',
];
const POSTAL_2019 = new Set(['1.003631', '1.000943', '1.001086', '1.005421']);

type Outcome = 'returned' | 'result_ready' | 'refused' | 'processing' | 'received' | 'awaiting_supplement' | 'overdue' | 'overdue_apologised' | 'submitted';

interface Plan {
  procedureCode: string;
  channel: Channel;
  /** Receipt (or online filing, for `submitted`). */
  at: Instant;
  outcome: Outcome;
  late?: boolean;
  supplement?: boolean;
  returnMethod?: ReturnMethod;
}

interface ProcedureInfo {
  id: string;
  code: string;
  unitId: string;
  versions: Array<{ id: string; versionNo: number; effectiveFrom: string; content: ProcedureContent }>;
}

/** mulberry32: the same demo on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof seeded>;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Đinh'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Đức', 'Hoàng'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Trung',
  'Tuấn',
  'Vân',
  'Yến',
];
const COMPANIES = [
  'Công ty TNHH Kỹ thuật Đo lường Miền Trung',
  'Công ty Cổ phần Công nghệ Sinh học Quảng Ngãi',
  'Bệnh viện Đa khoa tỉnh Quảng Ngãi',
  'Phòng khám Đa khoa Thiện Nhân',
  'Công ty TNHH Thiết bị Y tế Sông Trà',
  'Hợp tác xã Nông nghiệp Nghĩa Hành',
  'Công ty Cổ phần Đường Quảng Ngãi',
  'Trung tâm Kiểm nghiệm Quảng Ngãi',
  'Công ty TNHH Xăng dầu Dung Quất',
  'Viện Nghiên cứu Phát triển Kinh tế - Xã hội',
];
const PLACES = ['TP. Quảng Ngãi', 'Huyện Sơn Tịnh', 'Huyện Tư Nghĩa', 'Huyện Mộ Đức', 'Thị xã Đức Phổ', 'Huyện Bình Sơn', 'Huyện Nghĩa Hành'];
const SUPPLEMENT_REASONS = ['Thiếu bản sao hợp lệ quyết định thành lập', 'Bản thuyết minh chưa đúng mẫu quy định', 'Chưa có xác nhận của cơ quan chủ quản'];
const REFUSAL_REASONS = ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở', 'Tổ chức không đáp ứng điều kiện theo quy định'];
const APOLOGY_REASONS = ['Chờ ý kiến phối hợp của cơ quan liên quan', 'Cần kiểm tra thực tế tại cơ sở'];

function applicantOf(rng: Rng) {
  const org = rng.next() < 0.4;
  const name = org ? rng.pick(COMPANIES) : `${rng.pick(FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
  return {
    name,
    phone: `09${rng.int(10_000_000, 99_999_999)}`,
    email: null,
    idNumber: org ? null : `0510${rng.int(10_000_000, 99_999_999)}`,
    address: rng.pick(PLACES),
  };
}

/** The calendar the service would use: the stored years (announced, possibly edited), else the defaults. */
async function demoCalendar(ctx: DemoContext): Promise<WorkingCalendar & { version: string }> {
  const repo = new CalendarRepository(ctx.trx);
  const rows = await repo.all(ctx.trx);
  const thisYear = Number(ctx.clock.today().slice(0, 4));
  const years: YearCalendar[] = [];
  for (let y = PAR_YEAR - 1; y <= thisYear + 1; y++) {
    const stored = rows.filter((r) => r.year === y);
    years.push(stored.length ? yearCalendarOf(y, stored) : defaultYears(y, y)[0]!);
  }
  return Object.assign(calendarFromYears(years), { version: String(await repo.generation(ctx.trx)) });
}

function previousWorkingDay(cal: WorkingCalendar, day: LocalDate): LocalDate {
  let d = day;
  do {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() - 1);
    d = t.toISOString().slice(0, 10) as LocalDate;
  } while (!cal.isWorkingDay(d));
  return d;
}

/** A moment inside office hours: 08:00–11:00 or 13:45–16:30. */
function officeMinute(rng: Rng): number {
  return rng.next() < 0.6 ? rng.int(8 * 60, 11 * 60) : rng.int(13 * 60 + 45, 16 * 60 + 30);
}

class Builder {
  private readonly rng: Rng;
  constructor(
    private readonly ctx: DemoContext,
    private readonly cal: WorkingCalendar & { version: string },
    private readonly procedures: Map<string, ProcedureInfo>,
    seed: number,
  ) {
    this.rng = seeded(seed);
  }

  get random(): Rng {
    return this.rng;
  }

  /** The instant `wd` working days after `cur` (0: later the same day), never after now. */
  private later(cur: Instant, wd: number): Instant {
    if (wd <= 0) return new Date(Date.parse(cur) + this.rng.int(20, 90) * 60_000).toISOString() as Instant;
    const day = this.cal.addWorkingDays(localDateOf(cur), wd);
    return instantAt(day, officeMinute(this.rng));
  }

  versionOf(p: ProcedureInfo, day: string) {
    return p.versions.filter((v) => v.effectiveFrom <= day).sort((a, b) => b.versionNo - a.versionNo)[0];
  }

  /** Applies a command; an overdue dossier first gets its apology letter, as the rules require. */
  private apply(state: DossierState, command: DossierCommand, at: Instant): DossierState {
    try {
      return applyDossierCommand(state, command, at, this.cal);
    } catch (e) {
      if (!(e instanceof RuleViolation) || e.code !== 'dossier.apology_required') throw e;
      const apologised = this.apologise(state, at);
      return applyDossierCommand(apologised, command, new Date(Date.parse(at) + 60_000).toISOString() as Instant, this.cal);
    }
  }

  private apologise(state: DossierState, at: Instant): DossierState {
    const newDueDate = this.cal.addWorkingDays(localDateOf(at), this.rng.int(2, 4));
    return applyDossierCommand(state, { action: 'issue_apology', reason: this.rng.pick(APOLOGY_REASONS), newDueDate }, at, this.cal);
  }

  /** The dossier's state after its planned history, stopping before anything that would lie after now. */
  run(plan: Plan, receivedBy: string): { state: DossierState; versionId: string; content: ProcedureContent; procedure: ProcedureInfo } | null {
    const p = this.procedures.get(plan.procedureCode);
    const v = p && this.versionOf(p, localDateOf(plan.at));
    if (!p || !v) return null;
    const now = Date.parse(this.ctx.now);
    const content = v.content;
    const channel: Channel = content.channels.includes(plan.channel) ? plan.channel : 'counter';
    if (plan.outcome === 'submitted') return { state: submitOnline(plan.at), versionId: v.id, content, procedure: p };
    const input = receiveInputOf(content, DEFAULT_DOSSIER_SETTINGS);
    let state =
      channel === 'online'
        ? applyDossierCommand(
            submitOnline(new Date(Date.parse(plan.at) - this.rng.int(30, 600) * 60_000).toISOString() as Instant),
            { action: 'receive', ...input },
            plan.at,
            this.cal,
          )
        : receiveNew({ channel, ...input }, plan.at, this.cal);
    let cur = plan.at;
    const tryAt = (next: Instant, command: DossierCommand): boolean => {
      if (Date.parse(next) > now) return false;
      state = this.apply(state, command, next);
      cur = state.history[state.history.length - 1]!.at;
      return true;
    };
    if (plan.outcome === 'received') return { state, versionId: v.id, content, procedure: p };
    if (plan.outcome === 'refused') {
      tryAt(this.later(cur, this.rng.int(0, 2)), { action: 'refuse', reason: this.rng.pick(REFUSAL_REASONS) });
      return { state, versionId: v.id, content, procedure: p };
    }
    const steps = state.steps.length;
    // First hand-over: the desk passes the dossier to the division.
    if (steps > 0 && !tryAt(this.later(cur, 0), { action: 'complete_step', note: null })) return { state, versionId: v.id, content, procedure: p };
    if (plan.supplement || plan.outcome === 'awaiting_supplement') {
      const items = ['Bản sao quyết định thành lập tổ chức'];
      if (!tryAt(this.later(cur, this.rng.int(1, 2)), { action: 'request_supplement', reason: this.rng.pick(SUPPLEMENT_REASONS), items }))
        return { state, versionId: v.id, content, procedure: p };
      if (plan.outcome === 'awaiting_supplement') return { state, versionId: v.id, content, procedure: p };
      if (!tryAt(this.later(cur, this.rng.int(2, 5)), { action: 'complete_supplement' })) return { state, versionId: v.id, content, procedure: p };
    }
    const left = this.cal.workingDaysBetween(localDateOf(cur), state.dueDate!);
    if (plan.outcome === 'overdue' || plan.outcome === 'overdue_apologised') {
      // Handled part of the way, then stuck past its due date.
      if (steps > 2) tryAt(this.later(cur, Math.max(1, Math.floor(left / 2))), { action: 'complete_step', note: null });
      if (plan.outcome === 'overdue_apologised') {
        const today = this.ctx.clock.today();
        const day = instantAt(today, 7 * 60 + 35) <= this.ctx.now ? today : previousWorkingDay(this.cal, today);
        const at = instantAt(day, 7 * 60 + 35);
        if (Date.parse(at) > Date.parse(cur) && state.dueDate! < day) state = this.apologise(state, at);
      }
      return { state, versionId: v.id, content, procedure: p };
    }
    // Early (strictly before the due day) or late (1–3 working days after it).
    const endOffset = plan.late ? left + this.rng.int(1, 3) : this.rng.int(Math.min(1, Math.max(0, left - 1)), Math.max(0, left - 1));
    const remaining = steps - state.currentStep;
    const stopAt = plan.outcome === 'processing' ? this.rng.int(0, Math.max(0, remaining - 1)) : remaining;
    let done = 0;
    for (let i = 0; i < stopAt; i++) {
      const target = Math.round((endOffset * (i + 1)) / (remaining + 1));
      if (!tryAt(this.later(cur, Math.max(0, target - done)), { action: 'complete_step', note: null }))
        return { state, versionId: v.id, content, procedure: p };
      done = Math.max(done, target);
    }
    if (plan.outcome === 'processing') return { state, versionId: v.id, content, procedure: p };
    if (!tryAt(this.later(cur, Math.max(0, endOffset - done)), { action: 'mark_result_ready' })) return { state, versionId: v.id, content, procedure: p };
    if (plan.outcome === 'returned') {
      tryAt(this.later(cur, this.rng.int(0, 2)), { action: 'return_result', method: plan.returnMethod ?? 'counter', receivedBy });
    }
    return { state, versionId: v.id, content, procedure: p };
  }
}

/** Who did what on the timeline: the desk receives and returns, the step's unit hands over. */
function actorOf(ctx: DemoContext, state: DossierState, index: number): { id: string | null; name: string } {
  const user = (username: string) => ({ id: ctx.users.get(username) ?? null, name: DEMO_USERS.find((u) => u.username === username)?.fullName ?? username });
  const h = state.history[index]!;
  if (h.action === 'submit') return { id: null, name: '' };
  if (h.action === 'complete_step') {
    // The n-th hand-over completes step n (counting complete_step entries up to this one).
    const n = state.history.slice(0, index + 1).filter((x) => x.action === 'complete_step').length - 1;
    const code = state.steps[n]?.code;
    if (code === 'PD') return user('lanhdao');
    if (code === 'KT') return user('truongphong');
    if (code === 'TD') return user('chuyenvien');
    return user('motcua');
  }
  if (['mark_result_ready', 'request_supplement', 'issue_apology', 'start_processing'].includes(h.action)) return user('chuyenvien');
  return user('motcua');
}

function plans2019(b: Builder, cal: WorkingCalendar): Plan[] {
  const rng = b.random;
  const plans: Plan[] = [];
  const weights = [14, 12, 10, 8, 9, 12, 11, 10, 16, 12, 9, 7];
  PROCEDURES_2019.forEach((code, i) => {
    for (let k = 0; k < weights[i]!; k++) {
      // Received between January and late November, so everything closed within the year.
      const month = rng.int(1, 11);
      let day = `${PAR_YEAR}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` as LocalDate;
      if (!cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
      const postal = POSTAL_2019.has(code);
      const channel: Channel = postal && rng.next() < 0.35 ? 'post' : 'counter';
      const returnMethod: ReturnMethod = postal && rng.next() < 0.4 ? 'post' : 'counter';
      const r = rng.next();
      plans.push({
        procedureCode: code,
        channel,
        at: instantAt(day, officeMinute(rng)),
        outcome: r < 0.05 ? 'refused' : 'returned',
        supplement: r > 0.88,
        returnMethod,
      });
    }
  });
  // Exactly two dossiers finished late (the 2019 conclusion lists 2 late dossiers).
  const lateCandidates = plans.filter((p) => p.outcome === 'returned' && !p.supplement);
  for (const p of [lateCandidates[3], lateCandidates[40]]) if (p) p.late = true;
  return plans;
}

function plansCurrentYear(b: Builder, cal: WorkingCalendar, ctx: DemoContext, codes: readonly string[]): Plan[] {
  const rng = b.random;
  const today = ctx.clock.today();
  const lastDay = instantAt(today, 7 * 60 + 30) <= ctx.now ? today : previousWorkingDay(cal, today);
  // Early in January the year alone is too short for a month-long history: start in December then.
  let yearStart = cal.nextWorkingDay(`${today.slice(0, 4)}-01-01` as LocalDate);
  if (cal.workingDaysBetween(yearStart, lastDay) < 30) for (let i = 0; i < 40; i++) yearStart = previousWorkingDay(cal, yearStart);
  /** A working day `back` working days before the last one, not before the year's first. */
  const daysBack = (back: number): LocalDate => {
    let d = lastDay;
    for (let i = 0; i < back && d > yearStart; i++) d = previousWorkingDay(cal, d);
    return d < yearStart ? yearStart : d;
  };
  const available = cal.workingDaysBetween(yearStart, lastDay);
  const channel = (): Channel => {
    const r = rng.next();
    return r < 0.4 ? 'online' : r < 0.55 ? 'post' : 'counter';
  };
  const returnMethod = (): ReturnMethod => {
    const r = rng.next();
    return r < 0.55 ? 'counter' : r < 0.8 ? 'post' : 'online';
  };
  const plans: Plan[] = [];
  const add = (outcome: Outcome, count: number, back: () => number, extra: Partial<Plan> = {}) => {
    for (let i = 0; i < count; i++) {
      const day = daysBack(back());
      // Today's receipts happen before now (07:30 onwards).
      const minute = day === today ? 7 * 60 + 30 + i : officeMinute(rng);
      const at = instantAt(day, minute) <= ctx.now ? instantAt(day, minute) : instantAt(day, 7 * 60 + 30);
      plans.push({ procedureCode: rng.pick(codes), channel: channel(), at, outcome, returnMethod: returnMethod(), ...extra });
    }
  };
  const old = () => rng.int(Math.min(available, 24), Math.max(24, available));
  add('returned', 55, old, { supplement: false });
  add('returned', 6, old, { supplement: true });
  add('returned', 3, old, { late: true });
  add('result_ready', 8, () => rng.int(Math.min(available, 20), Math.min(available, 28)));
  add('refused', 6, () => rng.int(2, Math.min(available, 30)));
  add('processing', 22, () => rng.int(0, 3));
  add('received', 6, () => 0);
  add('received', 4, () => 1);
  add('awaiting_supplement', 8, () => rng.int(3, 8));
  add('overdue', 5, () => rng.int(Math.min(available, 18), Math.min(available, 22)), { channel: 'counter' });
  add('overdue_apologised', 3, () => rng.int(Math.min(available, 18), Math.min(available, 22)), { channel: 'counter' });
  // Online filings waiting for the desk's check (queue "to receive").
  for (let i = 0; i < 4; i++) {
    const code = rng.pick(codes);
    const at = new Date(Math.min(Date.parse(ctx.now) - (i + 1) * 47 * 60_000, Date.parse(instantAt(lastDay, 16 * 60)))).toISOString() as Instant;
    plans.push({ procedureCode: code, channel: 'online', at, outcome: 'submitted' });
  }
  return plans;
}

/** Seeds the demo dossiers (after the procedures: it needs their versions). */
export async function seedDossiers(ctx: DemoContext): Promise<void> {
  const { trx } = ctx;
  const repo = new DossierRepository(trx, new UnitTreeRepository(trx));
  const agencyUnitId = ctx.units.get(AGENCY_UNIT)!;
  const agencyCode = (await repo.agencyCodeOf(agencyUnitId, trx))!;
  const cal = await demoCalendar(ctx);
  const rows = await trx
    .selectFrom('procedures as p')
    .innerJoin('procedureVersions as v', 'v.procedureId', 'p.id')
    .select(['p.id', 'p.code', 'p.unitId', 'v.id as versionId', 'v.versionNo', 'v.effectiveFrom', 'v.content'])
    .where('p.unitId', '=', agencyUnitId)
    .execute();
  const procedures = new Map<string, ProcedureInfo>();
  for (const r of rows) {
    const p = procedures.get(r.code) ?? { id: r.id, code: r.code, unitId: r.unitId, versions: [] };
    p.versions.push({ id: r.versionId, versionNo: r.versionNo, effectiveFrom: r.effectiveFrom, content: JSON.parse(r.content) as ProcedureContent });
    procedures.set(r.code, p);
  }
  if (procedures.size === 0) return;
  const b = new Builder(ctx, cal, procedures, 20_191_231);
  const thisYear = Number(ctx.clock.today().slice(0, 4));
  const plans = [...(thisYear > PAR_YEAR ? plans2019(b, cal) : []), ...plansCurrentYear(b, cal, ctx, [...procedures.keys()])]
    .filter((p) => Date.parse(p.at) <= Date.parse(ctx.now))
    .sort((x, y) => Date.parse(x.at) - Date.parse(y.at));

  for (const plan of plans) {
    const applicant = applicantOf(b.random);
    const built = b.run(plan, applicant.name);
    if (!built) continue;
    const { state: finalState, content, procedure } = built;
    const first = finalState.history[0]!.at;
    const day = localDateOf(first);
    const code = formatDossierCode(agencyCode, day, await repo.nextSequence(trx, agencyCode, day));
    const last = finalState.history[finalState.history.length - 1]!.at;
    const row: DossierRow = {
      id: randomUUID(),
      code,
      surveyKey: randomKey(),
      importId: null,
      sourceHash: null,
      unitId: procedure.unitId,
      processingUnitId: content.processingUnitId,
      assigneeId: null,
      procedureId: procedure.id,
      procedureVersionId: built.versionId,
      procedureCode: procedure.code,
      procedureName: content.name,
      channel: finalState.channel,
      applicantName: applicant.name,
      applicantNameFolded: foldVietnamese(applicant.name),
      applicant: JSON.stringify(applicant),
      components: JSON.stringify(content.components.map((c) => ({ name: c.name, kind: c.kind, quantity: c.quantity }))),
      note: null,
      lookupPin: pinFromBytes(randomBytes(PIN_BYTES)),
      submittedAt: finalState.submittedAt,
      createdBy: finalState.channel === 'online' ? null : (ctx.users.get('motcua') ?? null),
      version: finalState.history.length,
      createdAt: first,
      updatedAt: last,
      ...stateColumns(finalState),
    };
    await repo.insert(trx, row);
    for (let i = 0; i < finalState.history.length; i++) {
      const h = finalState.history[i]!;
      const who = actorOf(ctx, finalState, i);
      await repo.appendEvent(trx, {
        id: randomUUID(),
        dossierId: row.id,
        action: h.action,
        fromStatus: h.from,
        toStatus: h.to,
        at: h.at,
        actorId: who.id,
        actorName: h.action === 'submit' ? applicant.name : who.name,
        note: h.action === 'return_result' ? applicant.name : null,
      });
    }
  }
}
