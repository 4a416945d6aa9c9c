import { z } from 'zod';
import { IMPORT_FORMATS } from './dossier-import-readers';
import { MAX_SYNC_RECORDS } from './dossier-sync.service';

// Request and response shapes of the dossier import and live sync API (docs/dossier-imports.md).

const Id = z.string().min(1).max(100);

export const ImportStartQuery = z.object({ unitId: Id, format: z.enum(IMPORT_FORMATS).optional() });
export const ImportListQuery = z.object({ unitId: Id.optional() });
export const ImportIdParams = z.object({ id: Id });
export const ImportReportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
export const ImportStarted = z.object({ id: z.string() });

const ImportErrorItem = z.object({ row: z.number().int(), field: z.string(), code: z.string() });

export const ImportView = z.object({
  id: z.string(),
  unitId: z.string(),
  fileName: z.string(),
  format: z.string(),
  sha256: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  /** The file's size and how far the job has read it (the progress bar); equal while the job switches. */
  sizeBytes: z.number().int(),
  bytesRead: z.number().int(),
  rowsRead: z.number().int(),
  rowsValid: z.number().int(),
  rowsWritten: z.number().int(),
  rowsUnchanged: z.number().int(),
  errorCount: z.number().int(),
  /** The first 1,000 errors (all are counted in `errorCount`); the report download has the same. */
  errors: z.array(ImportErrorItem),
  failure: z.string().nullable(),
  /** What a running job does now; `phaseStep` of `phaseSteps` switch statements are done (PostgreSQL reports them during the switch). */
  phase: z.enum(['reading', 'checking', 'switching']).nullable(),
  phaseStep: z.number().int(),
  phaseSteps: z.number().int(),
  /** Milliseconds per phase and per switch statement (`switch.insert` …). */
  timings: z.record(z.string(), z.number()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  can: z.object({ cancel: z.boolean() }),
});
export const ImportList = z.object({ items: z.array(ImportView) });

export const SyncQuery = z.object({ unitId: Id });
/** One record (an object) or `{ records: [...] }` with 1–1,000 of them; each is validated on its own. */
export const SyncBody = z.union([
  z.object({ records: z.array(z.unknown()).min(1).max(MAX_SYNC_RECORDS) }),
  z.record(z.string(), z.unknown()).refine((o) => !('records' in o)),
]);
export const SyncAnswer = z.object({
  importId: z.string(),
  results: z.array(
    z.object({
      index: z.number().int(),
      code: z.string().nullable(),
      status: z.enum(['inserted', 'updated', 'unchanged', 'rejected']),
      errors: z.array(z.object({ field: z.string(), code: z.string() })),
    }),
  ),
});
