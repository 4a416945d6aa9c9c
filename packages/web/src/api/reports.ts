// Periodic reports (docs/reports.md): obligations, instances, submissions, the Word draft.
import type { DueRule, PeriodKind, ReportStatus } from '@cchc/domain';
import { fileNameFrom, postFile, request, send, withQuery } from './http';
import type { Page } from './types';

export type { DueRule, PeriodKind, ReportStatus };

export interface ChecklistItem {
  key: string;
  label: string;
}

export interface PeriodSelection {
  kind: PeriodKind;
  numbers: number[] | null;
  cumulative: boolean;
}

export interface Obligation {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  recipient: string;
  period: PeriodSelection;
  dueRule: DueRule;
  responsibleUnitId: string;
  responsibleUnitName: string | null;
  checklist: ChecklistItem[];
  parCriteria: string[];
  servesPar: boolean;
  shippedKey: string | null;
  isActive: boolean;
  version: number;
  updatedAt: string;
  can: { update: boolean };
}

export interface ObligationInput {
  code: string;
  name: string;
  recipient: string;
  period: PeriodSelection;
  dueRule: DueRule;
  responsibleUnitId: string;
  checklist: ChecklistItem[];
  parCriteria: string[];
  isActive: boolean;
}

export interface ReportInstance {
  id: string;
  obligationId: string;
  obligationCode: string;
  name: string;
  recipient: string;
  periodKind: PeriodKind;
  periodKey: string;
  periodFrom: string;
  periodTo: string;
  year: number;
  dueOn: string;
  responsibleUnitId: string;
  responsibleUnitName: string | null;
  status: ReportStatus;
  sentOn: string | null;
  isComplete: boolean | null;
  servesPar: boolean;
  submissionCount: number;
  version: number;
  can: { update: boolean; submit: boolean };
}

export interface Submission {
  id: string;
  versionNo: number;
  sentNumber: string;
  sentOn: string;
  ticked: string[];
  missing: string[];
  isComplete: boolean;
  isLate: boolean;
  lateReason: string | null;
  files: Array<{ id: string; name: string }>;
  note: string | null;
  submittedBy: string;
  submittedByName: string | null;
  submittedAt: string;
}

export interface ReportInstanceView extends ReportInstance {
  checklist: ChecklistItem[];
  parCriteria: string[];
  calendarVersion: string;
  submissions: Submission[];
}

export type InstanceSort = 'dueOn' | 'name' | 'periodTo' | 'sentOn';
export interface InstanceQuery {
  year?: number;
  status?: ReportStatus;
  unitId?: string;
  obligationId?: string;
  dueWithin?: number;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: InstanceSort;
  order?: 'asc' | 'desc';
}

export interface SubmitInput {
  version: number;
  sentNumber: string;
  sentOn: string;
  ticked: string[];
  fileIds: string[];
  lateReason: string | null;
  note: string | null;
}

export const reportKeys = {
  all: ['reports'] as const,
  obligations: ['reports', 'obligations'] as const,
  list: (q: InstanceQuery) => ['reports', 'instances', q] as const,
  detail: (id: string) => ['reports', 'instance', id] as const,
};

const instancePath = (id: string) => `/api/reports/instances/${encodeURIComponent(id)}`;
const obligationPath = (id: string) => `/api/reports/obligations/${encodeURIComponent(id)}`;

export const listObligations = () => request<{ items: Obligation[]; total: number }>('/api/reports/obligations');
export const createObligation = (agencyId: string, input: ObligationInput) =>
  request<Obligation>('/api/reports/obligations', { method: 'POST', body: { agencyId, ...input } });
export const updateObligation = (id: string, version: number, input: Partial<ObligationInput>) =>
  request<Obligation>(obligationPath(id), { method: 'PATCH', body: { version, ...input } });
export const deleteObligation = (id: string, version: number) => request<void>(withQuery(obligationPath(id), { version }), { method: 'DELETE' });
export const installShipped = (agencyId: string) =>
  request<{ items: Obligation[]; total: number }>('/api/reports/obligations/install-shipped', { method: 'POST', body: { agencyId } });
export const generateInstances = (year: number) =>
  request<{ year: number; created: number; updated: number }>(withQuery('/api/reports/instances/generate', { year }), { method: 'POST' });

export const listInstances = (q: InstanceQuery) => request<Page<ReportInstance>>(withQuery('/api/reports/instances', { ...q }));
export const getInstance = (id: string) => request<ReportInstanceView>(instancePath(id));
export const submitReport = (id: string, input: SubmitInput) => request<ReportInstanceView>(`${instancePath(id)}/submissions`, { method: 'POST', body: input });
export const uploadReportFile = (id: string, file: File) =>
  postFile<{ id: string; name: string }>(withQuery('/api/files', { ownerEntity: 'report_instance', ownerId: id }), file);

export async function exportInstances(q: InstanceQuery): Promise<{ blob: Blob; fileName: string }> {
  const { page: _p, pageSize: _s, ...filters } = q;
  const res = await send(withQuery('/api/reports/instances/export', { ...filters }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'bao-cao-dinh-ky.xlsx') };
}

export async function downloadDraft(id: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(`${instancePath(id)}/draft`);
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'du-thao-bao-cao.docx') };
}
