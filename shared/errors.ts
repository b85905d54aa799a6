// The closed set of error codes the API can answer with. The web shows `error.<code>` from the message
// catalogs, so a guardian reads the message the server meant, in their own language.
export const ERROR_STATUS = {
  validation_failed: 400,
  not_authenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** The message may name another student or hold health details: confirm to send anyway. */
  content_warning: 409,
  rate_limited: 429,
  oidc_failed: 400,
  oidc_not_linked: 403,
  login_method_unavailable: 404,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  /** A stable code for the issue (zod's issue code), never free text to match on. */
  code: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_STATUS;
}
