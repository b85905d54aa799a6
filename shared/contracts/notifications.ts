import { z } from 'zod';

export const NotificationCategory = z.enum(['information', 'positive', 'practical', 'urgent', 'message']);
export const NotificationMode = z.enum(['instant', 'digest', 'off']);

const Hour = z.number().int().min(0).max(23);

/** A guardian's choice per category, and quiet hours (Oslo time) that hold back everything but urgent. */
export const NotificationPreferences = z.object({
  categories: z.partialRecord(NotificationCategory, NotificationMode)
    .refine((c) => c.urgent !== 'off', { message: 'urgent notifications cannot be turned off', path: ['urgent'] }),
  quietFrom: Hour,
  quietUntil: Hour,
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** A browser's PushSubscription as `subscription.toJSON()` gives it (Web Push, RFC 8030/8291). */
export const PushSubscriptionInput = z.object({
  endpoint: z.string().url().max(2048).refine((u) => /^https?:\/\//.test(u), { message: 'a push endpoint is an http(s) URL' }),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}=*$/, 'an uncompressed P-256 public key, base64url'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}=*$/, 'a 16-byte auth secret, base64url'),
  }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

export const PushUnsubscribeInput = z.object({ endpoint: z.string().url().max(2048) });
export type PushUnsubscribeInput = z.infer<typeof PushUnsubscribeInput>;

/** The application server key a browser passes to pushManager.subscribe(). */
export const VapidPublicKey = z.object({ publicKey: z.string() });
export type VapidPublicKey = z.infer<typeof VapidPublicKey>;
