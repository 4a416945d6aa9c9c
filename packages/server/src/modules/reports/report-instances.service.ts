import {
  can,
  canAnywhere,
  completenessOf,
  DEFAULT_DUE_WITHIN_WORKING_DAYS,
  dueHorizon,
  judgeSubmission,
  reportStatusOf,
  unitsFor,
  type LocalDate,
} from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { FileOwner } from '../../platform/files/files.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { InstanceFilters, InstanceListRow, ReportRepository, StatusDays } from './report.repository';
import type { InstanceExportQuery, InstanceListQuery, InstanceSummary, InstanceView, SubmitInput } from './report.schemas';

// Report instances: the list with its filters, the detail with the submission history, submitting
// (a new version each time), and the overview counts (docs/reports.md "Definitions").

export interface ReportSettings {
  /** An unsubmitted report due within this many working days (or today) is "due". */
  dueWithinWorkingDays: number;
}
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { dueWithinWorkingDays: DEFAULT_DUE_WITHIN_WORKING_DAYS };

export class ReportInstancesService {
  constructor(
    private readonly db: Db,
    private readonly repo: ReportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    readonly settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
  ) {}

  /** Today and the "due" horizon: the same two days for the list, its export and the overview. */
  async statusDays(today: LocalDate = this.clock.today()): Promise<StatusDays> {
    return { today, horizon: dueHorizon(await this.calendar.calendar(), today, this.settings.dueWithinWorkingDays) };
  }

  summary(actor: ServerActor, r: InstanceListRow, d: StatusDays, unitName: string | null): InstanceSummary {
    return {
      id: r.id,
      obligationId: r.obligationId,
      obligationCode: r.obligationCode,
      name: r.name,
      recipient: r.recipient,
      periodKind: r.periodKind,
      periodKey: r.periodKey,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      year: r.year,
      dueOn: r.dueOn,
      responsibleUnitId: r.responsibleUnitId,
      responsibleUnitName: unitName,
      status: reportStatusOf({ dueOn: r.dueOn as LocalDate, sentOn: r.sentOn as LocalDate | null }, d.today as LocalDate, d.horizon as LocalDate),
      sentOn: r.sentOn,
      isComplete: r.isComplete === null ? null : r.isComplete === 1,
      servesPar: r.servesPar === 1,
      submissionCount: r.submissionCount,
      version: r.version,
      can: { update: can(actor, 'report.manage', r.agencyId), submit: can(actor, 'report.submit', r.responsibleUnitId) },
    };
  }

  private async filters(q: InstanceExportQuery): Promise<InstanceFilters> {
    const f: InstanceFilters = { year: q.year, status: q.status, unitId: q.unitId, obligationId: q.obligationId, servesPar: q.servesPar, q: q.q };
    if (q.dueWithin !== undefined) f.openDueBy = dueHorizon(await this.calendar.calendar(), this.clock.today(), q.dueWithin);
    return f;
  }

  private readScope(actor: ServerActor): string[] {
    if (!canAnywhere(actor, 'report.read')) throw new ForbiddenError('forbidden', [], { action: 'report.read' });
    return unitsFor(actor, 'report.read');
  }

  async list(actor: ServerActor, q: InstanceListQuery) {
    const units = this.readScope(actor);
    const d = await this.statusDays();
    const { rows, total } = await this.repo.listInstances(units, await this.filters(q), d, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
      sort: q.sort,
      order: q.order,
    });
    const names = await this.repo.unitNames(rows.map((r) => r.responsibleUnitId));
    return { items: rows.map((r) => this.summary(actor, r, d, names.get(r.responsibleUnitId) ?? null)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Every instance the filters select (at most `limit`), for the Excel export. */
  async listAll(actor: ServerActor, q: InstanceExportQuery, limit: number) {
    const units = this.readScope(actor);
    const d = await this.statusDays();
    const { rows } = await this.repo.listInstances(units, await this.filters(q), d, { limit, offset: 0, sort: q.sort, order: q.order });
    const names = await this.repo.unitNames(rows.map((r) => r.responsibleUnitId));
    return rows.map((r) => this.summary(actor, r, d, names.get(r.responsibleUnitId) ?? null));
  }

  /**
   * The overview tiles (docs/reports.md "Definitions"): reports due (unsubmitted, due today or within
   * the configured working days) and late (unsubmitted, past due), in total and per responsible unit.
   * The conditions are the list's `status=due` and `status=late` filters, so a tile equals the list's total.
   */
  async overviewCounts(actor: ServerActor, today: LocalDate = this.clock.today()) {
    const units = this.readScope(actor);
    const rows = await this.repo.openCounts(units, await this.statusDays(today));
    const names = await this.repo.unitNames(rows.map((r) => r.unitId));
    const byUnit = rows
      .map((r) => ({ ...r, unitName: names.get(r.unitId) ?? null }))
      .sort((a, b) => b.late - a.late || b.due - a.due || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'vi'));
    return { due: rows.reduce((s, r) => s + r.due, 0), late: rows.reduce((s, r) => s + r.late, 0), byUnit };
  }

  /** An instance the actor reads; another unit's reads as absent. */
  async find(actor: ServerActor, id: string, db: Db = this.db): Promise<InstanceListRow> {
    const i = await this.repo.instanceInScope(unitsFor(actor, 'report.read'), id, db);
    if (!i) {
      if (await this.repo.instanceInScope(unitsFor(actor, 'unit.read'), id, db)) throw new ForbiddenError('forbidden', [], { action: 'report.read' });
      throw new NotFoundError('report.not_found');
    }
    return i;
  }

  /** `d` is computed before any transaction: the calendar is read outside it (SQLite has one connection). */
  private async view(actor: ServerActor, i: InstanceListRow, db: Db, d: StatusDays): Promise<InstanceView> {
    const o = (await this.repo.obligationById(i.obligationId, db))!;
    const checklist = JSON.parse(o.checklistJson) as Array<{ key: string; label: string }>;
    const names = await this.repo.unitNames([i.responsibleUnitId], db);
    const files = await this.repo.attachmentsOf(i.id, db);
    const subs = await this.repo.submissionsOf(i.id, db);
    return {
      ...this.summary(actor, i, d, names.get(i.responsibleUnitId) ?? null),
      checklist,
      parCriteria: JSON.parse(o.parCriteriaJson),
      calendarVersion: i.calendarVersion,
      submissions: subs.map((s) => {
        const ticked = JSON.parse(s.tickedJson) as string[];
        return {
          id: s.id,
          versionNo: s.versionNo,
          sentNumber: s.sentNumber,
          sentOn: s.sentOn,
          ticked,
          missing: checklist.filter((c) => !ticked.includes(c.key)).map((c) => c.key),
          isComplete: s.isComplete === 1,
          isLate: s.isLate === 1,
          lateReason: s.lateReason,
          files: (JSON.parse(s.fileIdsJson) as string[]).map((id) => ({ id, name: files.get(id) ?? '' })),
          note: s.note,
          submittedBy: s.submittedBy,
          submittedByName: s.submittedByName,
          submittedAt: s.submittedAt,
        };
      }),
    };
  }

  async get(actor: ServerActor, id: string): Promise<InstanceView> {
    const d = await this.statusDays();
    return this.db.transaction().execute(async (trx) => this.view(actor, await this.find(actor, id, trx), trx, d));
  }

  /**
   * Records a submission: a new version of the instance's report (earlier ones stay in the history).
   * On time against the due day of the working calendar; a late one needs a reason (422
   * report.late_reason_required); completeness against the obligation's checklist; the files must be
   * attachments of this instance (uploaded first through /api/files).
   */
  async submit(actor: ServerActor, id: string, input: SubmitInput): Promise<InstanceView> {
    const d = await this.statusDays();
    return this.db.transaction().execute(async (trx) => {
      const i = await this.find(actor, id, trx);
      authorize(actor, 'report.submit', i.responsibleUnitId);
      if (i.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, i, trx, d) });
      const files = await this.repo.attachmentsOf(i.id, trx);
      const fileIssues = input.fileIds.map((f, n) => ({ f, n })).filter(({ f }) => !files.has(f));
      if (fileIssues.length)
        throw new ValidationError(
          'validation.failed',
          fileIssues.map(({ n }) => ({ path: `body.fileIds.${n}`, code: 'report.file_not_attached' })),
        );
      const o = (await this.repo.obligationById(i.obligationId, trx))!;
      const ticked = [...new Set(input.ticked)];
      const { complete } = completenessOf(JSON.parse(o.checklistJson), ticked);
      const { isLate } = judgeSubmission({
        sentOn: input.sentOn as LocalDate,
        dueOn: i.dueOn as LocalDate,
        today: this.clock.today(),
        lateReason: input.lateReason,
      });
      const now = this.clock.now();
      const versionNo = i.submissionCount + 1;
      const row = {
        id: randomUUID(),
        instanceId: i.id,
        versionNo,
        sentNumber: input.sentNumber,
        sentOn: input.sentOn,
        tickedJson: JSON.stringify(ticked),
        isComplete: complete ? 1 : 0,
        isLate: isLate ? 1 : 0,
        lateReason: isLate ? input.lateReason : null,
        fileIdsJson: JSON.stringify(input.fileIds),
        note: input.note,
        submittedBy: actor.userId,
        submittedAt: now,
      };
      await this.repo.insertSubmission(trx, row);
      if (
        !(await this.repo.recordOutcome(trx, i.id, i.version, {
          sentOn: input.sentOn,
          isLate: row.isLate,
          isComplete: row.isComplete,
          submissionCount: versionNo,
          updatedAt: now,
        }))
      )
        throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'report_submission',
        entityId: row.id,
        unitId: i.responsibleUnitId,
        after: { ...row, instanceId: i.id },
      });
      return this.view(actor, await this.find(actor, id, trx), trx, d);
    });
  }
}

/** Files of a report instance (the sent report): read as the instance is, attached by who may submit it. */
export const reportFileOwner: FileOwner = {
  entity: 'report_instance',
  async readable(db, actor, id) {
    const i = await db.selectFrom('reportInstances').select('responsibleUnitId').where('id', '=', id).executeTakeFirst();
    if (!i || !can(actor, 'report.read', i.responsibleUnitId)) return null;
    return i.responsibleUnitId;
  },
  async attachable(db, actor, id) {
    const unitId = await this.readable(db, actor, id);
    if (!unitId) throw new NotFoundError('report.not_found');
    authorize(actor, 'report.submit', unitId);
    return unitId;
  },
};
