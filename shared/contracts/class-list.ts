import { z } from 'zod';

export const SharedField = z.enum(['name', 'phone', 'email', 'address']);
export type SharedField = z.infer<typeof SharedField>;

/** What one guardian has chosen to show of themselves on a child's class list. 'name' is needed for any other field. */
export const SharingRequest = z.object({
  fields: z.array(SharedField).max(4).refine((f) => f.length === 0 || f.includes('name'), { message: 'name must be shared to share other fields' }),
});

export const SharingResponse = z.object({
  fields: z.array(SharedField),
  /** False where the law keeps this family off class lists (address protection, domain 9.8). */
  allowed: z.boolean(),
});

export const ClassListResponse = z.object({
  group: z.object({ id: z.uuid(), name: z.string() }),
  entries: z.array(z.object({
    student: z.object({ givenName: z.string(), familyName: z.string() }),
    guardians: z.array(z.object({
      givenName: z.string(),
      familyName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    })),
  })),
});
export type ClassListResponse = z.infer<typeof ClassListResponse>;

export const StudentParams = z.object({ studentId: z.uuid() });
