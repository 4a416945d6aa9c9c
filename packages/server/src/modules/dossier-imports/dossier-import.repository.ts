import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { DossierImportEventsTable, DossierImportRowsTable, DossierImportsTable } from '../../platform/db/schema';
import { parseStoredState } from '../dossiers/dossier-state-store';
import { statisticsColumns, timelineRows } from '../dossiers/dossier-timeline';
import type { UnitTree } from '../../platform/units/unit-tree';

export type ImportRow = Selectable<DossierImportsTable>;
export type StagedRow = Insertable<DossierImportRowsTable>;
export type StagedEvent = Insertable<DossierImportEventsTable>;

/** Rows per staging INSERT: 31 parameters each stays under both engines' parameter limits. */
const STAGE_BATCH = 500;

/** A procedure version an imported record may name by the procedure's national code. */
export interface ProcedureOfImport {
  procedureId: string;
  code: string;
  unitId: string;
  versionId: string;
  effectiveFrom: string;
  content: string;
}

/** What the switch did: new dossiers, changed ones, and rows equal to the dossier already stored. */
export interface SwitchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export class DossierImportRepository {
  private readonly pg: boolean;

  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {
    this.pg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  }

  get isPostgres(): boolean {
    return this.pg;
  }

  async create(row: Insertable<DossierImportsTable>, db: Db = this.db): Promise<void> {
    await db.insertInto('dossierImports').values(row).execute();
  }

  find(id: string, db: Db = this.db): Promise<ImportRow | undefined> {
    return db.selectFrom('dossierImports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(unitIds: readonly string[], limit: number): Promise<ImportRow[]> {
    if (unitIds.length === 0) return [];
    return this.db.selectFrom('dossierImports').selectAll().where('unitId', 'in', unitIds).orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
  }

  async patch(id: string, set: Partial<Omit<ImportRow, 'id'>>, db: Db = this.db): Promise<void> {
    await db.updateTable('dossierImports').set(set).where('id', '=', id).execute();
  }

  /** Asks a job to stop; false when it is no longer queued or running. */
  async requestCancel(id: string): Promise<boolean> {
    const r = await this.db.updateTable('dossierImports').set({ cancelRequested: 1 }).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async cancelRequested(id: string): Promise<boolean> {
    const r = await this.db.selectFrom('dossierImports').select('cancelRequested').where('id', '=', id).executeTakeFirst();
    return r?.cancelRequested === 1;
  }

  /** The procedures of these units with every version, for looking up `MaTTHC`. */
  procedures(unitIds: readonly string[], db: Db = this.db): Promise<ProcedureOfImport[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('procedures as p')
      .innerJoin('procedureVersions as v', 'v.procedureId', 'p.id')
      .select(['p.id as procedureId', 'p.code', 'p.unitId', 'v.id as versionId', 'v.effectiveFrom', 'v.content'])
      .where('p.unitId', 'in', unitIds)
      .orderBy('p.code')
      .orderBy('v.effectiveFrom', 'desc')
      .execute();
  }

  /** A unit and every unit below it. */
  subtree(unitId: string, db: Db = this.db): Promise<string[]> {
    return this.tree.subtree(unitId, db);
  }

  async clearStaging(importId: string, db: Db = this.db): Promise<void> {
    await db.deleteFrom('dossierImportEvents').where('importId', '=', importId).execute();
    await db.deleteFrom('dossierImportRows').where('importId', '=', importId).execute();
  }

  /** Stages converted rows and their history; outside any transaction (staging is not the dossiers). */
  async stage(rows: StagedRow[], events: StagedEvent[], db: Db = this.db): Promise<void> {
    for (let i = 0; i < rows.length; i += STAGE_BATCH) await db.insertInto('dossierImportRows').values(rows.slice(i, i + STAGE_BATCH)).execute();
    for (let i = 0; i < events.length; i += STAGE_BATCH * 3) await db.insertInto('dossierImportEvents').values(events.slice(i, i + STAGE_BATCH * 3)).execute();
  }

  /**
   * Checks only the whole staged file can answer: a code twice in the file, and a code already used by a
   * dossier of a unit outside the import's units. One row per offending row (its first 1,000).
   */
  async stagingIssues(importId: string, unitIds: readonly string[], db: Db = this.db): Promise<Array<{ row: number; code: string }>> {
    const dup = await sql<{ rowNo: number }>`
      select s.row_no from dossier_import_rows s
      where s.import_id = ${importId}
        and exists (select 1 from dossier_import_rows o where o.import_id = s.import_id and o.code = s.code and o.row_no < s.row_no)
      order by s.row_no limit 1000`.execute(db);
    const taken = await sql<{ rowNo: number }>`
      select s.row_no from dossier_import_rows s join dossiers d on d.code = s.code
      where s.import_id = ${importId} and d.unit_id not in (${sql.join(unitIds)})
      order by s.row_no limit 1000`.execute(db);
    return [...dup.rows.map((r) => ({ row: Number(r.rowNo), code: 'dossier_import.duplicate_code' })), ...taken.rows.map((r) => ({ row: Number(r.rowNo), code: 'dossier_import.code_taken' }))].sort((a, b) => a.row - b.row);
  }

  /**
   * Copies the staged rows into `dossiers` and `dossier_events` (docs/dossier-imports.md#the-switch): a new
   * code is inserted, a changed one (another source hash) replaces the dossier's state, columns and
   * history and is marked with this import, an equal one is left alone. Runs in the caller's transaction.
   */
  async switchIn(trx: Db, importId: string, ctx: { now: string; actorId: string | null; actorName: string | null }): Promise<SwitchCounts> {
    await sql`
      update dossier_import_rows set
        dossier_id = coalesce((select d.id from dossiers d where d.code = dossier_import_rows.code), dossier_import_rows.id),
        action = case
          when not exists (select 1 from dossiers d where d.code = dossier_import_rows.code) then 'insert'
          when exists (select 1 from dossiers d where d.code = dossier_import_rows.code and d.source_hash = dossier_import_rows.source_hash) then 'unchanged'
          else 'update' end
      where import_id = ${importId}`.execute(trx);
    const cols = sql.raw(
      'unit_id, processing_unit_id, procedure_id, procedure_version_id, procedure_code, procedure_name, channel, status, clock_running, applicant_name, applicant_name_folded, applicant, components, submitted_at, received_at, received_on, due_date, due_at, statutory_due_at, deemed_received_on, end_of_processing_at, finished_at, supplement_requests, state, source_hash',
    );
    await sql`
      insert into dossiers (id, code, ${cols}, lookup_pin, current_unit_id, assignee_id, note, return_method, apologies, created_by, version, created_at, updated_at, import_id)
      select id, code, ${cols}, lookup_pin, null, null, null, null, 0, ${ctx.actorId}, 1, ${ctx.now}, ${ctx.now}, ${importId}
      from dossier_import_rows where import_id = ${importId} and action = 'insert'`.execute(trx);
    const updated = await sql`
      update dossiers set (${cols}) = (select ${cols} from dossier_import_rows s where s.import_id = ${importId} and s.dossier_id = dossiers.id),
        current_unit_id = null, return_method = null, version = version + 1, updated_at = ${ctx.now}, import_id = ${importId}
      where id in (select dossier_id from dossier_import_rows where import_id = ${importId} and action = 'update')`.execute(trx);
    await sql`delete from dossier_events where dossier_id in (select dossier_id from dossier_import_rows where import_id = ${importId} and action = 'update')`.execute(trx);
    await sql`
      insert into dossier_events (id, dossier_id, seq, action, from_status, to_status, at, actor_id, actor_name, note)
      select r.dossier_id || '-' || ${importId} || '-' || e.seq, r.dossier_id, e.seq, e.action, e.from_status, e.to_status, e.at, null, ${ctx.actorName}, null
      from dossier_import_events e join dossier_import_rows r on r.import_id = e.import_id and r.row_no = e.row_no
      where e.import_id = ${importId} and r.action in ('insert', 'update')`.execute(trx);
    const counts = await trx
      .selectFrom('dossierImportRows')
      .select((eb) => [
        eb.fn.countAll<number | string>().filterWhere('action', '=', 'insert').as('inserted'),
        eb.fn.countAll<number | string>().filterWhere('action', '=', 'update').as('updated'),
        eb.fn.countAll<number | string>().filterWhere('action', '=', 'unchanged').as('unchanged'),
      ])
      .where('importId', '=', importId)
      .executeTakeFirstOrThrow();
    void updated;
    await this.writeDerived(trx, importId);
    return { inserted: Number(counts.inserted), updated: Number(counts.updated), unchanged: Number(counts.unchanged) };
  }

  /**
   * The columns and timeline the statistics read (modules/dossiers/dossier-timeline.ts), derived from each
   * switched dossier's state as every other write derives them, in the switch's transaction and in pages, so
   * an imported dossier is counted exactly like one received at the desk.
   */
  private async writeDerived(trx: Db, importId: string): Promise<void> {
    let after = '';
    for (;;) {
      const page = await trx
        .selectFrom('dossierImportRows as s')
        .innerJoin('dossiers as d', 'd.id', 's.dossierId')
        .select(['d.id', 'd.code', 'd.state'])
        .where('s.importId', '=', importId)
        .where('s.action', 'in', ['insert', 'update'])
        .where('d.id', '>', after)
        .orderBy('d.id')
        .limit(500)
        .execute();
      if (page.length === 0) return;
      const timeline = [];
      for (const d of page) {
        const state = parseStoredState(d);
        await trx.updateTable('dossiers').set(statisticsColumns(state)).where('id', '=', d.id).execute();
        timeline.push(...timelineRows(d.id, state));
      }
      await trx.deleteFrom('dossierTimeline').where('dossierId', 'in', page.map((d) => d.id)).execute();
      for (let i = 0; i < timeline.length; i += 200) await trx.insertInto('dossierTimeline').values(timeline.slice(i, i + 200)).execute();
      after = page[page.length - 1]!.id;
    }
  }

  /** The staged rows' outcome by code, for the live sync's per-record answer. */
  async outcomes(importId: string, db: Db): Promise<Array<{ rowNo: number; action: string | null; dossierId: string | null }>> {
    return db.selectFrom('dossierImportRows').select(['rowNo', 'action', 'dossierId']).where('importId', '=', importId).orderBy('rowNo').execute();
  }
}
