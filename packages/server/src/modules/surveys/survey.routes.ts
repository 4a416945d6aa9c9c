import { contentDisposition, sendDownload } from '../../platform/http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { canAnywhere } from '@cchc/domain';
import { checkedSampleSize, type CampaignService } from './campaign.service';
import type { QuestionnaireService } from './questionnaire.service';
import { COUNT_DIMS } from './survey-counts.repository';
import type { SurveyResultsService } from './survey-results.service';
import type { SurveyExportService } from './survey-export.service';
import type { PaperEntryService } from './paper-entry.service';
import type { SurveyMailing } from './survey-mailing';
import type { RespondentImport } from './respondent-import';
import type { SurveyPrint } from './survey-print';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import {
  CampaignList,
  CampaignListQuery,
  EmailInvitationsBody,
  EmailInvitationsResult,
  LettersBody,
  CampaignView,
  CreateCampaignBody,
  CreateQuestionnaireBody,
  IdParams,
  ImportQuestionnaireBody,
  ImportSheetQuery,
  InvitationList,
  InvitationListQuery,
  InvitationParams,
  InvitationView,
  IssueLinksBody,
  IssuedLinks,
  PopulationPreview,
  PopulationPreviewQuery,
  QuestionnaireDocument,
  QuestionnaireList,
  QuestionnaireListQuery,
  QuestionnaireView,
  SampleSizeQuery,
  SampleSizeResult,
  TemplateList,
  UpdateQuestionnaireBody,
  VersionBody,
  PaperEntryBody,
  PaperEntryCreated,
  PaperEntryList,
  PaperEntryListQuery,
  PaperEntryParams,
  PaperConfirmBody,
  PaperConfirmed,
  RespondentsImported,
  SurveyResultsView,
} from './survey.schemas';

const ResultsQuery = z.object({
  by: z.enum(Object.keys(COUNT_DIMS) as [keyof typeof COUNT_DIMS, ...Array<keyof typeof COUNT_DIMS>]).optional(),
  // Leave the responses with a data-quality flag out of the indices (docs/surveys.md, "Results").
  excludeFlagged: z.enum(['true', 'false']).optional(),
});
const TextsQuery = z.object({
  questionId: z.string().min(1).max(40),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const ExportQuery = z.object({ format: z.enum(['csv', 'codebook', 'xlsx']).default('xlsx') });

export const surveyRoutes: FastifyPluginAsyncZod<{
  questionnaires: QuestionnaireService;
  campaigns: CampaignService;
  mailing: SurveyMailing;
  respondents: RespondentImport;
  print: SurveyPrint;
  results: SurveyResultsService;
  exports: SurveyExportService;
  paper: PaperEntryService;
}> = async (app, { questionnaires, campaigns, mailing, respondents, print, results, exports, paper }) => {
  const tags = ['surveys'];
  app.get(
    '/api/surveys/sample-size',
    {
      schema: {
        tags,
        summary: 'Sample size n = N / (1 + N·e²), rounded up (400 for N < 1 or e outside (0, 0.5))',
        querystring: SampleSizeQuery,
        response: { 200: SampleSizeResult },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      if (!canAnywhere(actor, 'survey.read') && !canAnywhere(actor, 'survey.manage')) throw new ForbiddenError('forbidden', [], { action: 'survey.read' });
      return { n: checkedSampleSize(req.query.population, req.query.margin) };
    },
  );
  app.get(
    '/api/surveys/templates',
    { schema: { tags, summary: 'Questionnaire templates shipped with the product', response: { 200: TemplateList } } },
    (req) => {
      const actor = requireActor(req.actor);
      if (!canAnywhere(actor, 'survey.read')) throw new ForbiddenError('forbidden', [], { action: 'survey.read' });
      return questionnaires.templates();
    },
  );
  app.get(
    '/api/surveys/questionnaires',
    { schema: { tags, summary: 'Questionnaires in scope, paginated', querystring: QuestionnaireListQuery, response: { 200: QuestionnaireList } } },
    (req) => questionnaires.list(requireActor(req.actor), req.query),
  );
  app.post(
    '/api/surveys/questionnaires',
    {
      schema: {
        tags,
        summary: 'A new draft questionnaire, from a template or a definition',
        body: CreateQuestionnaireBody,
        response: { 201: QuestionnaireView },
      },
    },
    async (req, reply) => reply.code(201).send(await questionnaires.create(requireActor(req.actor), req.body)),
  );
  app.post(
    '/api/surveys/questionnaires/import',
    {
      schema: { tags, summary: 'Import a questionnaire exported as JSON, as a new draft', body: ImportQuestionnaireBody, response: { 201: QuestionnaireView } },
    },
    async (req, reply) => reply.code(201).send(await questionnaires.importDocument(requireActor(req.actor), req.body.unitId, req.body.document.definition)),
  );
  app.post(
    '/api/surveys/questionnaires/import-xlsx',
    {
      schema: {
        tags,
        summary:
          'Import a questionnaire from .xlsx (multipart field "file"; sheets "Câu hỏi" and "Phiếu") as a new draft; every row is checked, nothing is written on any problem',
        querystring: ImportSheetQuery,
        consumes: ['multipart/form-data'],
        response: { 201: QuestionnaireView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.actor);
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      return reply.code(201).send(await questionnaires.importSheet(actor, req.query.unitId, await part.toBuffer()));
    },
  );
  app.get(
    '/api/surveys/questionnaires/:id/export-xlsx',
    {
      schema: {
        tags,
        summary: 'The questionnaire as .xlsx: one row per question with its section, type, texts, options and weights, condition and tag',
        params: IdParams,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => sendDownload(reply, await questionnaires.exportSheet(requireActor(req.actor), req.params.id)),
  );
  app.get(
    '/api/surveys/questionnaires/:id',
    {
      schema: {
        tags,
        summary: 'A questionnaire version with its definition and what stops publication',
        params: IdParams,
        response: { 200: QuestionnaireView },
      },
    },
    (req) => questionnaires.get(requireActor(req.actor), req.params.id),
  );
  app.put(
    '/api/surveys/questionnaires/:id',
    {
      schema: {
        tags,
        summary: 'Save a draft; on a published version, the edit becomes the next version (a new id)',
        params: IdParams,
        body: UpdateQuestionnaireBody,
        response: { 200: QuestionnaireView },
      },
    },
    (req) => questionnaires.update(requireActor(req.actor), req.params.id, req.body),
  );
  app.post(
    '/api/surveys/questionnaires/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish (freeze) a draft; 400 names each question that prevents it',
        params: IdParams,
        body: VersionBody,
        response: { 200: QuestionnaireView },
      },
    },
    (req) => questionnaires.publish(requireActor(req.actor), req.params.id, req.body.version),
  );
  app.get(
    '/api/surveys/questionnaires/:id/export',
    { schema: { tags, summary: 'The questionnaire as a JSON document (import it elsewhere)', params: IdParams, response: { 200: QuestionnaireDocument } } },
    async (req, reply) => {
      const f = await questionnaires.exportDocument(requireActor(req.actor), req.params.id);
      return reply.header('content-disposition', contentDisposition(f.fileName)).send(f.document);
    },
  );

  app.get(
    '/api/surveys/population',
    {
      schema: {
        tags,
        summary: 'Population of returned dossiers per stratum and the sample it would get (live form help)',
        querystring: PopulationPreviewQuery,
        response: { 200: PopulationPreview },
      },
    },
    (req) => campaigns.preview(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/surveys/campaigns',
    { schema: { tags, summary: 'Campaigns in scope, paginated', querystring: CampaignListQuery, response: { 200: CampaignList } } },
    (req) => campaigns.list(requireActor(req.actor), req.query),
  );
  app.post(
    '/api/surveys/campaigns',
    { schema: { tags, summary: 'Start a campaign: the sample is drawn now from a stored seed', body: CreateCampaignBody, response: { 201: CampaignView } } },
    async (req, reply) => reply.code(201).send(await campaigns.create(requireActor(req.actor), req.body)),
  );
  app.get(
    '/api/surveys/campaigns/:id',
    { schema: { tags, summary: 'A campaign with its strata and response rate per stratum', params: IdParams, response: { 200: CampaignView } } },
    (req) => campaigns.get(requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/surveys/campaigns/:id/close',
    { schema: { tags, summary: 'Close a campaign: its links stop working', params: IdParams, body: VersionBody, response: { 200: CampaignView } } },
    (req) => campaigns.close(requireActor(req.actor), req.params.id, req.body.version),
  );
  app.get(
    '/api/surveys/campaigns/:id/invitations',
    { schema: { tags, summary: 'The drawn respondents, paginated', params: IdParams, querystring: InvitationListQuery, response: { 200: InvitationList } } },
    (req) => campaigns.invitations(requireActor(req.actor), req.params.id, req.query),
  );
  app.post(
    '/api/surveys/campaigns/:id/links',
    {
      schema: {
        tags,
        summary: 'Issue one-time links (shown once; only their hashes are kept)',
        params: IdParams,
        body: IssueLinksBody,
        response: { 200: IssuedLinks },
      },
    },
    (req) => campaigns.issueLinks(requireActor(req.actor), req.params.id, req.body.invitationIds),
  );
  app.post(
    '/api/surveys/campaigns/:id/respondents',
    {
      schema: {
        tags,
        summary: 'Import officials or organisations into a list campaign from .xlsx (multipart field "file"); every row is checked before any is written',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: RespondentsImported },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.actor);
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      return reply.code(201).send(await respondents.import(actor, req.params.id, await part.toBuffer()));
    },
  );
  app.post(
    '/api/surveys/campaigns/:id/letters',
    {
      schema: {
        tags,
        summary:
          'Printed invitation letters (.docx), one page each with a one-time link and its QR code minted now; optionally followed by the paper questionnaire',
        params: IdParams,
        body: LettersBody,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (req, reply) => sendDownload(reply, await print.letters(requireActor(req.actor), req.params.id, req.body)),
  );
  app.get(
    '/api/surveys/campaigns/:id/questionnaire.docx',
    {
      schema: {
        tags,
        summary: "The campaign's questionnaire as a printable Word form, with a QR code to the staff page where paper forms are entered",
        params: IdParams,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (req, reply) => sendDownload(reply, await print.questionnaire(requireActor(req.actor), req.params.id)),
  );
  app.post(
    '/api/surveys/campaigns/:id/email-invitations',
    {
      schema: {
        tags,
        summary: 'Queue an e-mail invitation to every drawn respondent with an address (once each), and optionally a reminder day; links are minted when sent',
        params: IdParams,
        body: EmailInvitationsBody,
        response: { 200: EmailInvitationsResult },
      },
    },
    (req) => mailing.queueInvitations(requireActor(req.actor), req.params.id, req.body),
  );
  app.post(
    '/api/surveys/campaigns/:id/invitations/:invitationId/replace',
    {
      schema: {
        tags,
        summary: 'Replace an unreachable respondent with the next one of the seeded draw',
        params: InvitationParams,
        response: { 201: InvitationView },
      },
    },
    async (req, reply) => reply.code(201).send(await campaigns.replace(requireActor(req.actor), req.params.id, req.params.invitationId)),
  );
  app.post(
    '/api/surveys/campaigns/:id/paper-responses',
    {
      schema: {
        tags,
        summary: 'First keying of a paper form (checked as on the web); it counts only once a second person confirms it',
        params: IdParams,
        body: PaperEntryBody,
        response: { 201: PaperEntryCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await paper.enter(requireActor(req.actor), req.params.id, req.body)),
  );
  app.get(
    '/api/surveys/campaigns/:id/paper-entries',
    {
      schema: {
        tags,
        summary: 'Paper forms waiting for their second keying (without their answers)',
        params: IdParams,
        querystring: PaperEntryListQuery,
        response: { 200: PaperEntryList },
      },
    },
    (req) => paper.pending(requireActor(req.actor), req.params.id, req.query),
  );
  app.post(
    '/api/surveys/campaigns/:id/paper-entries/:entryId/confirm',
    {
      schema: {
        tags,
        summary: 'Second keying by another person: equal answers write and count the response; differences → 409 listing them, unless acceptSecond',
        params: PaperEntryParams,
        body: PaperConfirmBody,
        response: { 200: PaperConfirmed },
      },
    },
    (req) => paper.confirm(requireActor(req.actor), req.params.id, req.params.entryId, req.body),
  );
  app.get(
    '/api/surveys/campaigns/:id/results',
    {
      schema: {
        tags,
        summary: 'Indices with margins of error, distributions, data-quality flags and a breakdown (small groups suppressed)',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: SurveyResultsView },
      },
    },
    (req) => results.results(requireActor(req.actor), req.params.id, req.query.by, req.query.excludeFlagged === 'true'),
  );
  app.get(
    '/api/surveys/campaigns/:id/texts',
    { schema: { tags, summary: 'Free-text answers of a question, filtered and paginated', params: IdParams, querystring: TextsQuery } },
    (req) => results.texts(requireActor(req.actor), req.params.id, req.query),
  );
  app.get(
    '/api/surveys/campaigns/:id/export',
    {
      schema: {
        tags,
        summary: 'Results as .xlsx, responses as CSV (one row per response, coded answers) or the codebook as CSV',
        params: IdParams,
        querystring: ExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => {
      const f = await exports.export(requireActor(req.actor), req.params.id, req.query.format);
      return sendDownload(reply, f);
    },
  );
};
