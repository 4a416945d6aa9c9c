// Types of the HTTP API read from the generated OpenAPI description (schema.d.ts, `npm run gen:api`), keyed by
// path and method, so that the web client follows the server's Zod schemas instead of a hand-written copy.
import type { components, paths } from './schema';

export type { components, paths } from './schema';

export type ApiPath = keyof paths;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The methods a path answers (those the document does not mark `never`). */
export type MethodOf<P extends ApiPath> = {
  [M in ApiMethod]: paths[P][M] extends undefined ? never : paths[P][M] extends { responses: unknown } ? M : never;
}[ApiMethod];

type Operation<P extends ApiPath, M extends ApiMethod> = Exclude<paths[P][M], undefined>;
type JsonOf<C> = C extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON body of the success answer (200, else 201, else 202); undefined for 204. */
export type ApiResponse<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer O }
      ? JsonOf<O>
      : R extends { 201: infer O }
        ? JsonOf<O>
        : R extends { 202: infer O }
          ? JsonOf<O>
          : undefined
    : never;

/** The JSON request body. */
export type ApiBody<P extends ApiPath, M extends ApiMethod> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query string parameters. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The path parameters (`{id}` → `{ id: string }`). */
export type ApiPathParams<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { parameters: { path: infer Q } } ? Q : Record<string, never>;

/** A schema the server names (`.meta({ id })` on its Zod schema). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
