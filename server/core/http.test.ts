// The HTTP plumbing every route shares: bad input answers with stable codes the web can show in the reader's
// language, and the API describes itself at /api/docs and /api/openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_ISSUE_CODES } from '@shared/errors';
import { createTestApp, type TestApp } from '../test/harness';
import { acceptsGzip, registerErrorHandler } from './http';
import { translate } from '../i18n/catalogs';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('bad input', () => {

  it('answers a body over 1 MiB with 413 payload_too_large, not as a validation error', async () => {
    const session = await t.loginAs(t.demo.users.kari);
    const res = await t.send('POST', '/api/conversations', { subject: 'Stor', body: 'x'.repeat(1024 * 1024 + 1) }, session);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('answers a body that is not JSON (a form post) with 415 unsupported_media_type, which the catalogs explain', async () => {
    const session = await t.loginAs(t.demo.users.kari);
    const res = await t.app.inject({
      method: 'POST', url: '/api/conversations', payload: 'subject=Hei&body=Hei',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tillit_session=${session.cookie}`, 'x-csrf-token': session.csrfToken },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    expect(translate('nb', 'error.unsupported_media_type')).toMatch(/prøv igjen/);
  });

  it('names each wrong field with its path and a stable code the catalogs have a message for', async () => {
    const session = await t.loginAs(t.demo.users.kari);
    const res = await t.send('POST', '/api/conversations', { studentId: 'not-a-uuid', topic: 'weather', subject: '', body: 'Hei' }, session);
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; issues: { path: string; code: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(Object.fromEntries(error.issues.map((i) => [i.path, i.code]))).toEqual({
      'body.studentId': 'invalid_format',
      'body.topic': 'invalid_value',
      'body.subject': 'required',
    });
    for (const issue of error.issues) expect(FIELD_ISSUE_CODES).toContain(issue.code);
  });
});

describe('an issue code a refinement names itself', () => {
  const app = Fastify({ logger: false });
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    const Period = z.object({ from: z.string(), to: z.string() })
      .refine((p) => p.to >= p.from, { path: ['to'], message: 'to is before from', params: { code: 'before_from' } })
      .refine((p) => p.from !== '2026-12-24', { path: ['from'], message: 'no christmas eve', params: { code: 'made_up_here' } });
    app.withTypeProvider<ZodTypeProvider>().post('/period', { schema: { body: Period } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => { await app.close(); });

  it('is passed on when it is a known code, and a plain custom issue when it is not', async () => {
    const res = await app.inject({ method: 'POST', url: '/period', payload: { from: '2026-12-24', to: '2026-12-01' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ['body.to', 'before_from'],
      ['body.from', 'custom'],
    ]);
  });
});

describe('an empty required field', () => {
  const app = Fastify({ logger: false });
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    const Form = z.object({
      title: z.string().trim().min(1),
      password: z.string().min(8),
      childIds: z.array(z.uuid()).min(1),
      pair: z.array(z.string()).min(2),
      count: z.number().int().min(1),
    });
    app.withTypeProvider<ZodTypeProvider>().post('/form', { schema: { body: Form } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => { await app.close(); });

  it('says "fill it in" for an empty required text and "choose one" for an empty required choice; other minimums stay too_small', async () => {
    const res = await app.inject({ method: 'POST', url: '/form', payload: { title: '   ', password: 'kort', childIds: [], pair: ['a'], count: 0 } });
    expect(res.statusCode).toBe(400);
    expect(Object.fromEntries(res.json().error.issues.map((i: { path: string; code: string }) => [i.path, i.code]))).toEqual({
      'body.title': 'required',
      'body.childIds': 'choose_one',
      'body.password': 'too_small',
      'body.pair': 'too_small',
      'body.count': 'too_small',
    });
    expect(translate('nb', 'issue.required')).toBe('Må fylles ut.');
    expect(translate('nb', 'issue.choose_one')).toBe('Velg minst én.');
    expect(translate('nn', 'issue.required')).toBe('Må fyllast ut.');
    expect(translate('en', 'issue.choose_one')).toBe('Choose at least one.');
  });

  it('is told so by the real routes too: a report for no child, a decision without its reasons', async () => {
    const kari = await t.loginAs(t.demo.users.kari);
    const report = await t.send('POST', '/api/absence/reports', { studentIds: [], fromDate: '2026-11-23' }, kari);
    expect(report.json().error.issues).toEqual([expect.objectContaining({ path: 'body.studentIds', code: 'choose_one' })]);
    const marit = await t.loginAs(t.demo.users.marit);
    const decision = await t.send('POST', `/api/leave/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/decision`, { outcome: 'approved', reasons: ' ', bestInterests: 'Elevens beste', studentViews: 'Ønsker det' }, marit);
    expect(decision.json().error.issues).toEqual([expect.objectContaining({ path: 'body.reasons', code: 'required' })]);
  });
});

describe('the API description', () => {

  it('serves the Swagger UI at /api/docs, with its scripts and the same document', async () => {
    const page = await t.get('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="swagger-ui">');
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://tillit/api/docs').pathname);
    expect(scripts.some((s) => s.endsWith('/swagger-ui-bundle.js'))).toBe(true);
    for (const script of scripts) expect((await t.get(script)).statusCode, script).toBe(200);
    expect((await t.get('/api/docs/json')).json()).toEqual((await t.get('/api/openapi.json')).json());
  });

  it('is an OpenAPI 3.1 document listing every API route', async () => {
    const res = await t.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const listed = new Set(Object.entries(doc.paths).flatMap(([url, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${url}`)));
    const routes = t.app.routeTable
      .filter((r) => r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !listed.has(r))).toEqual([]);
    expect(doc.paths['/api/health']?.get).toBeDefined();
  });

  it('names the optional Idempotency-Key header on the routes that honour it, and only there', async () => {
    type Op = { parameters?: { in: string; name: string; required?: boolean }[] };
    const doc = (await t.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Op>> };
    const header = (op: Op | undefined) => op?.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(header(doc.paths['/api/conversations']?.post)).toMatchObject({ required: false });
    expect(header(doc.paths['/api/announcements/{announcementId}']?.put)).toBeDefined();
    // Reads and the public logins do not: the hook leaves them alone.
    expect(header(doc.paths['/api/inbox']?.get)).toBeUndefined();
    expect(header(doc.paths['/api/auth/login']?.post)).toBeUndefined();
  });
});

describe('Accept-Encoding', () => {
  it('takes gzip where the client names it or allows anything, and not where it weighs gzip at 0', () => {
    for (const yes of ['gzip, deflate, br, zstd', 'br;q=1.0, gzip;q=0.8', 'GZIP', 'x-gzip', '*', 'identity, *;q=0.5']) expect(acceptsGzip(yes), yes).toBe(true);
    for (const no of [undefined, '', 'identity', 'br', 'gzip;q=0', 'gzip; q=0.000', '*, gzip;q=0', 'gzip;q=0, *', '*;q=0']) expect(acceptsGzip(no), String(no)).toBe(false);
  });
});
