// Configuration is read here, once, at start. Nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const oidcProvider = (prefix: string, env: NodeJS.ProcessEnv) => {
  const issuer = env[`${prefix}_ISSUER`];
  if (!issuer) return undefined;
  return {
    issuer,
    clientId: env[`${prefix}_CLIENT_ID`],
    clientSecret: env[`${prefix}_CLIENT_SECRET`],
  };
};

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  demo: z.boolean(),
  publicUrl: z.string().url(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  sessionDays: z.coerce.number().int().min(1).max(90),
  /** Behind a reverse proxy, trust its X-Forwarded-For (for rate limits and logs); never on a bare port. */
  trustProxy: z.boolean(),
  notify: z.object({
    smtpUrl: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
    mailFrom: z.string().min(3),
    sms: z.object({ url: z.string().url(), token: z.string().min(1), sender: z.string().min(1).max(11) }).optional(),
    emailAfterMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60),
    pollMs: z.coerce.number().int().min(100).max(600_000),
    /** Web Push keys (base64url, as `npx web-push generate-vapid-keys` prints); without them one pair is made and kept in the database. */
    vapid: z.object({ publicKey: z.string().min(80), privateKey: z.string().min(40) }).optional(),
    /** Who push services may contact about our traffic: an https: URL or a mailto: address. */
    vapidSubject: z.string().regex(/^(https:|mailto:)/, 'must be an https: URL or a mailto: address').optional(),
  }),
  /** Machine translation as an aid (server/translation/): a LibreTranslate the school owner runs. Without a URL it is off. */
  translate: z.object({
    url: z.string().regex(/^https?:\/\/\S+$/, 'must start with http:// or https://'),
    apiKey: z.string().min(1).optional(),
    timeoutMs: z.coerce.number().int().min(100).max(120_000),
  }).optional(),
  oidc: z.object({
    feide: z.object({ issuer: z.string().url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }).optional(),
    idporten: z.object({ issuer: z.string().url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }).optional(),
  }),
});

export type Config = z.infer<typeof schema>;
export type OidcProviderName = keyof Config['oidc'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Tillit cannot start, the configuration has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment. Demo login is on for the embedded database and off for a server unless TILLIT_DEMO=1. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ?? '3000';
  const demoRaw = env.TILLIT_DEMO === undefined ? undefined : bool.safeParse(env.TILLIT_DEMO);
  const problems: string[] = [];
  if (demoRaw && !demoRaw.success) problems.push('TILLIT_DEMO: must be 1 or 0');
  if (env.TILLIT_TRANSLATE_API_KEY && !env.TILLIT_TRANSLATE_URL) problems.push('TILLIT_TRANSLATE_API_KEY: set TILLIT_TRANSLATE_URL too, or machine translation stays off');
  const raw = {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.TILLIT_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: demoRaw?.success ? demoRaw.data : !env.DATABASE_URL,
    publicUrl: env.TILLIT_PUBLIC_URL ?? `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionDays: env.TILLIT_SESSION_DAYS ?? '14',
    trustProxy: env.TILLIT_TRUST_PROXY === '1',
    notify: {
      smtpUrl: env.TILLIT_SMTP_URL || undefined,
      mailFrom: env.TILLIT_MAIL_FROM ?? 'Tillit <no-reply@tillit.invalid>',
      sms: env.TILLIT_SMS_URL ? { url: env.TILLIT_SMS_URL, token: env.TILLIT_SMS_TOKEN, sender: env.TILLIT_SMS_SENDER ?? 'Tillit' } : undefined,
      emailAfterMinutes: env.TILLIT_NOTIFY_EMAIL_AFTER_MINUTES ?? '60',
      pollMs: env.TILLIT_NOTIFY_POLL_MS ?? '5000',
      vapid: env.TILLIT_VAPID_PUBLIC_KEY || env.TILLIT_VAPID_PRIVATE_KEY ? { publicKey: env.TILLIT_VAPID_PUBLIC_KEY, privateKey: env.TILLIT_VAPID_PRIVATE_KEY } : undefined,
      vapidSubject: env.TILLIT_VAPID_SUBJECT || undefined,
    },
    translate: env.TILLIT_TRANSLATE_URL
      ? { url: env.TILLIT_TRANSLATE_URL, apiKey: env.TILLIT_TRANSLATE_API_KEY || undefined, timeoutMs: env.TILLIT_TRANSLATE_TIMEOUT_MS ?? '10000' }
      : undefined,
    oidc: {
      feide: oidcProvider('TILLIT_OIDC_FEIDE', env),
      idporten: oidcProvider('TILLIT_OIDC_IDPORTEN', env),
    },
  };
  const names: Record<string, string> = {
    translate: 'TILLIT_TRANSLATE_URL / TILLIT_TRANSLATE_API_KEY / TILLIT_TRANSLATE_TIMEOUT_MS',
    port: 'PORT', host: 'HOST', dataDir: 'TILLIT_DATA_DIR', databaseUrl: 'DATABASE_URL', publicUrl: 'TILLIT_PUBLIC_URL',
    logLevel: 'LOG_LEVEL', sessionDays: 'TILLIT_SESSION_DAYS', trustProxy: 'TILLIT_TRUST_PROXY', notify: 'TILLIT_SMTP_URL / TILLIT_MAIL_FROM / TILLIT_SMS_{URL,TOKEN,SENDER} / TILLIT_NOTIFY_* / TILLIT_VAPID_{PUBLIC_KEY,PRIVATE_KEY,SUBJECT}', oidc: 'TILLIT_OIDC_<PROVIDER>_{ISSUER,CLIENT_ID,CLIENT_SECRET}',
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      problems.push(`${names[key] ?? key}${issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : ''}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}
