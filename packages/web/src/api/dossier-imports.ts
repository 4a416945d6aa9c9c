import type { ApiResponse } from './contract';
import { call, download, upload, type DownloadedFile } from './http';

// Dossier imports (docs/dossier-imports.md): start with a file, follow the job, cancel, download the errors.

/** An import job: status, progress, errors with row and field (GET /api/dossier-imports/{id}). */
export type ImportJob = ApiResponse<'/api/dossier-imports/{id}'>;

export const importKeys = { all: ['dossier-imports'] as const, one: (id: string) => ['dossier-imports', id] as const };

export const startImport = (unitId: string, file: File) => upload('/api/dossier-imports', { query: { unitId } }, file);
export const getImport = (id: string): Promise<ImportJob> => call('get', '/api/dossier-imports/{id}', { params: { id } });
export const listImports = (unitId?: string): Promise<{ items: ImportJob[] }> => call('get', '/api/dossier-imports', { query: { unitId } });
export const cancelImport = (id: string): Promise<ImportJob> => call('post', '/api/dossier-imports/{id}/cancel', { params: { id } });

export const downloadImportErrors = (id: string, format: 'xlsx' | 'csv'): Promise<DownloadedFile> =>
  download('get', '/api/dossier-imports/{id}/errors', { params: { id }, query: { format } }, `loi-nhap-ho-so.${format}`);
