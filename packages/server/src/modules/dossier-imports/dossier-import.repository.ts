import { CompiledQuery, sql, type Insertable, type Selectable } from 'kysely';
import type pg from 'pg';
import { BinaryCopy, binaryTypes, copyFrom, TextCopy } from '../../platform/db/copy-data';
import { clientDb, type Db } from '../../platform/db/database';
import { setAsideIndexes } from '../../platform/db/index-rebuild';
import { bypassTriggers } from '../../platform/db/trigger-bypass';
import { randomKeySql } from '../../platform/db/random-key';
import type { DossierImportRowsTable, DossierImportsTable } from '../../platform/db/schema';
import type { UnitTree } from '../../platform/units/unit-tree';
import { recountDossiers } from '../dossiers/dossier-counts';

export type ImportRow = Selectable<DossierImportsTable>;
/** One history entry of a staged row: `[seq, action, from, to, at]`. */
export type StagedEvent = [number, string, string | null, string, string];
/** One timeline entry of a staged row: `[seq, status, startAt, endAt, statutoryDueAt, supplementRequests]`. */
export type StagedTimeline = [number, string, string, string | null, string | null, number];
/**
 * A staged row: the dossier's columns, its history and its timeline. Staging writes the history as each engine
 * expands it fastest in the switch: JSON arrays on SQLite, one typed array per field on PostgreSQL.
 */
export type StagedRow = Omit<Insertable<DossierImportRowsTable>, 'events' | 'timeline' | `event${string}` | `timeline${string}`> & {
  events: StagedEvent[];
  timeline: StagedTimeline[];
};

/** Rows per PostgreSQL staging statement (one array parameter per column). */
const PG_BATCH = 5000;
/** SQLite's page cache while an import runs, in MB (bounded: the job's memory stays flat). */
const IMPORT_CACHE_MB = 256;
/** Helper threads SQLite's sorter may use while an import runs (a first load's index builds sort every row). */
const IMPORT_SORT_THREADS = 2;
/** Parameters per SQLite staging statement (its limit is 32,766). */
const SQLITE_PARAMS = 4000;

/** A value in COPY's text format: `\N` for null, backslash and control characters escaped. */
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : s;
}

/**
 * A staged column: its SQL name, the staged object's key, its PostgreSQL type (for unnest), and how to read its
 * value from a staged row when it is not that key's value as is.
 */
type Column<T = StagedRow> = readonly [string, string, string, ((item: T) => unknown)?];
const col = (name: string, type: string): Column => [name, name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), type];
const valueOf = <T>(c: Column<T>, item: T): unknown => (c[3] ? c[3](item) : (item as unknown as Record<string, unknown>)[c[1]]);

/**
 * Field `k` of each of `items` as a PostgreSQL array literal (`{1,2}`, `{"a",NULL}`): strings quoted with
 * `"` and `\` escaped, so any text survives; COPY's own escaping is applied over it.
 */
function pgArray(items: ReadonlyArray<ReadonlyArray<string | number | null>>, k: number): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const v = items[i]![k];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else out += '"' + (/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v) + '"';
  }
  return out + '}';
}
const eventArray = (name: string, type: string, k: number): Column => [name, name, type, (r) => pgArray(r.events, k)];
const timelineArray = (name: string, type: string, k: number): Column => [name, name, type, (r) => pgArray(r.timeline, k)];
const INSTANT = 'timestamptz';
/** The dossier columns the switch copies from a staged row. */
const SWITCHED_COLUMNS: Column[] = [
  col('unit_id', 'text'),
  col('processing_unit_id', 'text'),
  col('procedure_id', 'text'),
  col('procedure_version_id', 'text'),
  col('procedure_code', 'text'),
  col('procedure_name', 'text'),
  col('channel', 'text'),
  col('status', 'text'),
  col('clock_running', 'int'),
  col('applicant_name', 'text'),
  col('applicant_name_folded', 'text'),
  col('applicant', 'text'),
  col('components', 'text'),
  col('submitted_at', INSTANT),
  col('received_at', INSTANT),
  col('received_on', 'date'),
  col('due_date', 'date'),
  col('due_at', INSTANT),
  col('statutory_due_at', INSTANT),
  col('deemed_received_on', 'date'),
  col('end_of_processing_at', INSTANT),
  col('finished_at', INSTANT),
  col('supplement_requests', 'int'),
  col('state', 'text'),
  col('source_hash', 'text'),
  col('intake_at', INSTANT),
  col('closed_at', INSTANT),
  col('returned_at', INSTANT),
  col('payment_stops_clock', 'int'),
  col('position_status', 'text'),
  col('position_since', INSTANT),
  col('position_due_at', INSTANT),
  col('position_supplements', 'int'),
];
const SWITCHED = SWITCHED_COLUMNS.map((c) => c[0]);
const KEY_COLUMNS: Column[] = [
  col('import_id', 'text'),
  col('row_no', 'int'),
  col('id', 'text'),
  col('code', 'text'),
  col('lookup_pin', 'text'),
  ...SWITCHED_COLUMNS,
];
/** SQLite: the history and the timeline as JSON arrays of arrays (`json_each` expands them). */
const SQLITE_ROW_COLUMNS: Column[] = [
  ...KEY_COLUMNS,
  ['events', 'events', 'text', (r) => JSON.stringify(r.events)],
  ['timeline', 'timeline', 'text', (r) => JSON.stringify(r.timeline)],
];
/** PostgreSQL: one typed array per field (`unnest` zips them; migration 20261210010000). */
const PG_ROW_COLUMNS: Column[] = [
  ...KEY_COLUMNS,
  eventArray('event_seqs', 'int[]', 0),
  eventArray('event_actions', 'text[]', 1),
  eventArray('event_froms', 'text[]', 2),
  eventArray('event_tos', 'text[]', 3),
  eventArray('event_ats', 'timestamptz[]', 4),
  timelineArray('timeline_seqs', 'int[]', 0),
  timelineArray('timeline_statuses', 'text[]', 1),
  timelineArray('timeline_starts', 'timestamptz[]', 2),
  timelineArray('timeline_ends', 'timestamptz[]', 3),
  timelineArray('timeline_dues', 'timestamptz[]', 4),
  timelineArray('timeline_supplements', 'int[]', 5),
];

/** The columns a direct first load writes into the history and the timeline (the switch's insert writes the same). */
const HISTORY_COLUMNS = ['id', 'dossier_id', 'seq', 'action', 'from_status', 'to_status', 'at', 'actor_name'];
const TIMELINE_COLUMNS = ['dossier_id', 'seq', 'status', 'start_at', 'end_at', 'statutory_due_at', 'supplement_requests'];

/** Which `columns` are written by the conversion as they are (numbers, dates, instants): only text is escaped. */
const plainColumns = <T>(columns: ReadonlyArray<Column<T>>): boolean[] => columns.map((c) => c[2] === 'int' || c[2] === 'date' || c[2] === INSTANT);

/** One line of COPY's text format: the `columns` of `item` (`plain` as `plainColumns` gives). */
function copyLine<T>(columns: ReadonlyArray<Column<T>>, plain: readonly boolean[], item: T): string {
  let line = '';
  for (let k = 0; k < columns.length; k++) {
    const v = valueOf(columns[k]!, item);
    line += (k ? '\t' : '') + (plain[k] && v !== null && v !== undefined ? String(v) : copyText(v));
  }
  return line + '\n';
}

/** `items` as COPY's text format, one line per item, encoded while they are sent. */
function* textChunks<T>(columns: ReadonlyArray<Column<T>>, items: readonly T[]): Generator<Buffer> {
  const plain = plainColumns(columns);
  const data = new TextCopy();
  for (const item of items) {
    data.add(copyLine(columns, plain, item));
    yield* data.take(false);
  }
  yield* data.take(true);
}

/** The staging table's COPY target on PostgreSQL. */
const STAGING_COPY = `dossier_import_rows (${PG_ROW_COLUMNS.map((c) => c[0]).join(', ')})`;

/** A procedure version an imported record may name by the procedure's national code. */
export interface ProcedureOfImport {
  procedureId: string;
  code: string;
  unitId: string;
  versionId: string;
  effectiveFrom: string;
  content: string;
}

/** The switch's statements in order (progress and timings). */
export const SWITCH_STEPS = ['analyze', 'history', 'update', 'setAside', 'insert', 'events', 'timeline', 'rebuild', 'count'] as const;
export type SwitchStep = (typeof SWITCH_STEPS)[number];

/** What the switch did: new dossiers, changed ones, and rows equal to the dossier already stored. */
export interface SwitchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Indexes and keys of the dossier tables built again after the rows (a first load; 0 when they were kept). */
  rebuilt: number;
  /** Written straight into the dossier tables, without staging (docs/dossier-imports.md "Direct first loads"). */
  direct: boolean;
  /** A direct load without row triggers: the foreign keys checked once after it, the counters recounted (same section). */
  triggersBypassed: boolean;
}

/** Where an import's converted rows go, a batch at a time: staging, or a direct first load's COPY. */
export interface RowSink {
  /** Takes a row for the next `flush`. */
  add(row: StagedRow): void;
  /** Writes the rows added since the last flush. */
  flush(): Promise<void>;
  /** Forgets the rows added since the last flush (a row in error: nothing more is written). */
  discard(): void;
}

/**
 * A direct first load under way (docs/dossier-imports.md "Direct first loads"): the dossier tables are locked,
 * their indexes set aside, and each flush copies the rows added since the last one straight into them (in COPY's
 * binary format, encoded as they are added), all in one transaction.
 */
export interface DirectLoad extends RowSink {
  /** The load's transaction: the audit entry and the job's end go into it. */
  readonly trx: Db;
  /** Milliseconds the lock and the set-aside took before the first row. */
  readonly setAsideMs: number;
  /** Builds the indexes and keys again; what the load wrote. `step` as for the switch. */
  finish(step: (name: SwitchStep) => Promise<void>): Promise<SwitchCounts>;
}

/** What a direct first load's caller decides once the file is read: commit the rows, or roll everything back. */
export interface DirectOutcome<T> {
  commit: boolean;
  value: T;
}

/** Thrown inside a direct first load's transaction to roll it back. */
const ROLLBACK = Symbol('rollback');

/**
 * When the switch sets the dossier tables' indexes aside and builds them again after the rows
 * (docs/dossier-imports.md, "First loads"): from `minRows` staged rows, and only when the file holds at least
 * as many rows as `dossiers` already does (building over every row then costs less than inserting the new
 * ones into each index). `minRows: null` never does.
 */
export interface RebuildPolicy {
  minRows: number | null;
  /** PostgreSQL: how long the switch waits for the tables' exclusive lock before keeping the indexes. */
  lockTimeoutMs: number;
}
export const NO_REBUILD: RebuildPolicy = { minRows: null, lockTimeoutMs: 0 };
/** A first load waits this long for the dossier tables' lock, then keeps their indexes (busy desks win). */
export const FIRST_LOAD_LOCK_TIMEOUT_MS = 5_000;
/** The dossier tables a first load sets the indexes of aside, and those whose keys go too (PostgreSQL). */
const REBUILT_TABLES = ['dossiers', 'dossier_events', 'dossier_timeline'] as const;
const REBUILT_KEY_TABLES = ['dossier_events', 'dossier_timeline'] as const;

export class DossierImportRepository {
  private readonly pg: boolean;

  /** `pool`: PostgreSQL's, for COPY into the staging tables (without it, the unnest INSERTs). */
  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
    private readonly pool?: pg.Pool,
    private readonly rebuild: RebuildPolicy = NO_REBUILD,
  ) {
    this.pg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  }

  get isPostgres(): boolean {
    return this.pg;
  }

  /** The fewest lines a file needs for a direct first load, or null when this database never does one. */
  get directMinRows(): number | null {
    return this.pg && this.pool ? this.rebuild.minRows : null;
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
    const r = await this.db
      .updateTable('dossierImports')
      .set({ cancelRequested: 1 })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
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

  /**
   * Runs `fn` with SQLite's page cache raised to IMPORT_CACHE_MB (its default is 2 MB): the switch writes each
   * row into some twenty indexes of `dossiers` and its history tables, which otherwise go to the file system
   * for every page; the cache is put back (and its memory released) after. PostgreSQL's is the server's.
   * The sorter may also use helper threads meanwhile: a first load builds every index of those tables by
   * sorting all their rows (356 → 282 s at a million dossiers, docs/dossier-imports.md "Throughput").
   */
  async withImportCache<T>(fn: () => Promise<T>): Promise<T> {
    if (this.pg) return fn();
    const before = (await sql<{ cacheSize: number }>`pragma cache_size`.execute(this.db)).rows[0]?.cacheSize ?? -2000;
    const threads = (await sql<{ threads: number }>`pragma threads`.execute(this.db)).rows[0]?.threads ?? 0;
    await sql.raw(`pragma cache_size = ${-IMPORT_CACHE_MB * 1024}`).execute(this.db);
    await sql.raw(`pragma threads = ${IMPORT_SORT_THREADS}`).execute(this.db);
    try {
      return await fn();
    } finally {
      await sql.raw(`pragma threads = ${Number(threads)}`).execute(this.db);
      await sql.raw(`pragma cache_size = ${Number(before)}`).execute(this.db);
      await sql`pragma shrink_memory`.execute(this.db);
    }
  }

  /** Deletes what finished jobs left staged (a process that died between a switch's commit and its clean-up). */
  async clearFinishedStaging(): Promise<void> {
    await sql`delete from dossier_import_rows where import_id in (select id from dossier_imports where status in ('done', 'failed', 'cancelled'))`.execute(
      this.db,
    );
  }

  async clearStaging(importId: string, db: Db = this.db): Promise<void> {
    await db.deleteFrom('dossierImportRows').where('importId', '=', importId).execute();
  }

  /**
   * The file import's staging, a batch at a time (outside any transaction). On PostgreSQL each row is encoded in
   * COPY's text format as it is added, so a batch waiting for its COPY is a few buffers outside the JavaScript
   * heap; SQLite keeps the batch's rows for its multi-row inserts.
   */
  stagingSink(): RowSink {
    if (!this.pg || !this.pool) {
      let rows: StagedRow[] = [];
      return {
        add: (row) => void rows.push(row),
        flush: () => {
          const batch = rows;
          rows = [];
          return this.stage(batch);
        },
        discard: () => void (rows = []),
      };
    }
    const plain = plainColumns(PG_ROW_COLUMNS);
    let data = new TextCopy();
    let count = 0;
    return {
      add(row) {
        data.add(copyLine(PG_ROW_COLUMNS, plain, row));
        count++;
      },
      flush: async () => {
        const batch = data.take(true);
        const n = count;
        data = new TextCopy();
        count = 0;
        if (n > 0) await this.copyToStaging(batch);
      },
      discard() {
        data = new TextCopy();
        count = 0;
      },
    };
  }

  /**
   * Stages converted rows (each with its history and timeline as JSON) with a few large statements: COPY
   * FROM STDIN on PostgreSQL, multi-row prepared INSERTs in one transaction on SQLite. Staging is not the
   * dossiers, so it needs no transaction with them.
   */
  async stage(rows: StagedRow[], db: Db = this.db): Promise<void> {
    const columns = this.pg ? PG_ROW_COLUMNS : SQLITE_ROW_COLUMNS;
    if (this.pg && this.pool && !db.isTransaction) {
      if (rows.length > 0) await this.copyToStaging(textChunks(columns, rows));
    } else if (this.pg || db.isTransaction) await this.bulkInsert(db, 'dossier_import_rows', columns, rows);
    else await db.transaction().execute((trx) => this.bulkInsert(trx, 'dossier_import_rows', columns, rows));
  }

  /** COPY of staged rows (COPY's text format) on a connection of its own, outside any transaction. */
  private async copyToStaging(data: Iterable<Buffer>): Promise<void> {
    const client = await this.pool!.connect();
    try {
      await copyFrom(client, STAGING_COPY, data, 'text');
    } finally {
      client.release();
    }
  }

  private async bulkInsert<T>(db: Db, table: string, columns: ReadonlyArray<Column<T>>, items: readonly T[]): Promise<void> {
    if (items.length === 0) return;
    const names = columns.map((c) => c[0]).join(', ');
    const values = (item: T) => columns.map((c) => valueOf(c, item) ?? null);
    if (this.pg) {
      // An array column travels as its literal text and is cast after unnest (unnest flattens an array of arrays).
      const isArray = (c: Column<T>) => c[2].endsWith('[]');
      const picked = columns.map((c, k) => (isArray(c) ? `c${k}::${c[2]}` : `c${k}`)).join(', ');
      const aliases = columns.map((_, k) => `c${k}`).join(', ');
      const params = columns.map((c, k) => `$${k + 1}::${isArray(c) ? 'text' : c[2]}[]`).join(', ');
      for (let i = 0; i < items.length; i += PG_BATCH) {
        const part = items.slice(i, i + PG_BATCH);
        const arrays = columns.map((c) => part.map((item) => valueOf(c, item) ?? null));
        const text = `insert into ${table} (${names}) select ${picked} from unnest(${params}) as u(${aliases})`;
        await db.executeQuery(CompiledQuery.raw(text, arrays));
      }
      return;
    }
    // SQLite: one fixed statement of as many rows as SQLITE_PARAMS allows (prepared once by the connection's
    // statement cache, platform/db/database.ts), the remainder row by row through the one-row statement.
    const per = Math.max(1, Math.floor(SQLITE_PARAMS / columns.length));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    let i = 0;
    if (items.length >= per) {
      const text = `insert into ${table} (${names}) values ${Array.from({ length: per }, () => tuple).join(', ')}`;
      for (; i + per <= items.length; i += per) await db.executeQuery(CompiledQuery.raw(text, items.slice(i, i + per).flatMap(values)));
    }
    const one = `insert into ${table} (${names}) values ${tuple}`;
    for (; i < items.length; i++) await db.executeQuery(CompiledQuery.raw(one, values(items[i]!)));
  }

  /**
   * Fresh statistics of the staging table on PostgreSQL, or it plans the checks and the switch over a table it
   * believes nearly empty (nested loops over a million rows). Only the joined columns: the wide ones (the state
   * JSON) would make it read and measure every sampled value for nothing.
   */
  async analyzeStaging(db: Db = this.db): Promise<void> {
    if (this.pg) await sql`analyze dossier_import_rows (import_id, row_no, code, source_hash)`.execute(db);
  }

  /**
   * Checks only the whole staged file can answer: a code twice in the file, and a code already used by a
   * dossier of a unit outside the import's units. One row per offending row (its first 1,000).
   */
  async stagingIssues(
    importId: string,
    unitIds: readonly string[],
    db: Db = this.db,
    opts: { analyze: boolean } = { analyze: true },
  ): Promise<Array<{ row: number; code: string }>> {
    if (opts.analyze) await this.analyzeStaging(db);
    const dup = await sql<{ rowNo: number }>`
      select row_no from (
        select row_no, row_number() over (partition by code order by row_no) as nth
        from dossier_import_rows where import_id = ${importId}) x
      where nth > 1
      order by row_no limit 1000`.execute(db);
    const taken = await sql<{ rowNo: number }>`
      select s.row_no from dossier_import_rows s join dossiers d on d.code = s.code
      where s.import_id = ${importId} and d.unit_id not in (${sql.join(unitIds)})
      order by s.row_no limit 1000`.execute(db);
    return [
      ...dup.rows.map((r) => ({ row: Number(r.rowNo), code: 'dossier_import.duplicate_code' })),
      ...taken.rows.map((r) => ({ row: Number(r.rowNo), code: 'dossier_import.code_taken' })),
    ].sort((a, b) => a.row - b.row);
  }

  /**
   * Copies the staged rows into `dossiers` and `dossier_events` (docs/dossier-imports.md#the-switch): a new
   * code is inserted, a changed one (another source hash) replaces the dossier's state, columns and
   * history and is marked with this import, an equal one is left alone. Runs in the caller's transaction.
   * `step` is called before each statement with its name (the job's progress and timings).
   */
  async switchIn(
    trx: Db,
    importId: string,
    ctx: { now: string; actorId: string | null; actorName: string | null; analyzed?: boolean },
    step: (name: SwitchStep) => Promise<void> = async () => undefined,
  ): Promise<SwitchCounts> {
    await step('analyze');
    if (!ctx.analyzed) await this.analyzeStaging(trx);
    // A stored dossier whose source hash differs is replaced: its history and timeline go first.
    const changed = sql`
      select d.id from dossier_import_rows s join dossiers d on d.code = s.code
      where s.import_id = ${importId} and (d.source_hash is null or d.source_hash <> s.source_hash)`;
    await step('history');
    await sql`delete from dossier_events where dossier_id in (${changed})`.execute(trx);
    await sql`delete from dossier_timeline where dossier_id in (${changed})`.execute(trx);
    const cols = SWITCHED.join(', ');
    await step('update');
    const updated = await sql`
      update dossiers set ${sql.raw(SWITCHED.map((c) => `${c} = s.${c}`).join(', '))},
        current_unit_id = null, return_method = null, version = dossiers.version + 1, updated_at = ${ctx.now}, import_id = ${importId}
      from dossier_import_rows s
      where s.import_id = ${importId} and s.code = dossiers.code and (dossiers.source_hash is null or dossiers.source_hash <> s.source_hash)`.execute(trx);
    const staged = Number(
      (
        await trx
          .selectFrom('dossierImportRows')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('importId', '=', importId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    await step('setAside');
    const setAside = (await this.firstLoad(trx, importId, staged))
      ? await setAsideIndexes(trx, this.pg ? 'postgres' : 'sqlite', {
          tables: REBUILT_TABLES,
          keyTables: REBUILT_KEY_TABLES,
          lockTimeoutMs: this.rebuild.lockTimeoutMs,
        })
      : null;
    await step('insert');
    // PostgreSQL plans the "not stored yet" test before the statement runs. On a `dossiers` it knows to be
    // empty (a fresh database, analyzed by migration 20261209060000) it chose a nested loop over a sequential
    // scan of `dossiers`, rescanned for every staged row while the statement itself appends to that table: the
    // scan grows with every row written (100,000 rows into a fresh database ran for minutes, each rescan
    // checking the visibility of every row inserted so far). A lookup in the `code` index answers each test
    // whatever the table holds, so sequential scans are off for this statement (docs/dossier-imports.md).
    // A new dossier draws its survey key here (docs/surveys.md "Sampling"); a replaced one keeps its own.
    const inserted = await this.withoutSeqScan(trx, () =>
      sql`
      insert into dossiers (id, code, ${sql.raw(cols)}, lookup_pin, current_unit_id, assignee_id, note, return_method, apologies, created_by, version, created_at, updated_at, import_id, survey_key)
      select s.id, s.code, ${sql.raw(SWITCHED.map((c) => `s.${c}`).join(', '))}, s.lookup_pin, null, null, null, null, 0, ${ctx.actorId}, 1, ${ctx.now}, ${ctx.now}, ${importId},
        ${randomKeySql(this.pg ? 'postgres' : 'sqlite')}
      from dossier_import_rows s
      where s.import_id = ${importId} and not exists (select 1 from dossiers d where d.code = s.code)`.execute(trx),
    );
    const ins = Number(inserted.numAffectedRows ?? 0);
    const upd = Number(updated.numAffectedRows ?? 0);
    // Every dossier this switch wrote now carries the import's id (an equal one keeps its earlier import). When
    // every staged row was new (a first load), each was inserted under its staged id, so the history and the
    // timeline take it from the staged row; otherwise the written dossiers are found by code (a lookup in
    // `dossiers` per staged row).
    const allNew = upd === 0 && ins === staged;
    const written = allNew ? sql`from dossier_import_rows s` : sql`from dossier_import_rows s join dossiers d on d.code = s.code and d.import_id = ${importId}`;
    const idOf = allNew ? sql.raw('s.id') : sql.raw('d.id');
    await step('events');
    // PostgreSQL zips the staged row's typed arrays; SQLite reads each element of its JSON arrays.
    const item = (i: number) => sql.raw(this.pg ? `e.f${i}` : `json_extract(e.value, '$[${i}]')`);
    const elements = (prefix: 'event' | 'timeline', fields: readonly string[]) =>
      sql.raw(
        this.pg
          ? `unnest(${fields.map((f) => `s.${prefix}_${f}`).join(', ')}) as e(${fields.map((_, i) => `f${i}`).join(', ')})`
          : `json_each(s.${prefix === 'event' ? 'events' : 'timeline'}) as e`,
      );
    await sql`
      insert into dossier_events (id, dossier_id, seq, action, from_status, to_status, at, actor_id, actor_name, note)
      select ${idOf} || '-' || ${importId} || '-' || ${item(0)}, ${idOf}, ${item(0)}, ${item(1)}, ${item(2)}, ${item(3)}, ${item(4)}, null, ${ctx.actorName}, null
      ${written}
      cross join ${elements('event', ['seqs', 'actions', 'froms', 'tos', 'ats'])}
      where s.import_id = ${importId}`.execute(trx);
    await step('timeline');
    await sql`
      insert into dossier_timeline (dossier_id, seq, status, start_at, end_at, statutory_due_at, supplement_requests)
      select ${idOf}, ${item(0)}, ${item(1)}, ${item(2)}, ${item(3)}, ${item(4)}, ${item(5)}
      ${written}
      cross join ${elements('timeline', ['seqs', 'statuses', 'starts', 'ends', 'dues', 'supplements'])}
      where s.import_id = ${importId}`.execute(trx);
    await step('rebuild');
    await setAside?.restore();
    await step('count');
    return { inserted: ins, updated: upd, unchanged: staged - ins - upd, rebuilt: setAside?.dropped ?? 0, direct: false, triggersBypassed: false };
  }

  /** Runs `fn` with PostgreSQL's sequential scans off in the switch's transaction (the "not stored yet" tests). */
  private async withoutSeqScan<T>(trx: Db, fn: () => Promise<T>): Promise<T> {
    if (this.pg) await sql`set local enable_seqscan = off`.execute(trx);
    const r = await fn();
    if (this.pg) await sql`set local enable_seqscan = on`.execute(trx);
    return r;
  }

  /**
   * A first load by the policy: the switch inserts enough rows, and no fewer than `dossiers` holds (counted up to
   * one more). Only the rows it inserts count: the updates have run with the indexes in place before this, and a
   * file imported again inserts nothing, so it rebuilds nothing (it rebuilt every index once, for no row written).
   */
  private async firstLoad(trx: Db, importId: string, staged: number): Promise<boolean> {
    const { minRows } = this.rebuild;
    if (minRows === null || staged < minRows) return false;
    // The insert's own "not stored yet" test, planned the same way (see the insert for why).
    const unstored = Number(
      (
        await this.withoutSeqScan(trx, () =>
          sql<{ n: number | string }>`
            select count(*) as n from dossier_import_rows s
            where s.import_id = ${importId} and not exists (select 1 from dossiers d where d.code = s.code)`.execute(trx),
        )
      ).rows[0]?.n ?? 0,
    );
    if (unstored < minRows) return false;
    const held = await sql<{ n: number | string }>`select count(*) as n from (select 1 from dossiers limit ${unstored + 1}) x`.execute(trx);
    return Number(held.rows[0]?.n ?? 0) <= unstored;
  }

  /**
   * A first load straight into the dossier tables, without staging (docs/dossier-imports.md "Direct first
   * loads"), on PostgreSQL when the rebuild policy allows first loads, the file has at least `minRows` lines
   * (`lines`, counted by the caller) and `dossiers` holds no row. One transaction on one connection of the
   * pool: the three dossier tables are locked and their indexes set aside (as a first load's switch does), `fn`
   * reads the file and hands its rows to `write` (COPY into `dossiers`, `dossier_events`, `dossier_timeline`),
   * then commits by `finish` or rolls everything back. `{ ran: false }` when the load does not apply, when the
   * lock cannot be had in time, or when a code turns out twice in the file (`dossiers_code_key` refuses it;
   * the staged path then reports the rows): the caller imports through staging instead.
   */
  async loadDirect<T>(
    importId: string,
    lines: number,
    ctx: { now: string; actorId: string | null; actorName: string | null },
    fn: (load: DirectLoad) => Promise<DirectOutcome<T>>,
  ): Promise<{ ran: false } | { ran: true; value: T }> {
    const minRows = this.directMinRows;
    if (!this.pool || minRows === null || lines < minRows || (await this.holdsDossiers(this.db))) return { ran: false };
    const { lockTimeoutMs } = this.rebuild;
    const client = await this.pool.connect();
    let failed = false;
    try {
      let result: { ran: false } | { ran: true; value: T } = { ran: false };
      await clientDb(client)
        .transaction()
        .execute(async (trx) => {
          const t0 = performance.now();
          const aside = await setAsideIndexes(trx, 'postgres', { tables: REBUILT_TABLES, keyTables: REBUILT_KEY_TABLES, lockTimeoutMs });
          // Another writer may have stored a dossier since the test above: then this is no first load.
          if (!aside || (await this.holdsDossiers(trx))) throw ROLLBACK;
          const setAsideMs = performance.now() - t0;
          // The rows' foreign keys checked once at the end instead of one lookup per key per row, when the
          // role may (the counters' triggers are off too: recounted below).
          const bypass = await bypassTriggers(trx, REBUILT_TABLES);
          let written = 0;
          const dossierColumns: Column[] = [
            col('id', 'text'),
            col('code', 'text'),
            ...SWITCHED_COLUMNS,
            col('lookup_pin', 'text'),
            // As the switch's insert writes them; the columns left out take their defaults (nulls, no
            // apologies, version 1, a random survey key: docs/surveys.md "Sampling").
            ['created_by', '', 'text', () => ctx.actorId],
            ['created_at', '', INSTANT, () => ctx.now],
            ['updated_at', '', INSTANT, () => ctx.now],
            ['import_id', '', 'text', () => importId],
          ];
          // Binary COPY (platform/db/copy-data.ts): the server reads each value as it stores it.
          const dossierNames = dossierColumns.map((c) => c[0]);
          const types = {
            dossiers: await binaryTypes(trx, 'dossiers', dossierNames),
            history: await binaryTypes(trx, 'dossier_events', HISTORY_COLUMNS),
            timeline: await binaryTypes(trx, 'dossier_timeline', TIMELINE_COLUMNS),
          };
          // Each row is encoded as it is converted, so that a batch waiting for its COPY is held as a few buffers
          // outside the JavaScript heap rather than thousands of objects the garbage collector keeps moving.
          const batchData = () => ({
            dossiers: new BinaryCopy(types.dossiers),
            history: new BinaryCopy(types.history),
            timeline: new BinaryCopy(types.timeline),
            rows: 0,
          });
          let data = batchData();
          const fresh = () => {
            const taken = data;
            data = batchData();
            return taken;
          };
          // A batch without rows for a table sends no COPY (binary data begins with its header, which only a row writes).
          const copy = async (table: string, columns: readonly string[], chunks: Buffer[]) => {
            if (chunks.length > 0) await copyFrom(client, `${table} (${columns.join(', ')})`, chunks, 'binary');
          };
          const load: DirectLoad = {
            trx,
            setAsideMs,
            add(row) {
              data.dossiers.add(dossierColumns.map((c) => valueOf(c, row)));
              // The event's id as the switch builds it: dossier, import, sequence number.
              for (const [seq, action, from, to, at] of row.events)
                data.history.add([`${row.id}-${importId}-${seq}`, row.id, seq, action, from, to, at, ctx.actorName]);
              for (const [seq, status, start, end, due, supplements] of row.timeline) data.timeline.add([row.id, seq, status, start, end, due, supplements]);
              data.rows++;
            },
            async flush() {
              const batch = fresh();
              if (batch.rows === 0) return;
              await copy('dossiers', dossierNames, batch.dossiers.take(true));
              await copy('dossier_events', HISTORY_COLUMNS, batch.history.take(true));
              await copy('dossier_timeline', TIMELINE_COLUMNS, batch.timeline.take(true));
              written += batch.rows;
            },
            discard() {
              fresh();
            },
            async finish(step) {
              await step('rebuild');
              await bypass?.end();
              await aside.restore();
              await step('count');
              if (bypass) await recountDossiers(trx);
              return { inserted: written, updated: 0, unchanged: 0, rebuilt: aside.dropped, direct: true, triggersBypassed: bypass !== null };
            },
          };
          const out = await fn(load);
          result = { ran: true, value: out.value };
          if (!out.commit) throw ROLLBACK;
        })
        .catch((e: unknown) => {
          if (e === ROLLBACK) return;
          // A code twice in the file: the staged path finds and reports its rows.
          const { code, constraint } = e as { code?: string; constraint?: string };
          if (code === '23505' && constraint === 'dossiers_code_key') {
            result = { ran: false };
            return;
          }
          throw e;
        });
      return result;
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      // A client whose load failed may be mid-COPY: the pool discards it rather than lend it again.
      client.release(failed);
    }
  }

  /** Whether `dossiers` holds any row. */
  private async holdsDossiers(db: Db): Promise<boolean> {
    return (await sql<{ one: number }>`select 1 as one from dossiers limit 1`.execute(db)).rows.length > 0;
  }

  /** The staged rows' outcome after the switch, for the live sync's per-record answer. */
  async outcomes(importId: string, db: Db): Promise<Array<{ rowNo: number; action: 'insert' | 'update' | 'unchanged' }>> {
    const r = await sql<{ rowNo: number; importId: string | null; version: number }>`
      select s.row_no, d.import_id, d.version from dossier_import_rows s join dossiers d on d.code = s.code
      where s.import_id = ${importId} order by s.row_no`.execute(db);
    // Written by this switch: a new dossier has version 1, a replaced one a higher version.
    return r.rows.map((o) => ({ rowNo: Number(o.rowNo), action: o.importId !== importId ? 'unchanged' : Number(o.version) === 1 ? 'insert' : 'update' }));
  }
}
