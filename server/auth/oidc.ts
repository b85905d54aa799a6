// OpenID Connect login (authorization code + PKCE), as Feide (staff) and ID-porten (guardians) offer it.
import * as client from 'openid-client';
import type { Config, OidcProviderName } from '../config';
import { AppError } from '../core/errors';

const configurations = new Map<string, Promise<client.Configuration>>();

function providerConfig(config: Config, provider: OidcProviderName) {
  const settings = config.oidc[provider];
  if (!settings) throw new AppError('login_method_unavailable', `Login with ${provider} is not configured`);
  return settings;
}

async function discover(config: Config, provider: OidcProviderName): Promise<client.Configuration> {
  const settings = providerConfig(config, provider);
  const key = `${provider}|${settings.issuer}|${settings.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    // Plain http is allowed only for a provider on this machine (tests and local development).
    const insecure = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    found = client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  try {
    return await found;
  } catch (err) {
    throw new AppError('oidc_failed', `Cannot reach the ${provider} login service: ${(err as Error).message}`);
  }
}

export const redirectUri = (config: Config, provider: OidcProviderName): string =>
  new URL(`/api/auth/oidc/${provider}/callback`, config.publicUrl).toString();

export async function buildLoginRedirect(config: Config, provider: OidcProviderName) {
  const oidc = await discover(config, provider);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(oidc, {
    redirect_uri: redirectUri(config, provider),
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.toString(), state, nonce, codeVerifier };
}

/** Exchanges the code from the callback URL and returns the provider's subject for the person. */
export async function finishLogin(
  config: Config,
  provider: OidcProviderName,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<string> {
  const oidc = await discover(config, provider);
  try {
    const tokens = await client.authorizationCodeGrant(oidc, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const sub = tokens.claims()?.sub;
    if (!sub) throw new Error('the ID token has no subject');
    return sub;
  } catch (err) {
    throw new AppError('oidc_failed', `The ${provider} login did not complete: ${(err as Error).message}`);
  }
}
