// The one way the web app talks to the server: credentials, the CSRF header, and errors as codes
// (the component shows `error.<code>` from the catalogs, never the server's English text). A send of useSubmitOnce
// carries an Idempotency-Key, kept for a retry when its answer was lost (submit-once.ts).
import type { z } from 'zod';
import type { ErrorCode, FieldIssue } from '@shared/errors';
import { sendKeyFor } from './submit-once';

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, readonly issues: FieldIssue[] = []) {
    super(code);
  }
}

async function request<T>(method: string, url: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const send = method === 'GET' ? null : sendKeyFor(method, url, text ?? '');
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    else headers['x-tillit-request'] = '1';
  }
  if (send) headers['idempotency-key'] = send.key;
  let res: Response;
  let data: unknown;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: text });
    data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  } catch {
    // No answer, or only part of one: the server may have done it, so the key is kept for the retry.
    send?.settle('unknown');
    throw new ApiError(0, 'internal');
  }
  const error = res.ok ? undefined : (data as { error?: { code?: ErrorCode; issues?: FieldIssue[] } } | null)?.error;
  // A 5xx (ours or a proxy's, which may hide a send that was done) or a first try still running: the outcome is open.
  send?.settle(res.status >= 500 || error?.code === 'request_in_progress' ? 'unknown' : 'answered');
  if (!res.ok) throw new ApiError(res.status, error?.code ?? 'internal', error?.issues ?? []);
  return schema ? schema.parse(data) : (data as T);
}

export const api = {
  get: <T>(url: string, schema: z.ZodType<T>) => request('GET', url, schema),
  post: <T>(url: string, body: unknown, schema: z.ZodType<T> | null = null) => request('POST', url, schema, body),
  put: <T>(url: string, body: unknown, schema: z.ZodType<T> | null = null) => request('PUT', url, schema, body),
  del: <T>(url: string, schema: z.ZodType<T> | null = null, body?: unknown) => request('DELETE', url, schema, body),
};
