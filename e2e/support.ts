// A real Tillit (fresh embedded database with the demo school) on a loopback port, and Debian's Chromium.
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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

export async function startE2E(): Promise<E2E> {
  let now = new Date();
  const clock = { now: () => now, set: (i: Date | string) => { now = new Date(i); } };
  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  const demo = await seedDemoSchool({ db: database.db, log: pino({ level: 'silent' }), clock });
  const app = await buildApp({ database, config: loadConfig({ TILLIT_DEMO: '1', LOG_LEVEL: 'silent', PORT: '0' }), clock }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
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

/** WCAG 2.1 A and AA, as the Norwegian regulation requires: axe must find nothing. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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
