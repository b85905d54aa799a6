// A teacher finds her announcements again on a phone: from the home page to "Sendte beskjeder", how many have read
// and acknowledged the one she sent, and cancelling the scheduled one in two steps (asked first, focus kept where
// the keyboard is), checked by axe in each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, loginAsDemo, startE2E, type E2E } from './support';

const SENT = 'Turdag i skogen';
const SCHEDULED = 'Juleavslutning';

/** A request to Tillit's API as a demo person (a state-changing one before a session carries x-tillit-request). */
async function apiAs(e: E2E, userId: string) {
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

describe('sent announcements, end to end', () => {
  let e: E2E;
  let scheduledId = '';
  beforeAll(async () => {
    e = await startE2E();
    const ingrid = await apiAs(e, e.demo.users.ingrid);
    const kari = await apiAs(e, e.demo.users.kari);
    try {
      const audience = { type: 'groups', groupIds: [e.demo.groups['3A']] };
      const sent = await ingrid.post('/api/announcements', { title: SENT, body: 'Vi går til skogen på torsdag.', category: 'practical', requiresAck: true, audience });
      const scheduled = await ingrid.post('/api/announcements', {
        title: SCHEDULED, body: 'Juleavslutningen er i gymsalen kl. 17.', category: 'information', audience,
        sendAt: new Date(e.clock.now().getTime() + 7 * 86_400_000).toISOString(),
      });
      scheduledId = String(scheduled.id);
      // Kari opens the one that was sent: one has read it, nobody has acknowledged it yet.
      expect(await kari.get(`/api/announcements/${String(sent.id)}`)).toBe(200);
    } finally {
      await ingrid.close();
      await kari.close();
    }
  });
  afterAll(async () => { await e?.close(); });

  it('shows what was sent and scheduled, with its receipts, and cancels the scheduled one only when she says yes', async () => {
    const { context, page } = await e.newPage({ width: 360, height: 740 });
    try {
      await loginAsDemo(page, /Ingrid Berg/);
      await page.getByRole('link', { name: 'Sendte beskjeder' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sendte beskjeder' }).waitFor();
      const sent = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: SENT }) });
      const scheduled = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: SCHEDULED }) });
      await sent.getByText(/^1 av \d+ har lest · 0 av \d+ har bekreftet$/).waitFor();
      await scheduled.getByText(/^Sendes /).waitFor();
      // Not sent yet: nobody to count.
      await expect(scheduled.getByText(/har lest/).count()).resolves.toBe(0);
      await expect(sent.getByRole('button').count()).resolves.toBe(0);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // The first press only asks; "no" keeps it and puts the focus back on the button.
      await scheduled.getByRole('button', { name: 'Avbryt sendingen' }).click();
      const question = scheduled.getByRole('group', { name: /Avbryte sendingen av «Juleavslutning»\?/ });
      await question.waitFor();
      await expect(question.getByRole('button', { name: 'Nei, behold den' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      await question.getByRole('button', { name: 'Nei, behold den' }).click();
      await expect(scheduled.getByRole('button', { name: 'Avbryt sendingen' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
      expect((await e.database.db.selectFrom('announcements').select('cancelled_at').where('id', '=', scheduledId).executeTakeFirstOrThrow()).cancelled_at).toBeNull();

      // "Yes" cancels: the item says so, its button is gone, and the focus is on its link.
      await scheduled.getByRole('button', { name: 'Avbryt sendingen' }).click();
      await question.getByRole('button', { name: 'Ja, avbryt sendingen' }).click();
      await scheduled.getByText(/^Avbrutt .+, ble ikke sendt · Til 3A · Fra Ingrid Berg$/).waitFor();
      await expect(scheduled.getByRole('button').count()).resolves.toBe(0);
      await expect(scheduled.getByRole('link', { name: SCHEDULED }).evaluate((a) => a === document.activeElement)).resolves.toBe(true);
      await expectAccessible(page);
      expect((await e.database.db.selectFrom('announcements').select('cancelled_by').where('id', '=', scheduledId).executeTakeFirstOrThrow()).cancelled_by).toBe(e.demo.people.ingrid);

      // Its receipts page says it was cancelled; the sent one's shows who has read and acknowledged.
      await scheduled.getByRole('link', { name: SCHEDULED }).click();
      await page.getByRole('heading', { level: 1, name: SCHEDULED }).waitFor();
      await page.getByText(/^Sendingen ble avbrutt .+\. Beskjeden er ikke sendt til noen\.$/).waitFor();
      await expect(page.getByText(/Beskjeden sendes/).count()).resolves.toBe(0);
      await expect(page.getByRole('columnheader', { name: 'Bekreftet' }).count()).resolves.toBe(0);
      await expectAccessible(page);
      await page.goBack();
      await page.getByRole('link', { name: SENT }).click();
      await page.getByRole('heading', { level: 1, name: SENT }).waitFor();
      await page.getByText(/^1 av \d+ har lest, 0 har bekreftet\.$/).waitFor();
      await page.getByRole('columnheader', { name: 'Bekreftet' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('is on the inbox page for staff, and not for a guardian', async () => {
    const teacher = await e.newPage({ width: 360, height: 740 });
    const guardian = await e.newPage({ width: 360, height: 740 });
    try {
      await loginAsDemo(teacher.page, /Ingrid Berg/);
      await teacher.page.goto('/messages');
      await teacher.page.getByRole('heading', { level: 1, name: 'Meldinger' }).waitFor();
      await teacher.page.getByRole('link', { name: 'Sendte beskjeder' }).click();
      await teacher.page.getByRole('heading', { level: 1, name: 'Sendte beskjeder' }).waitFor();

      await loginAsDemo(guardian.page, /Kari Nordmann/);
      await guardian.page.getByRole('article', { name: 'Emma Nordmann' }).waitFor();
      await expect(guardian.page.getByRole('link', { name: 'Sendte beskjeder' }).count()).resolves.toBe(0);
      await guardian.page.goto('/messages');
      await guardian.page.getByRole('link', { name: SENT }).waitFor();
      await expect(guardian.page.getByRole('link', { name: 'Sendte beskjeder' }).count()).resolves.toBe(0);
    } finally {
      await teacher.context.close();
      await guardian.context.close();
    }
  });
});
