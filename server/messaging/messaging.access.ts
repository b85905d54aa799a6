// Access rows for conversations, announcements, reach and live events.
import { readFileSync } from 'node:fs';
import type { AccessCase, AccessSetup } from '../access/matrix';
import type { DemoSchool } from '../seed/demo';
import { templatePaths } from '../test/paths';

const NIL = '00000000-0000-4000-8000-000000000000';

/** The demo school's real ids, as every test app is copied from it: a request body is fixed data, not `(t) => …`. */
const demo = (): DemoSchool => JSON.parse(readFileSync(templatePaths().demoJson, 'utf8')) as DemoSchool;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');

/**
 * Real things to be refused: Kari asks Emma's contact teacher about homework (a conversation of Kari and Ingrid),
 * and Ingrid posts to class 3A an announcement to acknowledge, with a picture attached, and schedules another for tomorrow.
 */
export const accessSetup: AccessSetup = async (t, sessionOf) => {
  const ok = (res: { statusCode: number; body: string }) => {
    if (res.statusCode !== 200) throw new Error(`access setup: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  const conversation = ok(await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: 'Lekser', body: 'Hei, et spørsmål om leksene.' }, sessionOf('kari')));
  const announcement = ok(await t.send('POST', '/api/announcements', {
    title: 'Foreldremøte', body: 'Velkommen til foreldremøte torsdag.', category: 'information', requiresAck: true,
    audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, attachments: [{ filename: 'kart.png', contentType: 'image/png', dataBase64: PNG }],
  }, sessionOf('ingrid')));
  const view = ok(await t.get(`/api/announcements/${String(announcement.id)}`, sessionOf('kari'))) as { attachments: { id: string }[] };
  const scheduled = ok(await t.send('POST', '/api/announcements', {
    title: 'Juleavslutning', body: 'Juleavslutningen er i gymsalen.', category: 'information',
    audience: { type: 'groups', groupIds: [t.demo.groups['3A']] }, sendAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
  }, sessionOf('ingrid')));
  return {
    conversationId: (conversation as { conversationIds: string[] }).conversationIds[0]!, announcementId: String(announcement.id), attachmentId: view.attachments[0]!.id,
    scheduledAnnouncementId: String(scheduled.id),
  };
};

export const accessCases: AccessCase[] = [
  { route: 'GET /api/conversations/recipients', url: (t) => `/api/conversations/recipients?studentId=${t.demo.people.emma}&topic=academic`,
    expect: { anonymous: 401, kari: 200, per: 404, ali: 404, ingrid: 404 } },
  { route: 'GET /api/conversations/recipients', url: (t) => `/api/conversations/recipients?studentId=${t.demo.people.jonas}&topic=social`, expect: { per: 404, kari: 200 } },
  { route: 'POST /api/conversations', url: () => '/api/conversations',
    body: { studentId: NIL, topic: 'academic', subject: 'Lekser', body: 'Hei' }, expect: { anonymous: 401, kari: 404, ingrid: 404 } },
  { route: 'POST /api/conversations/to-families', url: () => '/api/conversations/to-families',
    body: { studentIds: [NIL], subject: 'Tur', body: 'Hei' }, expect: { anonymous: 401, ingrid: 404, kari: 404 } },
  // A real child: another family, a father without parental responsibility, staff, another school's teacher.
  { route: 'POST /api/conversations', url: () => '/api/conversations',
    get body() { return { studentId: demo().people.emma, topic: 'academic', subject: 'Lekser', body: 'Hei' }; },
    expect: { ali: 404, sara: 404, per: 404, ingrid: 404, tor: 404 } },
  { route: 'POST /api/conversations', url: () => '/api/conversations',
    get body() { return { studentId: demo().people.jonas, topic: 'academic', subject: 'Lekser', body: 'Hei' }; }, expect: { per: 404 } },
  // Emma's family: her contact teacher writes; a teacher of another class, another school, guardians cannot.
  { route: 'POST /api/conversations/to-families', url: () => '/api/conversations/to-families',
    get body() { return { studentIds: [demo().people.emma], subject: 'Tur', body: 'Hei' }; },
    expect: { ingrid: 200, nils: 404, tor: 404, anders: 404, kari: 404, per: 404, ali: 404 } },
  { route: 'GET /api/conversations', url: () => '/api/conversations', expect: { anonymous: 401, kari: 200, ingrid: 200 } },
  { route: 'GET /api/conversations/:conversationId', url: () => `/api/conversations/${NIL}`, expect: { anonymous: 401, kari: 404, ingrid: 404 } },
  { route: 'POST /api/conversations/:conversationId/messages', url: () => `/api/conversations/${NIL}/messages`, body: { body: 'Hei' }, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/conversations/:conversationId/candidates', url: () => `/api/conversations/${NIL}/candidates`, expect: { anonymous: 401, ingrid: 404, kari: 404 } },
  { route: 'POST /api/conversations/:conversationId/participants', url: () => `/api/conversations/${NIL}/participants`, body: { personId: NIL }, expect: { anonymous: 401, ingrid: 404 } },
  { route: 'DELETE /api/conversations/:conversationId/participants/:personId', url: () => `/api/conversations/${NIL}/participants/${NIL}`, expect: { anonymous: 401, ingrid: 404 } },
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    body: { title: 'Fri fredag', body: 'Skolen er stengt fredag.', category: 'practical', audience: { type: 'school', schoolId: NIL } }, expect: { anonymous: 401, marit: 404 } },
  // Real audiences: only those who teach a class (or lead or run its school) announce to it; the office to its own school.
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    get body() { return { title: 'Tur', body: 'Vi går på tur fredag.', category: 'practical', audience: { type: 'groups', groupIds: [demo().groups['3A']] } }; },
    expect: { kari: 404, per: 404, nils: 404, ole: 404, tor: 404, anders: 404 } },
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    get body() { return { title: 'Fint arbeid', body: 'Takk for innsatsen.', category: 'positive', audience: { type: 'students', studentIds: [demo().people.emma] } }; },
    expect: { kari: 404, nils: 404, tor: 404, anders: 404 } },
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    get body() { return { title: 'Fri fredag', body: 'Skolen er stengt fredag.', category: 'practical', audience: { type: 'school', schoolId: demo().schools.fjellvang } }; },
    expect: { marit: 404, hanne: 404, ingrid: 404 } },
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    get body() { return { title: 'Fri fredag', body: 'Skolen er stengt fredag.', category: 'practical', audience: { type: 'school', schoolId: demo().schools.solbakken } }; },
    expect: { hanne: 200, ingrid: 404, tor: 404, kari: 404 } },
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    get body() { return { title: 'Stengt', body: 'Alle skoler er stengt.', category: 'urgent', audience: { type: 'owner', ownerId: demo().ownerId } }; },
    expect: { marit: 404, hanne: 404, ingrid: 404, kari: 404 } },
  // Everyone may ask what they may announce to; a guardian's answer is empty (announcements.test.ts).
  { route: 'GET /api/announcements/audiences', url: () => '/api/announcements/audiences', expect: { anonymous: 401, kari: 200, ingrid: 200, hanne: 200, anders: 200 } },
  { route: 'GET /api/inbox', url: () => '/api/inbox', expect: { anonymous: 401, kari: 200, per: 200, ingrid: 200 } },
  // Each person's own older announcements: nobody else's to ask for (the page after another's is empty: older-pages.test.ts).
  { route: 'GET /api/announcements/received', url: () => `/api/announcements/received?before=${NIL}`, expect: { anonymous: 401, kari: 200, per: 200, ingrid: 200 } },
  { route: 'GET /api/announcements/:announcementId', url: () => `/api/announcements/${NIL}`, expect: { anonymous: 401, kari: 404 } },
  { route: 'POST /api/announcements/:announcementId/ack', url: () => `/api/announcements/${NIL}/ack`, body: {}, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/announcements/:announcementId/receipts', url: () => `/api/announcements/${NIL}/receipts`, expect: { anonymous: 401, marit: 404 } },
  // Staff and the owner's administrators have a list of what they sent (others' only as leaders: announcements.sent.test.ts);
  // a guardian has none.
  { route: 'GET /api/announcements/sent', url: () => '/api/announcements/sent',
    expect: { anonymous: 401, kari: 404, per: 404, sara: 404, ali: 404, ingrid: 200, nils: 200, ole: 200, marit: 200, hanne: 200, tor: 200, anders: 200 } },
  { route: 'POST /api/announcements/:announcementId/cancel', url: () => `/api/announcements/${NIL}/cancel`, body: {}, expect: { anonymous: 401, ingrid: 404, marit: 404 } },
  { route: 'GET /api/announcements/:announcementId/attachments/:attachmentId', url: () => `/api/announcements/${NIL}/attachments/${NIL}`, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/groups/:groupId/reach', url: (t) => `/api/groups/${t.demo.groups['3A']}/reach`,
    expect: { anonymous: 401, kari: 404, ingrid: 200, nils: 404, marit: 200, tor: 404, anders: 404 } },
  { route: 'GET /api/groups/:groupId/positive-contact', url: (t) => `/api/groups/${t.demo.groups['3A']}/positive-contact`,
    expect: { anonymous: 401, kari: 404, ingrid: 200, nils: 404, marit: 200, tor: 404 } },
  // The whole school's reach: its leaders only; not its teachers, office, guardians, nor the owner's administrator
  // (whom the class view refuses too); and Solbakken's rektor is refused Fjellvang's, as is Fjellvang's own teacher.
  { route: 'GET /api/schools/:schoolId/reach', url: (t) => `/api/schools/${t.demo.schools.solbakken}/reach`,
    expect: { anonymous: 401, kari: 404, per: 404, sara: 404, ali: 404, ingrid: 404, nils: 404, ole: 404, hanne: 404, tor: 404, anders: 404, marit: 200 } },
  { route: 'GET /api/schools/:schoolId/reach', url: (t) => `/api/schools/${t.demo.schools.fjellvang}/reach`, expect: { marit: 404, tor: 404, anders: 404 } },
  { route: 'GET /api/schools/:schoolId/reach', url: () => `/api/schools/${NIL}/reach`, expect: { anonymous: 401, marit: 404 } },
  { route: 'GET /api/events', url: () => '/api/events', expect: { anonymous: 401 } },
  // The conversation that exists (accessSetup): its two participants read it; nobody else learns it is there.
  { route: 'GET /api/conversations/:conversationId', url: (_, m) => `/api/conversations/${m.conversationId}`,
    expect: { anonymous: 401, kari: 200, ingrid: 200, per: 404, sara: 404, ali: 404, nils: 404, ole: 404, tor: 404, anders: 404, hanne: 404 } },
  { route: 'POST /api/conversations/:conversationId/messages', url: (_, m) => `/api/conversations/${m.conversationId}/messages`, body: { body: 'Hei' },
    expect: { anonymous: 401, per: 404, sara: 404, ali: 404, nils: 404, tor: 404, anders: 404, hanne: 404 } },
  { route: 'GET /api/conversations/:conversationId/candidates', url: (_, m) => `/api/conversations/${m.conversationId}/candidates`,
    expect: { anonymous: 401, ingrid: 200, kari: 404, per: 404, ali: 404, nils: 404, tor: 404, anders: 404 } },
  { route: 'POST /api/conversations/:conversationId/participants', url: (_, m) => `/api/conversations/${m.conversationId}/participants`,
    body: () => ({ personId: demo().people.marit }),
    expect: { anonymous: 401, kari: 404, per: 404, ali: 404, nils: 404, tor: 404, anders: 404 } },
  { route: 'DELETE /api/conversations/:conversationId/participants/:personId', url: (t, m) => `/api/conversations/${m.conversationId}/participants/${t.demo.people.kari}`,
    expect: { anonymous: 401, kari: 404, per: 404, ali: 404, nils: 404, tor: 404, anders: 404 } },
  // The announcement to 3A (accessSetup): Emma's mother reads and acknowledges it, its author, the school's leader and the
  // owner's administrator see who has; another family, a father without parental responsibility, another school cannot.
  { route: 'GET /api/announcements/:announcementId', url: (_, m) => `/api/announcements/${m.announcementId}`,
    expect: { anonymous: 401, kari: 200, ingrid: 200, anders: 200, sara: 404, ali: 404, per: 404, tor: 404 } },
  { route: 'POST /api/announcements/:announcementId/ack', url: (_, m) => `/api/announcements/${m.announcementId}/ack`, body: {},
    expect: { anonymous: 401, sara: 404, ali: 404, per: 404, tor: 404 } },
  { route: 'GET /api/announcements/:announcementId/receipts', url: (_, m) => `/api/announcements/${m.announcementId}/receipts`,
    expect: { anonymous: 401, ingrid: 200, marit: 200, anders: 200, kari: 404, sara: 404, ali: 404, per: 404, nils: 404, tor: 404 } },
  { route: 'GET /api/announcements/:announcementId/attachments/:attachmentId', url: (_, m) => `/api/announcements/${m.announcementId}/attachments/${m.attachmentId}`,
    expect: { anonymous: 401, kari: 200, anders: 200, sara: 404, ali: 404, per: 404, tor: 404 } },
  // Changing the scheduled one before it goes (before the rows below cancel it), as cancelling: its author and the
  // school's leader; not the owner's administrator, who follows it (403); the sent one no longer (409); nobody else
  // learns it exists.
  { route: 'GET /api/announcements/:announcementId/edit', url: () => `/api/announcements/${NIL}/edit`, expect: { anonymous: 401, ingrid: 404, marit: 404 } },
  { route: 'GET /api/announcements/:announcementId/edit', url: (_, m) => `/api/announcements/${m.scheduledAnnouncementId}/edit`,
    expect: { anonymous: 401, kari: 404, sara: 404, per: 404, ali: 404, nils: 404, ole: 404, hanne: 404, tor: 404, anders: 403, ingrid: 200, marit: 200 } },
  { route: 'GET /api/announcements/:announcementId/edit', url: (_, m) => `/api/announcements/${m.announcementId}/edit`,
    expect: { ingrid: 409, marit: 409, anders: 403, kari: 404, tor: 404 } },
  { route: 'PUT /api/announcements/:announcementId', url: () => `/api/announcements/${NIL}`, body: { title: 'Tur' }, expect: { anonymous: 401, ingrid: 404, marit: 404 } },
  { route: 'PUT /api/announcements/:announcementId', url: (_, m) => `/api/announcements/${m.scheduledAnnouncementId}`, body: { title: 'Juleavslutning i gymsalen' },
    expect: { anonymous: 401, kari: 404, sara: 404, per: 404, ali: 404, nils: 404, ole: 404, hanne: 404, tor: 404, anders: 403, ingrid: 200, marit: 200 } },
  { route: 'PUT /api/announcements/:announcementId', url: (_, m) => `/api/announcements/${m.announcementId}`, body: { title: 'Foreldremøte i gymsalen' },
    expect: { ingrid: 409, marit: 409, anders: 403, kari: 404, tor: 404 } },
  // Cancelling: the sent one no longer (409), by its author and the school's leader; the scheduled one by them (twice
  // answers as once), not by the owner's administrator who sees it (403), and nobody else learns it exists.
  { route: 'POST /api/announcements/:announcementId/cancel', url: (_, m) => `/api/announcements/${m.announcementId}/cancel`, body: {},
    expect: { anonymous: 401, ingrid: 409, marit: 409, anders: 403, kari: 404, nils: 404, hanne: 404, tor: 404 } },
  { route: 'POST /api/announcements/:announcementId/cancel', url: (_, m) => `/api/announcements/${m.scheduledAnnouncementId}/cancel`, body: {},
    expect: { anonymous: 401, kari: 404, sara: 404, per: 404, nils: 404, ole: 404, hanne: 404, tor: 404, anders: 403, ingrid: 200, marit: 200 } },
  // Reminding those who have not acknowledged the sent one (Kari has only read it): whoever follows its receipts. Its
  // author reminds; the school's leader and the owner's administrator then hear it is too soon (409, one a day); a
  // guardian, a teacher of another class, another school's staff do not learn it exists. The scheduled one (cancelled
  // by now) has nobody to remind.
  { route: 'POST /api/announcements/:announcementId/reminders', url: () => `/api/announcements/${NIL}/reminders`, body: {}, expect: { anonymous: 401, ingrid: 404 } },
  { route: 'POST /api/announcements/:announcementId/reminders', url: (_, m) => `/api/announcements/${m.announcementId}/reminders`, body: {},
    expect: { anonymous: 401, kari: 404, sara: 404, ali: 404, per: 404, nils: 404, ole: 404, hanne: 404, tor: 404, ingrid: 200, marit: 409, anders: 409 } },
  { route: 'POST /api/announcements/:announcementId/reminders', url: (_, m) => `/api/announcements/${m.scheduledAnnouncementId}/reminders`, body: {},
    expect: { kari: 404, nils: 404, tor: 404, ingrid: 409 } },
];
