// Every page of the web app, on a 360 px phone, as a demo person who may see it: once its real content has loaded
// (its heading, nothing still loading, no error), axe finds nothing (WCAG 2.1 A and AA) and nothing scrolls
// sideways. Every page in bokmål; a guardian's pages (and the login) in nynorsk and English too: every page in all
// three takes about two minutes, twice as long. A page added to web/App.tsx fails the last test until it is
// visited here. With E2E_SCREENSHOTS=<folder>, each page visited is also saved there as a full-page PNG (to look at
// every page on a phone by eye).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, loginAsDemo, nextSchoolDay, startE2E, type E2E } from './support';
import { osloDate } from '../shared/dates';
import { translate } from '../server/i18n/catalogs';
import { addDays } from '../shared/oslo-time';

const root = path.resolve(import.meta.dirname, '..');
const PHONE = { width: 360, height: 740 };
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

// ── The texts a page should show, from the catalogs the web app uses (translate: bokmål fills a key a catalog lacks)
/** A value that the page shows formatted in a way not worth repeating here (a date): any text matches it. */
const ANY = Symbol('any');
type Values = Record<string, string | number | typeof ANY>;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Language {
  code: 'nb' | 'nn' | 'en';
  /** What the browser asks for: the app picks its language from it, as it does for a first visit. */
  locale: string;
  /** The exact text of a message; with an ANY value, a pattern for the whole text. */
  t(id: string, values?: Values): string | RegExp;
}

function language(code: Language['code'], locale: string): Language {
  return {
    code, locale,
    t(id, values = {}) {
      const marker = '\u0000';
      const text = translate(code, id, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === ANY ? marker : v])));
      // translate answers a key no catalog has with the key itself.
      if (text === id) throw new Error(`no message ${id} in ${code}`);
      return text.includes(marker) ? new RegExp(`^${text.split(marker).map(escape).join('.+')}$`) : text;
    },
  };
}

const BOKMAL = language('nb', 'nb-NO');
const LANGUAGES = [BOKMAL, language('nn', 'nn-NO'), language('en', 'en-GB')];

// ── Who visits ────────────────────────────────────────────────────────────────────────────────────────────────
/** The demo login's people (server/seed/demo-personas.ts), by the name on their button; null: not logged in. */
const PEOPLE = {
  anonymous: null,
  kari: /Kari Nordmann/, // guardian of Emma (3A, AKS) and Jonas (7A)
  ingrid: /Ingrid Berg/, // contact teacher of 3A at Solbakken
  marit: /Marit Solheim/, // rektor of Solbakken, designated for protected addresses
  anders: /Anders Lie/, // administrator for the school owner, Eksempel kommune
} as const;
type Person = keyof typeof PEOPLE;

/** What beforeAll makes through the API, for the pages that show one thing. */
interface Made {
  conversationId: string;
  announcementId: string;
  leaveId: string;
  scheduledAnnouncementId: string;
}

interface Visit {
  /** The pattern in web/App.tsx's ROUTES (or '/login'). */
  route: string;
  as: Person;
  url(e: E2E, made: Made): string;
  /** The page's h1. */
  heading(l: Language): string | RegExp;
  /** What else shows only once the page's data has come (beyond "nothing says it is loading"). */
  ready?(page: Page, l: Language): Locator;
  /** Also in nynorsk and English (every page is visited in bokmål). */
  everyLanguage?: boolean;
}

const SUBJECT = 'Lekser til fredag';
const REPLY = 'Takk for at du sier fra. Emma kan levere leksene på mandag.';
const ANNOUNCEMENT = 'Turdag i skogen';
const SCHEDULED = 'Juleavslutning';

const VISITS: Visit[] = [
  { route: '/login', as: 'anonymous', everyLanguage: true, url: () => '/login', heading: (l) => l.t('login.title'),
    ready: (page) => page.getByRole('button', { name: PEOPLE.kari }) },
  { route: '/', as: 'kari', everyLanguage: true, url: () => '/', heading: (l) => l.t('home.title', { name: 'Kari' }),
    ready: (page) => page.getByRole('article', { name: 'Jonas Nordmann' }) },
  { route: '/', as: 'ingrid', url: () => '/', heading: (l) => l.t('home.title', { name: 'Ingrid' }),
    ready: (page) => page.getByRole('link', { name: '3A', exact: true }) },
  { route: '/', as: 'marit', url: () => '/', heading: (l) => l.t('home.title', { name: 'Marit' }),
    ready: (page) => page.getByRole('link', { name: 'Solbakken skole' }) },
  { route: '/', as: 'anders', url: () => '/', heading: (l) => l.t('home.title', { name: 'Anders' }),
    ready: (page) => page.getByRole('link', { name: 'Eksempel kommune' }) },
  { route: '/groups/:id', as: 'ingrid', url: (e) => `/groups/${e.demo.groups['3A']}`, heading: (l) => l.t('roster.title', { name: '3A', school: 'Solbakken skole' }),
    ready: (page) => page.getByText('kari.nordmann@example.no') },
  { route: '/groups/:id/reach', as: 'ingrid', url: (e) => `/groups/${e.demo.groups['3A']}/reach`, heading: (l) => l.t('reach.title', { name: '3A' }),
    ready: (page, l) => page.getByRole('heading', { name: l.t('reach.positiveTitle') }) },
  { route: '/schools/:id', as: 'marit', url: (e) => `/schools/${e.demo.schools.solbakken}`, heading: () => 'Solbakken skole',
    ready: (page) => page.getByRole('rowheader', { name: '5B' }) },
  // The whole school's reach: the table of classes with the school's total last.
  { route: '/schools/:id/reach', as: 'marit', url: (e) => `/schools/${e.demo.schools.solbakken}/reach`, heading: (l) => l.t('schoolReach.title', { name: 'Solbakken skole' }),
    ready: (page, l) => page.getByRole('rowheader', { name: l.t('schoolReach.total') }) },
  { route: '/owners/:id', as: 'anders', url: (e) => `/owners/${e.demo.ownerId}`, heading: () => 'Eksempel kommune',
    ready: (page) => page.getByRole('rowheader', { name: 'Fjellvang ungdomsskole' }) },
  { route: '/messages', as: 'kari', url: () => '/messages', heading: (l) => l.t('inbox.title'),
    ready: (page) => page.getByRole('link', { name: ANNOUNCEMENT }) },
  { route: '/messages', as: 'ingrid', url: () => '/messages', heading: (l) => l.t('inbox.title'),
    ready: (page) => page.getByRole('link', { name: SUBJECT }) },
  { route: '/messages/new', as: 'kari', url: (e) => `/messages/new?student=${e.demo.people.emma}&topic=academic`, heading: (l) => l.t('newConversation.title'),
    ready: (page) => page.getByText(/Ingrid Berg/) },
  { route: '/messages/to-families', as: 'ingrid', url: (e) => `/messages/to-families?group=${e.demo.groups['3A']}`, heading: (l) => l.t('toFamilies.title', { name: '3A' }),
    ready: (page) => page.getByRole('checkbox', { name: 'Emma Nordmann' }) },
  { route: '/messages/:id', as: 'kari', everyLanguage: true, url: (_e, m) => `/messages/${m.conversationId}`, heading: () => SUBJECT,
    ready: (page) => page.getByText(REPLY) },
  { route: '/messages/:id', as: 'ingrid', url: (_e, m) => `/messages/${m.conversationId}`, heading: () => SUBJECT,
    // Staff bring in colleagues or a guardian (the list of whom comes with its own request).
    ready: (page, l) => page.getByRole('combobox', { name: l.t('conversation.add') }) },
  { route: '/announcements/new', as: 'ingrid', url: (e) => `/announcements/new?group=${e.demo.groups['3A']}`, heading: (l) => l.t('newAnnouncement.title'),
    ready: (page, l) => page.getByLabel(l.t('newAnnouncement.heading')) },
  // What Ingrid sent and has scheduled (the scheduled one with its cancel button); the owner's administrator sees it too.
  { route: '/announcements/sent', as: 'ingrid', url: () => '/announcements/sent', heading: (l) => l.t('sent.title'),
    ready: (page, l) => page.getByRole('button', { name: l.t('sent.cancel') }) },
  { route: '/announcements/sent', as: 'anders', url: () => '/announcements/sent', heading: (l) => l.t('sent.title'),
    ready: (page) => page.getByRole('link', { name: SCHEDULED }) },
  { route: '/announcements/:id', as: 'kari', everyLanguage: true, url: (_e, m) => `/announcements/${m.announcementId}`, heading: () => ANNOUNCEMENT,
    ready: (page, l) => page.getByRole('button', { name: l.t('announcement.acknowledge') }) },
  { route: '/announcements/:id', as: 'ingrid', url: (_e, m) => `/announcements/${m.announcementId}`, heading: () => ANNOUNCEMENT,
    ready: (page) => page.getByRole('rowheader', { name: 'Kari Nordmann' }) },
  // Changing the scheduled one before it goes: the form, filled in with what is stored.
  { route: '/announcements/:id/edit', as: 'ingrid', url: (_e, m) => `/announcements/${m.scheduledAnnouncementId}/edit`, heading: (l) => l.t('newAnnouncement.editTitle'),
    ready: (page, l) => page.getByRole('button', { name: l.t('newAnnouncement.save') }) },
  { route: '/settings/notifications', as: 'kari', url: () => '/settings/notifications', heading: (l) => l.t('settings.title'),
    ready: (page, l) => page.getByRole('button', { name: l.t('settings.save') }) },
  { route: '/absence/new', as: 'kari', everyLanguage: true, url: (e) => `/absence/new?student=${e.demo.people.emma}`, heading: (l) => l.t('absence.report.title'),
    ready: (page) => page.getByRole('checkbox', { name: 'Emma Nordmann' }) },
  { route: '/groups/:id/attendance', as: 'ingrid', url: (e) => `/groups/${e.demo.groups['3A']}/attendance`, heading: (l) => l.t('attendance.title', { name: '3A', date: ANY }),
    ready: (page) => page.getByRole('checkbox', { name: /Emma Nordmann/ }) },
  { route: '/groups/:id/absence', as: 'ingrid', url: (e) => `/groups/${e.demo.groups['3A']}/absence`, heading: (l) => l.t('absenceOverview.groupTitle', { name: '3A' }),
    ready: (page) => page.getByRole('rowheader', { name: /Emma Nordmann/ }) },
  { route: '/schools/:id/absence', as: 'marit', url: (e) => `/schools/${e.demo.schools.solbakken}/absence`, heading: (l) => l.t('absenceOverview.schoolTitle', { name: 'Solbakken skole' }),
    ready: (page, l) => page.getByRole('heading', { name: l.t('absenceSettings.title') }) },
  { route: '/students/:id/absence', as: 'kari', everyLanguage: true, url: (e) => `/students/${e.demo.people.emma}/absence`, heading: (l) => l.t('studentAbsence.title', { name: 'Emma Nordmann' }),
    ready: (page, l) => page.getByRole('button', { name: l.t('absence.withdraw') }) },
  { route: '/absence/follow-ups', as: 'ingrid', url: () => '/absence/follow-ups', heading: (l) => l.t('followups.title'),
    ready: (page, l) => page.getByText(l.t('followups.intro', { date: ANY, count: 0 })) },
  { route: '/owners/:id/absence-rules', as: 'anders', url: (e) => `/owners/${e.demo.ownerId}/absence-rules`, heading: (l) => l.t('absenceRules.title', { owner: 'Eksempel kommune' }),
    ready: (page, l) => page.getByRole('button', { name: l.t('absenceRules.addBlackout') }) },
  { route: '/leave', as: 'kari', url: () => '/leave', heading: (l) => l.t('leave.listTitle'),
    ready: (page) => page.getByRole('link', { name: /Emma Nordmann/ }) },
  { route: '/leave', as: 'marit', url: () => '/leave?status=pending', heading: (l) => l.t('leave.listTitle'),
    ready: (page, l) => page.getByText(l.t('leave.yourDecision')) },
  { route: '/leave/new', as: 'kari', url: (e) => `/leave/new?student=${e.demo.people.emma}`, heading: (l) => l.t('leave.apply'),
    ready: (page, l) => page.getByRole('combobox', { name: l.t('leave.child') }) },
  { route: '/leave/:id', as: 'kari', everyLanguage: true, url: (_e, m) => `/leave/${m.leaveId}`, heading: (l) => l.t('leave.pageTitle', { name: 'Emma Nordmann' }),
    ready: (page, l) => page.getByRole('button', { name: l.t('leave.withdraw') }) },
  { route: '/leave/:id', as: 'marit', url: (_e, m) => `/leave/${m.leaveId}`, heading: (l) => l.t('leave.pageTitle', { name: 'Emma Nordmann' }),
    ready: (page, l) => page.getByRole('heading', { name: l.t('leave.decideHeading') }) },
];

// ── Waiting for a page's real content ─────────────────────────────────────────────────────────────────────────
interface Session {
  context: BrowserContext;
  page: Page;
  api: ApiTracker;
}

interface ApiTracker {
  /** Resolves once no API request has been open for two animation frames. */
  idle(): Promise<void>;
}

/** Counts the API requests a page has open, but not the live-updates stream, which stays open. */
function trackApi(page: Page): ApiTracker {
  const open = new Set<unknown>();
  const isApi = (url: string) => { const p = new URL(url).pathname; return p.startsWith('/api/') && p !== '/api/events'; };
  page.on('request', (r) => { if (isApi(r.url())) open.add(r); });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return {
    async idle() {
      // Quiet for two animation frames in a row: a response that starts another query has started it by then.
      for (let quiet = 0; quiet < 2;) {
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        quiet = open.size === 0 ? quiet + 1 : 0;
      }
    },
  };
}

async function waitForContent(page: Page, api: ApiTracker, visit: Visit, l: Language): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: visit.heading(l) });
  await heading.waitFor();
  await visit.ready?.(page, l).first().waitFor();
  await api.idle();
  const loading = l.t('common.loading') as string;
  await page.waitForFunction((text) => !document.body.innerText.includes(text), loading);
  await api.idle();
  expect(await heading.isVisible(), `${visit.route}: its heading`).toBe(true);
  expect(await page.getByText(loading).count(), `${visit.route}: still loading`).toBe(0);
  expect(await page.locator('[role="alert"], .error').allInnerTexts(), `${visit.route}: an error is shown`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang), `${visit.route}: the page's language`).toBe(l.code);
}

// ── Things to show, made through Tillit's own HTTP API as the people who would make them ─────────────────────────
async function apiAs(e: E2E, userId: string): Promise<{ send(method: 'POST' | 'PUT', url: string, body: unknown): Promise<Record<string, unknown>>; close(): Promise<void> }> {
  const http: APIRequestContext = await request.newContext({ baseURL: e.base });
  // Before a session exists, a state-changing request carries x-tillit-request (server/core/http.ts).
  const login = await http.post('/api/auth/demo', { data: { userId }, headers: { 'x-tillit-request': '1' } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = await login.json() as { csrfToken: string };
  return {
    async send(method, url, body) {
      const res = await http.fetch(url, { method, data: body, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
      return await res.json() as Record<string, unknown>;
    },
    close: () => http.dispose(),
  };
}

async function makeThings(e: E2E): Promise<Made> {
  const kari = await apiAs(e, e.demo.users.kari);
  const ingrid = await apiAs(e, e.demo.users.ingrid);
  try {
    const conversation = await kari.send('POST', '/api/conversations', {
      studentId: e.demo.people.emma, topic: 'academic', subject: SUBJECT, body: 'Hei! Emma har vært syk og rekker ikke leksene til fredag.',
    });
    const conversationId = (conversation.conversationIds as string[])[0]!;
    await ingrid.send('POST', `/api/conversations/${conversationId}/messages`, { body: REPLY, tone: 'positive' });
    const announcement = await ingrid.send('POST', '/api/announcements', {
      title: ANNOUNCEMENT, body: 'Vi går til skogen på torsdag. Ta med matpakke og gode sko.', category: 'practical', requiresAck: true,
      audience: { type: 'groups', groupIds: [e.demo.groups['3A']] },
    });
    const scheduled = await ingrid.send('POST', '/api/announcements', {
      title: SCHEDULED, body: 'Juleavslutningen er i gymsalen kl. 17.', category: 'information',
      audience: { type: 'groups', groupIds: [e.demo.groups['3A']] }, sendAt: new Date(e.clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    // Emma is reported ill on the next school day (still changeable, so the page offers to correct it), and
    // her mother applies for a week's leave later on, which waits for the rektor's decision.
    const day = nextSchoolDay(osloDate(e.clock.now()));
    await kari.send('POST', '/api/absence/reports', { studentIds: [e.demo.people.emma], fromDate: day, toDate: day, reason: 'ill' });
    const from = nextSchoolDay(addDays(day, 14));
    const leave = await kari.send('POST', '/api/leave', {
      studentId: e.demo.people.emma, kind: 'ordinary', fromDate: from, toDate: nextSchoolDay(from), reason: 'Besøk hos besteforeldre.',
    });
    return { conversationId, announcementId: String(announcement.id), leaveId: String(leave.id), scheduledAnnouncementId: String(scheduled.id) };
  } finally {
    await kari.close();
    await ingrid.close();
  }
}

// ── The sweep ─────────────────────────────────────────────────────────────────────────────────────────────────
describe('every page on a phone, for the person it is for', () => {
  let e: E2E;
  let made: Made;
  /** One logged-in phone per language and person: logging in once is enough to open all of their pages. */
  const sessions = new Map<string, Promise<Session>>();

  beforeAll(async () => {
    e = await startE2E();
    made = await makeThings(e);
  });
  afterAll(async () => {
    for (const s of sessions.values()) await (await s).context.close();
    await e?.close();
  });

  const session = (l: Language, person: Person): Promise<Session> => {
    const key = `${l.code}:${person}`;
    if (!sessions.has(key)) {
      sessions.set(key, (async () => {
        const { context, page } = await e.newPage({ ...PHONE, locale: l.locale });
        const api = trackApi(page);
        const name = PEOPLE[person];
        if (name) await loginAsDemo(page, name);
        return { context, page, api };
      })());
    }
    return sessions.get(key)!;
  };

  describe.each(LANGUAGES)('in $code', (l) => {
    it.each(VISITS.filter((v) => l === BOKMAL || v.everyLanguage).map((v) => [`${v.route} as ${v.as}`, v] as const))('%s', async (_name, visit) => {
      const { page, api } = await session(l, visit.as);
      try {
        await page.goto(visit.url(e, made));
        await waitForContent(page, api, visit, l);
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
        if (SCREENSHOTS) {
          const name = `${l.code}-${visit.as}-${visit.route.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.png`;
          await page.screenshot({ path: path.resolve(SCREENSHOTS, name), fullPage: true });
        }
      } finally {
        // Each page is looked at alone: a page left open keeps its live updates and would refetch as other
        // people's pages change things (until 0030a7d, two open pages of one conversation did so without end).
        await page.goto('/api/health').catch(() => undefined);
      }
    });
  });

  it('visits every page web/App.tsx has', () => {
    const app = readFileSync(path.join(root, 'web', 'App.tsx'), 'utf8');
    const start = app.indexOf('const ROUTES');
    expect(start, 'the ROUTES table in web/App.tsx').toBeGreaterThanOrEqual(0);
    const table = app.slice(start, app.indexOf('];', start));
    // Each row starts with its pattern: ['/groups/:id', (p) => …],
    const routes = [...table.matchAll(/\[\s*(['"`])(\/.*?)\1\s*,/g)].map((m) => m[2]!);
    // The login page is not in ROUTES: Pages() shows it for '/login' (and to anyone not logged in).
    if (app.includes("path === '/login'")) routes.push('/login');
    expect(routes.length).toBeGreaterThan(20);
    const visited = new Set(VISITS.map((v) => v.route));
    expect(routes.filter((r) => !visited.has(r)), 'pages of web/App.tsx the sweep does not visit').toEqual([]);
    expect([...visited].filter((r) => !routes.includes(r)), 'visits of pages web/App.tsx does not have').toEqual([]);
    // And each visit opens the page of its own route: the first route that matches, as in App.tsx ('/messages/new'
    // before '/messages/:id').
    const pattern = (route: string) => new RegExp(`^${route.split('/').map((p) => (p.startsWith(':') ? '[^/]+' : escape(p))).join('/')}$`);
    for (const v of VISITS) {
      const url = v.url(e, made);
      expect(routes.find((r) => pattern(r).test(new URL(url, e.base).pathname)), `${url} opens ${v.route}`).toBe(v.route);
    }
  });
});
