// Access rows for absence and leave. A guardian acts only for their own children and only with parental
// responsibility (Per, Jonas's father, gets nothing); staff see the students they teach or lead; leaders their
// school; nobody another school's. Ids that exist nowhere answer 404 to everyone: the refusal looks the same.
import type { AccessCase } from '../access/matrix';

const NOWHERE = '00000000-0000-4000-8000-00000000abcd';
const DAY = '2026-11-20';
const defaults = { leaveMaxDaysPerYear: 10, contactTeacherMaxLeaveDays: 1, worrying: { percent: 10, percentWeeks: 8, days: 10, daysWeeks: 15 }, subjectLimitPercent: 10, blackouts: [] };

export const accessCases: AccessCase[] = [
  // Bodies cannot name a demo child here; reporting for one's own child is proven in reports.test.ts.
  { route: 'POST /api/absence/reports', url: () => '/api/absence/reports', body: { studentIds: [NOWHERE], fromDate: '2026-11-23' },
    expect: { anonymous: 401, kari: 404, per: 404, ingrid: 404, marit: 404 } },
  { route: 'PUT /api/absence/reports/:reportId', url: () => `/api/absence/reports/${NOWHERE}`, body: { fromDate: '2026-11-24' },
    expect: { anonymous: 401, kari: 404, per: 404, ingrid: 404, marit: 404 } },
  { route: 'POST /api/absence/reports/:reportId/withdraw', url: () => `/api/absence/reports/${NOWHERE}/withdraw`,
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 404 } },
  { route: 'GET /api/students/:studentId/absence', url: (t) => `/api/students/${t.demo.people.emma}/absence`,
    expect: { anonymous: 401, kari: 200, per: 404, sara: 404, ingrid: 200, nils: 404, ole: 200, marit: 200, anders: 404, tor: 404, hanne: 404 } },
  { route: 'GET /api/students/:studentId/absence', url: (t) => `/api/students/${t.demo.people.jonas}/absence`, expect: { kari: 200, per: 404, ingrid: 404 } },
  { route: 'GET /api/students/:studentId/absence', url: (t) => `/api/students/${t.demo.people.lina}/absence`, expect: { sara: 200, ali: 200, kari: 404, nils: 200 } },
  { route: 'GET /api/students/:studentId/absence/subjects', url: (t) => `/api/students/${t.demo.people.jonas}/absence/subjects`,
    expect: { anonymous: 401, kari: 200, per: 404, ingrid: 404, marit: 200, tor: 404 } },
  { route: 'POST /api/students/:studentId/absence/documentation', url: (t) => `/api/students/${t.demo.people.emma}/absence/documentation`,
    body: { fromDate: DAY, toDate: DAY, category: 'health' },
    expect: { anonymous: 401, kari: 404, per: 404, ingrid: 200, nils: 404, ole: 404, marit: 200, hanne: 200, anders: 404, tor: 404 } },
  { route: 'POST /api/absence/documentation/:documentationId/withdraw', url: () => `/api/absence/documentation/${NOWHERE}/withdraw`,
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 404 } },
  { route: 'GET /api/groups/:groupId/attendance', url: (t) => `/api/groups/${t.demo.groups['3A']}/attendance?date=${DAY}`,
    expect: { anonymous: 401, kari: 404, per: 404, ingrid: 200, nils: 404, ole: 404, marit: 200, anders: 404, tor: 404, hanne: 404 } },
  { route: 'GET /api/groups/:groupId/attendance', url: (t) => `/api/groups/${t.demo.groups.aks}/attendance?date=${DAY}`, expect: { ole: 200, ingrid: 404 } },
  { route: 'PUT /api/groups/:groupId/attendance', url: (t) => `/api/groups/${t.demo.groups['3A']}/attendance`, body: { date: DAY, absentStudentIds: [] },
    expect: { anonymous: 401, kari: 404, ingrid: 200, nils: 404, ole: 404, marit: 200, tor: 404 } },
  { route: 'GET /api/groups/:groupId/absence/overview', url: (t) => `/api/groups/${t.demo.groups['3A']}/absence/overview`,
    expect: { anonymous: 401, kari: 404, ingrid: 200, nils: 404, ole: 404, marit: 200, anders: 404, tor: 404 } },
  { route: 'GET /api/groups/:groupId/absence/overview', url: (t) => `/api/groups/${t.demo.groups.aks}/absence/overview`, expect: { ole: 200, ingrid: 404 } },
  { route: 'GET /api/schools/:schoolId/absence/overview', url: (t) => `/api/schools/${t.demo.schools.solbakken}/absence/overview`,
    expect: { anonymous: 401, kari: 404, ingrid: 404, ole: 404, marit: 200, anders: 404, tor: 404, hanne: 404 } },
  { route: 'GET /api/absence/follow-ups', url: () => '/api/absence/follow-ups', expect: { anonymous: 401, kari: 200, ingrid: 200, marit: 200 } },
  { route: 'POST /api/absence/follow-ups/:followupId/resolve', url: () => `/api/absence/follow-ups/${NOWHERE}/resolve`, body: { resolution: 'reached_family' },
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 404 } },
  { route: 'GET /api/schools/:schoolId/absence-settings', url: (t) => `/api/schools/${t.demo.schools.solbakken}/absence-settings`,
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 200, anders: 200, tor: 404 } },
  { route: 'PUT /api/schools/:schoolId/absence-settings', url: (t) => `/api/schools/${t.demo.schools.solbakken}/absence-settings`, body: { checkTime: '09:00' },
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 200, anders: 200, tor: 404 } },
  { route: 'GET /api/owners/:ownerId/absence-rules', url: (t) => `/api/owners/${t.demo.ownerId}/absence-rules`,
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 200, anders: 200, tor: 404 } },
  { route: 'PUT /api/owners/:ownerId/absence-rules', url: (t) => `/api/owners/${t.demo.ownerId}/absence-rules`, body: defaults,
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 403, anders: 200, tor: 404 } },
  { route: 'POST /api/leave', url: () => '/api/leave', body: { studentId: NOWHERE, kind: 'ordinary', fromDate: '2026-12-01', toDate: '2026-12-01' },
    expect: { anonymous: 401, kari: 404, per: 404, ingrid: 404 } },
  { route: 'GET /api/leave', url: () => '/api/leave', expect: { anonymous: 401, kari: 200, per: 200, ingrid: 200, marit: 200 } },
  { route: 'GET /api/leave/:applicationId', url: () => `/api/leave/${NOWHERE}`, expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 404 } },
  { route: 'POST /api/leave/:applicationId/withdraw', url: () => `/api/leave/${NOWHERE}/withdraw`, expect: { anonymous: 401, kari: 404, marit: 404 } },
  { route: 'POST /api/leave/:applicationId/decision', url: () => `/api/leave/${NOWHERE}/decision`,
    body: { outcome: 'approved', reasons: 'Begrunnelse', bestInterests: 'Barnets beste', studentViews: 'Eleven ønsker det' },
    expect: { anonymous: 401, kari: 404, ingrid: 404, marit: 404 } },
];
