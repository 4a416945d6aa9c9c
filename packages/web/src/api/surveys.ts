import { fileNameFrom, postFile, request, send, withQuery } from './http';
import type { Page } from './types';

// The surveys API (issue #12; docs/surveys.md). Types mirror the server's response schemas.

export interface LocalText {
  vi: string;
  en: string;
}
export interface SurveyOption {
  code: string;
  label: LocalText;
  weight: number;
}
export type QuestionType = 'likert' | 'single' | 'multiple' | 'number' | 'yes_no' | 'text';
export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  text: LocalText;
  help: LocalText | null;
  required: boolean;
  showIf: { questionId: string; anyOf: string[] } | null;
  tag: { element: string | null; aspect: string | null; dimension: string | null };
  levels?: SurveyOption[];
  options?: SurveyOption[];
  maxChoices?: number | null;
  min?: number;
  max?: number;
  unit?: LocalText | null;
  maxLength?: number;
}
export interface SurveySection {
  id: string;
  title: LocalText;
  description: LocalText | null;
  questions: SurveyQuestion[];
}
export interface QuestionnaireDefinition {
  title: LocalText;
  intro: LocalText | null;
  sections: SurveySection[];
}
export interface QuestionnaireSummary {
  id: string;
  familyId: string;
  versionNo: number;
  unitId: string;
  status: 'draft' | 'published';
  title: string;
  questionCount: number;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  can: { update: boolean; publish: boolean };
}
export interface PublishIssue {
  path: string;
  code: string;
  questionId?: string;
  sectionId?: string;
}
export interface QuestionnaireView extends QuestionnaireSummary {
  definition: QuestionnaireDefinition;
  publishIssues: PublishIssue[];
  versions: Array<{ id: string; versionNo: number; status: 'draft' | 'published' }>;
}
export interface SurveyTemplate {
  key: string;
  title: LocalText;
  questionCount: number;
}
export interface CampaignSummary {
  id: string;
  unitId: string;
  questionnaireId: string;
  title: string;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
  populationKind: 'dossiers' | 'open' | 'list';
  population: number;
  marginBasisPoints: number;
  sampleSize: number;
  status: 'open' | 'closed';
  responses: number;
  version: number;
  createdAt: string;
  can: { manage: boolean };
}
export interface CampaignStratum {
  key: string;
  label: string;
  population: number;
  allocated: number;
  invited: number;
  replaced: number;
  answered: number;
  responseRateBasisPoints: number | null;
}
export interface CampaignView extends CampaignSummary {
  seed: string;
  questionnaireTitle: string;
  strata: CampaignStratum[];
  openUrl: string | null;
}
export interface PopulationPreview {
  population: number;
  n: number;
  strata: Array<{ key: string; label: string; population: number; allocated: number }>;
}
export interface CreateCampaignInput {
  unitId: string;
  questionnaireId: string;
  title: string;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
  minDurationSeconds: number;
  margin: number;
  population: { kind: 'dossiers'; from: string; to: string; stratifyBy: 'procedure' | 'unit' | 'none' } | { kind: 'open' } | { kind: 'list' };
}
export interface IssuedLink {
  invitationId: string;
  stratumKey: string;
  respondentName: string | null;
  respondentEmail: string | null;
  token: string;
  url: string;
  expiresAt: string;
}
export interface QuestionResult {
  id: string;
  type: QuestionType;
  text: LocalText;
  tag: { element: string | null; aspect: string | null; dimension: string | null };
  answered: number;
  distribution: Array<{ code: string; label: LocalText; count: number; shareBasisPoints: number | null }>;
  percentSatisfiedBasisPoints: number | null;
  marginBasisPoints: number | null;
  weightedMeanBasisPoints: number | null;
  number: { count: number; meanHundredths: number; min: number; max: number } | null;
}
export interface SurveyResults {
  responses: number;
  population: number | null;
  questions: QuestionResult[];
  elements: Array<{ element: string; questions: number; indexBasisPoints: number | null; marginBasisPoints: number | null }>;
  aspects: Array<{ aspect: string; questions: number; indexBasisPoints: number | null; marginBasisPoints: number | null }>;
  expectations: Array<{ questionId: string; code: string; label: LocalText; count: number }>;
  overall: { indexBasisPoints: number | null; marginBasisPoints: number | null };
  /** Data-quality flags (docs/surveys.md, "Results"); `excluded` when the indices leave flagged responses out. */
  quality: { flagged: number; straightLine: number; duplicate: number; tooFast: number; excluded: boolean };
  breakdown: {
    by: string;
    groups: Array<{ key: string | null; label: string | null; responses: number | null; suppressed: boolean; indexBasisPoints: number | null }>;
  } | null;
}
export type Breakdown = 'unit' | 'procedure' | 'channel' | 'mode' | 'group' | 'quality';

export const surveyKeys = {
  all: ['surveys'] as const,
  questionnaires: (q: object) => ['surveys', 'questionnaires', q] as const,
  questionnaire: (id: string) => ['surveys', 'questionnaire', id] as const,
  templates: ['surveys', 'templates'] as const,
  campaigns: (q: object) => ['surveys', 'campaigns', q] as const,
  campaign: (id: string) => ['surveys', 'campaign', id] as const,
  results: (id: string, by: string | undefined, excludeFlagged = false) => ['surveys', 'results', id, by, excludeFlagged] as const,
  population: (q: object) => ['surveys', 'population', q] as const,
  paperEntries: (id: string, page: number) => ['surveys', 'paper-entries', id, page] as const,
};

const qPath = (id: string) => `/api/surveys/questionnaires/${encodeURIComponent(id)}`;
const cPath = (id: string) => `/api/surveys/campaigns/${encodeURIComponent(id)}`;

export const listTemplates = () => request<SurveyTemplate[]>('/api/surveys/templates');
export const listQuestionnaires = (q: { page: number; pageSize: number; status?: string; q?: string }) =>
  request<Page<QuestionnaireSummary>>(withQuery('/api/surveys/questionnaires', q));
export const getQuestionnaire = (id: string) => request<QuestionnaireView>(qPath(id));
export const createQuestionnaire = (unitId: string, template: string) =>
  request<QuestionnaireView>('/api/surveys/questionnaires', { method: 'POST', body: { unitId, template } });
export const saveQuestionnaire = (id: string, version: number, definition: QuestionnaireDefinition) =>
  request<QuestionnaireView>(qPath(id), { method: 'PUT', body: { version, definition } });
export const publishQuestionnaire = (id: string, version: number) => request<QuestionnaireView>(`${qPath(id)}/publish`, { method: 'POST', body: { version } });
export const sampleSize = (population: number, margin: number) => request<{ n: number }>(withQuery('/api/surveys/sample-size', { population, margin }));
export const previewPopulation = (q: { from: string; to: string; stratifyBy: string; margin: number }) =>
  request<PopulationPreview>(withQuery('/api/surveys/population', q));
export const listCampaigns = (q: { page: number; pageSize: number; status?: string }) => request<Page<CampaignSummary>>(withQuery('/api/surveys/campaigns', q));
export const getCampaign = (id: string) => request<CampaignView>(cPath(id));
export const createCampaign = (input: CreateCampaignInput) => request<CampaignView>('/api/surveys/campaigns', { method: 'POST', body: input });
export const closeCampaign = (id: string, version: number) => request<CampaignView>(`${cPath(id)}/close`, { method: 'POST', body: { version } });
export const issueLinks = (id: string) => request<{ items: IssuedLink[] }>(`${cPath(id)}/links`, { method: 'POST', body: {} });
export interface EmailedInvitations {
  queued: number;
  withoutEmail: number;
  remindOn: string | null;
}
export const emailInvitations = (id: string, version: number, remindOn: string | null) =>
  request<EmailedInvitations>(`${cPath(id)}/email-invitations`, { method: 'POST', body: remindOn ? { version, remindOn } : { version } });
export const importRespondents = (id: string, file: File) =>
  postFile<{ imported: number; groups: Array<{ key: string; count: number }> }>(`${cPath(id)}/respondents`, file);
export const getResults = (id: string, by?: Breakdown, excludeFlagged = false) =>
  request<SurveyResults>(withQuery(`${cPath(id)}/results`, { by, excludeFlagged: excludeFlagged ? 'true' : undefined }));

/** Printed letters (.docx): the one-time links are minted by this request, so the file is the only copy. */
export async function printLetters(id: string, body: { withoutEmailOnly: boolean; withQuestionnaire: boolean }): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(`${cPath(id)}/letters`, { method: 'POST', body });
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'thu-moi-khao-sat.docx') };
}

export async function printQuestionnaire(id: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(`${cPath(id)}/questionnaire.docx`);
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'phieu-khao-sat.docx') };
}

export async function exportResults(id: string, format: 'xlsx' | 'csv' | 'codebook'): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(withQuery(`${cPath(id)}/export`, { format }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, `khao-sat.${format === 'xlsx' ? 'xlsx' : 'csv'}`) };
}

// Paper forms keyed twice (docs/surveys.md, "Invitations"): the first keying stays pending until another
// person keys the same form blind; differences come back as 409 `survey.paper_entries_differ`.
export type AnswerValue = string | number | string[];
export interface PaperEntry {
  id: string;
  enteredOn: string;
  respondentGroup: string | null;
  version: number;
  enteredBy: string;
  enteredByName: string;
}
export interface PaperDifference {
  questionId: string;
  first: AnswerValue | null;
  second: AnswerValue | null;
}
export const listPaperEntries = (id: string, q: { page: number; pageSize: number }) => request<Page<PaperEntry>>(withQuery(`${cPath(id)}/paper-entries`, q));
export const enterPaperForm = (id: string, answers: Record<string, AnswerValue>, respondentGroup?: string) =>
  request<{ id: string; status: 'pending'; version: number }>(`${cPath(id)}/paper-responses`, {
    method: 'POST',
    body: respondentGroup ? { answers, respondentGroup } : { answers },
  });
export const confirmPaperForm = (id: string, entryId: string, body: { answers: Record<string, AnswerValue>; version: number; acceptSecond?: boolean }) =>
  request<{ status: 'confirmed'; differences: PaperDifference[] }>(`${cPath(id)}/paper-entries/${encodeURIComponent(entryId)}/confirm`, {
    method: 'POST',
    body,
  });

/** The questionnaire as .xlsx, one row per question (docs/surveys.md, "Questionnaire model"). */
export async function exportQuestionnaireXlsx(id: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(`${qPath(id)}/export-xlsx`);
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'phieu-khao-sat.xlsx') };
}
export const importQuestionnaireXlsx = (unitId: string, file: File) =>
  postFile<QuestionnaireView>(withQuery('/api/surveys/questionnaires/import-xlsx', { unitId }), file);
