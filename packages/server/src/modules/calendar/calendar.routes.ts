import type { LocalDate } from '@cchc/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import type { CalendarService } from './calendar.service';
import {
  AddWorkingDaysQuery,
  AddWorkingDaysResult,
  CalendarDayView,
  CalendarYearView,
  CreateDayBody,
  DateParams,
  DeleteDayQuery,
  ImpactQuery,
  ImpactView,
  LunarView,
  UpdateDayBody,
  WorkingDaysBetweenQuery,
  WorkingDaysBetweenResult,
  YearParams,
} from './calendar.schemas';

// The reads are public (no login): citizens and other systems check the official working days.
// Static paths are registered before `/api/calendar/:year`, whose 4-digit schema refuses anything else.
export const calendarRoutes: FastifyPluginAsyncZod<{ service: CalendarService }> = async (app, { service }) => {
  const tags = ['calendar'];
  app.get(
    '/api/calendar/add-working-days',
    {
      schema: {
        tags,
        summary: 'The n-th working day strictly after a date (the start day is never counted)',
        querystring: AddWorkingDaysQuery,
        response: { 200: AddWorkingDaysResult },
      },
    },
    async (req) => ({ date: await service.addWorkingDays(req.query.from as LocalDate, req.query.days) }),
  );
  app.get(
    '/api/calendar/working-days-between',
    {
      schema: {
        tags,
        summary: 'Working days in (from, to]; negative when to is before from',
        querystring: WorkingDaysBetweenQuery,
        response: { 200: WorkingDaysBetweenResult },
      },
    },
    async (req) => ({ days: await service.workingDaysBetween(req.query.from as LocalDate, req.query.to as LocalDate) }),
  );
  app.get(
    '/api/calendar/lunar/:date',
    { schema: { tags, summary: 'Vietnamese lunar date (UTC+7) of a civil date', params: DateParams, response: { 200: LunarView } } },
    async (req) => service.lunar(req.params.date as LocalDate),
  );
  app.get(
    '/api/calendar/impact',
    {
      schema: {
        tags,
        summary: 'Open records whose counting span contains a date; stored due dates never change with the calendar',
        querystring: ImpactQuery,
        response: { 200: ImpactView },
      },
    },
    (req) => service.impact(requireActor(req.actor), req.query.date as LocalDate),
  );
  app.get(
    '/api/calendar/:year',
    {
      schema: {
        tags,
        summary: 'Non-working weekdays and make-up Saturdays of a year (generated and provisional when not announced)',
        params: YearParams,
        response: { 200: CalendarYearView },
      },
    },
    (req) => service.year(req.actor, req.params.year),
  );
  app.post(
    '/api/calendar/days',
    { schema: { tags, summary: 'Add a closure or a make-up Saturday', body: CreateDayBody, response: { 201: CalendarDayView } } },
    async (req, reply) => reply.status(201).send(await service.createDay(requireActor(req.actor), req.body)),
  );
  app.patch(
    '/api/calendar/days/:date',
    { schema: { tags, summary: 'Update a calendar day (optimistic version)', params: DateParams, body: UpdateDayBody, response: { 200: CalendarDayView } } },
    (req) => service.updateDay(requireActor(req.actor), req.params.date as LocalDate, req.body),
  );
  app.delete(
    '/api/calendar/days/:date',
    {
      schema: {
        tags,
        summary: 'Remove a calendar day (the date becomes an ordinary day)',
        params: DateParams,
        querystring: DeleteDayQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.deleteDay(requireActor(req.actor), req.params.date as LocalDate, req.query.version);
      return reply.status(204).send(null);
    },
  );
};
