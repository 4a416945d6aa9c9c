import type { ApiBody, ApiMethod, ApiPath, ApiPathParams, ApiQuery, ApiResponse, MethodOf } from './contract';
import type { FieldProblem, Problem } from './types';

/** A failed API call, carrying the server's stable error code (an i18n key under `errors.`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: unknown = undefined,
    readonly errors: FieldProblem[] = [],
    /** Seconds from a Retry-After header, when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

// Calls that answer 401 as part of their normal job: a wrong password must not bounce to /login.
const NO_REDIRECT_ON_401 = ['/api/auth/login', '/api/setup'];

let onUnauthorized: (() => void) | null = null;

/** Registers what happens when the session is gone (the app navigates to /login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?a=1&b=2`, leaving out empty values so that filters stay optional. */
export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON; a FormData (a file upload) is sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryHeader = res.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    const body: unknown = await res.json().catch(() => null);
    if (isProblem(body)) {
      return new ApiError(res.status, body.code, body.detail, body.errors ?? [], retryAfter);
    }
  }
  return new ApiError(res.status, fallbackCode(res.status), undefined, [], retryAfter);
}

function fallbackCode(status: number): string {
  if (status === 401) return 'auth.unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'auth.rate_limited';
  return 'internal';
}

/** Sends a request and returns the raw response, or throws an ApiError. Private: callers go through `call`, `download` and `upload`. */
async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network');
  }
  if (res.ok) return res;
  const error = await toApiError(res);
  if (res.status === 401 && !NO_REDIRECT_ON_401.some((p) => path.startsWith(p))) onUnauthorized?.();
  throw error;
}

/**
 * Sends a request and parses the JSON body (undefined for 204). Private: the answer's type comes from the
 * route's documented schema through `call` and `upload`, never from the caller.
 */
async function json<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Where a documented route is: the `{name}` parts of its path and its query. */
interface RouteOptions<P extends ApiPath, M extends ApiMethod> {
  /** The `{name}` parts of the path. */
  params?: ApiPathParams<P, M>;
  query?: ApiQuery<P, M>;
}

interface CallOptions<P extends ApiPath, M extends ApiMethod> extends RouteOptions<P, M> {
  body?: ApiBody<P, M>;
  signal?: AbortSignal;
}

/** The URL of a documented route: its `{name}` parts filled in (encoded), its query appended. */
function urlOf<P extends ApiPath, M extends ApiMethod>(path: P, options: RouteOptions<P, M>): string {
  const params = (options.params ?? {}) as Record<string, string | number>;
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  return withQuery(url, (options.query ?? {}) as QueryParams);
}

const verbOf = (method: ApiMethod) => method.toUpperCase() as NonNullable<RequestOptions['method']>;

/**
 * Calls a route by its documented path and method. Path parameters, query, body and answer are typed from the
 * generated OpenAPI description (contract.ts), so a route or field the server renames fails to compile here.
 */
export function call<P extends ApiPath, M extends MethodOf<P>>(method: M, path: P, options: CallOptions<P, M> = {}): Promise<ApiResponse<P, M>> {
  return json<ApiResponse<P, M>>(urlOf(path, options), { method: verbOf(method), body: options.body, signal: options.signal });
}

/** A file answered by the server, with the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * Fetches a file a documented route answers (an export, a printable form), with the name from its
 * Content-Disposition header, else `fallbackName`. Path, query and body are typed like `call`'s.
 */
export async function download<P extends ApiPath, M extends MethodOf<P>>(
  method: M,
  path: P,
  options: CallOptions<P, M>,
  fallbackName: string,
): Promise<DownloadedFile> {
  const res = await send(urlOf(path, options), { method: verbOf(method), body: options.body, signal: options.signal });
  return { blob: await res.blob(), fileName: fileNameFrom(res, fallbackName) };
}

/**
 * Posts one file as multipart (field `file`) to a documented route and answers its documented JSON. A
 * refusal throws an ApiError with the problem's code, detail and errors, like `call`.
 */
export function upload<P extends ApiPath>(path: P, options: RouteOptions<P, 'post'>, file: File): Promise<ApiResponse<P, 'post'>> {
  const body = new FormData();
  body.append('file', file, file.name);
  return json<ApiResponse<P, 'post'>>(urlOf(path, options), { method: 'POST', body });
}

/** The file name from a Content-Disposition header, if any. */
function fileNameFrom(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}
