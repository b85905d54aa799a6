// Machine translation as an aid, in real Chromium: Kari, whom the school has registered as reading Arabic, reads
// Tillit in English on her phone, taps "Show in Arabic" under an announcement and reads it right to left beside the
// note that it is machine-translated and that the original applies, then goes back to the original; her contact
// teacher reads Kari's Arabic question in Norwegian. The translation service is a LibreTranslate double on loopback
// (server/translation/testing/), speaking the real protocol, with an API key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, expectAccessible, expectNoHorizontalScroll, loginAsDemo, startE2E, type E2E } from './support';
import { startLibreTranslateDouble, type LibreTranslateDouble } from '../server/translation/testing/libretranslate-double';

const TITLE = 'Foreldremøte torsdag';
const BODY = 'Velkommen til foreldremøte torsdag kl. 18 i klasserommet. Vi snakker om turen til våren.';
const QUESTION = 'مرحبا، هل الرحلة يوم الجمعة؟';

describe('reading the school in her own language, end to end', () => {
  let double: LibreTranslateDouble;
  let e: E2E;
  let announcementId = '';
  let conversationId = '';

  beforeAll(async () => {
    double = await startLibreTranslateDouble({ apiKey: 'e2e-key' });
    e = await startE2E({ env: { TILLIT_TRANSLATE_URL: double.url, TILLIT_TRANSLATE_API_KEY: 'e2e-key' } });
    await e.database.db.updateTable('persons').set({ preferred_language: 'ar' }).where('id', '=', e.demo.people.kari).execute();
    const ingrid = await apiAs(e, e.demo.users.ingrid);
    const kari = await apiAs(e, e.demo.users.kari);
    try {
      announcementId = String((await ingrid.post('/api/announcements', { title: TITLE, body: BODY, category: 'information', audience: { type: 'groups', groupIds: [e.demo.groups['3A']] } })).id);
      conversationId = ((await kari.post('/api/conversations', { studentId: e.demo.people.emma, topic: 'academic', subject: 'Turen', body: QUESTION })).conversationIds as string[])[0]!;
    } finally {
      await ingrid.close();
      await kari.close();
    }
  });
  afterAll(async () => {
    await e.close();
    await double.close();
  });

  it('shows a guardian the announcement in Arabic, right to left, marked as machine-translated, and the original again', async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740, locale: 'en-GB' });
    try {
      await loginAsDemo(page, /Kari Nordmann/);
      await page.goto(`/announcements/${announcementId}`);
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await page.getByText(BODY, { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Show in Arabic' }).click();

      const arabic = page.locator('[lang="ar"]');
      await arabic.getByText(`[nb→ar] ${BODY}`, { exact: true }).waitFor();
      await expect(arabic.getAttribute('dir')).resolves.toBe('rtl');
      await expect(arabic.getByRole('heading', { name: `[nb→ar] ${TITLE}` }).count()).resolves.toBe(1);
      await page.getByText('Machine-translated – may contain errors. The original applies.', { exact: true }).waitFor();
      // The translation takes the original's place: one text at a time on a phone.
      await expect(page.getByText(BODY, { exact: true }).count()).resolves.toBe(0);
      // The keyboard (and a screen reader) goes on from the translation, not from a button that is gone.
      await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('translation');
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);

      await page.getByRole('button', { name: 'Show the original' }).click();
      await page.getByText(BODY, { exact: true }).waitFor();
      await expect(page.locator('[lang="ar"]').count()).resolves.toBe(0);
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Show in Arabic');
      // Asked once: the school owner's service got the title and the text, with its API key.
      expect(double.translations).toEqual([{ q: [TITLE, BODY], source: 'nb', target: 'ar', format: 'text', apiKey: 'e2e-key' }]);
    } finally {
      await context.close();
    }
  });

  it('offers her contact teacher the Arabic question in Norwegian', async () => {
    const { page, context } = await e.newPage({ width: 360, height: 740 });
    try {
      await loginAsDemo(page, /Ingrid Berg/);
      await page.goto(`/messages/${conversationId}`);
      await page.getByRole('heading', { name: 'Turen', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Oversett til norsk' }).click();
      const norwegian = page.locator('.messages [lang="nb"]');
      await norwegian.getByText(`[ar→nb] ${QUESTION}`, { exact: true }).waitFor();
      await expect(norwegian.getAttribute('dir')).resolves.toBe('ltr');
      await page.getByText('Maskinoversatt – kan inneholde feil. Originalen gjelder.', { exact: true }).waitFor();
      await page.getByText('Skrevet på arabisk.', { exact: true }).waitFor();
      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
    } finally {
      await context.close();
    }
  });
});
