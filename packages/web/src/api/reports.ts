// Periodic reports (docs/reports.md): obligations, instances, submissions, the Word draft.
import type { PeriodKind, ReportStatus } from '@cchc/domain';
import type { ApiBody, ApiQuery, ApiResponse } from './contract';
import { call, download, upload, type DownloadedFile } from './http';
import type { Page } from './types';

export type { PeriodKind, ReportStatus };

export type Obligation = ApiResponse<'/api/reports/obligations/{id}', 'patch'>;
export type ChecklistItem = Obligation['checklist'][number];
export type PeriodSelection = Obligation['period'];
export type DueRule = Obligation['dueRule'];
export type ObligationInput = Omit<ApiBody<'/api/reports/obligations', 'post'>, 'agencyId'>;

export type ReportInstance = ApiResponse<'/api/reports/instances'>['items'][number];
export type ReportInstanceView = ApiResponse<'/api/reports/instances/{id}'>;
export type Submission = ReportInstanceView['submissions'][number];

export type InstanceQuery = ApiQuery<'/api/reports/instances'>;
export type InstanceSort = NonNullable<InstanceQuery['sort']>;

export type SubmitInput = ApiBody<'/api/reports/instances/{id}/submissions', 'post'>;

export const reportKeys = {
  all: ['reports'] as const,
  obligations: ['reports', 'obligations'] as const,
  list: (q: InstanceQuery) => ['reports', 'instances', q] as const,
  detail: (id: string) => ['reports', 'instance', id] as const,
};

export const listObligations = (): Promise<{ items: Obligation[]; total: number }> => call('get', '/api/reports/obligations');
export const createObligation = (agencyId: string, input: ObligationInput): Promise<Obligation> =>
  call('post', '/api/reports/obligations', { body: { agencyId, ...input } });
export const updateObligation = (id: string, version: number, input: Partial<ObligationInput>): Promise<Obligation> =>
  call('patch', '/api/reports/obligations/{id}', { params: { id }, body: { version, ...input } });
export const deleteObligation = (id: string, version: number): Promise<void> =>
  call('delete', '/api/reports/obligations/{id}', { params: { id }, query: { version } });
export const installShipped = (agencyId: string): Promise<{ items: Obligation[]; total: number }> =>
  call('post', '/api/reports/obligations/install-shipped', { body: { agencyId } });
export const generateInstances = (year: number): Promise<{ year: number; created: number; updated: number }> =>
  call('post', '/api/reports/instances/generate', { query: { year } });

export const listInstances = (q: InstanceQuery): Promise<Page<ReportInstance>> => call('get', '/api/reports/instances', { query: q });
export const getInstance = (id: string): Promise<ReportInstanceView> => call('get', '/api/reports/instances/{id}', { params: { id } });
export const submitReport = (id: string, input: SubmitInput): Promise<ReportInstanceView> =>
  call('post', '/api/reports/instances/{id}/submissions', { params: { id }, body: input });
export const uploadReportFile = (id: string, file: File) => upload('/api/files', { query: { ownerEntity: 'report_instance', ownerId: id } }, file);

export function exportInstances(q: InstanceQuery): Promise<DownloadedFile> {
  const { page: _p, pageSize: _s, ...filters } = q;
  return download('get', '/api/reports/instances/export', { query: filters }, 'bao-cao-dinh-ky.xlsx');
}

export const downloadDraft = (id: string): Promise<DownloadedFile> =>
  download('get', '/api/reports/instances/{id}/draft', { params: { id } }, 'du-thao-bao-cao.docx');
