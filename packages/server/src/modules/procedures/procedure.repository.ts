import { escapeLike, foldVietnamese } from '@cchc/domain';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ProcedureVersionsTable, ProceduresTable } from '../../platform/db/schema';
import type { ProcedureContent } from './procedure.schemas';
import type { UnitTree } from '../../platform/units/unit-tree';

export type ProcedureRow = Selectable<ProceduresTable>;
type VersionRow = Selectable<ProcedureVersionsTable>;
/** A version with its JSON content parsed. */
export type StoredVersion = Omit<VersionRow, 'content'> & { content: ProcedureContent };
/** A procedure with its latest version's effective day and content. */
export type ProcedureWithLatest = ProcedureRow & { effectiveFrom: string; content: ProcedureContent };

export interface ProcedureFilters {
  q?: string;
  sector?: string;
  status?: string;
  unitId?: string;
}

const SORT = { code: 'p.code', name: 'p.nameFolded', updatedAt: 'p.updatedAt' } as const;

function parseVersion(v: VersionRow): StoredVersion {
  return { ...v, content: JSON.parse(v.content) as ProcedureContent };
}

/** `lower(code) like p or name like p`: codes are ASCII, names are searched folded. */
function matches(eb: ExpressionBuilder<any, any>, nameRef: string, codeRef: string, q: string) {
  const pattern = `%${escapeLike(foldVietnamese(q))}%`;
  return eb.or([sql<boolean>`${eb.ref(nameRef)} like ${pattern} escape '\\'`, sql<boolean>`lower(${eb.ref(codeRef)}) like ${pattern} escape '\\'`]);
}

export class ProcedureRepository {
  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {}

  async hasDossiers(procedureId: string, db: Db = this.db): Promise<boolean> {
    return !!(await db.selectFrom('dossiers').select('id').where('procedureId', '=', procedureId).limit(1).executeTakeFirst());
  }

  /**
   * Procedures the given units may read: those they implement and those they process, so a
   * division sees the procedures it handles for its Department. Scope is in SQL.
   */
  private scoped(unitIds: readonly string[], f: ProcedureFilters) {
    let q = this.db
      .selectFrom('procedures as p')
      .innerJoin('procedureVersions as pv', (j) => j.onRef('pv.procedureId', '=', 'p.id').onRef('pv.versionNo', '=', 'p.latestVersionNo'))
      .where((eb) => eb.or([eb('p.unitId', 'in', unitIds), eb('p.processingUnitId', 'in', unitIds)]));
    if (f.unitId) q = q.where('p.unitId', '=', f.unitId);
    if (f.sector) q = q.where('p.sectorCode', '=', f.sector);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => matches(eb, 'p.nameFolded', 'p.code', text));
    }
    return q;
  }

  async list(unitIds: readonly string[], f: ProcedureFilters, page: { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc' }) {
    if (unitIds.length === 0) return { rows: [] as ProcedureWithLatest[], total: 0 };
    const [rows, count] = await Promise.all([
      this.scoped(unitIds, f)
        .selectAll('p')
        .select(['pv.effectiveFrom', 'pv.content'])
        .orderBy(SORT[page.sort], page.order)
        .orderBy('p.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      this.scoped(unitIds, f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, content: JSON.parse(r.content) as ProcedureContent })), total: Number(count.n) };
  }

  findInScope(unitIds: readonly string[], id: string, trx: Db = this.db): Promise<ProcedureRow | undefined> {
    if (unitIds.length === 0) return Promise.resolve(undefined);
    return trx
      .selectFrom('procedures')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('unitId', 'in', unitIds), eb('processingUnitId', 'in', unitIds)]))
      .executeTakeFirst();
  }

  findById(id: string, trx: Db = this.db): Promise<ProcedureRow | undefined> {
    return trx.selectFrom('procedures').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCodes(unitId: string, codes: string[], trx: Db = this.db): Promise<ProcedureRow[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return trx.selectFrom('procedures').selectAll().where('unitId', '=', unitId).where('code', 'in', codes).execute();
  }

  async version(procedureId: string, versionNo: number, trx: Db = this.db): Promise<StoredVersion> {
    const v = await trx
      .selectFrom('procedureVersions')
      .selectAll()
      .where('procedureId', '=', procedureId)
      .where('versionNo', '=', versionNo)
      .executeTakeFirstOrThrow();
    return parseVersion(v);
  }

  async latestOf(procedureIds: string[], trx: Db = this.db): Promise<Map<string, StoredVersion>> {
    if (procedureIds.length === 0) return new Map();
    const rows = await trx
      .selectFrom('procedureVersions as pv')
      .innerJoin('procedures as p', (j) => j.onRef('p.id', '=', 'pv.procedureId').onRef('p.latestVersionNo', '=', 'pv.versionNo'))
      .selectAll('pv')
      .where('p.id', 'in', procedureIds)
      .execute();
    return new Map(rows.map((r) => [r.procedureId, parseVersion(r)]));
  }

  versionsOf(procedureId: string, trx: Db = this.db) {
    return trx
      .selectFrom('procedureVersions as pv')
      .leftJoin('users as u', 'u.id', 'pv.createdBy')
      .select(['pv.id', 'pv.versionNo', 'pv.effectiveFrom', 'pv.createdAt', 'u.fullName as createdByName'])
      .where('pv.procedureId', '=', procedureId)
      .orderBy('pv.versionNo', 'desc')
      .execute();
  }

  /**
   * The version in force on `on`: the highest-numbered version effective on or before that day.
   * Effective days never decrease with the number, so a same-day correction supersedes.
   */
  async versionInForce(procedureId: string, on: string, trx: Db = this.db): Promise<StoredVersion | undefined> {
    const v = await trx
      .selectFrom('procedureVersions')
      .selectAll()
      .where('procedureId', '=', procedureId)
      .where('effectiveFrom', '<=', on)
      .orderBy('versionNo', 'desc')
      .limit(1)
      .executeTakeFirst();
    return v && parseVersion(v);
  }

  insertProcedure(trx: Db, row: ProcedureRow) {
    return trx.insertInto('procedures').values(row).execute();
  }

  insertVersion(trx: Db, v: StoredVersion) {
    return trx
      .insertInto('procedureVersions')
      .values({ ...v, content: JSON.stringify(v.content) })
      .execute();
  }

  /** Writes only if the stored version is still `version`; returns whether it did. */
  async update(trx: Db, id: string, version: number, patch: Partial<ProcedureRow>): Promise<boolean> {
    const r = await trx
      .updateTable('procedures')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(trx: Db, id: string, version: number): Promise<boolean> {
    const r = await trx.deleteFrom('procedures').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async unitName(id: string, trx: Db = this.db): Promise<string> {
    const u = await trx.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst();
    return u?.name ?? '';
  }

  unitNames(ids: string[], trx: Db = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return trx.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  /** A unit and every unit below it: the units that may process an agency's procedures. */
  subtree(unitId: string, trx: Db = this.db) {
    return this.tree.subtreeUnits(unitId, trx);
  }

  async existingUnits(ids: string[], trx: Db = this.db): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await trx.selectFrom('units').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }

  attachments(ids: string[], trx: Db = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return trx.selectFrom('attachments').select(['id', 'unitId']).where('id', 'in', ids).execute();
  }

  // ---- Public catalogue: active procedures, each through the version in force on `today`.

  private inForce(today: string, f: { q?: string; sector?: string }) {
    let q = this.db
      .selectFrom('procedures as p')
      .innerJoin('procedureVersions as pv', 'pv.procedureId', 'p.id')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .where('p.status', '=', 'active')
      .where('pv.versionNo', '=', (eb) =>
        eb
          .selectFrom('procedureVersions as v2')
          .select((e) => e.fn.max<number>('v2.versionNo').as('n'))
          .whereRef('v2.procedureId', '=', 'p.id')
          .where('v2.effectiveFrom', '<=', today),
      );
    if (f.sector) q = q.where('pv.sectorCode', '=', f.sector);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => matches(eb, 'pv.nameFolded', 'p.code', text));
    }
    return q;
  }

  async publicList(today: string, f: { q?: string; sector?: string }, limit: number, offset: number) {
    const [rows, count] = await Promise.all([
      this.inForce(today, f)
        .selectAll('pv')
        .select(['p.code', 'p.unitId', 'u.name as agencyName'])
        .orderBy('pv.nameFolded')
        .orderBy('p.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.inForce(today, f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...parseVersion(r), code: r.code, agencyName: r.agencyName })), total: Number(count.n) };
  }

  async publicFind(today: string, id: string) {
    const r = await this.inForce(today, {}).selectAll('pv').select(['p.code', 'u.name as agencyName']).where('p.id', '=', id).executeTakeFirst();
    return r && { ...parseVersion(r), code: r.code, agencyName: r.agencyName };
  }

  async publicSectors(today: string) {
    const rows = await this.inForce(today, {})
      .select(['pv.sectorCode as code', (eb) => eb.fn.max('pv.sectorName').as('name'), sql<number>`count(*)`.as('count')])
      .groupBy('pv.sectorCode')
      .orderBy('pv.sectorCode')
      .execute();
    return rows.map((r) => ({ code: r.code, name: String(r.name), count: Number(r.count) }));
  }
}
