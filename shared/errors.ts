// The closed set of error codes the API can answer with. The web shows `error.<code>` from the message
// catalogs, so a guardian reads the message the server meant, in their own language.
import type { z } from 'zod';

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
  /** Staff wrote to a family nobody in Tillit can receive for: an adult student (5.1), no guardian with access (1.2). */
  family_unreachable: 409,
  /** An announcement to send now whose audience reaches nobody Tillit may send to: nothing was sent. */
  no_recipients: 409,
  /** Someone changed it in the meantime (a report withdrawn, an application decided): reload and look again. */
  already_changed: 409,
  /** An absence report can be changed by the guardian only until its day starts in Oslo (then: the contact teacher). */
  day_started: 409,
  /** Leave for a religious holiday is a right (3.8): it cannot be refused. */
  leave_is_a_right: 409,
  /** Approving this leave would pass the owner's yearly maximum (3.7). */
  leave_over_limit: 409,
  /** The leave touches a period the owner gives no leave in (national tests, exams: 3.7). */
  leave_blackout: 409,
  /** A family with a protected address is never shown on a class list (9.8). */
  protected_family: 409,
  /** Taking this person out would leave a conversation with nobody from the school to read it. */
  last_school_participant: 409,
  /** The guardian who started a conversation keeps it: taking them out would take their own messages from them. */
  conversation_starter: 409,
  /** The announcement has already gone out: it can no longer be cancelled. */
  already_sent: 409,
  /** A change to a scheduled announcement that has been sent or cancelled in the meantime: nothing was changed. */
  no_longer_scheduled: 409,
  /** A reminder of an announcement that has not gone out (scheduled): there is nobody to remind yet. */
  announcement_not_sent: 409,
  /** A reminder of an announcement whose sending was cancelled: it reached nobody. */
  announcement_cancelled: 409,
  /** One reminder a day per announcement: the issue `nextReminderAt` says when the next one can be sent. */
  reminder_too_soon: 409,
  /** Everyone the announcement reaches has read it (acknowledged it, where that was asked for). */
  nobody_to_remind: 409,
  /** An announcement marked confidential is not sent to machine translation (server/translation/): ask the school for an interpreter. */
  confidential_not_translated: 409,
  /** The translation service does not translate this text into that language. */
  language_not_offered: 400,
  /** Machine translation is not set up here (no TILLIT_TRANSLATE_URL): the original is all there is. */
  translation_off: 503,
  /** The translation service did not answer in time, or not usably: try again later. The original is unchanged. */
  translation_unavailable: 503,
  /** The request body is larger than the server accepts (1 MiB). */
  payload_too_large: 413,
  /** The request body is not JSON (a form post, say): the API takes application/json only. */
  unsupported_media_type: 415,
  /** The Idempotency-Key header is not 1 to 100 visible ASCII characters (server/core/idempotency.ts). */
  idempotency_key_invalid: 400,
  /** The first request with this Idempotency-Key has not answered yet: try again in a moment, with the same key. */
  request_in_progress: 409,
  /** This Idempotency-Key was used for another request (another path or body): nothing was done. */
  idempotency_key_reused: 422,
  rate_limited: 429,
  oidc_failed: 400,
  oidc_not_linked: 403,
  login_method_unavailable: 404,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The codes a `validation_failed` issue can carry, each with a catalog message `issue.<code>`: zod's own issue
 * codes (the `satisfies` makes the type checker fail when zod adds or drops one) and the codes Tillit's services
 * and refinements set themselves (a refinement names its code with `params: { code: 'before_from' }`).
 */
const ZOD_ISSUE_CODES = {
  invalid_type: true, too_big: true, too_small: true, invalid_format: true, not_multiple_of: true, unrecognized_keys: true,
  invalid_union: true, invalid_key: true, invalid_element: true, invalid_value: true, custom: true,
} as const satisfies Record<z.core.$ZodIssue['code'], true>;
/**
 * Tillit's own codes, each with a message that tells the reader what to do. `required` and `choose_one` are zod's
 * too_small for an empty required text and an empty required choice (issueCode in server/core/http.ts). Where a
 * limit is fixed in code the message names it: too_early and too_late are the 14 and 180 days of
 * server/absence/reports.service.ts, too_long a year.
 */
const OWN_ISSUE_CODES = [
  'required', 'choose_one', 'in_future', 'too_early', 'too_late', 'too_long', 'not_a_school_day', 'no_school_days', 'no_lessons',
  'not_in_group', 'one_day_only', 'not_after_from', 'nothing_to_change',
] as const;
export const FIELD_ISSUE_CODES = [...(Object.keys(ZOD_ISSUE_CODES) as (keyof typeof ZOD_ISSUE_CODES)[]), 'before_from', 'not_a_date', 'in_past', ...OWN_ISSUE_CODES] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

export function isFieldIssueCode(value: unknown): value is FieldIssueCode {
  return typeof value === 'string' && (FIELD_ISSUE_CODES as readonly string[]).includes(value);
}

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
