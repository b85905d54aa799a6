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
