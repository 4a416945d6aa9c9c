import { fileNameFrom, postFile, request, send, withQuery } from './http';
import type {
  AppraisalInput,
  AssessmentListItem,
  AssessmentView,
  CloneSetInput,
  CreateSetInput,
  CriteriaSetSummary,
  CriteriaSetView,
  EvidenceInput,
  EvidenceView,
  HistoryRow,
  ImportSetInput,
  MetricDefinitionView,
  NodeInput,
  ParExportKind,
  ParRuleInput,
  ProjectionView,
  PublishInput,
  PublishedResultInput,
  RankingRow,
  ScoreView,
  SelfScoreInput,
  UpdateEvidenceInput,
  UpdateSetInput,
  UploadedFile,
} from './par-types';

export const parKeys = {
  all: ['par'] as const,
  sets: ['par', 'sets'] as const,
  set: (id: string) => ['par', 'sets', id] as const,
  assessments: ['par', 'assessments'] as const,
  assessmentList: (year: number | undefined) => ['par', 'assessments', 'list', year ?? null] as const,
  assessment: (id: string) => ['par', 'assessments', 'detail', id] as const,
  evidence: (id: string) => ['par', 'assessments', 'evidence', id] as const,
  projection: (id: string) => ['par', 'assessments', 'projection', id] as const,
  rankings: (year: number) => ['par', 'rankings', year] as const,
  history: (unitId: string) => ['par', 'history', unitId] as const,
  metrics: ['par', 'metrics'] as const,
};

/** The metric catalogue: every key a criterion may bind (the criterion editor's picker). */
export const listMetrics = (): Promise<{ items: MetricDefinitionView[] }> => request<{ items: MetricDefinitionView[] }>('/api/par/metrics');

const setPath = (id: string) => `/api/par/criteria-sets/${encodeURIComponent(id)}`;
const assessmentPath = (id: string) => `/api/par/assessments/${encodeURIComponent(id)}`;
const evidencePath = (id: string) => `/api/par/evidence/${encodeURIComponent(id)}`;

// ---- criteria sets

export const listCriteriaSets = (): Promise<{ items: CriteriaSetSummary[] }> => request<{ items: CriteriaSetSummary[] }>('/api/par/criteria-sets');

export const getCriteriaSet = (id: string): Promise<CriteriaSetView> => request<CriteriaSetView>(setPath(id));

export const createCriteriaSet = (input: CreateSetInput): Promise<CriteriaSetView> =>
  request<CriteriaSetView>('/api/par/criteria-sets', { method: 'POST', body: input });

export const importCriteriaSet = (input: ImportSetInput): Promise<CriteriaSetView> =>
  request<CriteriaSetView>('/api/par/criteria-sets/import', { method: 'POST', body: input });

export const cloneCriteriaSet = (id: string, input: CloneSetInput): Promise<CriteriaSetView> =>
  request<CriteriaSetView>(`${setPath(id)}/clone`, { method: 'POST', body: input });

export const activateCriteriaSet = (id: string, version: number): Promise<CriteriaSetView> =>
  request<CriteriaSetView>(`${setPath(id)}/activate`, { method: 'POST', body: { version } });

/** The set in its import format, as a file the browser can save. */
export async function exportCriteriaSet(id: string): Promise<{ blob: Blob; fileName: string }> {
  const data = await request<{ year: number; scope: string }>(`${setPath(id)}/export`);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  return { blob, fileName: `bo-tieu-chi-cchc-${data.year}-${data.scope}.json` };
}

/** The set as an .xlsx workbook, one row per criterion (the Excel import reads it back). */
export async function exportCriteriaSetXlsx(id: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(`${setPath(id)}/export-xlsx`);
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'bo-tieu-chi-cchc.xlsx') };
}

/** Imports a set from an .xlsx workbook (multipart); a refused file names every row and column, nothing is written. */
export function importCriteriaSetXlsx(input: { ownerUnitId: string; title: string }, file: File): Promise<CriteriaSetView> {
  return postFile<CriteriaSetView>(withQuery('/api/par/criteria-sets/import-xlsx', input), file);
}

/** Edits the set's own details (title, legal basis, rounding, bands); 409 when someone saved first. */
export const updateCriteriaSet = (id: string, version: number, input: UpdateSetInput): Promise<CriteriaSetView> =>
  request<CriteriaSetView>(setPath(id), { method: 'PATCH', body: { ...input, version } });

/** Enters a historical published result; the server recomputes the total and flags a difference. */
export const enterPublishedResult = (input: PublishedResultInput): Promise<AssessmentView> =>
  request<AssessmentView>('/api/par/published-results', { method: 'POST', body: input });

export const addCriterion = (setId: string, version: number, input: NodeInput): Promise<CriteriaSetView> =>
  request<CriteriaSetView>(`${setPath(setId)}/nodes`, { method: 'POST', body: { ...input, version } });

export const updateCriterion = (setId: string, nodeId: string, version: number, input: Partial<NodeInput>): Promise<CriteriaSetView> =>
  request<CriteriaSetView>(`${setPath(setId)}/nodes/${encodeURIComponent(nodeId)}`, { method: 'PATCH', body: { ...input, version } });

export const deleteCriterion = (setId: string, nodeId: string, version: number): Promise<CriteriaSetView> =>
  request<CriteriaSetView>(withQuery(`${setPath(setId)}/nodes/${encodeURIComponent(nodeId)}`, { version }), { method: 'DELETE' });

// ---- assessments

/** A year's assessments (whole), or the latest 200 of every year (the list without a year is paginated). */
export const listAssessments = (year: number | undefined): Promise<{ items: AssessmentListItem[]; total: number }> =>
  request<{ items: AssessmentListItem[]; total: number }>(withQuery('/api/par/assessments', year === undefined ? { pageSize: 200 } : { year }));

export const createAssessment = (setId: string, agencyUnitId: string): Promise<AssessmentView> =>
  request<AssessmentView>('/api/par/assessments', { method: 'POST', body: { setId, agencyUnitId } });

export const getAssessment = (id: string): Promise<AssessmentView> => request<AssessmentView>(assessmentPath(id));

export const saveSelfScore = (id: string, criterionId: string, input: SelfScoreInput): Promise<ScoreView> =>
  request<ScoreView>(`${assessmentPath(id)}/scores/${encodeURIComponent(criterionId)}`, { method: 'PUT', body: input });

export const saveAppraisal = (id: string, criterionId: string, input: AppraisalInput): Promise<ScoreView> =>
  request<ScoreView>(`${assessmentPath(id)}/appraisals/${encodeURIComponent(criterionId)}`, { method: 'PUT', body: input });

export type CycleStep = 'submit' | 'request-explanation' | 'finalize';

export const advanceAssessment = (id: string, step: CycleStep, version: number): Promise<AssessmentView> =>
  request<AssessmentView>(`${assessmentPath(id)}/${step}`, { method: 'POST', body: { version } });

export const publishAssessment = (id: string, input: PublishInput): Promise<AssessmentView> =>
  request<AssessmentView>(`${assessmentPath(id)}/publish`, { method: 'POST', body: input });

export const getProjection = (id: string): Promise<ProjectionView> => request<ProjectionView>(`${assessmentPath(id)}/projection`);

/** The projection with some metrics overridden; nothing is saved. */
export const whatIf = (id: string, metrics: Record<string, ParRuleInput>): Promise<ProjectionView> =>
  request<ProjectionView>(`${assessmentPath(id)}/what-if`, { method: 'POST', body: { metrics } });

export async function exportAssessment(id: string, what: ParExportKind): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(withQuery(`${assessmentPath(id)}/export`, { what }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, what === 'report' ? 'bao-cao-tu-danh-gia.docx' : `${what}.xlsx`) };
}

// ---- evidence register

export const listEvidence = (id: string): Promise<{ items: EvidenceView[] }> => request<{ items: EvidenceView[] }>(`${assessmentPath(id)}/evidence`);

export const addEvidence = (id: string, input: EvidenceInput): Promise<EvidenceView> =>
  request<EvidenceView>(`${assessmentPath(id)}/evidence`, { method: 'POST', body: input });

export const updateEvidence = (evidenceId: string, input: UpdateEvidenceInput): Promise<EvidenceView> =>
  request<EvidenceView>(evidencePath(evidenceId), { method: 'PATCH', body: input });

export const deleteEvidence = (evidenceId: string, version: number): Promise<void> =>
  request<void>(withQuery(evidencePath(evidenceId), { version }), { method: 'DELETE' });

export const linkEvidence = (evidenceId: string, criterionId: string): Promise<EvidenceView> =>
  request<EvidenceView>(`${evidencePath(evidenceId)}/links`, { method: 'POST', body: { criterionId } });

export const unlinkEvidence = (evidenceId: string, criterionId: string): Promise<EvidenceView> =>
  request<EvidenceView>(`${evidencePath(evidenceId)}/links/${encodeURIComponent(criterionId)}`, { method: 'DELETE' });

/** Where an evidence file downloads from; the server authorizes it by the evidence's assessment. */
export const fileUrl = (attachmentId: string): string => `/api/files/${encodeURIComponent(attachmentId)}`;

/** Uploads one file as multipart, owned by the evidence record (POST /api/files, ownerEntity=par_evidence). */
export function uploadEvidenceFile(evidenceId: string, file: File): Promise<UploadedFile> {
  return postFile<UploadedFile>(withQuery('/api/files', { ownerEntity: 'par_evidence', ownerId: evidenceId }), file);
}

// ---- results

export const getRankings = (year: number): Promise<{ items: RankingRow[] }> => request<{ items: RankingRow[] }>(withQuery('/api/par/rankings', { year }));

export const getHistory = (unitId: string): Promise<{ items: HistoryRow[] }> =>
  request<{ items: HistoryRow[] }>(`/api/par/agencies/${encodeURIComponent(unitId)}/history`);
