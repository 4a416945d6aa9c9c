import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/actor';
import type { DossierFormsService } from './dossier-forms.service';
import type { DossierReportsService } from './dossier-reports.service';
import type { DossierStatisticsService } from './dossier-statistics.service';
import {
  DossierExportQuery,
  DossierFormParams,
  DossierIdParams,
  ReceiptSlipData,
  StatisticsBreakdownQuery,
  StatisticsBreakdownView,
  StatisticsQuery,
  StatisticsSeriesQuery,
  StatisticsSeriesView,
  StatisticsView,
} from './dossier.schemas';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download: ASCII `filename` for old clients, the exact name in `filename*` (RFC 6266). */
function download(reply: FastifyReply, f: { fileName: string; contentType: string; data: Buffer }) {
  const ascii = f.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(f.data);
}

/**
 * Statistics, Excel exports and printed forms of dossiers. The static paths (`/statistics`,
 * `/export`) win over `/api/dossiers/:id` in Fastify's router whatever the registration order.
 */
export const dossierReportRoutes: FastifyPluginAsyncZod<{
  reports: DossierReportsService;
  statistics: DossierStatisticsService;
  forms: DossierFormsService;
}> = async (app, { reports, statistics, forms }) => {
  const tags = ['dossiers'];
  app.get(
    '/api/dossiers/statistics',
    {
      schema: {
        tags,
        summary:
          'The operational report of a period (docs/domain/statistics.md) over the units where the user has dossier.statistics, or one of them and the units below it',
        querystring: StatisticsQuery,
        response: { 200: StatisticsView },
      },
    },
    (req) => statistics.statistics(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/dossiers/statistics/breakdown',
    {
      schema: {
        tags,
        summary: 'The same report per unit (the processing unit, else the agency), procedure, sector or officer (the assignee), counted in the database',
        querystring: StatisticsBreakdownQuery,
        response: { 200: StatisticsBreakdownView },
      },
    },
    (req) => statistics.breakdown(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/dossiers/statistics/series',
    {
      schema: {
        tags,
        summary: 'The same report for every month or quarter of the period (local days, clipped to the period): the charts of the statistics page',
        querystring: StatisticsSeriesQuery,
        response: { 200: StatisticsSeriesView },
      },
    },
    (req) => statistics.series(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/dossiers/statistics/export',
    {
      schema: {
        tags,
        summary: 'The same report as .xlsx laid out like the national report: one line per deciding unit and the totals',
        querystring: StatisticsQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => download(reply, await reports.statisticsXlsx(requireActor(req.actor), req.query)),
  );
  app.get(
    '/api/dossiers/export',
    {
      schema: {
        tags,
        summary: 'The dossiers matching the list filters as .xlsx (at most 10,000 rows, Vietnamese headers)',
        querystring: DossierExportQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => download(reply, await reports.exportXlsx(requireActor(req.actor), req.query)),
  );
  app.get(
    '/api/dossiers/:id/forms/:form',
    {
      schema: {
        tags,
        summary:
          'A printable form of the dossier as .docx: receipt slip (with the lookup QR code), supplement request, refusal, apology letter, control sheet; 409 when it does not apply',
        params: DossierFormParams,
        produces: [DOCX],
      },
    },
    async (req, reply) => {
      const f = await forms.render(requireActor(req.actor), req.params.id, req.params.form);
      return download(reply, { ...f, contentType: DOCX });
    },
  );
  app.get(
    '/api/dossiers/:id/receipt-slip',
    {
      schema: {
        tags,
        summary:
          "The receipt slip's content as data with the lookup QR code (a PNG data URL), for a print-ready page; 409 when the dossier has no receipt slip",
        params: DossierIdParams,
        response: { 200: ReceiptSlipData },
      },
    },
    (req) => forms.receiptSlip(requireActor(req.actor), req.params.id),
  );
};
