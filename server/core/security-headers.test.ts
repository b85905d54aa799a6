import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { CONTENT_SECURITY_POLICY } from './security-headers';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('go on every answer: a page path, the API, an error', async () => {
    for (const url of ['/', '/messages', '/api/health', '/api/no-such-route']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([url, res.headers['content-security-policy']]).toEqual([url, CONTENT_SECURITY_POLICY]);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
    // Only what Tillit serves runs: no inline script, no other origin, never inside another site's frame.
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('leave the content policy off the API docs, whose page runs inline scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
