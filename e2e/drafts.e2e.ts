// What a guardian, a teacher or a rektor has written and not yet sent is not lost (web/lib/draft.ts): in real
// Chromium on a phone, a reload, a trip to another page and a session that ran out all give the text back, sending
// forgets it, and logging out, or someone else logging in, leaves nothing behind in the tab for the next person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, loginAsDemo, nextSchoolDay, startE2E, type E2E } from './support';
import { osloDate } from '../shared/dates';
import { addDays } from '../shared/oslo-time';

const PHONE = { width: 360, height: 740 };
const drafts = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('tillit.draft:')));

describe('drafts', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e.close(); });

  it('gives a guardian back a new message and a reply after a reload and another page, and forgets each once sent', async () => {
    const { page, context } = await e.newPage(PHONE);
    await loginAsDemo(page, /Kari Nordmann/);
    await page.goto(`/messages/new?student=${e.demo.people.emma}`);
    await page.getByRole('heading', { name: 'Skriv til skolen' }).waitFor();
    await page.getByLabel('Emne').fill('Turdag');
    await page.getByLabel('Melding').fill('Emma trenger ny sekk før turdagen. Hvilken størrelse anbefaler dere?');

    await page.reload();
    await page.getByRole('heading', { name: 'Skriv til skolen' }).waitFor();
    await expect(page.getByLabel('Emne').inputValue()).resolves.toBe('Turdag');
    await expect(page.getByLabel('Melding').inputValue()).resolves.toBe('Emma trenger ny sekk før turdagen. Hvilken størrelse anbefaler dere?');
    await expectAccessible(page);

    // Away through the menu and back: still there.
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: /Meldinger/ }).click();
    await page.goto(`/messages/new?student=${e.demo.people.emma}`);
    await expect(page.getByLabel('Melding').inputValue()).resolves.toMatch(/^Emma trenger ny sekk/);

    await page.getByRole('button', { name: 'Send melding' }).click();
    await page.getByRole('heading', { name: 'Turdag' }).waitFor();
    expect(await drafts(page)).toEqual([]);
    await page.goto(`/messages/new?student=${e.demo.people.emma}`);
    await expect(page.getByLabel('Emne').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Melding').inputValue()).resolves.toBe('');

    // A reply in that conversation, kept through a reload, gone once sent.
    await page.goBack();
    await page.getByRole('heading', { name: 'Turdag' }).waitFor();
    const conversation = page.url();
    await page.getByLabel('Svar').fill('Og en regnjakke, kanskje?');
    await page.reload();
    await expect(page.getByLabel('Svar').inputValue()).resolves.toBe('Og en regnjakke, kanskje?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.messages').getByText('Og en regnjakke, kanskje?').waitFor();
    await expect.poll(() => page.getByLabel('Svar').inputValue()).toBe('');
    await page.goto(conversation);
    await page.locator('.messages').getByText('Og en regnjakke, kanskje?').waitFor();
    await expect(page.getByLabel('Svar').inputValue()).resolves.toBe('');
    expect(await drafts(page)).toEqual([]);
    await context.close();
  });

  it('keeps a message through a session that ran out, for the same person only, and leaves nothing after logout', async () => {
    const { page, context } = await e.newPage(PHONE);
    await loginAsDemo(page, /Kari Nordmann/);
    await page.goto(`/messages/new?student=${e.demo.people.emma}`);
    await page.getByLabel('Emne').fill('Utløpt økt');
    await page.getByLabel('Melding').fill('Skrevet mens økten gikk ut.');
    // The session ends on the server while she writes (it expired, or was ended elsewhere).
    await e.database.db.deleteFrom('sessions').execute();
    await page.getByRole('button', { name: 'Send melding' }).click();
    await page.getByRole('alert').waitFor();
    // She logs in again in the same tab: the text is still hers to send.
    await loginAsDemo(page, /Kari Nordmann/);
    await page.goto(`/messages/new?student=${e.demo.people.emma}`);
    await expect(page.getByLabel('Melding').inputValue()).resolves.toBe('Skrevet mens økten gikk ut.');

    // Her session runs out again and someone else logs in on this tab (Sara, another family): not theirs to see.
    await e.database.db.deleteFrom('sessions').execute();
    await loginAsDemo(page, /Sara Ahmed/);
    await page.goto(`/messages/new?student=${e.demo.people.lina}`);
    const body = page.locator('textarea[name="body"]');
    await body.waitFor();
    await expect(body.inputValue()).resolves.toBe('');
    // Kari's draft is gone from the tab, and Sara's own stays until she logs out.
    expect(await drafts(page)).toEqual([]);
    await body.fill('Sara skriver.');
    expect(await drafts(page)).toHaveLength(1);

    // Logging out forgets every draft of the tab.
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await drafts(page)).toEqual([]);
    await context.close();
  });

  it('keeps whom a teacher was writing to in her class, and what, through a reload', async () => {
    const { page, context } = await e.newPage(PHONE);
    await loginAsDemo(page, /Ingrid Berg/);
    await page.goto(`/messages/to-families?group=${e.demo.groups['3A']}`);
    await page.getByRole('heading', { name: 'Skriv til foresatte i 3A' }).waitFor();
    const boxes = page.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(2);
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    await page.getByLabel('Emne').fill('Leksehjelp');
    await page.reload();
    await page.getByRole('heading', { name: 'Skriv til foresatte i 3A' }).waitFor();
    const checked = await boxes.evaluateAll((els) => els.map((b) => (b as HTMLInputElement).checked));
    expect(checked.slice(0, 3)).toEqual([true, false, true]);
    expect(checked.filter(Boolean)).toHaveLength(2);
    await expect(page.getByLabel('Emne').inputValue()).resolves.toBe('Leksehjelp');
    await expectAccessible(page);
    await context.close();
  });

  it('keeps a teacher\'s new announcement through a reload, its choices and whom it goes to, and forgets it once sent', async () => {
    const { page, context } = await e.newPage(PHONE);
    await loginAsDemo(page, /Ingrid Berg/);
    // From the home page's link for her class (…/announcements/new?group=<3A>).
    await page.getByRole('link', { name: 'Ny beskjed' }).first().click();
    await page.getByLabel('Overskrift').fill('Skidag');
    await page.getByLabel('Tekst').fill('Skidagen er flyttet til torsdag.');
    await page.getByLabel('Type').selectOption('practical');
    await page.getByLabel('Be om bekreftelse på at beskjeden er lest').check();
    await page.getByLabel('Bare foresatte med foreldreansvar').uncheck();
    await page.getByLabel('Send senere (valgfritt)').fill('2031-01-15T08:30');
    // Not the whole class: two of its students.
    await page.getByRole('radio', { name: 'Utvalgte elever' }).check();
    const students = page.getByRole('group', { name: /^Velg elever i/ }).getByRole('checkbox');
    await students.nth(0).check();
    await students.nth(2).check();
    const chosen = async () => (await students.evaluateAll((els) => els.map((b) => (b as HTMLInputElement).checked))).flatMap((c, i) => (c ? [i] : []));

    await page.reload();
    await expect(page.getByLabel('Overskrift').inputValue()).resolves.toBe('Skidag');
    await expect(page.getByLabel('Tekst').inputValue()).resolves.toBe('Skidagen er flyttet til torsdag.');
    await expect(page.getByLabel('Type').inputValue()).resolves.toBe('practical');
    await expect(page.getByLabel('Be om bekreftelse på at beskjeden er lest').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Bare foresatte med foreldreansvar').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Send senere (valgfritt)').inputValue()).resolves.toBe('2031-01-15T08:30');
    await expect(page.getByRole('radio', { name: 'Utvalgte elever' }).isChecked()).resolves.toBe(true);
    await expect(chosen()).resolves.toEqual([0, 2]);
    await expectAccessible(page);

    // Opened by another link (a positive word to the class), the form starts from what that link names; back at the
    // link she wrote under, the whole draft is there again.
    await page.goto(`/announcements/new?group=${e.demo.groups['3A']}&category=positive`);
    await expect(page.getByLabel('Type').inputValue()).resolves.toBe('positive');
    await expect(page.getByLabel('Overskrift').inputValue()).resolves.toBe('');
    await expect(page.getByRole('radio', { name: 'Klasser og grupper' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: '3A' }).isChecked()).resolves.toBe(true);
    await page.goBack();
    await expect(page.getByLabel('Overskrift').inputValue()).resolves.toBe('Skidag');
    await expect(page.getByLabel('Type').inputValue()).resolves.toBe('practical');
    await expect(page.getByRole('radio', { name: 'Utvalgte elever' }).isChecked()).resolves.toBe(true);
    await expect(chosen()).resolves.toEqual([0, 2]);

    await page.getByRole('button', { name: 'Send beskjed' }).click();
    await page.getByRole('heading', { name: 'Skidag' }).waitFor();
    expect(await drafts(page)).toEqual([]);
    await context.close();
  });

  it("keeps a guardian's leave application through a reload, the child, the kind and the days too, and forgets it once sent", async () => {
    const { page, context } = await e.newPage(PHONE);
    await loginAsDemo(page, /Kari Nordmann/);
    const day = nextSchoolDay(addDays(osloDate(e.clock.now()), 21));
    const form = {
      child: () => page.getByRole('combobox', { name: 'Barn' }),
      holiday: () => page.getByRole('radio', { name: 'Religiøs høytid' }),
      from: () => page.getByLabel('Fra og med'),
      to: () => page.getByLabel('Til og med'),
      reason: () => page.getByLabel('Grunn (valgfritt)'),
    };
    await page.goto('/leave/new');
    await page.getByRole('heading', { name: 'Søk om permisjon' }).waitFor();
    const today = await form.from().inputValue();
    await form.child().selectOption({ label: 'Jonas Nordmann' });
    await form.holiday().check();
    await form.from().fill(day);
    await form.to().fill(day);
    await form.reason().fill('Eid al-fitr med familien.');

    await page.reload();
    await page.getByRole('heading', { name: 'Søk om permisjon' }).waitFor();
    await expect(form.child().locator('option:checked').textContent()).resolves.toBe('Jonas Nordmann');
    await expect(form.holiday().isChecked()).resolves.toBe(true);
    await expect(form.from().inputValue()).resolves.toBe(day);
    await expect(form.to().inputValue()).resolves.toBe(day);
    await expect(form.reason().inputValue()).resolves.toBe('Eid al-fitr med familien.');
    await expectAccessible(page);

    // A link for Emma is another form: it starts from what it names, not from Jonas's draft.
    await page.goto(`/leave/new?student=${e.demo.people.emma}`);
    await page.getByRole('heading', { name: 'Søk om permisjon' }).waitFor();
    await expect(form.child().locator('option:checked').textContent()).resolves.toBe('Emma Nordmann');
    await expect(form.reason().inputValue()).resolves.toBe('');
    await expect(form.from().inputValue()).resolves.toBe(today);

    await page.goto('/leave/new');
    await expect(form.reason().inputValue()).resolves.toBe('Eid al-fitr med familien.');
    await page.getByRole('button', { name: 'Send søknaden' }).click();
    await page.getByRole('heading', { name: 'Permisjon for Jonas Nordmann' }).waitFor();
    expect(await drafts(page)).toEqual([]);
    await page.goto('/leave/new');
    await page.getByRole('heading', { name: 'Søk om permisjon' }).waitFor();
    await expect(form.reason().inputValue()).resolves.toBe('');
    await expect(form.from().inputValue()).resolves.toBe(today);
    await expect(page.getByRole('radio', { name: 'Permisjon' }).isChecked()).resolves.toBe(true);
    await context.close();
  });

  it("keeps the rektor's decision texts through a reload, and forgets them once the decision is saved", async () => {
    const kari = await e.newPage(PHONE);
    await loginAsDemo(kari.page, /Kari Nordmann/);
    const day = nextSchoolDay(addDays(osloDate(e.clock.now()), 28));
    await kari.page.goto(`/leave/new?student=${e.demo.people.emma}`);
    await kari.page.getByLabel('Fra og med').fill(day);
    await kari.page.getByLabel('Til og med').fill(day);
    await kari.page.getByRole('button', { name: 'Send søknaden' }).click();
    await kari.page.getByRole('heading', { name: 'Permisjon for Emma Nordmann' }).waitFor();
    const leave = new URL(kari.page.url()).pathname;
    await kari.context.close();

    const { page, context } = await e.newPage(PHONE);
    await loginAsDemo(page, /Marit Solheim/);
    await page.goto(leave);
    await page.getByRole('heading', { name: 'Permisjon for Emma Nordmann' }).waitFor();
    const texts = { Begrunnelse: 'Én skoledag, og Emma henger godt med.', 'Elevens beste': 'Å være med familien veier tyngre enn én dag.', 'Elevens syn': 'Emma vil gjerne reise.' };
    for (const [label, text] of Object.entries(texts)) await page.getByLabel(label).fill(text);
    await page.reload();
    await page.getByRole('heading', { name: 'Permisjon for Emma Nordmann' }).waitFor();
    for (const [label, text] of Object.entries(texts)) await expect(page.getByLabel(label).inputValue()).resolves.toBe(text);
    await page.getByRole('button', { name: 'Lagre vedtaket' }).click();
    await page.getByRole('heading', { name: 'Vedtak: permisjonen er innvilget' }).waitFor();
    expect(await drafts(page)).toEqual([]);
    await context.close();
  });
});
