// The web forms in Chromium, where a walk-through found them wanting: a double tap on "Send" sends once (counted in
// the database), so does a reply sent again after its answer was lost, a content warning is for the text it was
// given for and is dropped when the text changes, a part of a day needs a time, the absence confirmation says what
// was reported and where to see it, and errors that used to vanish (acknowledging after the session ended, a blank
// reply, Web Push refused by the browser) are shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, loginAsDemo, nextSchoolDay, startE2E, type E2E } from './support';
import { osloDate } from '../shared/dates';

/**
 * Two clicks on a button in one go, with nothing of the page's own work between them: the worst a double tap does.
 * Playwright's dblclick() sent twice too before the guard, but it leaves the page a moment between the clicks in
 * which a fast machine may re-render the button as disabled; this does not depend on the machine's speed.
 */
async function doubleClick(button: Locator): Promise<void> {
  await button.evaluate((b: HTMLElement) => { b.click(); b.click(); });
}

describe('the web forms', () => {
  let e: E2E;
  let kari: Page;
  let ingrid: Page;
  const db = () => e.database.db;

  beforeAll(async () => {
    e = await startE2E();
    kari = (await e.newPage()).page;
    await loginAsDemo(kari, /Kari Nordmann/);
    ingrid = (await e.newPage()).page;
    await loginAsDemo(ingrid, /Ingrid Berg/);
  });
  afterAll(async () => { await e.close(); });

  it('starts one conversation and sends one reply for a double click, and says why a blank reply is not sent', async () => {
    await kari.goto(`/messages/new?student=${e.demo.people.emma}`);
    await kari.getByRole('heading', { name: 'Skriv til skolen' }).waitFor();
    await kari.getByLabel('Emne').fill('Dobbeltklikk');
    await kari.getByLabel('Melding').fill('Denne skal bare komme én gang.');
    await doubleClick(kari.getByRole('button', { name: 'Send melding' }));
    await kari.getByRole('heading', { name: 'Dobbeltklikk' }).waitFor();
    const conversations = await db().selectFrom('conversations').select('id').where('subject', '=', 'Dobbeltklikk').execute();
    expect(conversations).toHaveLength(1);
    const messages = () => db().selectFrom('conversation_messages').select('body').where('conversation_id', '=', conversations[0]!.id).execute();
    await expect(messages()).resolves.toHaveLength(1);

    const reply = kari.getByLabel('Svar');
    await reply.fill('Ett svar.');
    await doubleClick(kari.getByRole('button', { name: 'Send', exact: true }));
    await kari.locator('.messages').getByText('Ett svar.').waitFor();
    await expect(reply.inputValue()).resolves.toBe('');
    await expect(messages()).resolves.toHaveLength(2);

    // Only spaces: not sent, and the page says so (the browser's own check lets spaces through).
    await reply.fill('   ');
    await kari.getByRole('button', { name: 'Send', exact: true }).click();
    await kari.getByRole('alert').getByText('Svaret er tomt. Skriv en melding før du sender.').waitFor();
    await expect(reply.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(kari);
    await expect(messages()).resolves.toHaveLength(2);
    await reply.fill('Nå med tekst.');
    await expect(kari.getByText('Svaret er tomt.', { exact: false }).count()).resolves.toBe(0);
  });

  it('sends a reply once when its answer was lost and "Send" is pressed again', async () => {
    await kari.goto(`/messages/new?student=${e.demo.people.emma}`);
    await kari.getByRole('heading', { name: 'Skriv til skolen' }).waitFor();
    await kari.getByLabel('Emne').fill('Mistet svar');
    await kari.getByLabel('Melding').fill('Først en vanlig melding.');
    await kari.getByRole('button', { name: 'Send melding' }).click();
    await kari.getByRole('heading', { name: 'Mistet svar' }).waitFor();
    const text = 'Denne kom fram, men svaret forsvant.';
    const messages = () => db().selectFrom('conversation_messages').select('id').where('body', '=', text).execute();

    // The server handles the first send; its answer never reaches the page, as when a phone loses the network.
    const keys: (string | undefined)[] = [];
    await kari.route('**/api/conversations/*/messages', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      await route.fetch();
      await route.abort('connectionreset');
    }, { times: 1 });
    await kari.getByLabel('Svar').fill(text);
    await kari.getByRole('button', { name: 'Send', exact: true }).click();
    await kari.getByRole('alert').getByText('Noe gikk galt hos oss.', { exact: false }).waitFor();
    await expect(messages()).resolves.toHaveLength(1);

    // Pressed again, the same text goes with the same key, and the server answers with the first answer.
    const answer = kari.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/messages'));
    await kari.getByRole('button', { name: 'Send', exact: true }).click();
    keys.push((await answer).request().headers()['idempotency-key']);
    expect((await answer).headers()['idempotent-replayed']).toBe('true');
    // The answer's headers are in before the page has read its body (and the live event may show the reply first).
    await kari.locator('.messages').getByText(text).waitFor();
    await expect.poll(() => kari.getByLabel('Svar').inputValue()).toBe('');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await expect(messages()).resolves.toHaveLength(1);
    await expect(kari.locator('.messages').getByText(text).count()).resolves.toBe(1);
  });

  it('refuses a part of a day without a time, keeping what was typed, and reports once for a double click', async () => {
    const day = nextSchoolDay(osloDate(e.clock.now()));
    await kari.goto(`/absence/new?student=${e.demo.people.emma}`);
    await kari.getByRole('heading', { name: 'Meld fravær' }).waitFor();
    await kari.getByLabel('En del av dagen').check();
    await kari.getByLabel('Dato').fill(day);
    await kari.getByLabel('Syk').check();
    const send = kari.getByRole('button', { name: 'Meld fravær' });
    await send.click();
    await kari.getByRole('alert').getByText('Skriv når barnet går fra skolen, når det kommer, eller begge deler. Er barnet borte hele dagen, velg «Hele dager».').waitFor();
    await expectAccessible(kari);
    const reports = () => db().selectFrom('absence_reports').select(['from_date', 'to_date', 'from_time', 'until_time']).where('student_id', '=', e.demo.people.emma).execute();
    await expect(reports()).resolves.toEqual([]);
    // Nothing typed is lost; the first time field has the focus.
    await expect(kari.getByLabel('Emma Nordmann').isChecked()).resolves.toBe(true);
    await expect(kari.getByLabel('Dato').inputValue()).resolves.toBe(day);
    await expect(kari.getByLabel('Syk').isChecked()).resolves.toBe(true);
    await expect(kari.getByLabel('Går fra skolen kl.').evaluate((i) => i === document.activeElement)).resolves.toBe(true);

    await kari.getByLabel('Går fra skolen kl.').fill('12:00');
    await doubleClick(send);
    await kari.getByRole('heading', { name: 'Fraværet er meldt' }).waitFor();
    expect((await reports()).map((r) => ({ ...r, from_time: r.from_time?.slice(0, 5) }))).toEqual([{ from_date: day, to_date: day, from_time: '12:00', until_time: null }]);
    // The confirmation says the time, that it can still be changed (its day has not begun), and where.
    await kari.getByText('går kl. 12:00', { exact: false }).waitFor();
    await kari.getByText('Begge foresatte ser meldingen. Du kan endre eller trekke den tilbake før dagen begynner.').waitFor();
    await expectAccessible(kari);
    await kari.getByRole('link', { name: 'Se eller endre meldingen for Emma Nordmann' }).click();
    await kari.getByRole('heading', { name: 'Fravær for Emma Nordmann' }).waitFor();
    await kari.getByRole('button', { name: 'Endre' }).waitFor();
  });

  it('does not promise a change before the day begins for a report for today', async () => {
    await kari.goto(`/absence/new?student=${e.demo.people.jonas}`);
    await kari.getByRole('heading', { name: 'Meld fravær' }).waitFor();
    await kari.getByLabel('Fra og med').fill(osloDate(e.clock.now()));
    await kari.getByLabel('Til og med').fill(osloDate(e.clock.now()));
    await kari.getByRole('button', { name: 'Meld fravær' }).click();
    await kari.getByRole('heading', { name: 'Fraværet er meldt' }).waitFor();
    await kari.getByText('Begge foresatte ser meldingen. Dagen har begynt, så den kan ikke lenger endres eller trekkes tilbake her. Har noe endret seg, send en melding til skolen.').waitFor();
    await expect(kari.getByText('før dagen begynner', { exact: false }).count()).resolves.toBe(0);
    await kari.getByRole('link', { name: /^Se meldingen for Jonas / }).waitFor();
  });

  it('checks an edited announcement again instead of sending it on the old warning, and shows what was found', async () => {
    await ingrid.goto(`/announcements/new?group=${e.demo.groups['3A']}`);
    await ingrid.getByRole('heading', { name: 'Ny beskjed' }).waitFor();
    await ingrid.getByLabel('Overskrift').fill('Turdag fredag');
    const body = ingrid.getByLabel('Tekst');
    await body.fill('Husk matpakke og medisiner.');
    await ingrid.getByLabel('Be om bekreftelse på at beskjeden er lest').check();
    await ingrid.getByRole('button', { name: 'Send beskjed' }).click();
    const warning = ingrid.getByRole('alert').filter({ hasText: 'Sjekk teksten før den sendes til mange:' });
    await warning.getByText('Teksten ser ut til å inneholde helseopplysninger. Funnet: medisiner').waitFor();
    await ingrid.getByRole('button', { name: 'Send likevel' }).waitFor();
    await expectAccessible(ingrid);

    // A change to the text drops the warning: the next send is checked again, and warns about the new text.
    await body.fill('Husk matpakke. Vi tar hensyn til allergi.');
    await expect(warning.count()).resolves.toBe(0);
    await expect(ingrid.getByRole('button', { name: 'Send likevel' }).count()).resolves.toBe(0);
    await ingrid.getByRole('button', { name: 'Send beskjed' }).click();
    await warning.getByText('Teksten ser ut til å inneholde helseopplysninger. Funnet: allergi').waitFor();
    const sent = () => db().selectFrom('announcements').select(['id', 'body']).where('title', '=', 'Turdag fredag').execute();
    await expect(sent()).resolves.toEqual([]);
    // So does a change to the title, and to whom it goes.
    await ingrid.getByLabel('Overskrift').fill('Turdag på fredag');
    await expect(warning.count()).resolves.toBe(0);
    await ingrid.getByLabel('Overskrift').fill('Turdag fredag');
    await ingrid.getByRole('button', { name: 'Send beskjed' }).click();
    await warning.waitFor();

    // Confirmed, it is sent once, with the text that was checked.
    await doubleClick(ingrid.getByRole('button', { name: 'Send likevel' }));
    await ingrid.getByRole('heading', { name: 'Turdag fredag' }).waitFor();
    const rows = await sent();
    expect(rows.map((r) => r.body)).toEqual(['Husk matpakke. Vi tar hensyn til allergi.']);

    // Kari's session ends while the announcement is open: her confirmation fails, and the page says so.
    await kari.goto(`/announcements/${rows[0]!.id}`);
    const acknowledge = kari.getByRole('button', { name: 'Bekreft at jeg har lest' });
    await acknowledge.waitFor();
    await db().deleteFrom('sessions').where('user_id', '=', e.demo.users.kari).execute();
    await acknowledge.click();
    await kari.getByRole('alert').getByText('Du er ikke logget inn.').waitFor();
    await kari.getByRole('alert').getByRole('link', { name: 'Logg inn på nytt' }).waitFor();
    await expect(acknowledge.isEnabled()).resolves.toBe(true);
    await expectAccessible(kari);
  });

  it('writes to several families once for a double click on "Send anyway", after a warning that names the student', async () => {
    const classmates = await db().selectFrom('enrolments as en').innerJoin('persons as p', 'p.id', 'en.student_id')
      .select(['p.id', 'p.given_name', 'p.family_name']).where('en.group_id', '=', e.demo.groups['3A']).where('p.id', '!=', e.demo.people.emma)
      .orderBy('p.family_name').limit(3).execute();
    const [a, b, named] = classmates;
    const name = `${named!.given_name} ${named!.family_name}`;
    await ingrid.goto(`/messages/to-families?group=${e.demo.groups['3A']}&students=${a!.id},${b!.id}`);
    await ingrid.getByRole('heading', { name: 'Skriv til foresatte i 3A' }).waitFor();
    await ingrid.getByLabel('Emne').fill('Lesekvarter');
    const body = ingrid.getByLabel('Tekst');
    await body.fill(`${name} leste høyt for klassen i dag.`);
    await ingrid.getByRole('button', { name: 'Send', exact: true }).click();
    const warning = ingrid.getByRole('alert').filter({ hasText: 'Sjekk teksten før den sendes til mange:' });
    await warning.getByText(`Teksten nevner en elev med fullt navn. Funnet: ${name}`).waitFor();
    // Choosing other families is a change to what was checked too.
    await ingrid.getByLabel(name).check();
    await expect(warning.count()).resolves.toBe(0);
    await ingrid.getByLabel(name).uncheck();
    await ingrid.getByRole('button', { name: 'Send', exact: true }).click();
    await warning.waitFor();
    await doubleClick(ingrid.getByRole('button', { name: 'Send likevel' }));
    await ingrid.getByRole('heading', { name: 'Meldinger' }).waitFor();
    const made = await db().selectFrom('conversations').select('student_id').where('subject', '=', 'Lesekvarter').execute();
    expect(made.map((c) => c.student_id).sort()).toEqual([a!.id, b!.id].sort());
  });

  it('says so when the browser refuses Web Push, and leaves the button usable', async () => {
    const { context, page } = await e.newPage();
    await context.grantPermissions(['notifications'], { origin: e.base });
    await loginAsDemo(page, /Per Nordmann/);
    // Headless Chromium has no push service, so subscribing fails ("Registration failed - …"); should a browser
    // have one, the server's refusal fails it the same way.
    await page.route('**/api/me/push-subscriptions', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"internal","message":"down"}}' }));
    await page.goto('/settings/notifications');
    const enable = page.getByRole('button', { name: 'Slå på varsler her' });
    await enable.click();
    await page.getByRole('alert').getByText('Varsler kunne ikke slås på for denne enheten.', { exact: false }).waitFor();
    await expect(enable.isEnabled()).resolves.toBe(true);
    await page.getByText('Du får ikke varsler på denne enheten.').waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
