// A teacher finds her announcements again on a phone: from the home page to "Sendte beskjeder", how many have read
// and acknowledged the one she sent, cancelling the scheduled one in two steps (asked first, focus kept where
// the keyboard is), and changing another scheduled one's title and time before it goes, checked by axe in each state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, expectAccessible, expectNoHorizontalScroll, loginAsDemo, startE2E, type E2E } from './support';
import { osloDate, osloTime } from '../shared/dates';

const SENT = 'Turdag i skogen';
const SCHEDULED = 'Juleavslutning';
const TO_CHANGE = 'Foreldremøte';
const CHANGED = 'Foreldremøte i gymsalen';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');

describe('sent announcements, end to end', () => {
  let e: E2E;
  let scheduledId = '';
  let toChangeId = '';
  let toChangeAt = new Date();
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
      toChangeAt = new Date(e.clock.now().getTime() + 3 * 86_400_000);
      const toChange = await ingrid.post('/api/announcements', {
        title: TO_CHANGE, body: 'Foreldremøtet er i klasserommet kl. 18.', category: 'information', audience, sendAt: toChangeAt.toISOString(),
        attachments: [{ filename: 'kart.png', contentType: 'image/png', dataBase64: PNG }],
      });
      toChangeId = String(toChange.id);
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
      // On the phone the receipts scroll sideways in their box; at the far end ("Påminnet") each row's name is
      // still in view beside it.
      // The section and the table's scrolling box are both regions named by the heading; the box is the inner one.
      const box = page.getByRole('region', { name: 'Hvem har lest?' }).getByRole('region', { name: 'Hvem har lest?' });
      await box.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
      const inView = async (l: ReturnType<typeof page.locator>) => {
        const [b, x] = [(await box.boundingBox())!, (await l.boundingBox())!];
        return x.x >= b.x - 1 && x.x + x.width <= b.x + b.width + 1;
      };
      await expect(inView(page.getByRole('columnheader', { name: 'Påminnet' }))).resolves.toBe(true);
      await expect(inView(page.getByRole('rowheader').first())).resolves.toBe(true);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });

  it('changes a scheduled announcement: the form holds what is stored, warns as on sending, and the list shows the change', async () => {
    const { context, page } = await e.newPage({ width: 360, height: 740 });
    try {
      await loginAsDemo(page, /Ingrid Berg/);
      await page.goto('/announcements/sent');
      await page.getByRole('heading', { level: 1, name: 'Sendte beskjeder' }).waitFor();
      const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: TO_CHANGE, exact: true }) });
      await item.getByRole('link', { name: 'Endre' }).click();
      await page.getByRole('heading', { level: 1, name: 'Endre beskjed' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/announcements/${toChangeId}/edit`);

      // Filled in with what is stored: audience, text, time (Oslo time, to the minute); the attachment stays.
      const title = page.getByLabel('Overskrift');
      const body = page.getByLabel('Tekst');
      const sendAt = page.getByLabel(/^Sendes/);
      await expect(title.inputValue()).resolves.toBe(TO_CHANGE);
      await expect(body.inputValue()).resolves.toBe('Foreldremøtet er i klasserommet kl. 18.');
      await expect(page.getByRole('checkbox', { name: '3A' }).isChecked()).resolves.toBe(true);
      expect(await sendAt.inputValue()).toMatch(new RegExp(`^${osloDate(toChangeAt)}T\\d{2}:\\d{2}$`));
      await page.getByText('kart.png').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      // A new title and time, and a text that names a pupil: asked first, as when sending; then saved anyway.
      const day = osloDate(new Date(e.clock.now().getTime() + 10 * 86_400_000));
      await title.fill(CHANGED);
      await body.fill('Foreldremøtet er i gymsalen kl. 18.30. Emma Nordmann viser fram klassens prosjekt.');
      await sendAt.fill(`${day}T18:30`);
      await page.getByRole('button', { name: 'Lagre endringene' }).click();
      await page.getByText('Funnet: Emma Nordmann').waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      const stored = () => e.database.db.selectFrom('announcements').select(['title', 'send_at', 'sent_at', 'edited_by']).where('id', '=', toChangeId).executeTakeFirstOrThrow();
      expect((await stored()).title).toBe(TO_CHANGE);
      await page.getByRole('button', { name: 'Lagre likevel' }).click();

      // Back in the list, which shows the new title and time at once.
      await page.getByRole('heading', { level: 1, name: 'Sendte beskjeder' }).waitFor();
      // The button that was pressed is gone: focus is where the list page begins, not lost on <body>.
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
      const changed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: CHANGED }) });
      await changed.getByText(/^Sendes .*18:30 · Til 3A · Fra Ingrid Berg$/).waitFor();
      await expect(page.getByRole('link', { name: TO_CHANGE, exact: true }).count()).resolves.toBe(0);
      await changed.getByRole('link', { name: 'Endre' }).waitFor();
      expect(await stored()).toEqual({ title: CHANGED, send_at: new Date(osloTime(day, 18).getTime() + 30 * 60_000), sent_at: null, edited_by: e.demo.people.ingrid });
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
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
