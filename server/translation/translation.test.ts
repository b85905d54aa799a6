// Machine translation through the real parts: the HTTP API, the read checks, the cache in the database, and a
// LibreTranslate double on loopback speaking the real protocol (none can run here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { startLibreTranslateDouble, type LibreTranslateDouble } from './testing/libretranslate-double';
import type { TranslationTables } from './translation.tables';
import { libreTranslate } from './libretranslate';
import { TranslatorUnavailable } from './translator';
import { loadConfig } from '../config';

const TITLE = 'Foreldremøte torsdag';
const BODY = 'Velkommen til foreldremøte torsdag kl. 18 i gymsalen.';

describe('machine translation of announcements and messages', () => {
  let double: LibreTranslateDouble;
  let t: TestApp;
  let nils: Session;
  let ali: Session;
  let kari: Session;
  let announcementId: string;

  beforeAll(async () => {
    double = await startLibreTranslateDouble({ apiKey: 'test-key' });
    t = await createTestApp({ env: { TILLIT_TRANSLATE_URL: double.url, TILLIT_TRANSLATE_API_KEY: 'test-key' } });
    [nils, ali, kari] = await Promise.all([t.loginAs(t.demo.users.nils), t.loginAs(t.demo.users.ali), t.loginAs(t.demo.users.kari)]);
    // Nils teaches 5B, where Lina is; her father Ali reads Arabic.
    const res = await t.send('POST', '/api/announcements', { title: TITLE, body: BODY, category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils);
    expect(res.statusCode, res.body).toBe(200);
    announcementId = res.json().id;
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  const rows = (column: 'announcement_id' | 'message_id', id: string) =>
    t.database.db.withTables<TranslationTables>().selectFrom('translations').select(['language', 'body', 'source_sha256']).where(column, '=', id).execute();

  it('gives a guardian who reads Arabic her announcement in Arabic, and sends the text to the service once', async () => {
    expect((await t.get(`/api/announcements/${announcementId}/translation-offers`, ali)).json()).toEqual({ offers: [{ id: announcementId, to: 'ar' }], withheld: [] });

    const first = await t.get(`/api/announcements/${announcementId}/translation?to=ar`, ali);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ language: 'ar', sourceLanguage: 'nb', title: `[nb→ar] ${TITLE}`, body: `[nb→ar] ${BODY}`, provider: 'libretranslate' });
    // The title and the text in one request, as LibreTranslate takes a list, with the school owner's API key.
    expect(double.translations).toEqual([{ q: [TITLE, BODY], source: 'nb', target: 'ar', format: 'text', apiKey: 'test-key' }]);

    const second = await t.get(`/api/announcements/${announcementId}/translation?to=ar`, ali);
    expect(second.json()).toEqual(first.json());
    expect(double.calls.translate).toBe(1);
    expect(await rows('announcement_id', announcementId)).toHaveLength(1);
    // The original is what the announcement says.
    expect((await t.get(`/api/announcements/${announcementId}`, ali)).json()).toMatchObject({ title: TITLE, body: BODY });
  });

  it('offers nothing to a guardian who reads Norwegian, and refuses one the announcement was not sent to', async () => {
    const calls = double.calls.translate;
    const toThreeA = (await t.send('POST', '/api/announcements', { title: TITLE, body: BODY, category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, await t.loginAs(t.demo.users.ingrid))).json();
    expect((await t.get(`/api/announcements/${toThreeA.id}/translation-offers`, kari)).json()).toEqual({ offers: [], withheld: [] });
    // Kari's children are in 3A and 7A, not 5B: the announcement to 5B does not exist for her.
    for (const url of [`/api/announcements/${announcementId}/translation?to=ar`, `/api/announcements/${announcementId}/translation-offers`]) {
      const res = await t.get(url, kari);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect(double.calls.translate).toBe(calls);
  });

  it('refuses a language the service does not offer, and the text\'s own', async () => {
    const calls = double.calls.translate;
    for (const to of ['ti', 'nb']) {
      const res = await t.get(`/api/announcements/${announcementId}/translation?to=${to}`, ali);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('language_not_offered');
    }
    const bad = await t.get(`/api/announcements/${announcementId}/translation?to=${encodeURIComponent('<script>')}`, ali);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', issues: [{ path: 'querystring.to' }] });
    expect(double.calls.translate).toBe(calls);
  });

  it('does not send a confidential announcement to the service: the guardian is told to ask for an interpreter', async () => {
    const calls = double.calls.translate;
    const confidential = (await t.send('POST', '/api/announcements', { title: 'Samtale', body: 'Vi ønsker en samtale med dere om skolehverdagen.', category: 'information', confidential: true, audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils)).json();
    expect((await t.get(`/api/announcements/${confidential.id}/translation-offers`, ali)).json()).toEqual({ offers: [], withheld: [{ id: confidential.id, reason: 'confidential' }] });
    const res = await t.get(`/api/announcements/${confidential.id}/translation?to=ar`, ali);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('confidential_not_translated');
    expect(double.calls.translate).toBe(calls);
  });

  it('translates a scheduled announcement anew once it is changed, never showing its old words', async () => {
    const sendAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const scheduled = (await t.send('POST', '/api/announcements', { title: 'Turdag', body: 'Vi går på tur mandag.', category: 'practical', sendAt, audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils)).json();
    // Its author may read it, so may see it translated, before it goes.
    expect((await t.get(`/api/announcements/${scheduled.id}/translation?to=ar`, nils)).json()).toMatchObject({ body: '[nb→ar] Vi går på tur mandag.' });
    const changed = await t.send('PUT', `/api/announcements/${scheduled.id}`, { body: 'Vi går på tur tirsdag.' }, nils);
    expect(changed.statusCode, changed.body).toBe(200);
    const calls = double.calls.translate;
    expect((await t.get(`/api/announcements/${scheduled.id}/translation?to=ar`, nils)).json()).toMatchObject({ title: '[nb→ar] Turdag', body: '[nb→ar] Vi går på tur tirsdag.' });
    expect(double.calls.translate).toBe(calls + 1);
    // The translation of the old text is gone with it.
    expect((await rows('announcement_id', scheduled.id)).map((r) => r.body)).toEqual(['[nb→ar] Vi går på tur tirsdag.']);
  });

  it('offers the teacher a guardian\'s message in Norwegian, and the guardian the teacher\'s answer in Arabic', async () => {
    const question = 'مرحبا، لدي سؤال عن الواجبات المنزلية';
    const started = await t.send('POST', '/api/conversations', { studentId: t.demo.people.lina, topic: 'academic', subject: 'Lekser', body: question }, ali);
    expect(started.statusCode, started.body).toBe(200);
    const conversationId: string = started.json().conversationIds[0];
    const messages = () => t.get(`/api/conversations/${conversationId}`, nils).then((r) => r.json().messages as { id: string; body: string }[]);
    const [asked] = await messages();

    expect((await t.get(`/api/conversations/${conversationId}/translation-offers`, nils)).json()).toEqual({ offers: [{ id: asked!.id, to: 'nb' }], withheld: [] });
    // Ali is not offered his own message.
    expect((await t.get(`/api/conversations/${conversationId}/translation-offers`, ali)).json()).toEqual({ offers: [], withheld: [] });
    const inNorwegian = await t.get(`/api/conversations/${conversationId}/messages/${asked!.id}/translation?to=nb`, nils);
    expect(inNorwegian.statusCode, inNorwegian.body).toBe(200);
    // What a guardian writes is in whatever language she wrote it: the service detects it.
    expect(inNorwegian.json()).toMatchObject({ language: 'nb', sourceLanguage: 'ar', title: null, body: `[ar→nb] ${question}` });
    expect(double.translations.at(-1)).toEqual({ q: question, source: 'auto', target: 'nb', format: 'text', apiKey: 'test-key' });

    expect((await t.send('POST', `/api/conversations/${conversationId}/messages`, { body: 'Leksene står på side 12.' }, nils)).statusCode).toBe(200);
    // The test clock stands still: the answer is found by its text, not by its time.
    const answer = (await messages()).find((m) => m.body === 'Leksene står på side 12.')!;
    expect((await t.get(`/api/conversations/${conversationId}/translation-offers`, ali)).json()).toEqual({ offers: [{ id: answer.id, to: 'ar' }], withheld: [] });
    expect((await t.get(`/api/conversations/${conversationId}/messages/${answer.id}/translation?to=ar`, ali)).json()).toMatchObject({ sourceLanguage: 'nb', body: '[nb→ar] Leksene står på side 12.' });
    expect(await rows('message_id', answer.id)).toHaveLength(1);

    // Nobody outside the conversation learns anything of it; a message of another conversation is not found under this one.
    for (const who of [kari, await t.loginAs(t.demo.users.sara), await t.loginAs(t.demo.users.tor)]) {
      expect((await t.get(`/api/conversations/${conversationId}/messages/${answer.id}/translation?to=ar`, who)).statusCode).toBe(404);
      expect((await t.get(`/api/conversations/${conversationId}/translation-offers`, who)).statusCode).toBe(404);
    }
    const other = (await t.send('POST', '/api/conversations', { studentId: t.demo.people.lina, topic: 'social', subject: 'Venner', body: 'Hei igjen' }, ali)).json();
    expect((await t.get(`/api/conversations/${other.conversationIds[0]}/messages/${answer.id}/translation?to=ar`, ali)).statusCode).toBe(404);
  });

  it('says clearly that the service is unavailable when it fails, and still serves what it translated before', async () => {
    double.mode = 'error';
    try {
      const fresh = (await t.send('POST', '/api/announcements', { title: 'Skolefoto', body: 'Skolefotografen kommer onsdag.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils)).json();
      const res = await t.get(`/api/announcements/${fresh.id}/translation?to=ar`, ali);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'translation_unavailable', message: expect.any(String) } });
      expect((await t.get(`/api/announcements/${fresh.id}`, ali)).json()).toMatchObject({ body: 'Skolefotografen kommer onsdag.' });
      expect(await rows('announcement_id', fresh.id)).toEqual([]);
      // What was translated before is kept, and served without the service.
      expect((await t.get(`/api/announcements/${announcementId}/translation?to=ar`, ali)).statusCode).toBe(200);
    } finally {
      double.mode = 'ok';
    }
  });
});

describe('when the translation service is down or too slow', () => {
  let t: TestApp;
  let ali: Session;
  let announcementId: string;
  let double: LibreTranslateDouble;
  beforeAll(async () => {
    double = await startLibreTranslateDouble();
    t = await createTestApp({ env: { TILLIT_TRANSLATE_URL: double.url, TILLIT_TRANSLATE_TIMEOUT_MS: '300' } });
    ali = await t.loginAs(t.demo.users.ali);
    const nils = await t.loginAs(t.demo.users.nils);
    announcementId = (await t.send('POST', '/api/announcements', { title: TITLE, body: BODY, category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils)).json().id;
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  it('answers 503 translation_unavailable when the service does not answer in time, and when it is gone', async () => {
    double.mode = 'hang';
    const slow = await t.get(`/api/announcements/${announcementId}/translation?to=ar`, ali);
    expect(slow.statusCode).toBe(503);
    expect(slow.json().error.code).toBe('translation_unavailable');
    // Unsure which languages the service has, Tillit still offers the reader hers: asking says it is unavailable.
    expect((await t.get(`/api/announcements/${announcementId}/translation-offers`, ali)).json()).toEqual({ offers: [{ id: announcementId, to: 'ar' }], withheld: [] });
    await double.close();
    const gone = await t.get(`/api/announcements/${announcementId}/translation?to=ar`, ali);
    expect(gone.statusCode).toBe(503);
    expect(gone.json().error.code).toBe('translation_unavailable');
    expect((await t.get(`/api/announcements/${announcementId}`, ali)).json()).toMatchObject({ title: TITLE, body: BODY });
  });
});

describe('without TILLIT_TRANSLATE_URL', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('is off: nothing is offered, and asking says machine translation is not set up', async () => {
    const nils = await t.loginAs(t.demo.users.nils);
    const ali = await t.loginAs(t.demo.users.ali);
    const { id } = (await t.send('POST', '/api/announcements', { title: TITLE, body: BODY, category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['5B']] } }, nils)).json();
    expect((await t.get(`/api/announcements/${id}/translation-offers`, ali)).json()).toEqual({ offers: [], withheld: [] });
    const res = await t.get(`/api/announcements/${id}/translation?to=ar`, ali);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('translation_off');
    expect(t.config.translate).toBeUndefined();
  });
});

describe('the LibreTranslate adapter and its configuration', () => {
  it('speaks the protocol: a list for several texts, the detected language for auto, and a wrong API key refused', async () => {
    const double = await startLibreTranslateDouble({ apiKey: 'right' });
    try {
      const good = libreTranslate({ url: `${double.url}/`, apiKey: 'right', timeoutMs: 5000 });
      await expect(good.languages()).resolves.toContainEqual({ code: 'ar', name: 'Arabic', targets: expect.arrayContaining(['nb']) });
      await expect(good.translate({ texts: ['Hei', 'Takk'], source: 'nb', target: 'pl' })).resolves.toEqual({ texts: ['[nb→pl] Hei', '[nb→pl] Takk'], source: 'nb' });
      await expect(good.translate({ texts: ['Привіт'], source: 'auto', target: 'nb' })).resolves.toEqual({ texts: ['[uk→nb] Привіт'], source: 'uk' });
      const wrong = await libreTranslate({ url: double.url, apiKey: 'wrong', timeoutMs: 5000 }).translate({ texts: ['Hei'], source: 'nb', target: 'ar' }).catch((err: unknown) => err);
      expect(wrong).toBeInstanceOf(TranslatorUnavailable);
      expect(wrong).toMatchObject({ reason: 'refused', status: 403 });
    } finally {
      await double.close();
    }
  });

  it('is configured by TILLIT_TRANSLATE_URL, _API_KEY and _TIMEOUT_MS, and refuses a key without a service', () => {
    expect(loadConfig({ TILLIT_TRANSLATE_URL: 'http://translate.kommune.internal:5000', TILLIT_TRANSLATE_API_KEY: 'k' }).translate)
      .toEqual({ url: 'http://translate.kommune.internal:5000', apiKey: 'k', timeoutMs: 10_000 });
    expect(loadConfig({}).translate).toBeUndefined();
    expect(() => loadConfig({ TILLIT_TRANSLATE_API_KEY: 'k' })).toThrow(/TILLIT_TRANSLATE_API_KEY/);
    expect(() => loadConfig({ TILLIT_TRANSLATE_URL: 'ftp://translate.kommune.internal' })).toThrow(/TILLIT_TRANSLATE_URL/);
    expect(() => loadConfig({ TILLIT_TRANSLATE_URL: 'http://translate.kommune.internal', TILLIT_TRANSLATE_TIMEOUT_MS: 'soon' })).toThrow(/TILLIT_TRANSLATE_TIMEOUT_MS/);
  });
});
