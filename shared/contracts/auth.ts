import { z } from 'zod';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const DemoLoginRequest = z.object({ userId: z.uuid() });

export const Persona = z.enum(['guardian', 'guardian_no_responsibility', 'guardian_protected', 'contact_teacher', 'aks_leader', 'principal', 'owner_admin']);
export type Persona = z.infer<typeof Persona>;

export const DemoPersonasResponse = z.object({
  personas: z.array(z.object({ userId: z.uuid(), name: z.string(), persona: Persona })),
});

export const LoginMethodsResponse = z.object({
  demo: z.boolean(),
  password: z.boolean(),
  oidc: z.array(z.enum(['feide', 'idporten'])),
});

export const SessionResponse = z.object({ csrfToken: z.string() });

/** Whether this browser's cookie is a live session, and if so its CSRF token: asked before anything else, so the
 * login page makes no request that is refused (a 401 in the console of every visitor who is not logged in). */
export const SessionStateResponse = z.union([
  z.object({ loggedIn: z.literal(true), csrfToken: z.string() }),
  z.object({ loggedIn: z.literal(false) }),
]);

export const LocaleRequest = z.object({ locale: z.string().min(2).max(12).nullable() });

export const OidcProviderParams = z.object({ provider: z.enum(['feide', 'idporten']) });
