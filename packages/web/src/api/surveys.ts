import type { ApiBody, ApiQuery, ApiResponse, Schema } from './contract';
import { call, download, upload, type DownloadedFile } from './http';
import type { Page } from './types';

// The surveys API (issue #12; docs/surveys.md), typed from the server's schemas (schema.d.ts).

type Item<T> = T extends { items: Array<infer I> } ? I : never;

// The questionnaire editor's model: one flat question shape for every type (the server's schema is a union by
// type, with each type's own fields). The server checks a saved definition against its schema (400 with the
// field otherwise), so the editor's model is the one type here not read from schema.d.ts.
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
/** The questionnaire as the server answers it, its definition read through the editor's model. */
export type QuestionnaireView = Omit<Schema<'SurveyQuestionnaire'>, 'definition'> & { definition: QuestionnaireDefinition };
export type QuestionnaireSummary = Item<ApiResponse<'/api/surveys/questionnaires'>>;
export type PublishIssue = QuestionnaireView['publishIssues'][number];
export type SurveyTemplate = ApiResponse<'/api/surveys/templates'>[number];
export type CampaignSummary = Item<ApiResponse<'/api/surveys/campaigns'>>;
export type CampaignView = Schema<'SurveyCampaign'>;
export type CampaignStratum = CampaignView['strata'][number];
export type PopulationPreview = ApiResponse<'/api/surveys/population'>;
export type CreateCampaignInput = ApiBody<'/api/surveys/campaigns', 'post'>;
export type IssuedLink = ApiResponse<'/api/surveys/campaigns/{id}/links', 'post'>['items'][number];
export type SurveyResults = Schema<'SurveyResults'>;
export type QuestionResult = SurveyResults['questions'][number];
export type Breakdown = NonNullable<ApiQuery<'/api/surveys/campaigns/{id}/results'>['by']>;

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

export const listTemplates = (): Promise<SurveyTemplate[]> => call('get', '/api/surveys/templates');
export const listQuestionnaires = (query: {
  page: number;
  pageSize: number;
  status?: 'draft' | 'published';
  q?: string;
}): Promise<Page<QuestionnaireSummary>> => call('get', '/api/surveys/questionnaires', { query });
export const getQuestionnaire = (id: string): Promise<QuestionnaireView> => call('get', '/api/surveys/questionnaires/{id}', { params: { id } });
export const createQuestionnaire = (unitId: string, template: SurveyTemplate['key']): Promise<QuestionnaireView> =>
  call('post', '/api/surveys/questionnaires', { body: { unitId, template } });
type SavedDefinition = ApiBody<'/api/surveys/questionnaires/{id}', 'put'>['definition'];
export const saveQuestionnaire = (id: string, version: number, definition: QuestionnaireDefinition): Promise<QuestionnaireView> =>
  call('put', '/api/surveys/questionnaires/{id}', { params: { id }, body: { version, definition: definition as SavedDefinition } });
export const publishQuestionnaire = (id: string, version: number): Promise<QuestionnaireView> =>
  call('post', '/api/surveys/questionnaires/{id}/publish', { params: { id }, body: { version } });
export const sampleSize = (population: number, margin: number): Promise<{ n: number }> =>
  call('get', '/api/surveys/sample-size', { query: { population, margin } });
export const previewPopulation = (query: ApiQuery<'/api/surveys/population'>): Promise<PopulationPreview> => call('get', '/api/surveys/population', { query });
export const listCampaigns = (query: { page: number; pageSize: number; status?: 'open' | 'closed' }): Promise<Page<CampaignSummary>> =>
  call('get', '/api/surveys/campaigns', { query });
export const getCampaign = (id: string): Promise<CampaignView> => call('get', '/api/surveys/campaigns/{id}', { params: { id } });
export const createCampaign = (input: CreateCampaignInput): Promise<CampaignView> => call('post', '/api/surveys/campaigns', { body: input });
export const closeCampaign = (id: string, version: number): Promise<CampaignView> =>
  call('post', '/api/surveys/campaigns/{id}/close', { params: { id }, body: { version } });
export const issueLinks = (id: string): Promise<{ items: IssuedLink[] }> => call('post', '/api/surveys/campaigns/{id}/links', { params: { id }, body: {} });
export type EmailedInvitations = ApiResponse<'/api/surveys/campaigns/{id}/email-invitations', 'post'>;
export const emailInvitations = (id: string, version: number, remindOn: string | null): Promise<EmailedInvitations> =>
  call('post', '/api/surveys/campaigns/{id}/email-invitations', { params: { id }, body: remindOn ? { version, remindOn } : { version } });
export const importRespondents = (id: string, file: File) => upload('/api/surveys/campaigns/{id}/respondents', { params: { id } }, file);
export const getResults = (id: string, by?: Breakdown, excludeFlagged = false): Promise<SurveyResults> =>
  call('get', '/api/surveys/campaigns/{id}/results', { params: { id }, query: { by, excludeFlagged: excludeFlagged ? 'true' : undefined } });

/** Printed letters (.docx): the one-time links are minted by this request, so the file is the only copy. */
export const printLetters = (id: string, body: { withoutEmailOnly: boolean; withQuestionnaire: boolean }): Promise<DownloadedFile> =>
  download('post', '/api/surveys/campaigns/{id}/letters', { params: { id }, body }, 'thu-moi-khao-sat.docx');

export const printQuestionnaire = (id: string): Promise<DownloadedFile> =>
  download('get', '/api/surveys/campaigns/{id}/questionnaire.docx', { params: { id } }, 'phieu-khao-sat.docx');

export const exportResults = (id: string, format: 'xlsx' | 'csv' | 'codebook'): Promise<DownloadedFile> =>
  download('get', '/api/surveys/campaigns/{id}/export', { params: { id }, query: { format } }, `khao-sat.${format === 'xlsx' ? 'xlsx' : 'csv'}`);

// Paper forms keyed twice (docs/surveys.md, "Invitations"): the first keying stays pending until another
// person keys the same form blind; differences come back as 409 `survey.paper_entries_differ`.
export type AnswerValue = string | number | string[];
export type PaperEntry = Item<ApiResponse<'/api/surveys/campaigns/{id}/paper-entries'>>;
export interface PaperDifference {
  questionId: string;
  first: AnswerValue | null;
  second: AnswerValue | null;
}
export const listPaperEntries = (id: string, query: { page: number; pageSize: number }): Promise<Page<PaperEntry>> =>
  call('get', '/api/surveys/campaigns/{id}/paper-entries', { params: { id }, query });
export const enterPaperForm = (id: string, answers: Record<string, AnswerValue>, respondentGroup?: string) =>
  call('post', '/api/surveys/campaigns/{id}/paper-responses', { params: { id }, body: respondentGroup ? { answers, respondentGroup } : { answers } });
export const confirmPaperForm = (id: string, entryId: string, body: { answers: Record<string, AnswerValue>; version: number; acceptSecond?: boolean }) =>
  call('post', '/api/surveys/campaigns/{id}/paper-entries/{entryId}/confirm', { params: { id, entryId }, body });

/** The questionnaire as .xlsx, one row per question (docs/surveys.md, "Questionnaire model"). */
export const exportQuestionnaireXlsx = (id: string): Promise<DownloadedFile> =>
  download('get', '/api/surveys/questionnaires/{id}/export-xlsx', { params: { id } }, 'phieu-khao-sat.xlsx');
export const importQuestionnaireXlsx = (unitId: string, file: File): Promise<QuestionnaireView> =>
  upload('/api/surveys/questionnaires/import-xlsx', { query: { unitId } }, file) as Promise<QuestionnaireView>;
