// What a walk-through on a 360 px phone found, checked in Chromium: the login page makes no refused request and its
// script is cached; a subject that is one long URL wraps instead of widening the inbox and the conversation; the
// term's figures keep their values readable beside long labels; the register keeps what the teacher ticked and typed
// while they look at another lesson, says how many are ticked, offers no register for a day that has not come or is
// not a school day, and names the field when the server refuses one; AKS is led by its base leader and has no
// lessons; grunnskole shows no per-subject limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Page, type Response } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, loginAsDemo, nextSchoolDay, startE2E, type E2E } from './support';
import { osloDate } from '../shared/dates';
import { addDays, isoWeekday } from '../shared/oslo-time';
import { osloDateTime } from '../server/jobs/queue';
import { translate } from '../server/i18n/catalogs';

const PHONE = { width: 360, height: 740 };
const t = (id: string, values?: Record<string, string | number>) => translate('nb', id, values);

describe('on a 360 px phone', () => {
  let e: E2E;
  /** A school day, as the server's clock has it for the register tests (the browser keeps its own date). */
  let day: string;
  beforeAll(async () => {
    e = await startE2E();
    day = nextSchoolDay(osloDate(e.clock.now()));
    e.clock.set(osloDateTime(day, '10:00'));
  });
  afterAll(async () => { await e?.close(); });

  const phoneAs = async (name: RegExp) => {
    const session = await e.newPage(PHONE);
    await loginAsDemo(session.page, name);
    return session;
  };
  const register = (page: Page, group: string, date: string, period = 0) => page.goto(`/groups/${group}/attendance?date=${date}&period=${period}`);

  it('opens the login page without a request the server refuses or an error in the console', async () => {
    const { context, page } = await e.newPage(PHONE);
    const refused: string[] = [];
    const errors: string[] = [];
    const caching = new Map<string, string | undefined>();
    const scripts: Response[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
      if (r.request().resourceType() === 'document' || r.request().resourceType() === 'script') caching.set(r.request().resourceType(), r.headers()['cache-control']);
      if (r.request().resourceType() === 'script') scripts.push(r);
    });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto('/login');
    await page.getByRole('button', { name: /Kari Nordmann/ }).waitFor();
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    // The page is asked for anew each time; its hashed script is kept by the phone.
    expect(Object.fromEntries(caching)).toEqual({ document: 'no-cache', script: 'public, max-age=31536000, immutable' });
    // The scripts are the app's and one catalog, bokmål's (scripts/catalogs.ts): no other language, and no page only
    // staff open (web/lib/lazy-page.tsx).
    const names = scripts.map((r) => /\/assets\/(\w+)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname)?.[1]);
    expect(names).toContain('index');
    expect(names.filter((n) => n === 'nb' || n === 'nn' || n === 'en')).toEqual(['nb']);
    expect(names.filter((n) => n?.endsWith('Page'))).toEqual([]);
    // Each of 1 kB or more comes compressed as built (scripts/precompress.ts); the large ones, the app's and the
    // catalog, in a fraction of their size over the wire.
    for (const script of scripts) {
      const size = (await script.body()).length;
      if (size < 1024) continue;
      expect(['br', 'gzip']).toContain(script.headers()['content-encoding']);
      if (size > 20_000) expect((await script.request().sizes()).responseBodySize).toBeLessThan(size / 3);
    }
    // The accessibility check every e2e file relies on finds a fault when there is one: a picture without a text.
    await expectAccessible(page);
    await page.evaluate(() => { const img = document.createElement('img'); img.src = '/favicon.ico'; document.querySelector('main')!.append(img); });
    await expect(expectAccessible(page)).rejects.toThrow(/image-alt/);
    await context.close();
  });

  it('says in the language wanted when its catalog or a staff page cannot be fetched, loads it on "reload", and fetches another language only when chosen', async () => {
    const { context, page } = await e.newPage(PHONE);
    const catalogs: string[] = [];
    page.on('request', (r) => { const m = /\/assets\/(\w+)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname); if (m && ['nb', 'nn', 'en'].includes(m[1]!)) catalogs.push(m[1]!); });
    // Offline, or a tab older than the app on the server: the catalog's script does not come.
    await page.route(/\/assets\/nb-[\w-]{8}\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto('/login');
    await page.getByRole('alert').getByText(t('meta.loadFailed')).waitFor();
    await expect(page.locator('main').getAttribute('lang')).resolves.toBe('nb');
    await expectAccessible(page);
    await page.unroute(/\/assets\/nb-[\w-]{8}\.js$/);
    await page.getByRole('button', { name: t('meta.reload') }).click();
    await page.getByRole('button', { name: /Kari Nordmann/ }).waitFor();
    // A language chosen while its catalog cannot come: the page stays in bokmål, as its lang says, and says why.
    // (On the context: after the reload the service worker fetches for the page.)
    await context.route(/\/assets\/en-[\w-]{8}\.js$/, (route) => route.abort('internetdisconnected'));
    await page.getByLabel(t('layout.language')).selectOption('en');
    await page.getByRole('main').getByRole('alert').getByText(t('meta.loadFailed')).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('nb');
    await expectAccessible(page);
    await context.unroute(/\/assets\/en-[\w-]{8}\.js$/);
    await page.getByLabel(t('layout.language')).selectOption('nb');
    await expect(page.getByRole('main').getByRole('alert').count()).resolves.toBe(0);
    // Another language is fetched when it is chosen, and the page is in it (lang included) once it is there.
    await page.getByLabel(t('layout.language')).selectOption('en');
    await page.getByRole('heading', { level: 1, name: translate('en', 'login.title') }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    expect(catalogs).toEqual(['nb', 'nb', 'en', 'en']);
    await context.close();

    // A staff page is a script of its own: if it cannot be fetched, the page says so, in her language, and the
    // layout around it stays.
    const teacher = await e.newPage(PHONE);
    // (On the context: a request the service worker makes for the page is routed there, not on the page.)
    await teacher.context.route(/\/assets\/RosterPage-[\w-]{8}\.js$/, (route) => route.abort('internetdisconnected'));
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.goto(`/groups/${e.demo.groups['3A']}`);
    await teacher.page.getByRole('main').getByRole('alert').getByText(t('meta.loadFailed')).waitFor();
    await teacher.page.getByRole('button', { name: t('layout.logout') }).waitFor();
    await expectAccessible(teacher.page);
    await teacher.context.unroute(/\/assets\/RosterPage-[\w-]{8}\.js$/);
    await teacher.page.getByRole('button', { name: t('meta.reload') }).click();
    await teacher.page.getByRole('heading', { level: 1, name: /3A/ }).waitFor();
    await teacher.context.close();
  });

  it('fetches no staff page for a guardian, and every staff page for a teacher once the app is idle', async () => {
    const phoneOf = async (name: RegExp) => {
      const { context, page } = await e.newPage(PHONE);
      const fetched: string[] = [];
      page.on('request', (r) => { const m = /\/assets\/(\w+Page)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname); if (m) fetched.push(m[1]!); });
      await loginAsDemo(page, name);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      return { context, fetched };
    };
    const guardian = await phoneOf(/Kari Nordmann/);
    expect(guardian.fetched).toEqual([]);
    await guardian.context.close();
    const teacher = await phoneOf(/Ingrid Berg/);
    // When the browser is next idle (at the latest after 5 s).
    await expect.poll(() => teacher.fetched, { timeout: 10_000 }).toEqual(expect.arrayContaining(['AttendancePage', 'NewAnnouncementPage', 'RosterPage']));
    await teacher.context.close();
  });

  it('wraps a conversation subject and preview that are one long URL, in the inbox and in the conversation', async () => {
    // A subject may be 200 characters: this one is 194, without a place to break.
    const url = `https://tillit.example.no/ukeplan?klasse=3A&token=${'Zk9Qx2LmWv7R'.repeat(12)}`;
    const body = `Ukeplanen ligger her: ${url}`;
    const http = await request.newContext({ baseURL: e.base });
    const login = await http.post('/api/auth/demo', { data: { userId: e.demo.users.kari }, headers: { 'x-tillit-request': '1' } });
    const { csrfToken } = await login.json() as { csrfToken: string };
    const made = await http.post('/api/conversations', {
      data: { studentId: e.demo.people.emma, topic: 'academic', subject: url, body },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(made.status(), await made.text()).toBe(200);
    const conversationId = ((await made.json()) as { conversationIds: string[] }).conversationIds[0]!;
    await http.dispose();

    for (const who of [/Kari Nordmann/, /Ingrid Berg/]) {
      const { context, page } = await phoneAs(who);
      await page.goto('/messages');
      await page.getByRole('link', { name: url }).waitFor();
      // The inbox shows the first 140 characters: still one unbroken string far wider than the phone.
      await page.getByText(body.slice(0, 140), { exact: true }).waitFor();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await page.goto(`/messages/${conversationId}`);
      await page.getByRole('heading', { level: 1, name: url }).waitFor();
      await page.getByText(body, { exact: true }).waitFor();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await context.close();
    }
  });

  it("keeps the term's figures readable: a long label wraps, its value is not broken letter by letter", async () => {
    const { context, page } = await phoneAs(/Kari Nordmann/);
    await page.goto(`/students/${e.demo.people.emma}/absence`);
    const summary = page.getByRole('region', { name: t('studentAbsence.summary') });
    await summary.getByText(t('studentAbsence.reportedHours')).waitFor();
    const layout = await summary.locator('dl').evaluate((dl) => ({
      width: dl.getBoundingClientRect().width,
      values: [...dl.querySelectorAll('dd')].map((dd) => ({ text: dd.textContent, width: dd.getBoundingClientRect().width, lines: Math.round(dd.getBoundingClientRect().height / parseFloat(getComputedStyle(dd).lineHeight)) })),
    }));
    for (const v of layout.values) {
      expect(v.width, v.text!).toBeGreaterThanOrEqual(layout.width * 0.4);
      expect(v.lines, v.text!).toBeLessThanOrEqual(2);
    }
    await expectNoHorizontalScroll(page);
    await context.close();
  });


  it('offers a teacher on her phone the number to call for each family not reached', async () => {
    const { context, page } = await phoneAs(/Ingrid Berg/);
    // A classmate's parent (Emma's mother has read things in the tests above, so she has been reached).
    const parent = await e.database.db.selectFrom('enrolments as en').innerJoin('guardianships as g', 'g.student_id', 'en.student_id').innerJoin('persons as p', 'p.id', 'g.guardian_id')
      .select('p.phone').where('en.group_id', '=', e.demo.groups['3A']).where('en.student_id', '!=', e.demo.people.emma).where('g.parental_responsibility', '=', true).where('p.phone', 'is not', null)
      .orderBy('p.id').executeTakeFirstOrThrow();
    await page.goto(`/groups/${e.demo.groups['3A']}/reach`);
    const call = page.getByRole('link', { name: t('reach.call', { phone: parent.phone! }) });
    await expect(call.getAttribute('href')).resolves.toBe(`tel:${parent.phone!.replace(/[^+\d]/g, '')}`);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it("keeps a class's absence rows and a school's classes one line of links high, each link still naming its row to a screen reader", async () => {
    const { context, page } = await phoneAs(/Ingrid Berg/);
    await page.goto(`/groups/${e.demo.groups['3A']}/absence`);
    // The accessible name is the whole sentence (the catalog's <hidden> part); on screen the row's heading says whose it is.
    await page.getByRole('link', { name: 'Se fraværet til Emma Nordmann' }).waitFor();
    await page.getByRole('link', { name: 'Skriv til familien til Emma Nordmann' }).waitFor();
    // The line boxes of each row's links: one line per row.
    const lines = await page.locator('td.actions').evaluateAll((cells) => cells.map((td) =>
      new Set([...td.querySelectorAll('a')].flatMap((a) => [...a.getClientRects()].map((r) => Math.round(r.top)))).size));
    expect(lines.length).toBeGreaterThan(5);
    expect(new Set(lines)).toEqual(new Set([1]));
    await expectNoHorizontalScroll(page);
    await context.close();

    // The same on the school's page: each class's reach link, for the rektor.
    const rektor = await phoneAs(/Marit Solheim/);
    await rektor.page.goto(`/schools/${e.demo.schools.solbakken}`);
    await rektor.page.getByRole('link', { name: /^Hvem har vi nådd i 5B ?\?$/ }).waitFor();
    const schoolLines = await rektor.page.locator('td.actions').evaluateAll((cells) => cells.map((td) =>
      new Set([...td.querySelectorAll('a')].flatMap((a) => [...a.getClientRects()].map((r) => Math.round(r.top)))).size));
    expect(schoolLines.length).toBeGreaterThan(3);
    expect(new Set(schoolLines)).toEqual(new Set([1]));
    await expectNoHorizontalScroll(rektor.page);
    await rektor.context.close();
  });
  it('keeps unsaved ticks and a typed subject while the teacher looks at another lesson, and says how many are ticked', async () => {
    const { context, page } = await phoneAs(/Ingrid Berg/);
    await register(page, e.demo.groups['3A'], day);
    const boxes = page.getByRole('checkbox');
    await boxes.first().waitFor();
    const total = await boxes.count();
    await page.getByText(t('attendance.help', { absent: 0, total })).waitFor();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByText(t('attendance.help', { absent: 2, total })).waitFor();
    await page.getByText(t('attendance.unsaved')).waitFor();

    // To the 2nd lesson: nobody ticked there yet, and the whole day's ticks are listed as not saved.
    await page.getByLabel(t('attendance.what')).selectOption({ label: t('attendance.lesson', { n: 2 }) });
    await page.getByLabel(t('attendance.subject')).fill('Norsk');
    await page.getByText(t('attendance.help', { absent: 0, total })).waitFor();
    await page.getByText(t('attendance.unsavedElsewhere', { count: 1 })).waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // Back to the whole day: both ticks are there; then to the lesson again: its subject is there.
    await page.getByLabel(t('attendance.what')).selectOption({ label: t('attendance.wholeDay') });
    await page.getByText(t('attendance.help', { absent: 2, total })).waitFor();
    await expect(boxes.nth(0).isChecked()).resolves.toBe(true);
    await expect(boxes.nth(1).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: t('attendance.save') }).click();
    await page.getByText(t('attendance.saved')).waitFor();
    const marks = await e.database.db.selectFrom('attendance_marks').select('student_id').where('group_id', '=', e.demo.groups['3A']).where('date', '=', day).where('period', '=', 0).where('status', '=', 'absent').execute();
    expect(marks).toHaveLength(2);
    // The lesson is still waiting to be saved, and says so.
    await page.getByText(t('attendance.unsavedElsewhere', { count: 1 })).waitFor();
    await page.getByRole('link', { name: new RegExp(t('attendance.lesson', { n: 2 })) }).click();
    await expect(page.getByLabel(t('attendance.subject')).inputValue()).resolves.toBe('Norsk');
    await page.getByRole('button', { name: t('attendance.save') }).click();
    await page.getByText(t('attendance.saved')).waitFor();
    expect(await page.getByText(t('attendance.unsavedElsewhere', { count: 1 })).count()).toBe(0);
    const lesson = await e.database.db.selectFrom('attendance_registers').select('subject').where('group_id', '=', e.demo.groups['3A']).where('date', '=', day).where('period', '=', 2).executeTakeFirstOrThrow();
    expect(lesson.subject).toBe('Norsk');
    await context.close();
  });

  it('offers no register for a day ahead or a weekend, and names the day when the server refuses one', async () => {
    const { context, page } = await phoneAs(/Ingrid Berg/);
    await register(page, e.demo.groups['3A'], day);
    const date = page.locator('input[name="date"]');
    await expect(date.getAttribute('max')).resolves.toBe(day);

    await register(page, e.demo.groups['3A'], nextSchoolDay(day));
    await page.getByText(t('attendance.closedFuture')).waitFor();
    expect(await page.getByRole('button', { name: t('attendance.save') }).count()).toBe(0);
    await expect(page.getByRole('checkbox').first().isDisabled()).resolves.toBe(true);
    await expectAccessible(page);

    let saturday = day;
    while (isoWeekday(saturday) !== 6) saturday = addDays(saturday, -1);
    await register(page, e.demo.groups['3A'], saturday);
    await page.getByText(t('attendance.closedNotSchoolDay')).waitFor();
    expect(await page.getByRole('button', { name: t('attendance.save') }).count()).toBe(0);
    await expectAccessible(page);

    // The page was opened on the day; the server's clock goes back a day before it is saved: the refusal is read.
    const dayBefore = addDays(day, -1);
    await register(page, e.demo.groups['3A'], day);
    await page.getByRole('checkbox').nth(2).check();
    e.clock.set(osloDateTime(dayBefore, '15:00'));
    try {
      await page.getByRole('button', { name: t('attendance.save') }).click();
      const alert = page.getByRole('alert');
      await alert.getByText(t('error.issue', { field: t('attendance.day'), problem: t('issue.in_future') })).waitFor();
      await expect(date.getAttribute('aria-invalid')).resolves.toBe('true');
      await expectAccessible(page);
    } finally {
      e.clock.set(osloDateTime(day, '10:00'));
    }
    // Nothing ticked was lost: saved now, it goes through.
    await page.getByRole('button', { name: t('attendance.save') }).click();
    await page.getByText(t('attendance.saved')).waitFor();
    await context.close();
  });

  it('keeps an AKS register for the whole day only, and names the base leader as such', async () => {
    const ole = await phoneAs(/Ole Dahl/);
    // Even a link to a lesson shows the whole day: there is no lesson to choose, nor a subject.
    await register(ole.page, e.demo.groups.aks, day, 3);
    await ole.page.getByRole('checkbox', { name: /Emma Nordmann/ }).check();
    expect(await ole.page.getByLabel(t('attendance.what')).count()).toBe(0);
    expect(await ole.page.getByLabel(t('attendance.subject')).count()).toBe(0);
    await expectAccessible(ole.page);
    await expectNoHorizontalScroll(ole.page);
    await ole.page.getByRole('button', { name: t('attendance.save') }).click();
    await ole.page.getByText(t('attendance.saved')).waitFor();
    const saved = await e.database.db.selectFrom('attendance_registers').select('period').where('group_id', '=', e.demo.groups.aks).where('date', '=', day).execute();
    expect(saved).toEqual([{ period: 0 }]);

    await ole.page.goto(`/groups/${e.demo.groups.aks}`);
    const students = await e.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', e.demo.groups.aks).execute();
    await ole.page.getByText(t('roster.summaryAks', { count: students.length, teachers: 'Ole Dahl' })).waitFor();
    await ole.context.close();

    const marit = await phoneAs(/Marit Solheim/);
    await marit.page.goto(`/schools/${e.demo.schools.solbakken}`);
    await marit.page.getByRole('columnheader', { name: t('school.leaders') }).waitFor();
    const aksRow = marit.page.getByRole('row', { name: /AKS/ });
    await aksRow.getByRole('cell', { name: t('school.baseLeaders', { names: 'Ole Dahl' }) }).waitFor();
    await marit.page.getByRole('row', { name: /3A/ }).getByRole('cell', { name: 'Ingrid Berg', exact: true }).waitFor();
    await expectAccessible(marit.page);
    await marit.context.close();
  });

  it("shows a 3rd grader's lesson absence without a per-subject limit: that rule is videregående's", async () => {
    const ingrid = await phoneAs(/Ingrid Berg/);
    await register(ingrid.page, e.demo.groups['3A'], day, 4);
    await ingrid.page.getByLabel(t('attendance.subject')).fill('Matematikk');
    await ingrid.page.getByRole('checkbox', { name: /Emma Nordmann/ }).check();
    await ingrid.page.getByRole('button', { name: t('attendance.save') }).click();
    await ingrid.page.getByText(t('attendance.saved')).waitFor();
    await ingrid.context.close();

    const kari = await phoneAs(/Kari Nordmann/);
    await kari.page.goto(`/students/${e.demo.people.emma}/absence`);
    await kari.page.getByText(t('studentAbsence.lesson', { period: 4, subject: 'Matematikk' })).waitFor();
    expect(await kari.page.getByRole('heading', { name: t('studentAbsence.subjects', { limit: 10 }) }).count()).toBe(0);
    await expectAccessible(kari.page);
    await expectNoHorizontalScroll(kari.page);
    await kari.context.close();
  });
});
