import { escapeLike, foldVietnamese, type LocalDate } from '@cchc/domain';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { DossierEventsTable, DossiersTable } from '../../platform/db/schema';
import type { DossierQueue } from './dossier.schemas';

export type DossierRow = Selectable<DossiersTable>;
export type NewDossierRow = Insertable<DossiersTable>;
export type DossierPatch = Omit<Updateable<DossiersTable>, 'id' | 'version' | 'code'>;
export type DossierEventRow = Selectable<DossierEventsTable>;

export interface DossierFilters {
  queue: DossierQueue;
  q?: string | undefined;
  status?: string | undefined;
  procedureId?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Dates a queue compares against: today, and the last day that still counts as "almost due". */
export interface QueueDays {
  today: LocalDate;
  almostDueUntil: LocalDate;
  /** The acting user, for the "assigned to me" queue. */
  userId: string;
}

const SORT = { code: 'd.code', receivedAt: 'd.receivedAt', dueAt: 'd.dueAt', applicantName: 'd.applicantNameFolded' } as const;

/** Statuses the processing units work on (the desk's own queues are `to_receive` and supplement). */
const TO_PROCESS = ['received', 'processing'];

export class DossierRepository {
  constructor(private readonly db: Db) {}

  /**
   * Dossiers that pass through the given units: the implementing agency's, the processing unit's or
   * the unit of the step in progress. Scope is in SQL, like every list.
   */
  private scoped(db: Db, unitIds: readonly string[]) {
    return db
      .selectFrom('dossiers as d')
      .where((eb) => eb.or([eb('d.unitId', 'in', unitIds), eb('d.processingUnitId', 'in', unitIds), eb('d.currentUnitId', 'in', unitIds)]));
  }

  private filtered(db: Db, unitIds: readonly string[], f: DossierFilters, days: QueueDays) {
    let q = this.scoped(db, unitIds);
    q = queueFilter(q, f.queue, days);
    if (f.status) q = q.where('d.status', '=', f.status);
    if (f.procedureId) q = q.where('d.procedureId', '=', f.procedureId);
    if (f.channel) q = q.where('d.channel', '=', f.channel);
    if (f.from) q = q.where('d.receivedOn', '>=', f.from);
    if (f.to) q = q.where('d.receivedOn', '<=', f.to);
    if (f.q) {
      const pattern = `%${escapeLike(foldVietnamese(f.q))}%`;
      const codePattern = `%${escapeLike(f.q.toLowerCase())}%`;
      q = q.where((eb) =>
        eb.or([sql<boolean>`${eb.ref('d.applicantNameFolded')} like ${pattern} escape '\\'`, sql<boolean>`lower(${eb.ref('d.code')}) like ${codePattern} escape '\\'`]),
      );
    }
    return q;
  }

  async list(
    unitIds: readonly string[],
    f: DossierFilters,
    days: QueueDays,
    page: { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc' },
  ): Promise<{ rows: DossierRow[]; total: number }> {
    if (unitIds.length === 0) return { rows: [], total: 0 };
    const [rows, count] = await Promise.all([
      this.filtered(this.db, unitIds, f, days)
        .selectAll('d')
        .orderBy(SORT[page.sort], page.order)
        .orderBy('d.code', page.order)
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      this.filtered(this.db, unitIds, f, days).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Every matching row for an export, capped. */
  async listAll(unitIds: readonly string[], f: DossierFilters, days: QueueDays, limit: number): Promise<DossierRow[]> {
    if (unitIds.length === 0) return [];
    return this.filtered(this.db, unitIds, f, days).selectAll('d').orderBy('d.receivedAt', 'desc').orderBy('d.code').limit(limit).execute();
  }

  /** How many dossiers each queue holds, for the tabs. */
  async queueCounts(unitIds: readonly string[], days: QueueDays): Promise<Record<DossierQueue, number>> {
    const queues: DossierQueue[] = ['mine', 'to_receive', 'to_process', 'awaiting_supplement', 'almost_due', 'overdue', 'all'];
    const counts = await Promise.all(
      queues.map(async (queue) => {
        if (unitIds.length === 0) return 0;
        const r = await queueFilter(this.scoped(this.db, unitIds), queue, days).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        return Number(r.n);
      }),
    );
    return Object.fromEntries(queues.map((q, i) => [q, counts[i] ?? 0])) as Record<DossierQueue, number>;
  }

  findById(id: string, db: Db = this.db): Promise<DossierRow | undefined> {
    return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCode(code: string, db: Db = this.db): Promise<DossierRow | undefined> {
    return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async insert(trx: Db, row: NewDossierRow): Promise<void> {
    await trx.insertInto('dossiers').values(row).execute();
  }

  /** Writes a new state if nobody changed the row since `version` was read; false when someone did. */
  async update(trx: Db, id: string, version: number, patch: DossierPatch): Promise<boolean> {
    const r = await trx
      .updateTable('dossiers')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async appendEvent(trx: Db, e: Omit<DossierEventRow, 'seq'>): Promise<void> {
    const last = await trx.selectFrom('dossierEvents').select(sql<number | null>`max(seq)`.as('m')).where('dossierId', '=', e.dossierId).executeTakeFirst();
    await trx
      .insertInto('dossierEvents')
      .values({ ...e, seq: Number(last?.m ?? 0) + 1 })
      .execute();
  }

  events(dossierId: string, db: Db = this.db): Promise<DossierEventRow[]> {
    return db.selectFrom('dossierEvents').selectAll().where('dossierId', '=', dossierId).orderBy('seq').execute();
  }

  /**
   * The next number of the agency's daily sequence. The upsert takes the row lock on PostgreSQL and
   * runs inside SQLite's single writer, so two concurrent receipts never get the same number.
   */
  async nextSequence(trx: Db, agencyCode: string, day: LocalDate): Promise<number> {
    const r = await trx
      .insertInto('dossierSequences')
      .values({ agencyCode, day, lastSeq: 1 })
      .onConflict((oc) => oc.columns(['agencyCode', 'day']).doUpdateSet({ lastSeq: sql<number>`dossier_sequences.last_seq + 1` }))
      .returning('lastSeq')
      .executeTakeFirstOrThrow();
    return Number(r.lastSeq);
  }

  /** The agency identifier (units.code) of the unit or its nearest ancestor that has one. */
  async agencyCodeOf(unitId: string, db: Db = this.db): Promise<string | null> {
    let id: string | null = unitId;
    for (let depth = 0; id && depth < 20; depth++) {
      const u: { code: string | null; parentId: string | null } | undefined = await db
        .selectFrom('units')
        .select(['code', 'parentId'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!u) return null;
      if (u.code) return u.code;
      id = u.parentId;
    }
    return null;
  }

  async unitName(unitId: string, db: Db = this.db): Promise<string | null> {
    const u = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
    return u?.name ?? null;
  }

  async procedureVersion(versionId: string, db: Db = this.db) {
    return db.selectFrom('procedureVersions').select(['id', 'versionNo', 'content']).where('id', '=', versionId).executeTakeFirst();
  }

  async userName(userId: string, db: Db = this.db): Promise<string | null> {
    const u = await db.selectFrom('users').select('fullName').where('id', '=', userId).executeTakeFirst();
    return u?.fullName ?? null;
  }

  /**
   * Active users who may process a dossier of these units: they hold a processing role on one of the
   * units or on an ancestor (a grant covers the unit and everything below it).
   */
  async assignees(unitIds: readonly string[], roles: readonly string[], db: Db = this.db): Promise<Array<{ id: string; fullName: string; unitName: string | null }>> {
    if (unitIds.length === 0) return [];
    const r = await sql<{ id: string; fullName: string; unitName: string | null }>`
      with recursive up(id, parent_id) as (
        select id, parent_id from units where id in (${sql.join(unitIds)})
        union
        select u.id, u.parent_id from units u join up on u.id = up.parent_id
      )
      select distinct us.id, us.full_name, un.name as unit_name
      from users us
      join role_assignments ra on ra.user_id = us.id
      left join units un on un.id = us.unit_id
      where us.is_active = 1 and ra.role in (${sql.join(roles)}) and ra.unit_id in (select id from up)
      order by us.full_name`.execute(db);
    return r.rows;
  }

  async rating(dossierId: string, db: Db = this.db) {
    return db.selectFrom('dossierRatings').select(['overall', 'comment', 'createdAt']).where('dossierId', '=', dossierId).executeTakeFirst();
  }

  /** Rows a statistics period needs: received by its end and not closed before its start. */
  async forPeriod(unitIds: readonly string[], fromInstant: string, toDay: LocalDate): Promise<Array<Pick<DossierRow, 'state'>>> {
    if (unitIds.length === 0) return [];
    return this.scoped(this.db, unitIds)
      .select('d.state')
      .where((eb) => eb.or([eb('d.receivedOn', '<=', toDay), eb('d.receivedOn', 'is', null)]))
      .where((eb) => eb.or([eb('d.finishedAt', 'is', null), eb('d.finishedAt', '>=', fromInstant)]))
      .execute();
  }

  /** `forPeriod` with the units of each row, for the per-unit lines of the statistics export. */
  async forPeriodWithUnits(unitIds: readonly string[], fromInstant: string, toDay: LocalDate): Promise<Array<Pick<DossierRow, 'state' | 'unitId' | 'processingUnitId'>>> {
    if (unitIds.length === 0) return [];
    return this.scoped(this.db, unitIds)
      .select(['d.state', 'd.unitId', 'd.processingUnitId'])
      .where((eb) => eb.or([eb('d.receivedOn', '<=', toDay), eb('d.receivedOn', 'is', null)]))
      .where((eb) => eb.or([eb('d.finishedAt', 'is', null), eb('d.finishedAt', '>=', fromInstant)]))
      .execute();
  }

  /** A unit and every unit below it. */
  async subtree(unitId: string, db: Db = this.db): Promise<Array<{ id: string; name: string }>> {
    const r = await sql<{ id: string; name: string }>`
      with recursive sub(id) as (
        select id from units where id = ${unitId}
        union
        select u.id from units u join sub s on u.parent_id = s.id
      )
      select units.id, units.name from units join sub on sub.id = units.id`.execute(db);
    return r.rows;
  }

  async unitNames(ids: readonly string[], db: Db = this.db): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}

function queueFilter<Q extends { where: (...args: any[]) => Q }>(q: Q, queue: DossierQueue, days: QueueDays): Q {
  const w = q as any;
  switch (queue) {
    case 'mine':
      return w.where('d.assigneeId', '=', days.userId).where('d.status', 'in', [...TO_PROCESS, 'awaiting_supplement', 'awaiting_payment']);
    case 'to_receive':
      return w.where('d.status', '=', 'submitted');
    case 'to_process':
      return w.where('d.status', 'in', TO_PROCESS);
    case 'awaiting_supplement':
      return w.where('d.status', '=', 'awaiting_supplement');
    case 'almost_due':
      return w.where('d.clockRunning', '=', 1).where('d.dueDate', '>=', days.today).where('d.dueDate', '<=', days.almostDueUntil);
    case 'overdue':
      return w.where('d.clockRunning', '=', 1).where('d.dueDate', '<', days.today);
    case 'all':
      return q;
  }
}

