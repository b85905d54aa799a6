// Access rows for the owner's settings (domain 1.4): the owner's administrators only; a school leader of one of
// the owner's schools is refused like everyone else (the rule is the owner's, not the school's).
import type { AccessCase } from '../access/matrix';

export const accessCases: AccessCase[] = [
  { route: 'GET /api/owners/:ownerId/settings', url: (t) => `/api/owners/${t.demo.ownerId}/settings`,
    expect: { anonymous: 401, kari: 404, ali: 404, ingrid: 404, marit: 404, hanne: 404, anders: 200, tor: 404 } },
  // false is the demo's value, so the row that succeeds changes nothing for the other rows.
  { route: 'PUT /api/owners/:ownerId/settings', url: (t) => `/api/owners/${t.demo.ownerId}/settings`, body: { residenceParentOnlyUntilConfirmed: false },
    expect: { anonymous: 401, kari: 404, ali: 404, ingrid: 404, marit: 404, hanne: 404, anders: 200, tor: 404 } },
];
