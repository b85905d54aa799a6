// Access rows for machine translation. The matrix's app has no translation service (TILLIT_TRANSLATE_URL unset), so
// whoever may read the text hears 503 translation_off (the read check passed, nothing else is said); everyone else
// 404, as for the text itself. Translations with a service: translation.test.ts.
import type { AccessCase, AccessSetup } from '../access/matrix';

const NIL = '00000000-0000-4000-8000-000000000000';

/** Real things to be refused: Ingrid's announcement to 3A, and Kari's question to Ingrid about Emma (with its message). */
export const accessSetup: AccessSetup = async (t, sessionOf) => {
  const ok = (res: { statusCode: number; body: string }) => {
    if (res.statusCode !== 200) throw new Error(`translation access setup: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  const announcement = ok(await t.send('POST', '/api/announcements', {
    title: 'Turdag', body: 'Vi går på tur til skogen fredag.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] },
  }, sessionOf('ingrid')));
  const started = ok(await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: 'Matpakke', body: 'Hei, et spørsmål om matpakken.' }, sessionOf('kari')));
  const conversationId = (started.conversationIds as string[])[0]!;
  const detail = ok(await t.get(`/api/conversations/${conversationId}`, sessionOf('kari'))) as { messages: { id: string }[] };
  return { translationAnnouncementId: String(announcement.id), translationConversationId: conversationId, translationMessageId: detail.messages[0]!.id };
};

export const accessCases: AccessCase[] = [
  { route: 'GET /api/announcements/:announcementId/translation', url: () => `/api/announcements/${NIL}/translation?to=ar`, expect: { anonymous: 401, kari: 404, ingrid: 404 } },
  // Kari's class: its guardian, its author, the school's leader and the owner's administrator may read it; a guardian of
  // another class (Ali, Sara), a father without parental responsibility, a teacher of another class, the office and a
  // teacher of another school may not.
  { route: 'GET /api/announcements/:announcementId/translation', url: (_, m) => `/api/announcements/${m.translationAnnouncementId}/translation?to=ar`,
    expect: { anonymous: 401, kari: 503, ingrid: 503, marit: 503, anders: 503, ali: 404, sara: 404, per: 404, nils: 404, ole: 404, hanne: 404, tor: 404 } },
  { route: 'GET /api/announcements/:announcementId/translation-offers', url: () => `/api/announcements/${NIL}/translation-offers`, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/announcements/:announcementId/translation-offers', url: (_, m) => `/api/announcements/${m.translationAnnouncementId}/translation-offers`,
    expect: { anonymous: 401, kari: 200, ingrid: 200, marit: 200, ali: 404, sara: 404, per: 404, nils: 404, tor: 404 } },
  // Kari's conversation with Ingrid: the two of them; not a guardian of another class, another school's teacher, the
  // school's leader who is not in it, nor the owner's administrator.
  { route: 'GET /api/conversations/:conversationId/messages/:messageId/translation', url: () => `/api/conversations/${NIL}/messages/${NIL}/translation?to=ar`,
    expect: { anonymous: 401, kari: 404, ingrid: 404 } },
  { route: 'GET /api/conversations/:conversationId/messages/:messageId/translation', url: (_, m) => `/api/conversations/${m.translationConversationId}/messages/${m.translationMessageId}/translation?to=ar`,
    expect: { anonymous: 401, kari: 503, ingrid: 503, ali: 404, sara: 404, per: 404, nils: 404, marit: 404, anders: 404, tor: 404 } },
  // A message id that is not of this conversation is not found, even to its participants.
  { route: 'GET /api/conversations/:conversationId/messages/:messageId/translation', url: (_, m) => `/api/conversations/${m.translationConversationId}/messages/${NIL}/translation?to=ar`,
    expect: { kari: 404, ingrid: 404 } },
  { route: 'GET /api/conversations/:conversationId/translation-offers', url: () => `/api/conversations/${NIL}/translation-offers`, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/conversations/:conversationId/translation-offers', url: (_, m) => `/api/conversations/${m.translationConversationId}/translation-offers`,
    expect: { anonymous: 401, kari: 200, ingrid: 200, ali: 404, sara: 404, per: 404, nils: 404, marit: 404, anders: 404, tor: 404 } },
];
