import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The named schemas the document uses. The transform lists every named schema twice (as a request body and as a
 * response); only those some route refers to, directly or through another used schema, are kept.
 */
type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;
function withoutUnreferencedSchemas(doc: OpenApiDocument): OpenApiDocument {
  const components = (doc as { components?: { schemas?: Record<string, unknown> } }).components;
  const schemas = components?.schemas;
  if (!schemas) return doc;
  const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  const used = new Set<string>();
  const pending = refsIn({ ...doc, components: { ...components, schemas: {} } });
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...refsIn(schemas[name]));
  }
  return { ...doc, components: { ...components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) } } as OpenApiDocument;
}

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
    // Schemas named with `.meta({ id })` become components, referenced instead of repeated (the web's `components['schemas']`).
    transformObject: (input) => withoutUnreferencedSchemas(jsonSchemaTransformObject(input)),
  });
  if (opts.ui) await app.register(swaggerUi, { routePrefix: '/docs' });
}
