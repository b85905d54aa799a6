// The one way the web app talks to the server: credentials, the CSRF header, and errors as codes
// (the component shows `error.<code>` from the catalogs, never the server's English text).
import type { z } from 'zod';
import type { ErrorCode, FieldIssue } from '@shared/errors';

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
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    else headers['x-tillit-request'] = '1';
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'internal');
  }
  const data: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) {
    const error = (data as { error?: { code?: ErrorCode; issues?: FieldIssue[] } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? 'internal', error?.issues ?? []);
  }
  return schema ? schema.parse(data) : (data as T);
}

export const api = {
  get: <T>(url: string, schema: z.ZodType<T>) => request('GET', url, schema),
  post: <T>(url: string, body: unknown, schema: z.ZodType<T> | null = null) => request('POST', url, schema, body),
  put: <T>(url: string, body: unknown, schema: z.ZodType<T> | null = null) => request('PUT', url, schema, body),
  del: <T>(url: string, schema: z.ZodType<T> | null = null, body?: unknown) => request('DELETE', url, schema, body),
};
