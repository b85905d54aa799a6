// The web app on a phone: what a first visit downloads and runs before the login page can be used, what a guardian
// waits for after logging in, and what a staff page fetched on first opening costs. Chromium (Debian's) at 360 ×
// 740, its CPU slowed BENCH_CPU_SLOWDOWN times (default 4, a low-end phone) and its network shaped as a slow mobile
// connection (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, as Chrome's "Slow 4G"), every visit in a new
// profile (nothing cached, no service worker yet), against the real server with the demo school on PGlite.
// The floor, measured in turn with the app in the same run: the same document from the same server with its scripts
// refused, to its load event (its HTML and stylesheet over the same connection, no script).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/core/context';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { seedDemoSchool } from '../server/seed/demo';
import { translate } from '../server/i18n/catalogs';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium';
import { table, writeSection } from './lib/results';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CPU_SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN ?? 4);
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const t = (id: string) => translate('nb', id);
const kB = (b: number) => `${(b / 1000).toFixed(1)} kB`;

const root = path.resolve(import.meta.dirname, '..');
execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

/** The staff pages' own scripts in this build (web/lib/lazy-page.tsx). */
const STAFF_CHUNKS = readdirSync(path.join(root, 'dist', 'web', 'assets')).filter((f) => /Page-[\w-]{8}\.js$/.test(f)).map((f) => `/assets/${f}`);

const database = await openDatabase({ inMemory: true });
await migrate(database);
const demo = await seedDemoSchool({ db: database.db, log: pino({ level: 'silent' }), clock: systemClock });
const app = await buildApp({ database, config: loadConfig({ TILLIT_DEMO: '1', LOG_LEVEL: 'silent', PORT: '0' }), clock: systemClock }, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

interface Script { url: string; sent: number; size: number }
interface Visit { context: BrowserContext; page: Page; cdp: CDPSession; scripts: Promise<Script>[] }

/** A new phone profile, slowed and shaped, that records each script it receives (bytes over the wire and decoded). */
async function phone(): Promise<Visit> {
  // No service worker: a first visit has none yet, and one that answers the page hides the bytes over the wire.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO', baseURL: base, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const visit: Visit = { context, page, cdp, scripts: [] };
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    visit.scripts.push(Promise.all([request.sizes(), request.response().then((r) => r?.body())])
      .then(([sizes, body]) => ({ url: new URL(request.url()).pathname, sent: sizes.responseBodySize, size: body?.length ?? 0 })));
  });
  return visit;
}

/** Seconds of script the page's main thread has run (Chromium's own count, slowed as the CPU is). */
async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
}

const rows: Record<string, number[]> = { floor: [], login: [], loginScript: [], home: [], staffFirst: [], staffAgain: [], sent: [], size: [], staffSize: [], staffSent: [] };
let shown = '';
for (let round = 0; round < ROUNDS; round++) {
  // The floor: the same document, its scripts refused, to its load event.
  {
    const v = await phone();
    await v.page.route(/\/assets\/.*\.js$/, (route) => route.abort());
    const started = Date.now();
    await v.page.goto('/login', { waitUntil: 'load' });
    rows.floor!.push(Date.now() - started);
    await v.context.close();
  }
  // The app: a first visit to the login page until its demo people can be chosen; then a guardian logs in and waits
  // for her home page.
  {
    const v = await phone();
    const started = Date.now();
    await v.page.goto('/login');
    await v.page.getByRole('button', { name: /Kari Nordmann/ }).waitFor();
    rows.login!.push(Date.now() - started);
    rows.loginScript!.push(1000 * (await scriptSeconds(v.cdp)));
    await v.page.waitForLoadState('networkidle');
    const scripts = await Promise.all(v.scripts);
    rows.sent!.push(scripts.reduce((s, x) => s + x.sent, 0));
    rows.size!.push(scripts.reduce((s, x) => s + x.size, 0));
    shown = scripts.map((x) => `${x.url.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '')} ${kB(x.sent)} / ${kB(x.size)}`).sort().join(', ');
    const loggedIn = Date.now();
    await v.page.getByRole('button', { name: /Kari Nordmann/ }).click();
    await v.page.waitForURL((u) => u.pathname === '/');
    await v.page.getByRole('link', { name: t('layout.messages') }).waitFor();
    await v.page.getByRole('heading', { level: 1 }).waitFor();
    rows.home!.push(Date.now() - loggedIn);
    await v.context.close();
  }
  // A teacher logs in; once the app is idle it fetches the staff pages' scripts (web/lib/lazy-page.tsx), and she
  // opens her class twice.
  {
    const v = await phone();
    await v.page.goto('/login');
    await v.page.getByRole('button', { name: /Ingrid Berg/ }).waitFor();
    const before = v.scripts.length;
    await v.page.getByRole('button', { name: /Ingrid Berg/ }).click();
    await v.page.waitForURL((u) => u.pathname === '/');
    await v.page.getByRole('heading', { level: 1 }).waitFor();
    // Until every staff page's script has come (each page's own chunk in the build).
    const urlsOf = async (list: Promise<Script>[]) => new Map((await Promise.all(list)).map((x) => [x.url, x]));
    for (let waited = 0; waited < 30_000; waited += 100) {
      const urls = await urlsOf(v.scripts);
      if (STAFF_CHUNKS.every((c) => urls.has(c))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // What came after login and was not there before (the login page's own scripts may be reported again).
    const already = await urlsOf(v.scripts.slice(0, before));
    const fetched = [...(await urlsOf(v.scripts.slice(before))).values()].filter((x) => !already.has(x.url));
    if (!STAFF_CHUNKS.every((c) => fetched.some((x) => x.url === c))) throw new Error(`staff pages not all fetched: ${fetched.map((x) => x.url).join(', ')}`);
    rows.staffSize!.push(fetched.reduce((s, x) => s + x.size, 0));
    rows.staffSent!.push(fetched.reduce((s, x) => s + x.sent, 0));
    for (const key of ['staffFirst', 'staffAgain'] as const) {
      const started = Date.now();
      await v.page.evaluate((to) => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); }, `/groups/${demo.groups['3A']}`);
      await v.page.getByRole('heading', { level: 1, name: /3A/ }).waitFor();
      rows[key]!.push(Date.now() - started);
      await v.page.evaluate(() => { history.pushState(null, '', '/'); dispatchEvent(new PopStateEvent('popstate')); });
      await v.page.getByRole('link', { name: t('layout.messages') }).waitFor();
    }
    await v.context.close();
  }
  console.log(`round ${round + 1}: floor ${rows.floor!.at(-1)} ms, login ${rows.login!.at(-1)} ms (script ${rows.loginScript!.at(-1)!.toFixed(0)} ms), home ${rows.home!.at(-1)} ms, staff page ${rows.staffFirst!.at(-1)} / ${rows.staffAgain!.at(-1)} ms`);
}
await browser.close();
await app.close();
await database.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const floor = median(rows.floor!);
const ratio = (xs: number[]) => `${(median(xs) / floor).toFixed(2)} ×`;

const results = table(['what', 'median', 'range (ms)', '÷ floor'], [
  ['floor: the login document, scripts refused, to its load event', ms(rows.floor!), range(rows.floor!), '1.00 ×'],
  ['first visit: the login page until a demo person can be chosen', ms(rows.login!), range(rows.login!), ratio(rows.login!)],
  ['… of which script on the main thread (Chromium\'s ScriptDuration)', ms(rows.loginScript!), range(rows.loginScript!), ''],
  ['a guardian logs in: her home page shown', ms(rows.home!), range(rows.home!), ratio(rows.home!)],
  ['a teacher opens her class (a staff page, its script fetched when the app was idle): first time', ms(rows.staffFirst!), range(rows.staffFirst!), ratio(rows.staffFirst!)],
  ['… the second time (its data cached too)', ms(rows.staffAgain!), range(rows.staffAgain!), ratio(rows.staffAgain!)],
]);
const body = [
  results,
  '',
  `Scripts of a first visit to the login page: ${kB(median(rows.sent!))} over the wire, ${kB(median(rows.size!))} as run (each over the wire / as run: ${shown}). After a teacher logs in, the app fetches the staff pages' scripts when idle: ${kB(median(rows.staffSent!))} over the wire, ${kB(median(rows.staffSize!))} as run.`,
  `Conditions: Chromium at 360 × 740, CPU slowed ${CPU_SLOWDOWN} × (\`Emulation.setCPUThrottlingRate\`), network shaped to a 150 ms round trip, 1.6 Mbit/s down and 750 kbit/s up (\`Network.emulateNetworkConditions\`), a new profile for every visit. ${ROUNDS} rounds, the floor and the app in turn; medians.`,
  'Before (2026-12-02, measured once by hand at 6 × CPU and no network shaping, 12 alternating loads of the login page, not by this benchmark): the app was one script of 687 kB (149 kB brotli) with every language\'s catalog, react-intl\'s ICU parser and every staff page in it. Since 7975eb5 a guardian gets 533 kB (130 kB brotli): the catalog of her language only, its messages parsed at build time (`scripts/catalogs.ts`), and no staff page (`web/lib/lazy-page.tsx`). Script time 1,692 → 1,304 ms, the login page shown 3,074 → 2,884 ms.',
].join('\n');
console.log(body);
writeSection({
  name: 'web',
  title: 'The web app on a slow phone: first visit, a guardian\'s login, a staff page',
  command: 'npm run bench -- web',
  dataSize: `the demo school (${Object.keys(demo.groups).length} groups), the production build of web/`,
  body,
});
