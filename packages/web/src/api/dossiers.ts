import { call, download, upload, type DownloadedFile } from './http';
import type {
  DossierChannel,
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

export type { DownloadedFile } from './http';

export const listDossiers = (query: DossierQuery): Promise<DossierPage> => call('get', '/api/dossiers', { query });

export const getDossier = (id: string): Promise<Dossier> => call('get', '/api/dossiers/{id}', { params: { id } });

export const createDossier = (input: CreateDossierInput): Promise<CreatedDossier> => call('post', '/api/dossiers', { body: input });

/** Runs one lifecycle action; `version` is the one the user saw (409 when someone acted since). */
export const runDossierAction = (id: string, version: number, input: DossierActionInput): Promise<Dossier> =>
  call('post', '/api/dossiers/{id}/actions', { params: { id }, body: { version, ...input } });

/** Users the dossier can be handed to (active holders of a processing role over its units). */
export const listHandoverCandidates = (id: string): Promise<DossierHandoverCandidates> =>
  call('get', '/api/dossiers/{id}/handover-candidates', { params: { id } });

export const listDossierAssignees = (id: string): Promise<{ items: DossierAssignee[] }> => call('get', '/api/dossiers/{id}/assignees', { params: { id } });

/** Hands the dossier to a specialist (null takes the assignment back); versioned like actions. */
export const assignDossier = (id: string, version: number, assigneeId: string | null): Promise<Dossier> =>
  call('post', '/api/dossiers/{id}/assign', { params: { id }, body: { version, assigneeId } });

/** Assigns several unassigned dossiers to one person: all or nothing (409 names those taken meanwhile). */
export const assignDossiers = (ids: string[], assigneeId: string): Promise<{ assigned: number }> =>
  call('post', '/api/dossiers/assign', { body: { ids, assigneeId } });

/** What a receipt would promise now (or at `receivedAt`), with warnings; writes nothing (issue #13 item 5). */
export const previewReceipt = (query: { procedureId: string; channel: DossierChannel; receivedAt?: string }): Promise<DossierReceiptPreview> =>
  call('get', '/api/dossiers/receipt-preview', { query });

/** The Excel export of the same filters (paging is ignored by the server). */
export function exportDossiers(query: DossierQuery): Promise<DownloadedFile> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return download('get', '/api/dossiers/export', { query: filters }, 'ho-so.xlsx');
}

/** The receipt slip as data, for the print-ready page (issue #13 item 5). */
export const getReceiptSlip = (id: string): Promise<DossierReceiptSlip> => call('get', '/api/dossiers/{id}/receipt-slip', { params: { id } });

/** A printable form of the dossier as .docx (receipt slip, supplement request, refusal, apology, control sheet). */
export const downloadDossierForm = (id: string, form: DossierForm): Promise<DownloadedFile> =>
  download('get', '/api/dossiers/{id}/forms/{form}', { params: { id, form } }, `${form}.docx`);

export const getDossierStatistics = (query: DossierStatisticsQuery): Promise<DossierStatistics> => call('get', '/api/dossiers/statistics', { query });

/** The report of every month of the period (the charts). */
export const getDossierStatisticsSeries = (query: DossierStatisticsQuery): Promise<DossierStatisticsSeries> =>
  call('get', '/api/dossiers/statistics/series', { query: { ...query, granularity: 'month' } });

/** The report per unit, procedure, sector or officer. */
export const getDossierStatisticsBreakdown = (query: DossierStatisticsQuery, by: StatisticsDimension): Promise<DossierStatisticsBreakdown> =>
  call('get', '/api/dossiers/statistics/breakdown', { query: { ...query, by } });

export const exportDossierStatistics = (query: DossierStatisticsQuery): Promise<DownloadedFile> =>
  download('get', '/api/dossiers/statistics/export', { query }, 'thong-ke-ho-so.xlsx');

/** Active procedures in scope for the receipt form, searchable without diacritics. */
export const searchReceiptProcedures = (q: string): Promise<Page<DossierProcedureOption>> =>
  call('get', '/api/procedures', { query: { q, status: 'active', pageSize: 50, sort: 'code' } });

/** A procedure's components checklist for the receipt form. */
export const getReceiptProcedure = (id: string): Promise<DossierProcedureDetail> => call('get', '/api/procedures/{id}', { params: { id } });

/** The dossier's files (the applicant's components, the officers' uploads, the signed result). */
export const listDossierFiles = (id: string): Promise<{ items: DossierFile[] }> => call('get', '/api/dossiers/{id}/files', { params: { id } });

/** Where a file of the dossier is served: `inline` previews PDF and images, `attachment` downloads. */
export const dossierFileUrl = (id: string, fileId: string, disposition: 'inline' | 'attachment'): string =>
  `/api/dossiers/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}?disposition=${disposition}`;

/** Attaches a file to the dossier (e.g. the signed result) and answers its id. */
export const uploadDossierFile = (id: string, file: File): Promise<{ id: string; name: string }> =>
  upload('/api/files', { query: { ownerEntity: 'dossier', ownerId: id } }, file);
