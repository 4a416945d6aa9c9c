import { fileNameFrom, postFile, request, send, withQuery } from './http';
import type {
  DossierReceiptSlip,
  CreatedDossier,
  CreateDossierInput,
  Dossier,
  DossierActionInput,
  DossierAssignee,
  DossierHandoverCandidates,
  DossierReceiptPreview,
  DossierFile,
  DossierForm,
  DossierPage,
  DossierProcedureDetail,
  DossierProcedureOption,
  DossierQuery,
  DossierStatistics,
  DossierStatisticsBreakdown,
  DossierStatisticsQuery,
  DossierStatisticsSeries,
  StatisticsDimension,
  Page,
} from './types';

export const dossierKeys = {
  all: ['dossiers'] as const,
  list: (query: DossierQuery) => ['dossiers', 'list', query] as const,
  detail: (id: string) => ['dossiers', 'detail', id] as const,
  assignees: (id: string) => ['dossiers', 'assignees', id] as const,
  handover: (id: string, version: number) => ['dossiers', 'handover', id, version] as const,
  files: (id: string) => ['dossiers', 'files', id] as const,
  receiptSlip: (id: string) => ['dossiers', 'receipt-slip', id] as const,
  statistics: (query: DossierStatisticsQuery) => ['dossiers', 'statistics', query] as const,
  statisticsSeries: (query: DossierStatisticsQuery) => ['dossiers', 'statistics', 'series', query] as const,
  statisticsBreakdown: (query: DossierStatisticsQuery, by: StatisticsDimension) => ['dossiers', 'statistics', 'breakdown', by, query] as const,
  procedures: (q: string) => ['dossiers', 'procedures', q] as const,
  procedure: (id: string) => ['dossiers', 'procedure', id] as const,
};

const path = (id: string) => `/api/dossiers/${encodeURIComponent(id)}`;

/** A file answered by the server, with the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export const listDossiers = (query: DossierQuery): Promise<DossierPage> => request<DossierPage>(withQuery('/api/dossiers', { ...query }));

export const getDossier = (id: string): Promise<Dossier> => request<Dossier>(path(id));

export const createDossier = (input: CreateDossierInput): Promise<CreatedDossier> => request<CreatedDossier>('/api/dossiers', { method: 'POST', body: input });

/** Runs one lifecycle action; `version` is the one the user saw (409 when someone acted since). */
export const runDossierAction = (id: string, version: number, input: DossierActionInput): Promise<Dossier> =>
  request<Dossier>(`${path(id)}/actions`, { method: 'POST', body: { version, ...input } });

/** Users the dossier can be handed to (active holders of a processing role over its units). */
export const listHandoverCandidates = (id: string): Promise<DossierHandoverCandidates> => request<DossierHandoverCandidates>(`${path(id)}/handover-candidates`);

export const listDossierAssignees = (id: string): Promise<{ items: DossierAssignee[] }> => request<{ items: DossierAssignee[] }>(`${path(id)}/assignees`);

/** Hands the dossier to a specialist (null takes the assignment back); versioned like actions. */
export const assignDossier = (id: string, version: number, assigneeId: string | null): Promise<Dossier> =>
  request<Dossier>(`${path(id)}/assign`, { method: 'POST', body: { version, assigneeId } });

/** Assigns several unassigned dossiers to one person: all or nothing (409 names those taken meanwhile). */
export const assignDossiers = (ids: string[], assigneeId: string): Promise<{ assigned: number }> =>
  request<{ assigned: number }>('/api/dossiers/assign', { method: 'POST', body: { ids, assigneeId } });

/** What a receipt would promise now (or at `receivedAt`), with warnings; writes nothing (issue #13 item 5). */
export const previewReceipt = (q: { procedureId: string; channel: string; receivedAt?: string }): Promise<DossierReceiptPreview> =>
  request<DossierReceiptPreview>(withQuery('/api/dossiers/receipt-preview', q));

/** The Excel export of the same filters (paging is ignored by the server). */
export async function exportDossiers(query: DossierQuery): Promise<DownloadedFile> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const res = await send(withQuery('/api/dossiers/export', { ...filters }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'ho-so.xlsx') };
}

/** The receipt slip as data, for the print-ready page (issue #13 item 5). */
export const getReceiptSlip = (id: string): Promise<DossierReceiptSlip> => request<DossierReceiptSlip>(`${path(id)}/receipt-slip`);

/** A printable form of the dossier as .docx (receipt slip, supplement request, refusal, apology, control sheet). */
export async function downloadDossierForm(id: string, form: DossierForm): Promise<DownloadedFile> {
  const res = await send(`${path(id)}/forms/${form}`);
  return { blob: await res.blob(), fileName: fileNameFrom(res, `${form}.docx`) };
}

export const getDossierStatistics = (query: DossierStatisticsQuery): Promise<DossierStatistics> =>
  request<DossierStatistics>(withQuery('/api/dossiers/statistics', { ...query }));

/** The report of every month of the period (the charts). */
export const getDossierStatisticsSeries = (query: DossierStatisticsQuery): Promise<DossierStatisticsSeries> =>
  request<DossierStatisticsSeries>(withQuery('/api/dossiers/statistics/series', { ...query, granularity: 'month' }));

/** The report per unit, procedure, sector or officer. */
export const getDossierStatisticsBreakdown = (query: DossierStatisticsQuery, by: StatisticsDimension): Promise<DossierStatisticsBreakdown> =>
  request<DossierStatisticsBreakdown>(withQuery('/api/dossiers/statistics/breakdown', { ...query, by }));

export async function exportDossierStatistics(query: DossierStatisticsQuery): Promise<DownloadedFile> {
  const res = await send(withQuery('/api/dossiers/statistics/export', { ...query }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'thong-ke-ho-so.xlsx') };
}

/** Active procedures in scope for the receipt form, searchable without diacritics. */
export const searchReceiptProcedures = (q: string): Promise<Page<DossierProcedureOption>> =>
  request<Page<DossierProcedureOption>>(withQuery('/api/procedures', { q, status: 'active', pageSize: 50, sort: 'code' }));

/** A procedure's components checklist for the receipt form. */
export const getReceiptProcedure = (id: string): Promise<DossierProcedureDetail> =>
  request<DossierProcedureDetail>(`/api/procedures/${encodeURIComponent(id)}`);

/** The dossier's files (the applicant's components, the officers' uploads, the signed result). */
export const listDossierFiles = (id: string): Promise<{ items: DossierFile[] }> => request<{ items: DossierFile[] }>(`${path(id)}/files`);

/** Where a file of the dossier is served: `inline` previews PDF and images, `attachment` downloads. */
export const dossierFileUrl = (id: string, fileId: string, disposition: 'inline' | 'attachment'): string =>
  `${path(id)}/files/${encodeURIComponent(fileId)}?disposition=${disposition}`;

/** Attaches a file to the dossier (e.g. the signed result) and answers its id. */
export const uploadDossierFile = (id: string, file: File): Promise<{ id: string; name: string }> =>
  postFile<{ id: string; name: string }>(withQuery('/api/files', { ownerEntity: 'dossier', ownerId: id }), file);
