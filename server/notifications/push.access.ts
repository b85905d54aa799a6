// Access rows for Web Push: everyone logged in manages their own browsers' subscriptions, nobody else's.
import type { AccessCase } from '../access/matrix';

const subscription = { endpoint: 'https://push.example.net/send/access-matrix', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } };

export const accessCases: AccessCase[] = [
  { route: 'GET /api/notifications/vapid-public-key', url: () => '/api/notifications/vapid-public-key', expect: { anonymous: 401, kari: 200, ingrid: 200 } },
  { route: 'POST /api/me/push-subscriptions', url: () => '/api/me/push-subscriptions', body: subscription, expect: { anonymous: 401, kari: 200, anders: 200 } },
  { route: 'DELETE /api/me/push-subscriptions', url: () => '/api/me/push-subscriptions', body: { endpoint: subscription.endpoint }, expect: { anonymous: 401, per: 200 } },
];
