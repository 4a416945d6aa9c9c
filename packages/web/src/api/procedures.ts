import { call, download, upload, type DownloadedFile } from './http';
import type {
  CreateProcedureInput,
  ImportResult,
  Page,
  ProcedureFilters,
  ProcedureQuery,
  ProcedureStatus,
  ProcedureSummary,
  ProcedureView,
  SectorOption,
  UpdateProcedureInput,
} from './types';

export const procedureKeys = {
  all: ['procedures'] as const,
  list: (query: ProcedureQuery) => ['procedures', 'list', query] as const,
  detail: (id: string) => ['procedures', 'detail', id] as const,
  sectors: ['procedures', 'sectors'] as const,
};

export const listProcedures = (query: ProcedureQuery): Promise<Page<ProcedureSummary>> => call('get', '/api/procedures', { query });

export const getProcedure = (id: string): Promise<ProcedureView> => call('get', '/api/procedures/{id}', { params: { id } });

export const createProcedure = (input: CreateProcedureInput): Promise<ProcedureView> => call('post', '/api/procedures', { body: input });

export const updateProcedure = (id: string, input: UpdateProcedureInput): Promise<ProcedureView> =>
  call('patch', '/api/procedures/{id}', { params: { id }, body: input });

export const setProcedureStatus = (id: string, version: number, status: ProcedureStatus): Promise<ProcedureView> =>
  call('post', '/api/procedures/{id}/status', { params: { id }, body: { version, status } });

export const deleteProcedure = (id: string, version: number): Promise<void> => call('delete', '/api/procedures/{id}', { params: { id }, query: { version } });

/** Sectors of the published catalogue, for the list's sector filter. */
export const listSectors = (): Promise<{ items: SectorOption[] }> => call('get', '/api/public/sectors');

export const exportProcedures = (filters: ProcedureFilters, format: 'xlsx' | 'csv'): Promise<DownloadedFile> =>
  download('get', '/api/procedures/export', { query: { ...filters, format } }, `thu-tuc-hanh-chinh.${format}`);

/** Uploads a sheet as multipart; every row is checked first and nothing is written when one fails. */
export const importProcedures = (unitId: string, file: File): Promise<ImportResult> => upload('/api/procedures/import', { query: { unitId } }, file);
