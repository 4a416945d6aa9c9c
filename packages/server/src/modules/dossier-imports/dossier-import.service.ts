import { can, unitsFor } from '@cchc/domain';
import ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { ClaimedJob } from '../../platform/jobs/job-scheduler';
import type { DossierSettings } from '../dossiers/dossier-rules';
import { convertRecord, ProcedureIndex } from './dossier-import-convert';
import { formatOfName, readRows, type ImportFormat, type ReadPosition } from './dossier-import-readers';
import {
  SWITCH_STEPS,
  type DossierImportRepository,
  type ImportRow,
  type DirectOutcome,
  type RowSink,
  type SwitchCounts,
  type SwitchStep,
} from './dossier-import.repository';

// Bulk import of dossiers as a background job (docs/dossier-imports.md): the upload is stored and
// hashed, a job row and a scheduled job are written, and the job reads the file as a stream, converts
// and stages every row, then switches the staged rows in with one transaction and one audit entry.
// Nothing reaches `dossiers` before the switch, so a failure, a cancel or a killed process leaves the
// dossiers as they were; the scheduler's lease gives a dead job to another run, which starts over.

export const IMPORT_JOB = 'dossier.import';
/** Largest file an import takes (JSON lines of a million dossiers are about 600 MB). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;
/** Errors kept on the job (all are counted). */
const MAX_KEPT_ERRORS = 1000;
/** Rows read between progress updates, cancel checks and staging writes (one COPY per table on PostgreSQL). */
const BATCH = 5000;

export interface ImportError {
  row: number;
  field: string;
  code: string;
}

export interface ImportView {
  id: string;
  unitId: string;
  fileName: string;
  format: string;
  sha256: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  sizeBytes: number;
  bytesRead: number;
  rowsRead: number;
  rowsValid: number;
  rowsWritten: number;
  rowsUnchanged: number;
  errorCount: number;
  errors: ImportError[];
  failure: string | null;
  /** What a running job does now; `phaseStep` of `phaseSteps` switch statements are done (PostgreSQL shows them). */
  phase: 'reading' | 'checking' | 'switching' | null;
  phaseStep: number;
  phaseSteps: number;
  /** Milliseconds per phase and per switch statement (docs/dossier-imports.md#the-switch). */
  timings: Record<string, number>;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  can: { cancel: boolean };
}

export interface DossierImportDeps {
  db: Db;
  repo: DossierImportRepository;
  audit: AuditService;
  clock: Clock;
  settings: DossierSettings;
  dataDir: string;
  schedule: (kind: string, key: string, runAt: string, payload: unknown) => Promise<boolean>;
  /** Starts the scheduler now rather than at its next tick (the server's; tests leave it out). */
  kick?: () => void;
}

const FINISHED = ['done', 'failed', 'cancelled'];

/** The counters and fields of a job not started yet. */
export const NEW_JOB = {
  bytesRead: 0,
  rowsRead: 0,
  rowsValid: 0,
  rowsWritten: 0,
  rowsUnchanged: 0,
  errorCount: 0,
  errors: '[]',
  failure: null,
  cancelRequested: 0,
  attempts: 0,
  leaseUntil: null,
  leasedBy: null,
  startedAt: null,
  finishedAt: null,
  phase: null,
  phaseStep: 0,
  timings: '{}',
};

function view(r: ImportRow): ImportView {
  return {
    id: r.id,
    unitId: r.unitId,
    fileName: r.fileName,
    format: r.format,
    sha256: r.sha256,
    status: r.status as ImportView['status'],
    sizeBytes: Number(r.sizeBytes),
    bytesRead: Number(r.bytesRead),
    rowsRead: r.rowsRead,
    rowsValid: r.rowsValid,
    rowsWritten: r.rowsWritten,
    rowsUnchanged: r.rowsUnchanged,
    errorCount: r.errorCount,
    errors: JSON.parse(r.errors) as ImportError[],
    failure: r.failure,
    phase: r.phase as ImportView['phase'],
    phaseStep: r.phaseStep,
    phaseSteps: SWITCH_STEPS.length,
    timings: JSON.parse(r.timings) as Record<string, number>,
    createdBy: r.actorName,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    can: { cancel: !FINISHED.includes(r.status) },
  };
}

/** The import's unit must be one where the actor may import: 404 when the actor cannot see it, 403 when it can but may not. */
export function authorizeImport(actor: ServerActor, unitId: string): void {
  if (can(actor, 'dossier.import', unitId)) return;
  if (unitsFor(actor, 'unit.read').includes(unitId)) throw new ForbiddenError('forbidden', [], { action: 'dossier.import' });
  throw new NotFoundError('unit.not_found');
}

export class DossierImportService {
  constructor(private readonly deps: DossierImportDeps) {}

  private async findVisible(actor: ServerActor, id: string): Promise<ImportRow> {
    const row = await this.deps.repo.find(id);
    if (!row || !unitsFor(actor, 'dossier.import').includes(row.unitId)) throw new NotFoundError('dossier_import.not_found');
    return row;
  }

  /** POST /api/dossier-imports: stores the file (streamed, hashed), queues the job; 202 `{ id }`. */
  async start(
    actor: ServerActor,
    unitId: string,
    file: { filename: string; stream: Readable; truncated: () => boolean },
    format?: ImportFormat,
  ): Promise<{ id: string }> {
    authorizeImport(actor, unitId);
    const fmt = format ?? formatOfName(file.filename);
    if (!fmt) {
      file.stream.resume();
      throw new ValidationError('dossier_import.format_unknown', [{ path: 'body.file', code: 'dossier_import.format_unknown' }]);
    }
    const id = randomUUID();
    const dir = join(this.deps.dataDir, 'imports');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${id}.${fmt}`);
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(
      file.stream,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(path),
    );
    if (file.truncated() || size === 0) {
      await rm(path, { force: true });
      const code = size === 0 ? 'file.missing' : 'import.too_large';
      throw new ValidationError(code, [{ path: 'body.file', code }], { maxBytes: MAX_IMPORT_BYTES });
    }
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.create(
        {
          id,
          unitId,
          actorId: actor.userId,
          actorName: actor.fullName,
          actorUsername: actor.username,
          source: 'file',
          fileName: file.filename.slice(0, 255),
          format: fmt,
          filePath: path,
          sha256: hash.digest('hex'),
          sizeBytes: size,
          status: 'queued',
          ...NEW_JOB,
          createdAt: now,
        },
        trx,
      );
    });
    await this.deps.schedule(IMPORT_JOB, `${IMPORT_JOB}:${id}`, now, { importId: id });
    this.deps.kick?.();
    return { id };
  }

  async get(actor: ServerActor, id: string): Promise<ImportView> {
    return view(await this.findVisible(actor, id));
  }

  async list(actor: ServerActor, unitId: string | undefined): Promise<{ items: ImportView[] }> {
    const scope = unitsFor(actor, 'dossier.import');
    if (scope.length === 0) throw new ForbiddenError('forbidden', [], { action: 'dossier.import' });
    const rows = await this.deps.repo.list(unitId ? scope.filter((u) => u === unitId) : scope, 50);
    return { items: rows.map(view) };
  }

  /** Asks a queued or running job to stop before its switch; 409 once it finished. */
  async cancel(actor: ServerActor, id: string): Promise<ImportView> {
    const row = await this.findVisible(actor, id);
    if (!(await this.deps.repo.requestCancel(row.id))) throw new ConflictError('dossier_import.finished', [], { status: row.status });
    // A job not started yet stops here; a running one stops at its next batch.
    await this.deps.db
      .updateTable('dossierImports')
      .set({ status: 'cancelled', finishedAt: this.deps.clock.now() })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
    return view((await this.deps.repo.find(id))!);
  }

  /** The errors of a job as a spreadsheet or CSV: row, column (field) and code. */
  async errorReport(actor: ServerActor, id: string, format: 'csv' | 'xlsx'): Promise<{ fileName: string; contentType: string; data: Buffer }> {
    const row = await this.findVisible(actor, id);
    const errors = JSON.parse(row.errors) as ImportError[];
    const header = ['Dòng', 'Cột', 'Mã lỗi'];
    const base = `loi-nhap-ho-so-${row.id.slice(0, 8)}`;
    if (format === 'csv') {
      const quote = (v: string | number) => (typeof v === 'string' && /[",;\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v));
      const text = '\uFEFF' + [header, ...errors.map((e) => [e.row, e.field, e.code])].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
      return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', data: Buffer.from(text, 'utf8') };
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lỗi');
    ws.addRow(header).font = { bold: true };
    for (const e of errors) ws.addRow([e.row, e.field, e.code]);
    ws.columns.forEach((c, i) => (c.width = [8, 24, 40][i]));
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  /** The scheduler's handler for `dossier.import` jobs. */
  readonly handle = async (job: ClaimedJob): Promise<void> => {
    const { importId } = job.payload as { importId: string };
    await this.deps.repo.withImportCache(() => this.run(importId));
  };

  /**
   * Runs (or, after a crash, runs again) one import: stage, validate, switch. Idempotent: a finished job
   * is left alone, and a rerun first deletes what an earlier run staged.
   */
  async run(importId: string): Promise<void> {
    const { repo, clock } = this.deps;
    const job = await repo.find(importId);
    if (!job || FINISHED.includes(job.status) || !job.filePath) return;
    await repo.patch(importId, {
      status: 'running',
      startedAt: clock.now(),
      attempts: job.attempts + 1,
      bytesRead: 0,
      rowsRead: 0,
      rowsValid: 0,
      rowsWritten: 0,
      rowsUnchanged: 0,
      errorCount: 0,
      errors: '[]',
      failure: null,
      phase: 'reading',
      phaseStep: 0,
      timings: '{}',
    });
    const timings: Record<string, number> = {};
    let t = performance.now();
    await repo.clearStaging(importId);
    await repo.clearFinishedStaging();
    timings.clearBefore = Math.round(performance.now() - t);
    try {
      const units = await repo.subtree(job.unitId);
      if (await this.loadDirect(job, units, timings)) return;
      t = performance.now();
      const outcome = await this.stageFile(job, units, timings);
      timings.read = Math.round(performance.now() - t);
      if (outcome === 'cancelled') return await this.finish(importId, 'cancelled');
      if (outcome.errorCount > 0) return await this.finish(importId, 'failed', outcome);
      await repo.patch(importId, { phase: 'checking', timings: JSON.stringify(timings) });
      t = performance.now();
      const late = await repo.stagingIssues(importId, units);
      timings.check = Math.round(performance.now() - t);
      if (late.length > 0) {
        const field = job.format === 'json' ? 'code' : 'MaHoSo';
        return await this.finish(importId, 'failed', { errors: late.map((l) => ({ row: l.row, field, code: l.code })), errorCount: late.length });
      }
      if (await repo.cancelRequested(importId)) return await this.finish(importId, 'cancelled');
      await this.switchIn(job, timings);
    } catch (e) {
      const fields = e instanceof ValidationError ? e.fields.map((f) => ({ row: f.row ?? 0, field: f.column ?? 'file', code: f.code })) : [];
      await this.finish(
        importId,
        'failed',
        fields.length ? { errors: fields, errorCount: fields.length } : undefined,
        fields.length ? null : e instanceof Error ? e.message.slice(0, 500) : String(e),
      );
    }
  }

  /**
   * A direct first load (docs/dossier-imports.md "Direct first loads"): on PostgreSQL, a file of at least the
   * first-load threshold's lines into an empty `dossiers` is read straight into the dossier tables in one
   * transaction, without staging. False when it does not apply, or when a code turns out twice in the file:
   * the staged path then runs (and reports the duplicates with their rows).
   */
  private async loadDirect(job: ImportRow, units: string[], timings: Record<string, number>): Promise<boolean> {
    const { repo, clock } = this.deps;
    const minRows = repo.directMinRows;
    if (minRows === null || job.format === 'xlsx') return false;
    const lines = await countLines(job.filePath!, minRows);
    // Its own timings: a load that gives way to the staged path leaves nothing in the job's.
    const own: Record<string, number> = { ...timings };
    const now = clock.now();
    type Ended = { end: 'done'; lap: Lap } | { end: 'cancelled' } | { end: 'failed'; errors: ImportError[]; errorCount: number };
    const ctx = { now, actorId: job.actorId, actorName: job.actorName };
    const r = await repo.loadDirect(job.id, lines, ctx, async (load): Promise<DirectOutcome<Ended>> => {
      own['switch.setAside'] = Math.round(load.setAsideMs);
      const t = performance.now();
      const outcome = await this.stageFile(job, units, own, load);
      own.read = Math.round(performance.now() - t);
      if (outcome === 'cancelled' || (await repo.cancelRequested(job.id))) return { commit: false, value: { end: 'cancelled' } };
      if (outcome.errorCount > 0) return { commit: false, value: { end: 'failed', ...outcome } };
      await repo.patch(job.id, { phase: 'switching', timings: JSON.stringify(own) });
      const lap = laps(own);
      const counts = await load.finish(this.stepper(job, lap));
      await this.complete(load.trx, job, counts, now, own, lap);
      return { commit: true, value: { end: 'done', lap } };
    });
    if (!r.ran) return false;
    if (r.value.end === 'done') r.value.lap(null);
    Object.assign(timings, own);
    if (r.value.end === 'cancelled') await this.finish(job.id, 'cancelled');
    else if (r.value.end === 'failed') await this.finish(job.id, 'failed', r.value);
    else {
      await repo.patch(job.id, { timings: JSON.stringify(timings) });
      await rm(job.filePath!, { force: true });
    }
    return true;
  }

  /**
   * Reads the whole file; stages converted rows (into `sink`: staging, or a direct first load's COPY) until the
   * first error, then only collects errors. A batch is written while the next one is read and converted
   * (PostgreSQL's COPY runs beside Node's work); `timings` gets the milliseconds spent converting and writing.
   */
  private async stageFile(
    job: ImportRow,
    units: string[],
    timings: Record<string, number>,
    sink: RowSink = this.deps.repo.stagingSink(),
  ): Promise<'cancelled' | { errors: ImportError[]; errorCount: number }> {
    const { repo, settings } = this.deps;
    const procedures = new ProcedureIndex(await repo.procedures(units));
    const errors: ImportError[] = [];
    let errorCount = 0;
    let read = 0;
    let valid = 0;
    let pending = 0;
    let convertMs = 0;
    let stageMs = 0;
    let waitMs = 0;
    let staging: Promise<void> = Promise.resolve();
    let stageFailure: { error: unknown } | null = null;
    const addError = (e: ImportError) => {
      errorCount++;
      if (errors.length < MAX_KEPT_ERRORS) errors.push(e);
    };
    /** Waits for the batch being staged; rethrows its failure. */
    const staged = async () => {
      const w = performance.now();
      await staging;
      waitMs += performance.now() - w;
      if (stageFailure) throw stageFailure.error;
    };
    const flush = async () => {
      await staged();
      if (errorCount === 0 && pending > 0) {
        const s0 = performance.now();
        staging = sink.flush().then(
          () => void (stageMs += performance.now() - s0),
          (error: unknown) => void (stageFailure = { error }),
        );
      } else sink.discard();
      pending = 0;
      await repo.patch(job.id, { bytesRead: position.bytes, rowsRead: read, rowsValid: valid, errorCount, errors: JSON.stringify(errors.slice(0, 100)) });
      return repo.cancelRequested(job.id);
    };
    const position: ReadPosition = { bytes: 0 };
    try {
      for await (const r of readRows(job.filePath!, job.format as ImportFormat, position)) {
        read++;
        if ('error' in r) addError({ row: r.row, field: r.field ?? '', code: r.error });
        else {
          // Converting includes handing the row to the sink (a direct load encodes it there).
          const c0 = performance.now();
          const c = convertRecord(r.value, { importId: job.id, rowNo: r.row, procedures, settings });
          if (c.ok) {
            valid++;
            if (errorCount === 0) {
              sink.add(c.row);
              pending++;
            }
          } else for (const i of c.issues) addError({ row: r.row, field: i.field, code: i.code });
          convertMs += performance.now() - c0;
        }
        if (read % BATCH === 0 && (await flush())) return 'cancelled';
      }
      position.bytes = job.sizeBytes;
      if (await flush()) return 'cancelled';
      await staged();
    } finally {
      // Never leave a batch being staged behind: the caller clears the staging tables next.
      await staging;
      Object.assign(timings, { convert: Math.round(convertMs), stage: Math.round(stageMs), stageWait: Math.round(waitMs) });
    }
    if (read === 0) addError({ row: 0, field: 'file', code: 'dossier_import.empty' });
    return { errors, errorCount };
  }

  /**
   * One transaction: the staged rows into `dossiers`, one audit entry with the file's hash, the job done.
   * Each switch statement's time goes into `timings`; on PostgreSQL the job's `phaseStep` follows them from
   * another connection (SQLite has one connection, which the transaction holds). The staged rows are
   * deleted after the commit: they are not dossiers, and a finished job's leftovers go with the next run.
   */
  private async switchIn(job: ImportRow, timings: Record<string, number>): Promise<void> {
    const { db, repo, clock } = this.deps;
    const now = clock.now();
    await repo.patch(job.id, { phase: 'switching', timings: JSON.stringify(timings) });
    const lap = laps(timings);
    await db.transaction().execute(async (trx) => {
      const ctx = { now, actorId: job.actorId, actorName: job.actorName, analyzed: true };
      const counts = await repo.switchIn(trx, job.id, ctx, this.stepper(job, lap));
      await this.complete(trx, job, counts, now, timings, lap);
    });
    lap(null);
    const t = performance.now();
    await repo.clearStaging(job.id);
    timings.clear = Math.round(performance.now() - t);
    await repo.patch(job.id, { timings: JSON.stringify(timings) });
    await rm(job.filePath!, { force: true });
  }

  /**
   * The switch's progress: each statement's time into the timings by `lap`, and on PostgreSQL the job's
   * `phaseStep` from another connection (SQLite has one connection, which the transaction holds).
   */
  private stepper(job: ImportRow, lap: Lap): (step: SwitchStep) => Promise<void> {
    return async (step) => {
      lap(step);
      const done = SWITCH_STEPS.indexOf(step);
      if (this.deps.repo.isPostgres && done > 0) await this.deps.repo.patch(job.id, { phaseStep: done });
    };
  }

  /** In the switch's transaction: one audit entry with the file's hash and the counts, and the job done. */
  private async complete(trx: Db, job: ImportRow, counts: SwitchCounts, now: string, timings: Record<string, number>, lap: Lap): Promise<void> {
    lap('audit');
    await this.deps.audit.record(trx, this.actorOf(job), {
      action: 'import',
      entity: 'dossier_import',
      entityId: job.id,
      unitId: job.unitId,
      after: { fileName: job.fileName, format: job.format, sha256: job.sha256, source: job.source, ...counts },
    });
    lap('commit');
    await this.deps.repo.patch(
      job.id,
      {
        status: 'done',
        timings: JSON.stringify(timings),
        phase: null,
        phaseStep: SWITCH_STEPS.length,
        rowsWritten: counts.inserted + counts.updated,
        rowsUnchanged: counts.unchanged,
        finishedAt: now,
        filePath: null,
      },
      trx,
    );
  }

  private async finish(
    id: string,
    status: 'failed' | 'cancelled',
    e?: { errors: ImportError[]; errorCount: number },
    failure: string | null = null,
  ): Promise<void> {
    const { repo, clock } = this.deps;
    await repo.clearStaging(id);
    const job = await repo.find(id);
    await repo.patch(id, {
      status,
      phase: null,
      finishedAt: clock.now(),
      failure,
      ...(e ? { errors: JSON.stringify(e.errors.slice(0, MAX_KEPT_ERRORS)), errorCount: e.errorCount } : {}),
      filePath: null,
    });
    if (job?.filePath) await rm(job.filePath, { force: true });
  }

  /** The user who started the job, as the audit row names them. */
  actorOf(job: Pick<ImportRow, 'actorId' | 'actorName' | 'actorUsername'>): ServerActor | null {
    return job.actorId
      ? { userId: job.actorId, username: job.actorUsername ?? '', fullName: job.actorName ?? '', grants: [], roles: [], requestId: null }
      : null;
  }
}

/** Records the milliseconds since the last lap under `switch.<name of the last lap>`; null ends the last one. */
type Lap = (next: string | null) => void;
function laps(timings: Record<string, number>): Lap {
  let t = performance.now();
  let current: string | null = null;
  return (next) => {
    const at = performance.now();
    if (current) timings[`switch.${current}`] = Math.round(at - t);
    current = next;
    t = at;
  };
}

/** The newlines in a file, counted up to `cap` (a JSON-lines or CSV file's rows are at most its lines). */
async function countLines(path: string, cap: number): Promise<number> {
  let n = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
      if (n >= cap) break;
    }
  } finally {
    stream.destroy();
  }
  return n;
}
