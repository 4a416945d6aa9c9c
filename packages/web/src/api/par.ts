import { call, download, upload, type DownloadedFile } from './http';
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
export const listMetrics = (): Promise<{ items: MetricDefinitionView[] }> => call('get', '/api/par/metrics');

// ---- criteria sets

export const listCriteriaSets = (): Promise<{ items: CriteriaSetSummary[] }> => call('get', '/api/par/criteria-sets');

export const getCriteriaSet = (id: string): Promise<CriteriaSetView> => call('get', '/api/par/criteria-sets/{id}', { params: { id } });

export const createCriteriaSet = (input: CreateSetInput): Promise<CriteriaSetView> => call('post', '/api/par/criteria-sets', { body: input });

export const importCriteriaSet = (input: ImportSetInput): Promise<CriteriaSetView> => call('post', '/api/par/criteria-sets/import', { body: input });

export const cloneCriteriaSet = (id: string, input: CloneSetInput): Promise<CriteriaSetView> =>
  call('post', '/api/par/criteria-sets/{id}/clone', { params: { id }, body: input });

export const activateCriteriaSet = (id: string, version: number): Promise<CriteriaSetView> =>
  call('post', '/api/par/criteria-sets/{id}/activate', { params: { id }, body: { version } });

/** The set in its import format, as a file the browser can save. */
export async function exportCriteriaSet(id: string): Promise<{ blob: Blob; fileName: string }> {
  const data = await call('get', '/api/par/criteria-sets/{id}/export', { params: { id } });
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  return { blob, fileName: `bo-tieu-chi-cchc-${data.year}-${data.scope}.json` };
}

/** The set as an .xlsx workbook, one row per criterion (the Excel import reads it back). */
export const exportCriteriaSetXlsx = (id: string): Promise<DownloadedFile> =>
  download('get', '/api/par/criteria-sets/{id}/export-xlsx', { params: { id } }, 'bo-tieu-chi-cchc.xlsx');

/** Imports a set from an .xlsx workbook (multipart); a refused file names every row and column, nothing is written. */
export const importCriteriaSetXlsx = (input: { ownerUnitId: string; title: string }, file: File): Promise<CriteriaSetView> =>
  upload('/api/par/criteria-sets/import-xlsx', { query: input }, file);

/** Edits the set's own details (title, legal basis, rounding, bands); 409 when someone saved first. */
export const updateCriteriaSet = (id: string, version: number, input: UpdateSetInput): Promise<CriteriaSetView> =>
  call('patch', '/api/par/criteria-sets/{id}', { params: { id }, body: { ...input, version } });

/** Enters a historical published result; the server recomputes the total and flags a difference. */
export const enterPublishedResult = (input: PublishedResultInput): Promise<AssessmentView> => call('post', '/api/par/published-results', { body: input });

export const addCriterion = (setId: string, version: number, input: NodeInput): Promise<CriteriaSetView> =>
  call('post', '/api/par/criteria-sets/{id}/nodes', { params: { id: setId }, body: { ...input, version } });

export const updateCriterion = (setId: string, nodeId: string, version: number, input: Partial<NodeInput>): Promise<CriteriaSetView> =>
  call('patch', '/api/par/criteria-sets/{id}/nodes/{nodeId}', { params: { id: setId, nodeId }, body: { ...input, version } });

export const deleteCriterion = (setId: string, nodeId: string, version: number): Promise<CriteriaSetView> =>
  call('delete', '/api/par/criteria-sets/{id}/nodes/{nodeId}', { params: { id: setId, nodeId }, query: { version } });

// ---- assessments

/** A year's assessments (whole), or the latest 200 of every year (the list without a year is paginated). */
export const listAssessments = (year: number | undefined): Promise<{ items: AssessmentListItem[]; total: number }> =>
  call('get', '/api/par/assessments', { query: year === undefined ? { pageSize: 200 } : { year } });

export const createAssessment = (setId: string, agencyUnitId: string): Promise<AssessmentView> =>
  call('post', '/api/par/assessments', { body: { setId, agencyUnitId } });

export const getAssessment = (id: string): Promise<AssessmentView> => call('get', '/api/par/assessments/{id}', { params: { id } });

export const saveSelfScore = (id: string, criterionId: string, input: SelfScoreInput): Promise<ScoreView> =>
  call('put', '/api/par/assessments/{id}/scores/{criterionId}', { params: { id, criterionId }, body: input });

export const saveAppraisal = (id: string, criterionId: string, input: AppraisalInput): Promise<ScoreView> =>
  call('put', '/api/par/assessments/{id}/appraisals/{criterionId}', { params: { id, criterionId }, body: input });

export type CycleStep = 'submit' | 'request-explanation' | 'finalize';

export const advanceAssessment = (id: string, step: CycleStep, version: number): Promise<AssessmentView> =>
  call('post', `/api/par/assessments/{id}/${step}`, { params: { id }, body: { version } });

export const publishAssessment = (id: string, input: PublishInput): Promise<AssessmentView> =>
  call('post', '/api/par/assessments/{id}/publish', { params: { id }, body: input });

export const getProjection = (id: string): Promise<ProjectionView> => call('get', '/api/par/assessments/{id}/projection', { params: { id } });

/** The projection with some metrics overridden; nothing is saved. */
export const whatIf = (id: string, metrics: Record<string, ParRuleInput>): Promise<ProjectionView> =>
  call('post', '/api/par/assessments/{id}/what-if', { params: { id }, body: { metrics } });

export const exportAssessment = (id: string, what: ParExportKind): Promise<DownloadedFile> =>
  download('get', '/api/par/assessments/{id}/export', { params: { id }, query: { what } }, what === 'report' ? 'bao-cao-tu-danh-gia.docx' : `${what}.xlsx`);

// ---- evidence register

export const listEvidence = (id: string): Promise<{ items: EvidenceView[] }> => call('get', '/api/par/assessments/{id}/evidence', { params: { id } });

export const addEvidence = (id: string, input: EvidenceInput): Promise<EvidenceView> =>
  call('post', '/api/par/assessments/{id}/evidence', { params: { id }, body: input });

export const updateEvidence = (evidenceId: string, input: UpdateEvidenceInput): Promise<EvidenceView> =>
  call('patch', '/api/par/evidence/{id}', { params: { id: evidenceId }, body: input });

export const deleteEvidence = (evidenceId: string, version: number): Promise<void> =>
  call('delete', '/api/par/evidence/{id}', { params: { id: evidenceId }, query: { version } });

export const linkEvidence = (evidenceId: string, criterionId: string): Promise<EvidenceView> =>
  call('post', '/api/par/evidence/{id}/links', { params: { id: evidenceId }, body: { criterionId } });

export const unlinkEvidence = (evidenceId: string, criterionId: string): Promise<EvidenceView> =>
  call('delete', '/api/par/evidence/{id}/links/{criterionId}', { params: { id: evidenceId, criterionId } });

/** Where an evidence file downloads from; the server authorizes it by the evidence's assessment. */
export const fileUrl = (attachmentId: string): string => `/api/files/${encodeURIComponent(attachmentId)}`;

/** Uploads one file as multipart, owned by the evidence record (POST /api/files, ownerEntity=par_evidence). */
export const uploadEvidenceFile = (evidenceId: string, file: File): Promise<UploadedFile> =>
  upload('/api/files', { query: { ownerEntity: 'par_evidence', ownerId: evidenceId } }, file);

// ---- results

export const getRankings = (year: number): Promise<{ items: RankingRow[] }> => call('get', '/api/par/rankings', { query: { year } });

export const getHistory = (unitId: string): Promise<{ items: HistoryRow[] }> => call('get', '/api/par/agencies/{unitId}/history', { params: { unitId } });
