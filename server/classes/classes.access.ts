// Access rows for confirming a family situation (domain 1.4): a leader of the student's school confirms; a teacher
// who sees the family on a roster is told 403; guardians, other staff and the owner's administrator get 404.
import type { AccessCase } from '../access/matrix';

export const accessCases: AccessCase[] = [
  // Ali (Lina's father, 5B) is confirmed in the demo, so the row that succeeds changes nothing for the other rows.
  { route: 'POST /api/students/:studentId/guardians/:guardianId/confirm-situation',
    url: (t) => `/api/students/${t.demo.people.lina}/guardians/${t.demo.people.ali}/confirm-situation`,
    expect: { anonymous: 401, ali: 404, sara: 404, kari: 404, nils: 403, ingrid: 404, ole: 404, hanne: 404, anders: 404, tor: 404, marit: 200 } },
  // Not a guardian of that student: nothing to confirm, for the leader too.
  { route: 'POST /api/students/:studentId/guardians/:guardianId/confirm-situation',
    url: (t) => `/api/students/${t.demo.people.emma}/guardians/${t.demo.people.ali}/confirm-situation`, expect: { marit: 404, nils: 404 } },
];
