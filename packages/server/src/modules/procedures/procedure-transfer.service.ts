import { can, canAnywhere, foldVietnamese, unitsFor } from '@cchc/domain';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import { COLUMNS, columnOfPath, readCode, readRow, toFlatRow, type CellError, type ColumnKey } from './procedure-columns';
import { readSheet, writeSheet } from './procedure-sheet';
import { contentIssues } from './procedure-rules';
import { appendVersion, createProcedure } from './procedure-write';
import type { ProcedureRepository, ProcedureRow, StoredVersion } from './procedure.repository';
import { ProcedureContentSchema, type ExportQuery, type FileFormat, type ProcedureContent } from './procedure.schemas';

const EXPORT_LIMIT = 20_000;
const COLUMN_ORDER: ColumnKey[] = COLUMNS.map((c) => c.key);
const CONTENT_TYPES: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Columns that describe one field together: an error on one silences schema errors on the other. */
function related(column: ColumnKey): ColumnKey[] {
  if (column === 'timeLimitValue' || column === 'timeLimitUnit') return ['timeLimitValue', 'timeLimitUnit'];
  if (column === 'sectorCode' || column === 'sectorName') return ['sectorCode', 'sectorName'];
  return [column];
}

interface Plan {
  code: string;
  current?: ProcedureRow;
  latest?: StoredVersion;
  content: ProcedureContent;
  effectiveFrom: string;
}

/** Import and export of the catalogue as .xlsx or CSV, one row per procedure. */
export class ProcedureTransferService {
  constructor(
    private readonly db: Db,
    private readonly repo: ProcedureRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The latest version of every procedure the actor reads (with the list's filters), by code. */
  async export(actor: ServerActor, q: ExportQuery): Promise<{ fileName: string; contentType: string; data: Buffer }> {
    if (!canAnywhere(actor, 'procedure.read')) throw new ForbiddenError('forbidden', [], { action: 'procedure.read' });
    const { rows } = await this.repo.list(unitsFor(actor, 'procedure.read'), q, { limit: EXPORT_LIMIT, offset: 0, sort: 'code', order: 'asc' });
    const unitIds = [...new Set(rows.flatMap((r) => (r.processingUnitId ? [r.processingUnitId] : [])))];
    const names = new Map((await this.repo.unitNames(unitIds)).map((u) => [u.id, u.name]));
    const flat = rows.map((r) => toFlatRow(r.code, r.content, r.effectiveFrom, r.processingUnitId ? (names.get(r.processingUnitId) ?? '') : ''));
    return { fileName: `thu-tuc-hanh-chinh-${this.clock.today()}.${q.format}`, contentType: CONTENT_TYPES[q.format], data: await writeSheet(flat, q.format) };
  }

  /**
   * Validates every row before writing any: all problems come back together as 400
   * 'import.invalid' with `{ row, column, code }` each, and nothing is written. Known codes of the
   * unit get a new version, new codes a new procedure, all in one transaction.
   */
  async import(actor: ServerActor, unitId: string, format: FileFormat, data: Buffer): Promise<{ created: number; updated: number }> {
    if (!can(actor, 'unit.read', unitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'procedure.manage', unitId);
    const sheet = await readSheet(data, format);
    return this.db.transaction().execute(async (trx) => {
      const codes = [...new Set(sheet.rows.map((r) => readCode(r.cells.code)).filter(Boolean))];
      const existing = new Map((await this.repo.findByCodes(unitId, codes, trx)).map((p) => [p.code, p]));
      const latest = await this.repo.latestOf(
        [...existing.values()].map((p) => p.id),
        trx,
      );
      const tree = await this.repo.subtree(unitId, trx);
      const today = this.clock.today();
      const errors: FieldError[] = [];
      const plans: Plan[] = [];
      const seen = new Set<string>();

      for (const { row, cells } of sheet.rows) {
        const current = existing.get(readCode(cells.code));
        const prev = current && latest.get(current.id);
        const parsed = readRow(cells, sheet.present, prev?.content);
        const rowErrors: CellError[] = [...parsed.errors];
        if (parsed.code && seen.has(parsed.code)) rowErrors.push({ column: 'code', code: 'import.duplicate_code' });
        if (parsed.code) seen.add(parsed.code);

        let processingUnitId = prev?.content.processingUnitId ?? null;
        if (parsed.processingUnitName !== undefined) {
          const wanted = parsed.processingUnitName === null ? null : foldVietnamese(parsed.processingUnitName);
          const found = wanted === null ? [] : tree.filter((u) => u.nameFolded === wanted);
          if (wanted === null) processingUnitId = null;
          else if (found.length === 1) processingUnitId = found[0]!.id;
          else rowErrors.push({ column: 'processingUnitName', code: found.length ? 'import.ambiguous_unit' : 'import.unknown_unit' });
        }

        const candidate = { ...prev?.content, ...parsed.changes, processingUnitId };
        const result = ProcedureContentSchema.safeParse(candidate);
        // Zod skips cross-field rules when a field is missing; they run here too, so one answer names every problem.
        const issues = [
          ...(result.error?.issues ?? []).map((i) => ({ path: i.path, code: i.code === 'custom' ? i.message : i.code })),
          ...contentIssues(candidate),
        ];
        for (const issue of issues) {
          const column = columnOfPath(issue.path);
          if (!rowErrors.some((e) => related(column).includes(e.column))) rowErrors.push({ column, code: issue.code });
        }
        const effectiveFrom = parsed.effectiveFrom ?? today;
        if (prev && effectiveFrom < prev.effectiveFrom) rowErrors.push({ column: 'effectiveFrom', code: 'procedure.effective_before_latest' });

        // Reported left to right, as the user reads the row.
        rowErrors.sort((a, b) => COLUMN_ORDER.indexOf(a.column) - COLUMN_ORDER.indexOf(b.column));
        errors.push(...rowErrors.map((e) => ({ path: `rows.${row}.${e.column}`, row, column: e.column, code: e.code })));
        if (rowErrors.length === 0 && result.success && parsed.code)
          plans.push({ code: parsed.code, current, latest: prev, content: result.data, effectiveFrom });
      }
      if (errors.length) throw new ValidationError('import.invalid', errors);

      const w = { trx, repo: this.repo, audit: this.audit, actor, now: this.clock.now() };
      let created = 0;
      let updated = 0;
      for (const p of plans) {
        if (p.current && p.latest) {
          await appendVersion(w, p.current, p.latest, p.content, p.effectiveFrom);
          updated++;
        } else {
          await createProcedure(w, { unitId, code: p.code, status: 'active', content: p.content, effectiveFrom: p.effectiveFrom });
          created++;
        }
      }
      await this.audit.record(trx, actor, {
        action: 'import',
        entity: 'procedure_import',
        entityId: null,
        unitId,
        after: { format, rows: sheet.rows.length, created, updated },
      });
      return { created, updated };
    });
  }
}
