import { fileNameFrom, postFile, request, send, withQuery } from './http';
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

const path = (id: string) => `/api/procedures/${encodeURIComponent(id)}`;

export const listProcedures = (query: ProcedureQuery): Promise<Page<ProcedureSummary>> =>
  request<Page<ProcedureSummary>>(withQuery('/api/procedures', { ...query }));

export const getProcedure = (id: string): Promise<ProcedureView> => request<ProcedureView>(path(id));

export const createProcedure = (input: CreateProcedureInput): Promise<ProcedureView> =>
  request<ProcedureView>('/api/procedures', { method: 'POST', body: input });

export const updateProcedure = (id: string, input: UpdateProcedureInput): Promise<ProcedureView> =>
  request<ProcedureView>(path(id), { method: 'PATCH', body: input });

export const setProcedureStatus = (id: string, version: number, status: ProcedureStatus): Promise<ProcedureView> =>
  request<ProcedureView>(`${path(id)}/status`, { method: 'POST', body: { version, status } });

export const deleteProcedure = (id: string, version: number): Promise<void> => request<void>(withQuery(path(id), { version }), { method: 'DELETE' });

/** Sectors of the published catalogue, for the list's sector filter. */
export const listSectors = (): Promise<{ items: SectorOption[] }> => request<{ items: SectorOption[] }>('/api/public/sectors');

export async function exportProcedures(filters: ProcedureFilters, format: 'xlsx' | 'csv'): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(withQuery('/api/procedures/export', { ...filters, format }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, `thu-tuc-hanh-chinh.${format}`) };
}

/** Uploads a sheet as multipart; every row is checked first and nothing is written when one fails. */
export function importProcedures(unitId: string, file: File): Promise<ImportResult> {
  return postFile<ImportResult>(withQuery('/api/procedures/import', { unitId }), file);
}
