// Issue 3's journey in real Chromium: a teacher's announcement that must be acknowledged, a guardian reading
// it in English, the receipt updating for the teacher, an e-mail to a guardian who has not read it after the
// escalation time (the clock is injected), and an AKS question that lands with the AKS base leader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { apiAs as apiOf, expectAccessible, expectNoHorizontalScroll, loginAsDemo, startE2E, type E2E } from './support';
import { deliverDue } from '../server/notifications/notifications.service';
import { emailChannel } from '../server/notifications/channels';
import { CSRF_HEADER, SESSION_COOKIE } from '../server/core/http';

describe('an announcement and a question, end to end', () => {
  let e: E2E;
  let smtp: SMTPServer;
  let email: ReturnType<typeof emailChannel>;
  const mails: ParsedMail[] = [];
  let nynorsk: string;

  beforeAll(async () => {
    e = await startE2E();
    e.clock.set('2026-11-23T08:00:00Z');
    await e.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', e.demo.people.kari).execute();
    // A classmate's mother whom the school has registered as reading nynorsk.
    nynorsk = (await e.database.db.selectFrom('enrolments as en').innerJoin('guardianships as g', 'g.student_id', 'en.student_id')
      .innerJoin('persons as p', 'p.id', 'g.guardian_id').select('p.email')
      .where('en.group_id', '=', e.demo.groups['3A']).where('en.student_id', '!=', e.demo.people.emma).executeTakeFirstOrThrow()).email!;
    await e.database.db.updateTable('persons').set({ preferred_language: 'nn' }).where('email', '=', nynorsk).execute();
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onData: (stream, _s, cb) => void simpleParser(stream).then((m) => { mails.push(m); cb(); }, cb),
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    email = emailChannel(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Tillit <no-reply@tillit.test>');
  });
  afterAll(async () => {
    email.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await e.close();
  });

  it('carries an announcement from the teacher to the guardians, with receipts and an e-mail to those who did not read it', async () => {
    const teacher = await e.newPage();
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.getByRole('link', { name: 'Ny beskjed' }).first().click();
    await teacher.page.getByRole('heading', { name: 'Ny beskjed' }).waitFor();
    await expectAccessible(teacher.page);
    await teacher.page.getByLabel('Overskrift').fill('Foreldremøte tirsdag');
    await teacher.page.getByLabel('Tekst').fill('Velkommen til foreldremøte tirsdag kl. 18 i klasserommet.');
    await teacher.page.getByLabel('Be om bekreftelse på at beskjeden er lest').check();
    await teacher.page.getByRole('button', { name: 'Send beskjed' }).click();
    await teacher.page.getByRole('heading', { name: 'Foreldremøte tirsdag' }).waitFor();
    await teacher.page.getByText(/0 av \d+ har lest, 0 har bekreftet/).waitFor();
    await expectAccessible(teacher.page);

    // Kari reads Tillit in English on her phone.
    const guardian = await e.newPage({ width: 360, height: 740, locale: 'en-GB' });
    await loginAsDemo(guardian.page, /Kari Nordmann/);
    // Her home page and the header say that something new is waiting, and that the school asks her to confirm it.
    const news = guardian.page.getByRole('region', { name: 'New for you' });
    await news.getByText('1 announcement is waiting for you to confirm you have read it.').waitFor();
    await expect(guardian.page.getByRole('link', { name: /^Messages \(\d+ new\)$/ }).count()).resolves.toBe(1);
    await expectAccessible(guardian.page);
    await guardian.page.getByRole('link', { name: 'Messages' }).click();
    await guardian.page.getByRole('link', { name: 'Foreldremøte tirsdag' }).waitFor();
    await expectAccessible(guardian.page);
    await guardian.page.getByRole('link', { name: 'Foreldremøte tirsdag' }).click();
    // Her children are in 3A and 7A: the announcement says which class it is for.
    await guardian.page.getByText(/· To 3A$/).waitFor();
    await guardian.page.getByRole('button', { name: 'Confirm that I have read it' }).click();
    await guardian.page.getByText('You have confirmed that you read this announcement.').waitFor();
    await expectAccessible(guardian.page);
    await expectNoHorizontalScroll(guardian.page);
    await guardian.page.getByRole('link', { name: 'Tillit', exact: true }).click();
    await guardian.page.getByRole('article', { name: 'Emma Nordmann' }).waitFor();
    await expect(guardian.page.getByText(/waiting for you to confirm/).count()).resolves.toBe(0);

    // The teacher's open page updates without a reload (server-sent events).
    await teacher.page.getByText(/1 av \d+ har lest, 1 har bekreftet/).waitFor();

    // Nothing leaves by e-mail within the hour the app has first; after it, the guardians who have not read it get
    // an e-mail in their own language; Kari, who read it, does not.
    const deliver = () => deliverDue({ db: e.database.db, clock: e.clock, log: e.app.log }, { email }, { emailAfterMinutes: 60, publicUrl: e.base });
    e.clock.set('2026-11-23T08:59:00Z');
    await deliver();
    expect(mails).toEqual([]);
    e.clock.set('2026-11-23T09:01:00Z');
    await deliver();
    const to = (m: ParsedMail) => (Array.isArray(m.to) ? '' : m.to?.value[0]?.address);
    const unread = await e.database.db.selectFrom('announcement_recipients as r').innerJoin('persons as p', 'p.id', 'r.person_id').select('p.email')
      .where('r.read_at', 'is', null).where('p.email', 'is not', null).where('r.announcement_id', 'in', e.database.db.selectFrom('announcements').select('id').where('title', '=', 'Foreldremøte tirsdag')).execute();
    expect(mails.map(to).sort()).toEqual(unread.map((u) => u.email).sort());
    expect(mails.map(to)).not.toContain('kari.nordmann@example.no');
    for (const m of mails) {
      expect(m.subject).toBe('Solbakken skole: Foreldremøte tirsdag');
      const nn = to(m) === nynorsk;
      expect(m.headers.get('content-language')).toBe(nn ? 'nn' : 'nb');
      expect(m.text).toContain(nn ? 'Du får denne e-posten frå Tillit, meldingstenesta til skulen.' : 'Du får denne e-posten fra Tillit, skolens meldingstjeneste.');
    }
    // The receipts say how each was told.
    await teacher.page.reload();
    await teacher.page.getByRole('row', { name: /Kari Nordmann/ }).getByText('e-post: ikke nødvendig, lest i appen').waitFor();

    // The teacher looks at whom the class has reached: Kari's family now has; the page passes axe.
    await teacher.page.goto('/');
    await teacher.page.getByRole('link', { name: 'Hvem har vi nådd?' }).click();
    await teacher.page.getByRole('heading', { name: 'Hvem har vi nådd i 3A?' }).waitFor();
    const notReached = teacher.page.getByRole('region', { name: /Familier som ikke har lest noe/ });
    await notReached.getByText(/familier er ikke nådd/).waitFor();
    await expect(notReached.getByText('Kari Nordmann').count()).resolves.toBe(0);
    await teacher.page.getByRole('table').getByRole('row', { name: /Emma Nordmann/ }).waitFor();
    await expectAccessible(teacher.page);

    // A positive word to one family, at a time given in Norwegian time, with a PDF: the browser runs on UTC.
    await teacher.page.goto('/');
    await teacher.page.getByRole('listitem').filter({ has: teacher.page.getByRole('heading', { name: '3A' }) }).getByRole('link', { name: 'Ny beskjed' }).click();
    await teacher.page.getByLabel('Utvalgte elever').check();
    await teacher.page.getByLabel('Emma Nordmann').check();
    await teacher.page.getByText('1 elev valgt').waitFor();
    await teacher.page.getByLabel('Overskrift').fill('Takk for hjelpen');
    await teacher.page.getByLabel('Tekst').fill('Emma Nordmann hjalp en ny elev til rette i dag.');
    await teacher.page.getByRole('combobox', { name: /^Type/ }).selectOption({ label: 'Gode nyheter' });
    await teacher.page.getByLabel(/^Send senere/).fill('2026-11-24T08:30');
    await teacher.page.getByLabel(/^Vedlegg/).setInputFiles({ name: 'diplom.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await expectAccessible(teacher.page);
    await teacher.page.getByRole('button', { name: 'Send beskjed' }).click();
    await teacher.page.getByRole('heading', { name: 'Takk for hjelpen' }).waitFor();
    await teacher.page.getByText('Beskjeden sendes 24. november 2026 kl. 08:30.').waitFor();
    const scheduled = await e.database.db.selectFrom('announcements').select(['send_at', 'audience']).where('title', '=', 'Takk for hjelpen').executeTakeFirstOrThrow();
    expect(scheduled.send_at.toISOString()).toBe('2026-11-24T07:30:00.000Z');
    expect(scheduled.audience).toEqual({ type: 'students', studentIds: [e.demo.people.emma] });
    await teacher.page.getByRole('link', { name: 'diplom.pdf' }).waitFor();
    await teacher.context.close();
    await guardian.context.close();
  });

  it('routes a guardian\'s question about AKS to the AKS base leader, who sees it', async () => {
    const guardian = await e.newPage();
    await loginAsDemo(guardian.page, /Kari Nordmann/);
    const emma = guardian.page.getByRole('article', { name: 'Emma Nordmann' });
    await emma.getByRole('link', { name: 'Write in Tillit' }).nth(1).click();
    await guardian.page.getByRole('heading', { name: 'Write to the school' }).waitFor();
    await guardian.page.getByText('Ole Dahl (After-school base leader)').waitFor();
    await expect(guardian.page.getByText(/Ingrid Berg/).count()).resolves.toBe(0);
    await expectAccessible(guardian.page);
    await guardian.page.getByLabel('Subject').fill('Henting på torsdag');
    await guardian.page.getByLabel('Message').fill('Emma blir hentet av bestemor kl. 15 på torsdag.');
    await guardian.page.getByRole('button', { name: 'Send message' }).click();
    await guardian.page.getByRole('heading', { name: 'Henting på torsdag' }).waitFor();
    await guardian.context.close();

    const leader = await e.newPage();
    await loginAsDemo(leader.page, /Ole Dahl/);
    await leader.page.getByRole('link', { name: 'Meldinger' }).click();
    await leader.page.getByRole('link', { name: 'Henting på torsdag' }).click();
    await leader.page.getByText('Emma blir hentet av bestemor kl. 15 på torsdag.').waitFor();
    await expectAccessible(leader.page);
    await leader.context.close();

    const teacher = await e.newPage();
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.getByRole('link', { name: 'Meldinger' }).click();
    await teacher.page.getByRole('heading', { name: 'Meldinger' }).waitFor();
    await expect(teacher.page.getByRole('link', { name: 'Henting på torsdag' }).count()).resolves.toBe(0);
    await teacher.context.close();
  });
});

describe('notification settings', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e.close(); });

  it('lets a guardian turn off practical e-mails and keep urgent ones, on a phone', async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(page, /Kari Nordmann/);
    await page.getByRole('link', { name: 'Varsler' }).click();
    await page.getByRole('heading', { name: 'Varsler', exact: true, level: 1 }).waitFor();
    // Web Push needs a real push service, which this machine cannot reach; the control is there and accessible.
    await page.getByRole('heading', { name: 'Varsler på denne enheten' }).waitFor();
    const practical = page.getByRole('group', { name: 'Praktiske beskjeder' });
    await practical.getByLabel('Av').check();
    await expect(page.getByRole('group', { name: /Viktige beskjeder/ }).getByLabel('Av').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByText('Lagret.').waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    const saved = await e.database.db.selectFrom('notification_preferences').select(['category', 'mode']).where('person_id', '=', e.demo.people.kari).execute();
    expect(saved).toEqual([{ category: 'practical', mode: 'off' }]);
    await context.close();
  });

  it('lets a guardian start a conversation from the messages page, and tells a parent without parental responsibility why not', async () => {
    const kari = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(kari.page, /Kari Nordmann/);
    await kari.page.getByRole('link', { name: /^Meldinger/ }).click();
    await kari.page.getByRole('heading', { name: 'Meldinger', level: 1 }).waitFor();
    await kari.page.getByRole('link', { name: 'Skriv til skolen' }).click();
    await kari.page.getByRole('heading', { name: 'Skriv til skolen', level: 1 }).waitFor();
    await kari.page.getByLabel('Emne').waitFor();
    await kari.context.close();

    // Per Nordmann has no parental responsibility for Emma: nothing to write about here, and the page says so.
    const per = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(per.page, /Per Nordmann/);
    const children = per.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me/children');
    await per.page.goto('/messages');
    await per.page.getByRole('heading', { name: 'Meldinger', level: 1 }).waitFor();
    await children;
    await expect(per.page.getByRole('link', { name: 'Skriv til skolen' }).count()).resolves.toBe(0);
    await per.page.goto('/messages/new');
    await per.page.getByText('Det er ingen av barna dine du kan skrive til skolen om i Tillit.', { exact: false }).waitFor();
    await expect(per.page.getByLabel('Emne').count()).resolves.toBe(0);
    await expectAccessible(per.page);
    await per.context.close();
  });

  it('shows a guardian her older announcements on asking, after the newest twenty', async () => {
    const ingrid = await apiOf(e, e.demo.users.ingrid);
    // At one instant (the server's clock stands still here): only their ids order them.
    for (let i = 1; i <= 21; i++) {
      await ingrid.post('/api/announcements', { title: `Ukebrev ${i}`, body: 'Til foreldrene i 3A.', category: 'information', audience: { type: 'groups', groupIds: [e.demo.groups['3A']] } });
    }
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(page, /Kari Nordmann/);
    await page.goto('/messages');
    const announcements = page.getByRole('region', { name: 'Beskjeder' });
    await announcements.getByRole('link', { name: /^Ukebrev/ }).first().waitFor();
    await expect(announcements.getByRole('link', { name: /^Ukebrev/ }).count()).resolves.toBe(20);
    await announcements.getByRole('button', { name: 'Vis eldre' }).click();
    await expect.poll(() => announcements.getByRole('link', { name: /^Ukebrev/ }).count()).toBe(21);
    const titles = await announcements.getByRole('link', { name: /^Ukebrev/ }).allInnerTexts();
    expect(new Set(titles).size).toBe(21);
    await expect(announcements.getByRole('button', { name: 'Vis eldre' }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});

describe('the contact teacher writes to families and brings in a colleague', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e.close(); });

  it('sends a positive message to two families from the class list, brings in the social teacher, and the guardian sees who can read it', async () => {
    const teacher = await e.newPage();
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.getByRole('link', { name: '3A', exact: true }).click();
    await teacher.page.getByRole('heading', { name: '3A – Solbakken skole' }).waitFor();
    await teacher.page.getByLabel('Velg familien til Emma Nordmann').check();
    await teacher.page.getByRole('checkbox', { name: /^Velg familien til (?!Emma Nordmann)/ }).first().check();
    await expectAccessible(teacher.page);
    // The way on is both above and below the list.
    await expect(teacher.page.getByRole('link', { name: 'Skriv til 2 valgte familier' }).count()).resolves.toBe(2);
    await teacher.page.getByRole('link', { name: 'Skriv til 2 valgte familier' }).last().click();

    await teacher.page.getByRole('heading', { name: 'Skriv til foresatte i 3A' }).waitFor();
    await expect(teacher.page.getByLabel('Emma Nordmann').isChecked()).resolves.toBe(true);
    await expect(teacher.page.getByRole('checkbox', { checked: true }).count()).resolves.toBe(2);
    await teacher.page.getByLabel('Emne').fill('Flott innsats');
    await teacher.page.getByLabel('Tekst').fill('Klassen har jobbet godt med lesing denne uka. Takk for at dere leser hjemme!');
    await teacher.page.getByLabel('Tone').selectOption({ label: 'Positiv' });
    await expectAccessible(teacher.page);
    await teacher.page.getByRole('button', { name: 'Send' }).click();

    await teacher.page.getByRole('heading', { name: 'Meldinger' }).waitFor();
    // count() does not wait: the list may still be loading when the heading is there.
    await teacher.page.getByRole('link', { name: 'Flott innsats' }).nth(1).waitFor();
    await expect(teacher.page.getByRole('link', { name: 'Flott innsats' }).count()).resolves.toBe(2);
    await teacher.page.getByRole('listitem').filter({ hasText: 'Emma Nordmann' }).getByRole('link', { name: 'Flott innsats' }).click();
    await teacher.page.getByRole('heading', { name: 'Flott innsats' }).waitFor();
    await expect(teacher.page.locator('.messages .meta').first().innerText()).resolves.toMatch(/· Positiv$/);
    await teacher.page.getByText('Ikke lest av Kari Nordmann').waitFor();
    await teacher.page.getByLabel('Legg til i samtalen').selectOption({ label: 'Eva Lund – Sosiallærer, Kontaktlærer (1A)' });
    await teacher.page.getByRole('button', { name: 'Legg til', exact: true }).click();
    await teacher.page.getByText('Eva Lund (Sosiallærer)').waitFor();
    await teacher.page.getByText('Slik ble de varslet').click();
    await teacher.page.getByText('Kari Nordmann: har ikke lest · e-post: står i kø').waitFor();
    await expectAccessible(teacher.page);

    // Kari, on her phone, sees who can read what the school wrote about Emma: the teacher and the social teacher.
    const guardian = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(guardian.page, /Kari Nordmann/);
    await guardian.page.getByRole('link', { name: 'Meldinger' }).click();
    await guardian.page.getByRole('link', { name: 'Flott innsats' }).click();
    await guardian.page.getByRole('heading', { name: 'Hvem kan lese samtalen' }).waitFor();
    const readers = guardian.page.getByRole('region', { name: 'Hvem kan lese samtalen' }).getByRole('listitem');
    expect((await readers.allInnerTexts()).sort()).toEqual(['Eva Lund (Sosiallærer)', 'Ingrid Berg (Kontaktlærer)', 'Kari Nordmann (foresatt)']);
    await expect(guardian.page.getByLabel('Tone').count()).resolves.toBe(0);
    await expect(guardian.page.getByLabel('Legg til i samtalen').count()).resolves.toBe(0);
    await expectAccessible(guardian.page);
    await expectNoHorizontalScroll(guardian.page);

    // The teacher's open page learns that Kari has read it, without a reload.
    await teacher.page.getByText('Lest av Kari Nordmann').waitFor();
    await teacher.context.close();
    await guardian.context.close();
  });
});

describe('a reminder from the receipts', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e.close(); });

  /** Tillit's API as a demo person, in-process (the browser is for the teacher). */
  const apiAs = async (userId: string) => {
    const login = await e.app.inject({ method: 'POST', url: '/api/auth/demo', payload: { userId }, headers: { 'x-tillit-request': '1' } });
    expect(login.statusCode, login.body).toBe(200);
    const headers = { cookie: `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`, [CSRF_HEADER]: (login.json() as { csrfToken: string }).csrfToken };
    return async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const res = await e.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json() as Record<string, unknown>;
    };
  };

  it('lets the teacher, on her phone, remind the guardians who have not confirmed, asked first, and shows whom she reminded', async () => {
    const ingrid = await apiAs(e.demo.users.ingrid);
    const kari = await apiAs(e.demo.users.kari);
    const { id, recipientCount } = await ingrid('POST', '/api/announcements', {
      title: 'Skolefoto onsdag', body: 'Skolefotografen kommer onsdag. Bekreft at dere har sett beskjeden.', category: 'practical', requiresAck: true,
      audience: { type: 'groups', groupIds: [e.demo.groups['3A']] },
    }) as { id: string; recipientCount: number };
    await kari('GET', `/api/announcements/${id}`);
    await kari('POST', `/api/announcements/${id}/ack`, {});
    const n = recipientCount - 1;

    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(page, /Ingrid Berg/);
    await page.goto(`/announcements/${id}`);
    await page.getByRole('heading', { name: 'Skolefoto onsdag' }).waitFor();
    const ask = page.getByRole('button', { name: `Send påminnelse til ${n} som ikke har bekreftet` });
    await ask.waitFor();
    await expectAccessible(page);
    await ask.click();
    // Asked first: nothing is sent until she says yes.
    await page.getByText(`Sende en påminnelse nå til ${n} mottakere?`, { exact: false }).waitFor();
    await expectAccessible(page);
    expect(await e.database.db.selectFrom('announcement_reminders').select('id').execute()).toEqual([]);
    await page.getByRole('button', { name: 'Ja, send påminnelse' }).click();

    await page.getByRole('status').getByText(`Påminnelse sendt til ${n} mottakere.`).waitFor();
    // The question has gone; the keyboard goes on from what came of it.
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain(`Påminnelse sendt til ${n} mottakere.`);
    await page.getByRole('listitem').filter({ hasText: `Ingrid Berg sendte påminnelse til ${n} mottakere` }).waitFor();
    await page.getByText(/^Neste påminnelse kan sendes /).waitFor();
    await expect(page.getByRole('button', { name: /^Send påminnelse/ }).count()).resolves.toBe(0);
    // Per guardian: Kari, who confirmed, was not reminded; the others were.
    await page.getByRole('columnheader', { name: 'Påminnet' }).waitFor();
    await expect(page.getByRole('row', { name: /Kari Nordmann/ }).getByRole('cell').last().innerText()).resolves.toBe('Nei');
    const reminded = await e.database.db.selectFrom('announcement_reminder_recipients').select('person_id').execute();
    expect(reminded).toHaveLength(n);
    expect(reminded.map((r) => r.person_id)).not.toContain(e.demo.people.kari);
    const outbox = await e.database.db.selectFrom('notification_outbox').select('person_id').where('topic', '=', 'announcement.reminder').execute();
    expect(outbox.length).toBeGreaterThan(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
