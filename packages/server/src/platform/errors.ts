// The server's whole error vocabulary (docs/conventions.md#errors). `code` is a stable i18n key, never a sentence.

export interface FieldError {
  path: string;
  code: string;
  /** Row number of an import (1-based, as shown in a spreadsheet). */
  row?: number;
  column?: string;
}

export abstract class AppError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 429 | 503;
  constructor(
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly detail?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
}
export class UnauthenticatedError extends AppError {
  readonly status = 401;
}
export class ForbiddenError extends AppError {
  readonly status = 403;
}
/** Also used for records outside the actor's scope, so codes cannot be enumerated. */
export class NotFoundError extends AppError {
  readonly status = 404;
}
/** Stale version, duplicate code, a record still in use. */
export class ConflictError extends AppError {
  readonly status = 409;
}
export class TooManyRequestsError extends AppError {
  readonly status = 429;
}
/** The deployment lacks a setting this request needs (detail.setting names it); the operator must fix it. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
}
