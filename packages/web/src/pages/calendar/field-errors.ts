import { ApiError } from '../../api/http';
import type { CalendarDay } from '../../api/types';

/**
 * The server names a field by where it was sent ('body.kind', 'querystring.days'); the form knows it
 * as 'kind'. Returns the error with those prefixes dropped, so applyFieldErrors can place it.
 */
export function withFormPaths(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  const errors = error.errors.map((e) => ({ ...e, path: e.path.replace(/^(body|querystring|params)\./, '') }));
  return new ApiError(error.status, error.code, error.detail, errors, error.retryAfterSeconds);
}

/** The day the server sent with a 409 (`detail.current`), if any. */
export function currentDayFrom(error: unknown): CalendarDay | null {
  if (!(error instanceof ApiError)) return null;
  const detail = error.detail;
  if (typeof detail === 'object' && detail !== null && 'current' in detail) {
    return (detail as { current: CalendarDay | null }).current ?? null;
  }
  return null;
}

export const isDayExists = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409 && error.code === 'calendar.day_exists';
