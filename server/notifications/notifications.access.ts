// Access rows for notification preferences: everyone logged in has their own, nobody else's.
import type { AccessCase } from '../access/matrix';

export const accessCases: AccessCase[] = [
  { route: 'GET /api/me/notification-preferences', url: () => '/api/me/notification-preferences', expect: { anonymous: 401, kari: 200, ingrid: 200 } },
  { route: 'PUT /api/me/notification-preferences', url: () => '/api/me/notification-preferences',
    body: { categories: { information: 'digest' }, quietFrom: 22, quietUntil: 6 }, expect: { anonymous: 401, per: 200 } },
];
