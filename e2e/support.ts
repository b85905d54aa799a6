// A real Tillit (fresh embedded database with the demo school) on a loopback port, and Debian's Chromium.
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemoSchool, type DemoSchool } from '../server/seed/demo';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import type { Clock } from '../server/core/context';
import { addDays, isSchoolDay } from '../shared/oslo-time';
import { E2E_TEMPLATE } from './template';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

export interface E2E {
  base: string;
  app: FastifyInstance;
  database: Database;
  demo: DemoSchool;
  browser: Browser;
  clock: Clock & { set(i: Date | string): void };
  newPage(options?: { width?: number; height?: number; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}


/** `env`: more configuration, as the environment would give it (a translation service's URL). */
export async function startE2E(options: { env?: Record<string, string> } = {}): Promise<E2E> {
  let now = new Date();
  const clock = { now: () => now, set: (i: Date | string) => { now = new Date(i); } };
  let database: Database;
  let demo: DemoSchool;
  if (existsSync(E2E_TEMPLATE.dump)) {
    // The copy global-setup made this run: the same migrations and seed, without initdb for every file.
    database = await openDatabase({ inMemory: true, loadDataDir: new Blob([readFileSync(E2E_TEMPLATE.dump)]) });
    demo = JSON.parse(readFileSync(E2E_TEMPLATE.demoJson, 'utf8')) as DemoSchool;
  } else {
    database = await openDatabase({ inMemory: true });
    await migrate(database);
    demo = await seedDemoSchool({ db: database.db, log: pino({ level: 'silent' }), clock });
  }
  const app = await buildApp({ database, config: loadConfig({ TILLIT_DEMO: '1', LOG_LEVEL: 'silent', PORT: '0', ...options.env }), clock }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    base, app, database, demo, browser, clock,
    async newPage({ width = 1280, height = 800, locale = 'nb-NO' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale, baseURL: base });
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** A request to Tillit's API as a demo person (a state-changing one before a session carries x-tillit-request). */
export async function apiAs(e: E2E, userId: string) {
  const http = await request.newContext({ baseURL: e.base });
  const login = await http.post('/api/auth/demo', { data: { userId }, headers: { 'x-tillit-request': '1' } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = await login.json() as { csrfToken: string };
  return {
    async post(url: string, body: unknown): Promise<Record<string, unknown>> {
      const res = await http.post(url, { data: body, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      return await res.json() as Record<string, unknown>;
    },
    async get(url: string): Promise<number> { return (await http.get(url)).status(); },
    close: () => http.dispose(),
  };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A and AA, as the Norwegian regulation requires: axe must find nothing. Tillit's pages have no frames,
 * so axe runs in the page itself (put there once per document), asked for violations only: AxeBuilder also opens a
 * blank page on every call to merge the results of frames, which made each check take about a second instead of a
 * third. A page with frames still goes through AxeBuilder.
 */
export async function expectAccessible(page: Page): Promise<void> {
  let found: string[];
  if (page.frames().length > 1) {
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } else {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    found = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, WCAG_TAGS);
  }
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

/** A phone's 360 px width: nothing may scroll sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

export async function loginAsDemo(page: Page, name: RegExp): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** Builds the web app with the test-only catalogs of e2e/fixtures/messages (a right-to-left language) into a temporary folder. */
export function buildWebWithTestCatalogs(): string {
  const root = path.resolve(import.meta.dirname, '..');
  const outDir = mkdtempSync(path.join(tmpdir(), 'tillit-web-'));
  execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--mode', 'test-catalogs', '--logLevel', 'error', '--outDir', outDir], { cwd: root, stdio: 'inherit' });
  return outDir;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Serves another build of the web app beside the running Tillit: its files (and index.html for every other page)
 * from `dir`, and /api from the real server, so the pages work as they do when Tillit serves them itself.
 */
export async function serveWebBuild(e: E2E, dir: string): Promise<{ base: string; close(): Promise<void> }> {
  const api = new URL(e.base);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', e.base);
    if (url.pathname.startsWith('/api/')) {
      const upstream = httpRequest({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: { ...req.headers, host: api.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      // When the browser goes (a live-updates stream left open), Tillit's side of the request goes too.
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
      return;
    }
    const wanted = path.join(dir, path.normalize(decodeURIComponent(url.pathname)));
    const file = wanted.startsWith(dir) && existsSync(wanted) && statSync(wanted).isFile() ? wanted : path.join(dir, 'index.html');
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      // Live updates (server-sent events) keep connections open.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The width, height and RGBA scanlines of a PNG as scripts/icons.ts writes them (8-bit RGBA). */
export function decodePng(bytes: Buffer): { width: number; height: number; colourType: number; scanlines: Buffer } {
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  let width = 0, height = 0, colourType = -1;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('ascii');
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9]!;
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  return { width, height, colourType, scanlines: inflateSync(Buffer.concat(data)) };
}

/**
 * A browser with a profile of its own on disk, not the incognito-like context newContext() gives: Chromium
 * decides whether a site can be installed as an app only outside incognito.
 */
export async function newProfileContext(e: E2E): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'tillit-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, baseURL: e.base, locale: 'nb-NO' });
  return {
    context,
    page: context.pages()[0] ?? await context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** Builds a test page (a folder with an index.html, e.g. e2e/fixtures/error-form) with the web app's build settings. */
export async function buildTestPage(root: string): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'tillit-page-'));
  const [{ build }, { default: react }, { catalogsPlugin, NO_PARSER }] = await Promise.all([import('vite'), import('@vitejs/plugin-react'), import('../scripts/catalogs.ts')]);
  await build({
    root, configFile: false, logLevel: 'error', plugins: [react(), catalogsPlugin()],
    resolve: {
      alias: [
        { find: '@shared', replacement: path.resolve(import.meta.dirname, '..', 'shared') },
        NO_PARSER,
      ],
    },
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** The first Monday-to-Friday date after `date`. */
export function nextSchoolDay(date: string): string {
  let d = addDays(date, 1);
  while (!isSchoolDay(d)) d = addDays(d, 1);
  return d;
}
