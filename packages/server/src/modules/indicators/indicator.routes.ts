import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { sendDownload } from '../../platform/http/download';
import { writeQd766Workbook } from './indicator-export';
import type { IndicatorService } from './indicator.service';
import {
  BreakdownQuery,
  BreakdownView,
  CreateEntryBody,
  CreateSetBody,
  EntryList,
  EntryView,
  IdParams,
  PeriodQuery,
  Qd766View,
  SetList,
  SetView,
  TrendView,
  UpdateEntryBody,
  VersionQuery,
} from './indicator.schemas';

export interface IndicatorRoutesOptions {
  service: IndicatorService;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** QĐ 766 service-quality indicators (docs/domain/qd766.md). */
export const indicatorRoutes: FastifyPluginAsyncZod<IndicatorRoutesOptions> = async (app, { service }) => {
  const tags = ['indicators'];
  app.get(
    '/api/indicators/766',
    {
      schema: {
        tags,
        summary: 'QĐ 766 indicators of a unit (and the units below it) for a period, computed live',
        querystring: PeriodQuery,
        response: { 200: Qd766View },
      },
    },
    (req) => service.report(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/indicators/766/trend',
    { schema: { tags, summary: 'The QĐ 766 score month by month (at most 24 months)', querystring: PeriodQuery, response: { 200: TrendView } } },
    (req) => service.trend(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/indicators/766/breakdown',
    {
      schema: {
        tags,
        summary: 'The dossier-counted QĐ 766 indicators per unit, procedure or sector',
        querystring: BreakdownQuery,
        response: { 200: BreakdownView },
      },
    },
    (req) => service.breakdown(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/indicators/766/export',
    { schema: { tags, summary: 'The QĐ 766 results as an Excel workbook in the layout of the national report', querystring: PeriodQuery, produces: [XLSX] } },
    async (req, reply) => {
      const { view, lines } = await service.exportData(requireActor(req.actor), req.query);
      return sendDownload(reply, {
        fileName: `chi-so-766-${req.query.from}-${req.query.to}.xlsx`,
        contentType: XLSX,
        data: await writeQd766Workbook(view, lines),
      });
    },
  );
  app.get(
    '/api/indicators/766/entries',
    {
      schema: {
        tags,
        summary: 'Figures entered for the indicators CCHC does not count, of a unit and below, overlapping a period',
        querystring: PeriodQuery,
        response: { 200: EntryList },
      },
    },
    (req) => service.entries(requireActor(req.actor), req.query),
  );
  app.post(
    '/api/indicators/766/entries',
    { schema: { tags, summary: 'Enter the figures of an entered indicator for a unit and period', body: CreateEntryBody, response: { 201: EntryView } } },
    async (req, reply) => reply.status(201).send(await service.createEntry(requireActor(req.actor), req.body)),
  );
  app.patch(
    '/api/indicators/766/entries/:id',
    { schema: { tags, summary: 'Change entered figures (optimistic version)', params: IdParams, body: UpdateEntryBody, response: { 200: EntryView } } },
    (req) => service.updateEntry(requireActor(req.actor), req.params.id, req.body),
  );
  app.delete(
    '/api/indicators/766/entries/:id',
    { schema: { tags, summary: 'Delete entered figures (optimistic version)', params: IdParams, querystring: VersionQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteEntry(requireActor(req.actor), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/indicators/766/sets',
    { schema: { tags, summary: 'Indicator sets: the national one and the units\u2019 own', response: { 200: SetList } } },
    (req) => service.sets(requireActor(req.actor)),
  );
  app.post(
    '/api/indicators/766/sets',
    {
      schema: {
        tags,
        summary: 'A unit\u2019s own indicator set: maxima, thresholds and targets over the set in force',
        body: CreateSetBody,
        response: { 201: SetView },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createSet(requireActor(req.actor), req.body)),
  );
};
