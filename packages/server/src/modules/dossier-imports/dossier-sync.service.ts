import { createHash, randomUUID } from 'node:crypto';
import type { ServerActor } from '../../platform/auth/actor';
import { convertRecord, ProcedureIndex } from './dossier-import-convert';
import type { RecordIssue } from './dossier-import-record';
import { authorizeImport, NEW_JOB, type DossierImportDeps } from './dossier-import.service';
import type { StagedRow } from './dossier-import.repository';

// Live sync from a provincial one-stop system (issue #11 item 5b, docs/dossier-imports.md#live-sync): the
// same records as the file import, one or up to 1,000 per request, pushed as the source changes them.
// Each record is validated like a file row and answered on its own: the valid ones are written (through
// the same staging and switch, in one transaction with one audit entry per request), the others are
// rejected with their fields. Idempotent by code: a record sent again unchanged is `unchanged`.

export const MAX_SYNC_RECORDS = 1000;

export interface SyncResult {
  index: number;
  code: string | null;
  status: 'inserted' | 'updated' | 'unchanged' | 'rejected';
  errors: RecordIssue[];
}

const codeOf = (src: unknown): string | null => {
  if (typeof src !== 'object' || src === null) return null;
  const o = src as Record<string, unknown>;
  const c = o.MaHoSo ?? o.code;
  return typeof c === 'string' ? c : null;
};

export class DossierSyncService {
  constructor(private readonly deps: Pick<DossierImportDeps, 'db' | 'repo' | 'audit' | 'clock' | 'settings'>) {}

  async sync(actor: ServerActor, unitId: string, records: readonly unknown[]): Promise<{ importId: string; results: SyncResult[] }> {
    authorizeImport(actor, unitId);
    const { db, repo, audit, clock, settings } = this.deps;
    const id = randomUUID();
    const now = clock.now();
    const units = await repo.subtree(unitId);
    const procedures = new ProcedureIndex(await repo.procedures(units));
    const results: SyncResult[] = records.map((r, index) => ({ index, code: codeOf(r), status: 'rejected', errors: [] }));
    const rows: StagedRow[] = [];
    const seen = new Map<string, number>();
    records.forEach((src, index) => {
      const c = convertRecord(src, { importId: id, rowNo: index + 1, procedures, settings });
      if (!c.ok) return void (results[index]!.errors = c.issues);
      // A code twice in one request: the later record is the newer state, so the earlier is superseded.
      const before = seen.get(c.row.code);
      if (before !== undefined) results[before]!.errors = [{ field: 'MaHoSo', code: 'dossier_import.duplicate_code' }];
      seen.set(c.row.code, index);
      rows.push(c.row);
    });
    const keep = new Set(seen.values());
    const staged = rows.filter((r) => keep.has(r.rowNo - 1));
    const body = createHash('sha256').update(JSON.stringify(records)).digest('hex');
    await db.transaction().execute(async (trx) => {
      await repo.create(
        {
          id,
          unitId,
          actorId: actor.userId,
          actorName: actor.fullName,
          actorUsername: actor.username,
          source: 'sync',
          fileName: 'sync',
          format: 'json',
          filePath: null,
          sha256: body,
          sizeBytes: 0,
          status: 'running',
          ...NEW_JOB,
          createdAt: now,
        },
        trx,
      );
      await repo.stage(staged, trx);
      // At most 1,000 rows: no statistics needed (and none taken of a large file another job stages beside).
      const taken = new Set(
        (await repo.stagingIssues(id, units, trx, { analyze: false })).filter((i) => i.code === 'dossier_import.code_taken').map((i) => i.row),
      );
      for (const row of taken) results[row - 1]!.errors = [{ field: 'MaHoSo', code: 'dossier_import.code_taken' }];
      if (taken.size) {
        await trx
          .deleteFrom('dossierImportRows')
          .where('importId', '=', id)
          .where('rowNo', 'in', [...taken])
          .execute();
      }
      const counts = await repo.switchIn(trx, id, { now, actorId: actor.userId, actorName: actor.fullName, analyzed: true });
      for (const o of await repo.outcomes(id, trx)) {
        const r = results[o.rowNo - 1]!;
        r.status = o.action === 'insert' ? 'inserted' : o.action === 'update' ? 'updated' : 'unchanged';
      }
      const rejected = results.filter((r) => r.status === 'rejected').length;
      await audit.record(trx, actor, {
        action: 'import',
        entity: 'dossier_import',
        entityId: id,
        unitId,
        after: { source: 'sync', sha256: body, records: records.length, rejected, ...counts },
      });
      const errors = results.flatMap((r) => r.errors.map((e) => ({ row: r.index + 1, field: e.field, code: e.code })));
      await repo.patch(
        id,
        {
          status: 'done',
          rowsRead: records.length,
          rowsValid: staged.length - taken.size,
          rowsWritten: counts.inserted + counts.updated,
          rowsUnchanged: counts.unchanged,
          errorCount: errors.length,
          errors: JSON.stringify(errors.slice(0, 1000)),
          startedAt: now,
          finishedAt: now,
        },
        trx,
      );
      await repo.clearStaging(id, trx);
    });
    return { importId: id, results };
  }
}
