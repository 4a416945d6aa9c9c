import { fileNameFrom, postFile, request, send, withQuery } from './http';

// Dossier imports (docs/dossier-imports.md): start with a file, follow the job, cancel, download the errors.

export interface ImportJob {
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
  errors: Array<{ row: number; field: string; code: string }>;
  failure: string | null;
  /** What a running job does now; `phaseStep` of `phaseSteps` switch statements done (docs/dossier-imports.md#the-switch). */
  phase: 'reading' | 'checking' | 'switching' | null;
  phaseStep: number;
  phaseSteps: number;
  timings: Record<string, number>;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  can: { cancel: boolean };
}

export const importKeys = { all: ['dossier-imports'] as const, one: (id: string) => ['dossier-imports', id] as const };

export const startImport = (unitId: string, file: File) => postFile<{ id: string }>(withQuery('/api/dossier-imports', { unitId }), file);
export const getImport = (id: string) => request<ImportJob>(`/api/dossier-imports/${encodeURIComponent(id)}`);
export const listImports = (unitId?: string) => request<{ items: ImportJob[] }>(withQuery('/api/dossier-imports', { unitId }));
export const cancelImport = (id: string) => request<ImportJob>(`/api/dossier-imports/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

export async function downloadImportErrors(id: string, format: 'xlsx' | 'csv'): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(withQuery(`/api/dossier-imports/${encodeURIComponent(id)}/errors`, { format }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, `loi-nhap-ho-so.${format}`) };
}
