// Access rows for conversations, announcements, reach and live events.
import type { AccessCase } from '../access/matrix';

const NIL = '00000000-0000-4000-8000-000000000000';

export const accessCases: AccessCase[] = [
  { route: 'GET /api/conversations/recipients', url: (t) => `/api/conversations/recipients?studentId=${t.demo.people.emma}&topic=academic`,
    expect: { anonymous: 401, kari: 200, per: 404, ali: 404, ingrid: 404 } },
  { route: 'GET /api/conversations/recipients', url: (t) => `/api/conversations/recipients?studentId=${t.demo.people.jonas}&topic=social`, expect: { per: 404, kari: 200 } },
  { route: 'POST /api/conversations', url: () => '/api/conversations',
    body: { studentId: NIL, topic: 'academic', subject: 'Lekser', body: 'Hei' }, expect: { anonymous: 401, kari: 404, ingrid: 404 } },
  { route: 'POST /api/conversations/to-families', url: () => '/api/conversations/to-families',
    body: { studentIds: [NIL], subject: 'Tur', body: 'Hei' }, expect: { anonymous: 401, ingrid: 404, kari: 404 } },
  { route: 'GET /api/conversations', url: () => '/api/conversations', expect: { anonymous: 401, kari: 200, ingrid: 200 } },
  { route: 'GET /api/conversations/:conversationId', url: () => `/api/conversations/${NIL}`, expect: { anonymous: 401, kari: 404, ingrid: 404 } },
  { route: 'POST /api/conversations/:conversationId/messages', url: () => `/api/conversations/${NIL}/messages`, body: { body: 'Hei' }, expect: { anonymous: 401, kari: 404 } },
  { route: 'POST /api/conversations/:conversationId/participants', url: () => `/api/conversations/${NIL}/participants`, body: { personId: NIL }, expect: { anonymous: 401, ingrid: 404 } },
  { route: 'DELETE /api/conversations/:conversationId/participants/:personId', url: () => `/api/conversations/${NIL}/participants/${NIL}`, expect: { anonymous: 401, ingrid: 404 } },
  { route: 'POST /api/announcements', url: () => '/api/announcements',
    body: { title: 'Fri fredag', body: 'Skolen er stengt fredag.', category: 'practical', audience: { type: 'school', schoolId: NIL } }, expect: { anonymous: 401, marit: 404 } },
  { route: 'GET /api/inbox', url: () => '/api/inbox', expect: { anonymous: 401, kari: 200, per: 200, ingrid: 200 } },
  { route: 'GET /api/announcements/:announcementId', url: () => `/api/announcements/${NIL}`, expect: { anonymous: 401, kari: 404 } },
  { route: 'POST /api/announcements/:announcementId/ack', url: () => `/api/announcements/${NIL}/ack`, body: {}, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/announcements/:announcementId/receipts', url: () => `/api/announcements/${NIL}/receipts`, expect: { anonymous: 401, marit: 404 } },
  { route: 'GET /api/announcements/:announcementId/attachments/:attachmentId', url: () => `/api/announcements/${NIL}/attachments/${NIL}`, expect: { anonymous: 401, kari: 404 } },
  { route: 'GET /api/groups/:groupId/reach', url: (t) => `/api/groups/${t.demo.groups['3A']}/reach`,
    expect: { anonymous: 401, kari: 404, ingrid: 200, nils: 404, marit: 200, tor: 404, anders: 404 } },
  { route: 'GET /api/groups/:groupId/positive-contact', url: (t) => `/api/groups/${t.demo.groups['3A']}/positive-contact`,
    expect: { anonymous: 401, kari: 404, ingrid: 200, nils: 404, marit: 200, tor: 404 } },
  { route: 'GET /api/events', url: () => '/api/events', expect: { anonymous: 401 } },
];
