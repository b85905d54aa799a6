import { ERROR_STATUS, type ErrorCode, type FieldIssue } from '@shared/errors';

/** The one error type of the server. Its code decides the HTTP status (shared/errors.ts). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[]) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Forbidden reads answer 404, so a refused request does not even confirm that the thing exists. */
export const notFound = (what = 'resource'): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'forbidden'): AppError => new AppError('forbidden', why);
