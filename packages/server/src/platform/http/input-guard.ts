import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../errors';

/** Field error code for a string that contains U+0000 (translated in the web's errors.field). */
export const NUL_CHARACTER = 'validation.nul_character';

/** Enough to name the offending fields without building a huge answer for a hostile body. */
const MAX_REPORTED = 20;

/**
 * Paths (`body.applicant.name`, `querystring.q`) of every string, and every object key, that contains
 * U+0000. Iterative, so a deeply nested JSON body cannot overflow the stack.
 */
export function nulPaths(root: string, value: unknown): string[] {
  const found: string[] = [];
  const stack: [string, unknown][] = [[root, value]];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [path, v] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${path}.${i}`, v[i]]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) found.push(`${path}.${k.replaceAll('\u0000', '\\u0000')}`);
        else stack.push([`${path}.${k}`, child]);
      }
    }
  }
  return found;
}

function refuse(paths: string[]): never {
  const fields: FieldError[] = paths.map((path) => ({ path, code: NUL_CHARACTER }));
  throw new ValidationError('validation.failed', fields);
}

/**
 * Multipart bodies are read by the handler (`req.file()`), after every hook; the file part's name and the
 * text fields read with it are checked as the part arrives, with the same answer.
 */
function guardMultipart(req: FastifyRequest): void {
  const read = req.file.bind(req);
  req.file = async (...args: Parameters<typeof read>) => {
    const part = await read(...args);
    if (!part) return part;
    const paths = nulPaths(`body.${part.fieldname}.filename`, part.filename);
    for (const [name, field] of Object.entries(part.fields)) {
      for (const f of [field].flat()) if (f && f.type === 'field') paths.push(...nulPaths(`body.${name}`, f.value));
    }
    if (paths.length > 0) {
      part.file.resume(); // drain the stream so the request can end
      refuse(paths);
    }
    return part;
  };
}

/**
 * Refuses U+0000 in every string a request carries (issue #9, defect 3), in one place for every route:
 * PostgreSQL cannot store it in `text` (it failed with 500 before), and no legitimate input needs it.
 * A `preValidation` hook sees the parsed body, the query string, the decoded route parameters and the
 * headers of every route, with or without a schema, and answers 400 problem+json naming each field,
 * like a Zod failure (docs/architecture.md, "Input validation").
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const paths = [
      ...nulPaths('params', req.params),
      ...nulPaths('querystring', req.query),
      ...nulPaths('headers', req.headers),
      ...(req.isMultipart() ? [] : nulPaths('body', req.body)),
    ];
    if (paths.length > 0) refuse(paths.slice(0, MAX_REPORTED));
    if (req.isMultipart()) guardMultipart(req);
  });
}
