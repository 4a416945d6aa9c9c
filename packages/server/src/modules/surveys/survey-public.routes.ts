import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Throttle } from '../../platform/throttle/throttle';
import type { SurveyAnswerService } from './survey-answer.service';
import { PublicSubmitBody, PublicSurvey, Submitted, TokenParams } from './survey.schemas';

/** Answering a survey by its link, without login; rate-limited per client address. */
export const publicSurveyRoutes: FastifyPluginAsyncZod<{ service: SurveyAnswerService; throttle: Throttle; perMinute?: number }> = async (
  app,
  { service, throttle, perMinute = 30 },
) => {
  const tags = ['public'];
  const security: [] = [];
  const limit = throttle.perAddress('public-survey', perMinute);
  app.get(
    '/api/public/surveys/:token',
    {
      preHandler: limit,
      schema: {
        tags,
        security,
        summary: 'The questionnaire behind a survey link; unknown, expired and closed links are the same 404, a used one 409',
        params: TokenParams,
        response: { 200: PublicSurvey },
      },
    },
    (req) => service.form(req.params.token),
  );
  app.post(
    '/api/public/surveys/:token',
    {
      preHandler: limit,
      schema: {
        tags,
        security,
        summary: 'Submit the answers once (400 names each question; a second submission is 409)',
        params: TokenParams,
        body: PublicSubmitBody,
        response: { 201: Submitted },
      },
    },
    async (req, reply) => reply.code(201).send(await service.submit(req.params.token, req.body.answers, req.body.durationSeconds)),
  );
};
