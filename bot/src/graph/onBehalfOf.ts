// OAuth 2.0 on-behalf-of (jwt-bearer grant): the signed-in user's access token for our API is exchanged
// for a Microsoft Graph token that carries only what that user may do and what the tenant consented to.
// The app authenticates with its federated credential (the managed identity's token) or a secret.
import type { AppCredential } from '../config';
import { clientAuthentication, type AppCredentialOptions } from './appCredential';

export interface OnBehalfOfOptions {
  credential: AppCredential;
  httpClient?: AppCredentialOptions['httpClient'];
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Why no Graph token: the app could not authenticate, Entra could not be reached, or Entra refused (consent). */
export class OnBehalfOfError extends Error {
  constructor(
    readonly reason: 'appSignIn' | 'unreachable' | 'refused',
    /** Entra's OAuth error (consent_required, invalid_grant, …) when it refused. */
    readonly oauthError?: string,
  ) {
    super(`on-behalf-of token: ${reason}${oauthError ? ` (${oauthError})` : ''}`);
    this.name = 'OnBehalfOfError';
  }
}

/** A Graph token for `scope` on behalf of the holder of `userAccessToken`; cached until a minute before it expires. */
export type OnBehalfOf = (tenantId: string, userAccessToken: string, scope: string) => Promise<string>;

const CACHE_LIMIT = 5_000;

export function onBehalfOf(options: OnBehalfOfOptions): OnBehalfOf {
  const fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? Date.now;
  const authentication = clientAuthentication(
    options.credential,
    options.httpClient ? { httpClient: options.httpClient } : {},
  );
  const tokens = new Map<string, { token: string; expiresAt: number }>();

  function remember(key: string, token: string, expiresInSeconds: number) {
    if (tokens.size >= CACHE_LIMIT) for (const [k, v] of tokens) if (v.expiresAt <= now()) tokens.delete(k);
    if (tokens.size >= CACHE_LIMIT) tokens.delete(tokens.keys().next().value!);
    tokens.set(key, { token, expiresAt: now() + Math.max(0, expiresInSeconds - 60) * 1000 });
  }

  return async (tenantId, userAccessToken, scope) => {
    const key = `${scope}\n${userAccessToken}`;
    const cached = tokens.get(key);
    if (cached && cached.expiresAt > now()) return cached.token;
    const client = await authentication().catch(() => undefined);
    if (!client) throw new OnBehalfOfError('appSignIn');
    const res = await fetcher(`${options.authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: options.credential.clientId,
        ...client,
        assertion: userAccessToken,
        scope,
        requested_token_use: 'on_behalf_of',
      }),
    }).catch(() => undefined);
    if (!res) throw new OnBehalfOfError('unreachable');
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!res.ok || !body.access_token) throw new OnBehalfOfError('refused', body.error ?? String(res.status));
    remember(key, body.access_token, body.expires_in ?? 0);
    return body.access_token;
  };
}
