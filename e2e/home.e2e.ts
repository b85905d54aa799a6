// Issue 2's journeys: each demo person logs in and finds what their role should see, in their language,
// on a phone and on a desktop, with nothing for axe to find.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, loginAsDemo, startE2E, type E2E } from './support';

describe('each demo person at home in Tillit', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e.close(); });

  it('shows the login page with the demo people, accessible and fitting a phone', async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logg inn i Tillit' }).waitFor();
    await page.getByRole('button', { name: /Kari Nordmann/ }).waitFor();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // The skip link is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await context.close();
  });

  it('shows a guardian each child with whom to contact: contact teacher, AKS base leader, office', async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(page, /Kari Nordmann/);
    const emma = page.getByRole('article', { name: 'Emma Nordmann' });
    await emma.getByText('Kontaktlærer Ingrid Berg').waitFor();
    await expect(emma.getByText('AKS-baseleder Ole Dahl').isVisible()).resolves.toBe(true);
    await expect(emma.getByText('3A ved Solbakken skole').isVisible()).resolves.toBe(true);
    const jonas = page.getByRole('article', { name: 'Jonas Nordmann' });
    await expect(jonas.getByText('Kontaktlærer Henrik Moen').isVisible()).resolves.toBe(true);
    await expect(jonas.getByText(/AKS-baseleder/).count()).resolves.toBe(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('tells a parent without parental responsibility why nothing is shown, and shows nothing', async () => {
    const { page, context } = await e.newPage();
    await loginAsDemo(page, /Per Nordmann/);
    const jonas = page.getByRole('article', { name: 'Jonas Nordmann' });
    await jonas.getByText(/ikke foreldreansvar/).waitFor();
    await expect(jonas.getByText(/Kontaktlærer/).count()).resolves.toBe(0);
    await expectAccessible(page);
    await context.close();
  });

  it("shows the contact teacher her class, with a protected guardian's details withheld", async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(page, /Ingrid Berg/);
    await page.getByRole('link', { name: '3A' }).click();
    await page.getByRole('heading', { name: /3A – Solbakken skole/ }).waitFor();
    await expect(page.getByText('Kari Nordmann').isVisible()).resolves.toBe(true);
    await expect(page.getByText('kari.nordmann@example.no').isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // 5B is not her class.
    await page.goto(`/groups/${e.demo.groups['5B']}`);
    await page.getByRole('alert').waitFor();
    await context.close();
  });

  it("shows the principal the school, and the protected family's details because she is designated", async () => {
    const { page, context } = await e.newPage();
    await loginAsDemo(page, /Marit Solheim/);
    await page.getByRole('link', { name: 'Solbakken skole' }).click();
    await page.getByRole('heading', { name: 'Solbakken skole' }).waitFor();
    await expect(page.getByRole('rowheader', { name: '5B' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Ingrid Berg/).first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await page.getByRole('link', { name: '5B' }).click();
    await page.getByText('Hemmelig vei 1, 0000 Oslo').first().waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it("keeps a protected guardian's details from a teacher who is not designated", async () => {
    const { page, context } = await e.newPage();
    // Nils Strand is 5B's contact teacher but not in the demo picker: log in with his password.
    await page.goto('/login');
    await page.getByLabel('Brukernavn', { exact: true }).fill('nils.strand');
    await page.getByLabel('Passord', { exact: true }).fill('tillit-demo');
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await page.getByRole('link', { name: '5B' }).click();
    await page.getByRole('heading', { name: /5B/ }).waitFor();
    await expect(page.getByText(/Hemmelig vei/).count()).resolves.toBe(0);
    await expect(page.getByText('Beskyttet adresse: kontaktopplysninger vises ikke.').isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await context.close();
  });

  it("shows the municipality's administrator its schools", async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(page, /Anders Lie/);
    await page.getByRole('link', { name: 'Eksempel kommune' }).click();
    await page.getByRole('rowheader', { name: 'Fjellvang ungdomsskole' }).waitFor();
    await expect(page.getByRole('rowheader', { name: 'Solbakken skole' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('switches to English and nynorsk, and remembers the choice after a reload', async () => {
    const { page, context } = await e.newPage();
    await loginAsDemo(page, /Ole Dahl/);
    await page.getByRole('heading', { name: 'Hei, Ole' }).waitFor();
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Hello, Ole' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Your classes and groups' }).waitFor();
    await page.getByLabel('Language').selectOption('nn');
    await page.getByRole('heading', { name: 'Klassane og gruppene dine' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('answers a wrong password in the reader\'s language', async () => {
    const { page, context } = await e.newPage({ locale: 'en-GB' });
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Log in to Tillit' }).waitFor();
    await page.getByLabel('Username', { exact: true }).fill('kari.nordmann');
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
