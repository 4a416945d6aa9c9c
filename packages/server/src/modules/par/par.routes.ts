import { sendDownload } from '../../platform/http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { ValidationError } from '../../platform/errors';
import type { Clock } from '../../platform/clock';
import type { ParCycleService } from './par-cycle.service';
import type { ParEvidenceService } from './par-evidence.service';
import type { ParHistoryService } from './par-history.service';
import type { ParProjectionService } from './par-projection.service';
import type { ParReadService } from './par-read.service';
import type { ParCriteriaService } from './par-criteria.service';
import { DOCX_TYPE, evidenceXlsx, reportDocx, scorecardXlsx, XLSX_TYPE } from './par-export';
import {
  AddNodeBody,
  AppraisalBody,
  AssessmentList,
  AssessmentView,
  CloneSetBody,
  CreateAssessmentBody,
  CreateSetBody,
  EvidenceBody,
  EvidenceList,
  EvidenceView,
  ExportQuery,
  HistoryView,
  IdParams,
  ImportSetBody,
  ImportXlsxQuery,
  LinkBody,
  LinkParams,
  ListQuery,
  MetricCatalogueView,
  NodeParams,
  ProjectionQuery,
  ProjectionSummaryView,
  ProjectionView,
  PublishBody,
  PublishedResultBody,
  RankingQuery,
  RankingView,
  ScoreParams,
  SelfScoreBody,
  SetExport,
  SetList,
  SetView,
  SummaryQuery,
  UnitParams,
  UpdateEvidenceBody,
  UpdateNodeBody,
  UpdateSetBody,
  VersionBody,
  VersionQuery,
  WhatIfBody,
} from './par.schemas';

const ScoreView = z.object({
  criterionId: z.string(),
  selfHundredths: z.number().int().nullable(),
  selfNote: z.string().nullable(),
  appraisedHundredths: z.number().int().nullable(),
  appraiserComment: z.string().nullable(),
  finalHundredths: z.number().int().nullable(),
  notApplicable: z.boolean(),
  version: z.number().int(),
});

/** The PAR services, one per use case (docs/architecture.md "PAR index"). */
export interface ParServices {
  criteria: ParCriteriaService;
  reads: ParReadService;
  cycle: ParCycleService;
  evidence: ParEvidenceService;
  projection: ParProjectionService;
  history: ParHistoryService;
}

export const parRoutes: FastifyPluginAsyncZod<ParServices & { clock: Clock }> = async (
  app,
  { criteria, reads, cycle, evidence, projection, history, clock },
) => {
  const tags = ['par'];
  const a = (req: { actor?: unknown }) => requireActor(req.actor as Parameters<typeof requireActor>[0]);

  // ---- the metric catalogue (docs/architecture.md "PAR metrics")
  app.get(
    '/api/par/metrics',
    {
      schema: {
        tags,
        summary: 'The metric catalogue: every key a criterion may bind, with its module, value kind, label and description (vi/en)',
        response: { 200: MetricCatalogueView },
      },
    },
    async (req) => ({
      items: criteria.catalogue(a(req)),
    }),
  );

  // ---- criteria sets
  app.get(
    '/api/par/criteria-sets',
    { schema: { tags, summary: 'Criteria sets of the units the user belongs to or sits under', response: { 200: SetList } } },
    async (req) => ({ items: await criteria.list(a(req)) }),
  );
  app.post(
    '/api/par/criteria-sets',
    {
      schema: {
        tags,
        summary: "Create a criteria set from a template ('2019_department', '2021_fields') or empty",
        body: CreateSetBody,
        response: { 201: SetView },
      },
    },
    async (req, reply) => reply.status(201).send(await criteria.create(a(req), req.body)),
  );
  app.post(
    '/api/par/criteria-sets/import',
    {
      schema: {
        tags,
        summary: 'Import a set from its JSON export (all or nothing; errors name rows and codes)',
        body: ImportSetBody,
        response: { 201: SetView },
      },
    },
    async (req, reply) => reply.status(201).send(await criteria.importSet(a(req), req.body)),
  );
  app.post(
    '/api/par/criteria-sets/import-xlsx',
    {
      schema: {
        tags,
        summary: 'Import a set from an .xlsx workbook (multipart field "file"); every row is checked first, errors name row and column; all or nothing',
        querystring: ImportXlsxQuery,
        consumes: ['multipart/form-data'],
        response: { 201: SetView },
      },
    },
    async (req, reply) => {
      const actor = a(req);
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      return reply.status(201).send(await criteria.importXlsx(actor, req.query, await part.toBuffer()));
    },
  );
  app.get(
    '/api/par/criteria-sets/:id',
    { schema: { tags, summary: 'A set with its rows (build the tree from parentId) and validation issues', params: IdParams, response: { 200: SetView } } },
    (req) => criteria.get(a(req), req.params.id),
  );
  app.patch(
    '/api/par/criteria-sets/:id',
    { schema: { tags, summary: 'Edit the set (title, legal basis, rounding, bands)', params: IdParams, body: UpdateSetBody, response: { 200: SetView } } },
    (req) => criteria.update(a(req), req.params.id, req.body),
  );
  app.get(
    '/api/par/criteria-sets/:id/export',
    { schema: { tags, summary: 'The set as JSON (the import format)', params: IdParams, response: { 200: SetExport } } },
    (req) => criteria.export(a(req), req.params.id),
  );
  app.get(
    '/api/par/criteria-sets/:id/export-xlsx',
    { schema: { tags, summary: 'The set as an .xlsx workbook, one row per criterion (the .xlsx import format)', params: IdParams, produces: [XLSX_TYPE] } },
    async (req, reply) => {
      const f = await criteria.exportXlsx(a(req), req.params.id);
      return sendDownload(reply, { ...f, contentType: XLSX_TYPE });
    },
  );
  app.post(
    '/api/par/criteria-sets/:id/clone',
    {
      schema: { tags, summary: "Copy a set (e.g. last year's) as a draft for another year", params: IdParams, body: CloneSetBody, response: { 201: SetView } },
    },
    async (req, reply) => reply.status(201).send(await criteria.clone(a(req), req.params.id, req.body)),
  );
  app.post(
    '/api/par/criteria-sets/:id/activate',
    { schema: { tags, summary: 'Activate a valid set so assessments can use it', params: IdParams, body: VersionBody, response: { 200: SetView } } },
    (req) => criteria.activate(a(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/par/criteria-sets/:id/nodes',
    { schema: { tags, summary: 'Add a row to a draft set', params: IdParams, body: AddNodeBody, response: { 201: SetView } } },
    async (req, reply) => reply.status(201).send(await criteria.addNode(a(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/par/criteria-sets/:id/nodes/:nodeId',
    { schema: { tags, summary: 'Edit or move a row (parentId, order) of a draft set', params: NodeParams, body: UpdateNodeBody, response: { 200: SetView } } },
    (req) => criteria.updateNode(a(req), req.params.id, req.params.nodeId, req.body),
  );
  app.delete(
    '/api/par/criteria-sets/:id/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: 'Delete a row without children from a draft set (version: the set version)',
        params: NodeParams,
        querystring: VersionQuery,
        response: { 200: SetView },
      },
    },
    (req) => criteria.deleteNode(a(req), req.params.id, req.params.nodeId, req.query.version),
  );

  // ---- assessments
  app.get(
    '/api/par/assessments',
    {
      schema: {
        tags,
        summary: 'Assessments in scope (and published ones), with computed vs reported totals',
        querystring: ListQuery,
        response: { 200: AssessmentList },
      },
    },
    async (req) => ({
      ...(await reads.list(a(req), req.query)),
    }),
  );
  app.post(
    '/api/par/assessments',
    { schema: { tags, summary: 'Start the assessment of an agency on an active set', body: CreateAssessmentBody, response: { 201: AssessmentView } } },
    async (req, reply) => reply.status(201).send(await cycle.create(a(req), req.body)),
  );
  app.get(
    '/api/par/assessments/:id',
    { schema: { tags, summary: 'The scorecard: every row with max, self, appraised, final, percent', params: IdParams, response: { 200: AssessmentView } } },
    (req) => reads.get(a(req), req.params.id),
  );
  app.put(
    '/api/par/assessments/:id/scores/:criterionId',
    {
      schema: {
        tags,
        summary: 'Self score and note of a row (version 0 for a first score)',
        params: ScoreParams,
        body: SelfScoreBody,
        response: { 200: ScoreView },
      },
    },
    (req) => cycle.selfScore(a(req), req.params.id, req.params.criterionId, req.body),
  );
  app.put(
    '/api/par/assessments/:id/appraisals/:criterionId',
    { schema: { tags, summary: "Appraiser's score and comment of a row", params: ScoreParams, body: AppraisalBody, response: { 200: ScoreView } } },
    (req) => cycle.appraise(a(req), req.params.id, req.params.criterionId, req.body),
  );
  app.post(
    '/api/par/assessments/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit the self-assessment (or the explanation) for appraisal',
        params: IdParams,
        body: VersionBody,
        response: { 200: AssessmentView },
      },
    },
    (req) => cycle.submit(a(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/par/assessments/:id/request-explanation',
    {
      schema: {
        tags,
        summary: 'The appraiser asks the agency to explain (explanation round)',
        params: IdParams,
        body: VersionBody,
        response: { 200: AssessmentView },
      },
    },
    (req) => cycle.requestExplanation(a(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/par/assessments/:id/finalize',
    { schema: { tags, summary: 'Fix the final scores (appraised, else self)', params: IdParams, body: VersionBody, response: { 200: AssessmentView } } },
    (req) => cycle.finalize(a(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/par/assessments/:id/publish',
    { schema: { tags, summary: 'Publish the final result', params: IdParams, body: PublishBody, response: { 200: AssessmentView } } },
    (req) => cycle.publish(a(req), req.params.id, req.body),
  );
  app.get(
    '/api/par/assessments/:id/projection',
    {
      schema: {
        tags,
        summary: 'Live projection from metrics: projected score per field, points at risk with recovery hints',
        params: IdParams,
        querystring: ProjectionQuery,
        response: { 200: ProjectionView },
      },
    },
    (req) => projection.projection(a(req), req.params.id, req.query.asOf),
  );
  app.get(
    '/api/par/summary',
    {
      schema: {
        tags,
        summary: "The PAR headline of the user's agency for a year: projected, at-risk and unknown points (hundredths); null without an assessment",
        querystring: SummaryQuery,
        response: { 200: ProjectionSummaryView },
      },
    },
    (req) => projection.projectionSummary(a(req), req.query.year),
  );
  app.post(
    '/api/par/assessments/:id/what-if',
    {
      schema: {
        tags,
        summary: 'The projection with some metrics overridden (nothing is saved)',
        params: IdParams,
        body: WhatIfBody,
        response: { 200: ProjectionView },
      },
    },
    (req) => projection.whatIf(a(req), req.params.id, req.body.asOf, req.body.metrics),
  );
  app.get(
    '/api/par/assessments/:id/export',
    {
      schema: {
        tags,
        summary: 'Scorecard or evidence as .xlsx, or the self-assessment report as .docx',
        params: IdParams,
        querystring: ExportQuery,
        produces: [XLSX_TYPE, DOCX_TYPE],
      },
    },
    async (req, reply) => {
      const { view, evidence: register, publishedFields } = await reads.exportData(a(req), req.params.id);
      const what = req.query.what;
      const body =
        what === 'report'
          ? await reportDocx(view, clock.today(), publishedFields)
          : what === 'evidence'
            ? await evidenceXlsx(view, register)
            : await scorecardXlsx(view);
      const name =
        what === 'report'
          ? `bao-cao-tu-danh-gia-${view.year}.docx`
          : what === 'evidence'
            ? `tai-lieu-kiem-chung-${view.year}.xlsx`
            : `bang-diem-cchc-${view.year}.xlsx`;
      return sendDownload(reply, { fileName: name, contentType: what === 'report' ? DOCX_TYPE : XLSX_TYPE, data: body });
    },
  );

  // ---- evidence register
  app.get(
    '/api/par/assessments/:id/evidence',
    { schema: { tags, summary: 'Evidence register of an assessment', params: IdParams, response: { 200: EvidenceList } } },
    async (req) => ({ items: await evidence.listEvidence(a(req), req.params.id) }),
  );
  app.post(
    '/api/par/assessments/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Add a document (then upload its file: POST /api/files ownerEntity=par_evidence, and PATCH attachmentId)',
        params: IdParams,
        body: EvidenceBody,
        response: { 201: EvidenceView },
      },
    },
    async (req, reply) => reply.status(201).send(await evidence.addEvidence(a(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/par/evidence/:id',
    { schema: { tags, summary: 'Edit a document or set its attachment', params: IdParams, body: UpdateEvidenceBody, response: { 200: EvidenceView } } },
    (req) => evidence.updateEvidence(a(req), req.params.id, req.body),
  );
  app.delete(
    '/api/par/evidence/:id',
    { schema: { tags, summary: 'Remove a document from the register', params: IdParams, querystring: VersionQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await evidence.deleteEvidence(a(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/par/evidence/:id/links',
    { schema: { tags, summary: 'Link a document to a row', params: IdParams, body: LinkBody, response: { 200: EvidenceView } } },
    (req) => evidence.link(a(req), req.params.id, req.body.criterionId, true),
  );
  app.delete(
    '/api/par/evidence/:id/links/:criterionId',
    { schema: { tags, summary: 'Unlink a document from a row', params: LinkParams, response: { 200: EvidenceView } } },
    (req) => evidence.link(a(req), req.params.id, req.params.criterionId, false),
  );

  // ---- results
  app.get(
    '/api/par/rankings',
    {
      schema: {
        tags,
        summary: 'Ranking of finished assessments of a year (ties share a rank; unranked listed last)',
        querystring: RankingQuery,
        response: { 200: RankingView },
      },
    },
    async (req) => ({
      items: await reads.rankings(a(req), req.query.year, req.query.scope),
    }),
  );
  app.get(
    '/api/par/agencies/:unitId/history',
    { schema: { tags, summary: 'Year-over-year results of an agency', params: UnitParams, response: { 200: HistoryView } } },
    async (req) => ({ items: await reads.history(a(req), req.params.unitId) }),
  );
  app.post(
    '/api/par/published-results',
    {
      schema: {
        tags,
        summary: 'Enter a historical published result; the total is recomputed and a difference flagged',
        body: PublishedResultBody,
        response: { 201: AssessmentView },
      },
    },
    async (req, reply) => reply.status(201).send(await history.enterPublished(a(req), req.body)),
  );
};
