import { escapeLike, foldVietnamese, type ReportStatus } from '@cchc/domain';
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { Database, ReportInstancesTable, ReportObligationsTable, ReportSubmissionsTable } from '../../platform/db/schema';
import type { UnitTree } from '../../platform/units/unit-tree';

// SQL of the reports module. Scope is always in SQL: an instance is visible through its responsible
// unit (a unit always lies inside its agency, so the agency's office covers it too).

export type ObligationRow = Selectable<ReportObligationsTable>;
export type InstanceRow = Selectable<ReportInstancesTable>;
export type SubmissionRow = Selectable<ReportSubmissionsTable>;
export type InstanceListRow = InstanceRow & { obligationCode: string; name: string; recipient: string; periodKind: ReportObligationsTable['periodKind'] };

/** The days the status filters compare with: today, and the last day of the "due" window. */
export interface StatusDays {
  today: string;
  horizon: string;
}

export interface InstanceFilters {
  year?: number;
  status?: ReportStatus;
  unitId?: string;
  obligationId?: string;
  /** Unsubmitted and due on or before this day (the dueWithin filter's horizon). */
  openDueBy?: string;
  servesPar?: boolean;
  q?: string;
}

const SORT = { dueOn: 'i.dueOn', name: 'o.nameFolded', periodTo: 'i.periodTo', sentOn: 'i.sentOn' } as const;

type IEB = ExpressionBuilder<Database & { i: ReportInstancesTable; o: ReportObligationsTable }, 'i' | 'o'>;

/**
 * The status filters as SQL, the same conditions as the domain's reportStatusOf; the list, its
 * export and the overview tiles all use these, so a tile always equals the list's total.
 */
export function statusCondition(eb: IEB, status: ReportStatus, d: StatusDays) {
  switch (status) {
    case 'late':
      return eb.and([eb('i.sentOn', 'is', null), eb('i.dueOn', '<', d.today)]);
    case 'due':
      return eb.and([eb('i.sentOn', 'is', null), eb('i.dueOn', '>=', d.today), eb('i.dueOn', '<=', d.horizon)]);
    case 'upcoming':
      return eb.and([eb('i.sentOn', 'is', null), eb('i.dueOn', '>', d.horizon)]);
    case 'submitted':
      return eb.and([eb('i.sentOn', 'is not', null), eb('i.isLate', '=', 0)]);
    case 'submitted_late':
      return eb.and([eb('i.sentOn', 'is not', null), eb('i.isLate', '=', 1)]);
  }
}

export class ReportRepository {
  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {}

  // ---- obligations ----

  /** Obligations of the agencies or responsible units in scope, by agency and code, one page and the total. */
  async obligations(
    unitIds: readonly string[],
    f: { q?: string; agencyId?: string },
    page: { limit: number; offset: number },
    db: Db = this.db,
  ): Promise<{ rows: ObligationRow[]; total: number }> {
    if (unitIds.length === 0) return { rows: [], total: 0 };
    const scoped = () => {
      let q = db.selectFrom('reportObligations').where((eb) => eb.or([eb('agencyId', 'in', unitIds), eb('responsibleUnitId', 'in', unitIds)]));
      if (f.agencyId) q = q.where('agencyId', '=', f.agencyId);
      if (f.q) {
        const pattern = `%${escapeLike(foldVietnamese(f.q))}%`;
        q = q.where((eb) =>
          eb.or([sql<boolean>`${eb.ref('nameFolded')} like ${pattern} escape '\\'`, sql<boolean>`lower(${eb.ref('code')}) like ${pattern} escape '\\'`]),
        );
      }
      return q;
    };
    const [rows, count] = await Promise.all([
      scoped().selectAll().orderBy('agencyId').orderBy('code').limit(page.limit).offset(page.offset).execute(),
      scoped()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  obligationInScope(unitIds: readonly string[], id: string, db: Db = this.db): Promise<ObligationRow | undefined> {
    if (unitIds.length === 0) return Promise.resolve(undefined);
    return db
      .selectFrom('reportObligations')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('agencyId', 'in', unitIds), eb('responsibleUnitId', 'in', unitIds)]))
      .executeTakeFirst();
  }

  activeObligationsOf(agencyIds: readonly string[], db: Db = this.db): Promise<ObligationRow[]> {
    if (agencyIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('reportObligations').selectAll().where('agencyId', 'in', agencyIds).execute();
  }

  async codeTaken(agencyId: string, code: string, exceptId: string | null, db: Db): Promise<boolean> {
    let q = db.selectFrom('reportObligations').select('id').where('agencyId', '=', agencyId).where('code', '=', code);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return !!(await q.executeTakeFirst());
  }

  async shippedKeys(agencyId: string, db: Db): Promise<Set<string>> {
    const rows = await db.selectFrom('reportObligations').select('shippedKey').where('agencyId', '=', agencyId).where('shippedKey', 'is not', null).execute();
    return new Set(rows.map((r) => r.shippedKey!));
  }

  async insertObligation(db: Db, row: Insertable<ReportObligationsTable>): Promise<void> {
    await db.insertInto('reportObligations').values(row).execute();
  }

  /** Optimistic update: false when someone saved first. */
  async updateObligation(db: Db, id: string, version: number, patch: Updateable<ReportObligationsTable>): Promise<boolean> {
    const r = await db
      .updateTable('reportObligations')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteObligation(db: Db, id: string, version: number): Promise<boolean> {
    await db.deleteFrom('reportInstances').where('obligationId', '=', id).execute();
    const r = await db.deleteFrom('reportObligations').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async hasSubmissions(obligationId: string, db: Db): Promise<boolean> {
    return !!(await db
      .selectFrom('reportInstances')
      .select('id')
      .where('obligationId', '=', obligationId)
      .where('submissionCount', '>', 0)
      .limit(1)
      .executeTakeFirst());
  }

  // ---- instances ----

  instancesOfYear(obligationIds: readonly string[], year: number, db: Db): Promise<InstanceRow[]> {
    if (obligationIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('reportInstances').selectAll().where('obligationId', 'in', obligationIds).where('year', '=', year).execute();
  }

  async insertInstances(db: Db, rows: Insertable<ReportInstancesTable>[]): Promise<void> {
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('reportInstances')
        .values(rows.slice(i, i + 50))
        .onConflict((oc) => oc.columns(['obligationId', 'periodKey']).doNothing())
        .execute();
  }

  async setInstanceDue(
    db: Db,
    id: string,
    patch: { dueOn: string; calendarVersion: string; responsibleUnitId: string; servesPar: number; periodFrom: string; periodTo: string; updatedAt: string },
  ): Promise<void> {
    await db.updateTable('reportInstances').set(patch).where('id', '=', id).where('submissionCount', '=', 0).execute();
  }

  async deleteUnsubmitted(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length) await db.deleteFrom('reportInstances').where('id', 'in', ids).where('submissionCount', '=', 0).execute();
  }

  private scoped(unitIds: readonly string[], f: InstanceFilters, d: StatusDays, db: Db = this.db) {
    let q = db.selectFrom('reportInstances as i').innerJoin('reportObligations as o', 'o.id', 'i.obligationId').where('i.responsibleUnitId', 'in', unitIds);
    if (f.year !== undefined) q = q.where('i.year', '=', f.year);
    if (f.unitId) q = q.where('i.responsibleUnitId', '=', f.unitId);
    if (f.obligationId) q = q.where('i.obligationId', '=', f.obligationId);
    if (f.servesPar !== undefined) q = q.where('i.servesPar', '=', f.servesPar ? 1 : 0);
    if (f.openDueBy) {
      const by = f.openDueBy;
      q = q.where('i.sentOn', 'is', null).where('i.dueOn', '<=', by);
    }
    if (f.status) {
      const status = f.status;
      q = q.where((eb) => statusCondition(eb as unknown as IEB, status, d));
    }
    if (f.q) {
      const pattern = `%${escapeLike(foldVietnamese(f.q))}%`;
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`${eb.ref('o.nameFolded')} like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('o.code')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('i.periodKey')}) like ${pattern} escape '\\'`,
        ]),
      );
    }
    return q;
  }

  async listInstances(
    unitIds: readonly string[],
    f: InstanceFilters,
    d: StatusDays,
    page: { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc' },
  ): Promise<{ rows: InstanceListRow[]; total: number }> {
    if (unitIds.length === 0) return { rows: [], total: 0 };
    const [rows, count] = await Promise.all([
      this.scoped(unitIds, f, d)
        .selectAll('i')
        .select(['o.code as obligationCode', 'o.name', 'o.recipient', 'o.periodKind'])
        .orderBy(SORT[page.sort], page.order)
        .orderBy('i.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      this.scoped(unitIds, f, d)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Unsubmitted instances of the units grouped by responsible unit: "due" and "late" counted with the list's own conditions. */
  async openCounts(unitIds: readonly string[], d: StatusDays): Promise<Array<{ unitId: string; due: number; late: number }>> {
    if (unitIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('reportInstances as i')
      .innerJoin('reportObligations as o', 'o.id', 'i.obligationId')
      .where('i.responsibleUnitId', 'in', unitIds)
      .where((eb) => eb.or([statusCondition(eb as unknown as IEB, 'due', d), statusCondition(eb as unknown as IEB, 'late', d)]))
      .select((eb) => [
        'i.responsibleUnitId as unitId',
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(statusCondition(eb as unknown as IEB, 'due', d))
              .then(1)
              .else(0)
              .end(),
          )
          .as('due'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(statusCondition(eb as unknown as IEB, 'late', d))
              .then(1)
              .else(0)
              .end(),
          )
          .as('late'),
      ])
      .groupBy('i.responsibleUnitId')
      .execute();
    return rows.map((r) => ({ unitId: r.unitId, due: Number(r.due), late: Number(r.late) }));
  }

  async instanceInScope(unitIds: readonly string[], id: string, db: Db = this.db): Promise<InstanceListRow | undefined> {
    if (unitIds.length === 0) return undefined;
    return db
      .selectFrom('reportInstances as i')
      .innerJoin('reportObligations as o', 'o.id', 'i.obligationId')
      .selectAll('i')
      .select(['o.code as obligationCode', 'o.name', 'o.recipient', 'o.periodKind'])
      .where('i.id', '=', id)
      .where('i.responsibleUnitId', 'in', unitIds)
      .executeTakeFirst();
  }

  obligationById(id: string, db: Db = this.db): Promise<ObligationRow | undefined> {
    return db.selectFrom('reportObligations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records the latest submission's outcome on the instance; false when the instance moved on meanwhile. */
  async recordOutcome(
    db: Db,
    id: string,
    version: number,
    patch: { sentOn: string; isLate: number; isComplete: number; submissionCount: number; updatedAt: string },
  ): Promise<boolean> {
    const r = await db
      .updateTable('reportInstances')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertSubmission(db: Db, row: Insertable<ReportSubmissionsTable>): Promise<void> {
    await db.insertInto('reportSubmissions').values(row).execute();
  }

  submissionsOf(instanceId: string, db: Db = this.db) {
    return db
      .selectFrom('reportSubmissions as s')
      .leftJoin('users as u', 'u.id', 's.submittedBy')
      .selectAll('s')
      .select('u.fullName as submittedByName')
      .where('s.instanceId', '=', instanceId)
      .orderBy('s.versionNo', 'desc')
      .execute();
  }

  async attachmentsOf(instanceId: string, db: Db = this.db): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('attachments')
      .select(['id', 'fileName'])
      .where('ownerEntity', '=', 'report_instance')
      .where('ownerId', '=', instanceId)
      .execute();
    return new Map(rows.map((r) => [r.id, r.fileName]));
  }

  async unitNames(ids: readonly string[], db: Db = this.db): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async parentOf(unitId: string, db: Db = this.db): Promise<string | null> {
    return (await db.selectFrom('units').select('parentId').where('id', '=', unitId).executeTakeFirst())?.parentId ?? null;
  }

  /** The unit and every unit below it. */
  subtree(unitId: string, db: Db = this.db): Promise<string[]> {
    return this.tree.subtree(unitId, db);
  }
}
