// Logging in and out. A login of any kind ends in the same place: a session for a user.
import { createHash, randomBytes } from 'node:crypto';
import type { SystemCtx, Ctx } from '../core/context';
import type { Config, OidcProviderName } from '../config';
import { AppError } from '../core/errors';
import * as repo from './auth.repo';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { buildLoginRedirect, finishLogin } from './oidc';
import { DEMO_PERSONAS } from '../seed/demo-personas';
import { isSupportedLocale } from '../i18n/catalogs';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(sys: SystemCtx, config: Config, userId: string): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(sys.clock.now().getTime() + config.sessionDays * 86_400_000);
  await repo.insertSession(sys.db, { tokenHash: hashToken(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function loginWithPassword(sys: SystemCtx, config: Config, input: { username: string; password: string }): Promise<NewSession> {
  const user = await repo.findUserByUsername(sys.db, input.username.trim().toLowerCase());
  // Verify against a dummy hash when there is no such user, so timing does not tell which usernames exist.
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  if (!user?.password_hash || !ok) throw new AppError('invalid_credentials', 'Wrong username or password');
  return createSession(sys, config, user.id);
}

/** Demo mode only: the people a visitor can log in as without a password. */
export async function listDemoPersonas(sys: SystemCtx, config: Config) {
  if (!config.demo) throw new AppError('login_method_unavailable', 'Demo login is off');
  const users = await repo.findUsersByUsernames(sys.db, DEMO_PERSONAS.map((p) => p.username));
  return DEMO_PERSONAS.flatMap((p) => {
    const u = users.find((x) => x.username === p.username);
    return u ? [{ userId: u.id, name: `${u.given_name} ${u.family_name}`, persona: p.persona }] : [];
  });
}

export async function loginAsDemoPersona(sys: SystemCtx, config: Config, userId: string): Promise<NewSession> {
  const personas = await listDemoPersonas(sys, config);
  if (!personas.some((p) => p.userId === userId)) throw new AppError('not_found', 'No such demo person');
  return createSession(sys, config, userId);
}

export async function startOidcLogin(sys: SystemCtx, config: Config, provider: OidcProviderName): Promise<string> {
  const login = await buildLoginRedirect(config, provider);
  await repo.insertOidcLogin(sys.db, { state: login.state, provider, codeVerifier: login.codeVerifier, nonce: login.nonce });
  return login.url;
}

const OIDC_LOGIN_MAX_AGE_MS = 10 * 60_000;

export async function finishOidcLogin(sys: SystemCtx, config: Config, provider: OidcProviderName, callbackUrl: URL): Promise<NewSession> {
  const state = callbackUrl.searchParams.get('state');
  if (!state) throw new AppError('oidc_failed', 'The login answer has no state');
  const pending = await repo.takeOidcLogin(sys.db, state, new Date(sys.clock.now().getTime() - OIDC_LOGIN_MAX_AGE_MS));
  if (!pending || pending.provider !== provider) throw new AppError('oidc_failed', 'The login has expired or was already used; start again');
  const subject = await finishLogin(config, provider, callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
  const identity = await repo.findUserByIdentity(sys.db, provider, subject);
  if (!identity) throw new AppError('oidc_not_linked', 'This login is not linked to a person in Tillit; ask the school office');
  sys.log.info({ provider }, 'oidc login');
  return createSession(sys, config, identity.user_id);
}

export async function logout(sys: SystemCtx, tokenHash: string): Promise<void> {
  await repo.deleteSession(sys.db, tokenHash);
}

export async function setMyLocale(ctx: Ctx, locale: string | null): Promise<void> {
  if (locale !== null && !isSupportedLocale(locale)) throw new AppError('validation_failed', `Unsupported language ${locale}`);
  await repo.updateUserLocale(ctx.db, ctx.actor.userId, locale);
}

export const MIN_PASSWORD_LENGTH = 10;

/** For small installs without Feide/ID-porten: an administrator sets a person's password from the command line. */
export async function setPassword(sys: SystemCtx, username: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `The password must be at least ${MIN_PASSWORD_LENGTH} characters`, [{ path: 'password', code: 'too_small', message: `at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  const updated = await repo.updatePasswordHash(sys.db, username.trim().toLowerCase(), await hashPassword(password));
  if (!updated) throw new AppError('not_found', `No user named ${username}`);
}
