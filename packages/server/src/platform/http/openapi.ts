import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3 at /docs/json, browsable at /docs. Generated from the same Zod schemas that validate requests.
 * With `ui: false` (API_DOCS=false) neither is served; the document still exists in memory (`app.swagger()`,
 * used by `npm run gen:api`).
 */
export async function registerOpenApi(app: FastifyInstance, opts: { ui: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'CCHC API', description: 'Administrative reform management (cải cách hành chính)', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cchc_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token created under Account → API tokens' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (opts.ui) await app.register(swaggerUi, { routePrefix: '/docs' });
}
