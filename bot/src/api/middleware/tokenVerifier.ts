// Validates bearer tokens. Entra ID tokens and development sign-in tokens go through the same checks;
// only where the signing keys and issuers come from differs.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { createHash } from 'node:crypto';
import type { Config } from '../../config';
import { AppError, unauthorized } from '../../domain/errors';
import { ACCESS_SCOPE, DEV_TENANT_ID, LIMITS } from '../../domain/limits';
import type { Caller } from '../../domain/model';

/** Where a token's keys and issuer come from, and which audiences it may carry. */
export interface TokenTrust {
  issuersFor(tenantId: string): string[];
  keysFor(tenantId: string): JWTVerifyGetKey;
  acceptsAudience(aud: string): boolean;
  allowedTenants: readonly string[];
}

const CLOCK_SKEW_SECONDS = 60;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function verifyAccessToken(token: string, trust: TokenTrust): Promise<Caller> {
  return (await verifyWithExpiry(token, trust)).caller;
}

/**
 * Remembers tokens that passed verification until they expire, so a signed-in user's every request does not
 * pay for an RS256 signature check again. Keyed by the token's SHA-256; a token that failed is never kept, and
 * one past its `exp` is verified afresh (and refused). At most `limit` tokens, the oldest forgotten first.
 */
export function cachedTokenVerifier(trust: TokenTrust, limit = 10_000): (token: string) => Promise<Caller> {
  const verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = verified.get(key);
    if (hit && hit.expiresAtMs > Date.now()) return hit.caller;
    verified.delete(key);
    const { caller, expiresAtMs } = await verifyWithExpiry(token, trust);
    remember(verified, key, { caller, expiresAtMs }, limit);
    return caller;
  };
}

async function verifyWithExpiry(token: string, trust: TokenTrust): Promise<{ caller: Caller; expiresAtMs: number }> {
  let unverified: JWTPayload;
  try {
    // Read only to choose the tenant's keys; nothing is trusted before jwtVerify below.
    if (decodeProtectedHeader(token).alg !== 'RS256') throw unauthorized('The token must be signed with RS256.');
    unverified = decodeJwt(token);
  } catch (error) {
    throw error instanceof Error && error.name === 'AppError' ? error : unauthorized('The access token is malformed.');
  }
  const tid = unverified.tid;
  if (typeof tid !== 'string' || !TENANT_ID.test(tid)) throw unauthorized('The token has no valid tenant (tid).');
  if (trust.allowedTenants.length > 0 && !trust.allowedTenants.includes(tid.toLowerCase()))
    throw unauthorized('Your organisation is not allowed to use this app.');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, trust.keysFor(tid), {
      algorithms: ['RS256'],
      issuer: trust.issuersFor(tid),
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'aud', 'iss', 'tid', 'oid'],
    }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'ERR_JWT_EXPIRED') throw unauthorized('The access token has expired; get a new one.');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'nbf')
      throw unauthorized('The access token is not valid yet; check the device clock.');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED')
      throw unauthorized('The access token was issued for another issuer or is incomplete.');
    throw unauthorized('The access token signature is not valid.');
  }

  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((a) => typeof a === 'string' && trust.acceptsAudience(a)))
    throw unauthorized('The access token was issued for another application (audience).');
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
  if (!scopes.includes(ACCESS_SCOPE)) throw unauthorized(`The access token lacks the ${ACCESS_SCOPE} scope.`);
  if (payload.tid !== tid) throw unauthorized('The token has no valid tenant (tid).');
  const oid = payload.oid;
  if (typeof oid !== 'string' || oid.length === 0 || oid.length > LIMITS.idLength)
    throw unauthorized('The token has no valid user (oid).');
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  const name = typeof payload.name === 'string' ? payload.name.slice(0, LIMITS.nameLength) : '';
  // Kept no longer than the token is good for (without the clock-skew allowance jwtVerify grants).
  return { caller: { tenantId: tid.toLowerCase(), userId: oid, name, roles }, expiresAtMs: (payload.exp ?? 0) * 1000 };
}

/** How many tenants the verifier remembers: key sets it fetched, and tenants whose keys could not be fetched. */
export interface TrustCacheLimits {
  keySets: number;
  unreachableTenants: number;
}

const CACHE_LIMITS: TrustCacheLimits = { keySets: 500, unreachableTenants: 10_000 };
/** A tenant whose keys could not be fetched (Entra: "tenant not found") is not asked again for this long. */
export const UNREACHABLE_TENANT_MS = 5 * 60_000;

/** Insertion-ordered map that forgets its oldest entry past `limit`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  if (map.size >= limit) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/** Microsoft Entra ID: v1 and v2 issuers, the tenant's signing keys, the app's client id or its one Application ID URI. */
export function entraTrust(
  auth: Extract<Config['auth'], { mode: 'entra' }>,
  limits: TrustCacheLimits = CACHE_LIMITS,
): TokenTrust {
  // Bounded: with no allow-list anyone can name tenants, made-up ones included.
  const keySets = new Map<string, JWTVerifyGetKey>();
  const unreachableTenants = new Map<string, number>();
  const refuse = () =>
    unauthorized(
      'The signing keys of your organisation (tenant) could not be fetched from Microsoft Entra ID; try again in a few minutes.',
    );

  function keySetFor(tid: string): JWTVerifyGetKey {
    const remote = createRemoteJWKSet(new URL(`${auth.authorityHost}/${tid}/discovery/v2.0/keys`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 12 * 3600_000,
    });
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // Never fetched: the tenant does not exist (or Entra is unreachable). Remember that instead of its key set.
        if (remote.jwks() !== undefined) throw error;
        keySets.delete(tid);
        remember(unreachableTenants, tid, Date.now() + UNREACHABLE_TENANT_MS, limits.unreachableTenants);
        throw refuse();
      }
    };
  }

  return {
    allowedTenants: auth.allowedTenants.map((t) => t.toLowerCase()),
    issuersFor: (tid) => [`${auth.authorityHost}/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
    keysFor(tenantId) {
      // One entry per tenant however its id is cased, or case variants would each cost a fetch.
      const tid = tenantId.toLowerCase();
      const until = unreachableTenants.get(tid);
      if (until !== undefined && until > Date.now()) throw refuse();
      let keys = keySets.get(tid);
      if (!keys) {
        keys = keySetFor(tid);
        remember(keySets, tid, keys, limits.keySets);
      }
      return keys;
    },
    // Exactly the app's own identifiers: any other api://…/<client id> names an app registration elsewhere.
    acceptsAudience: (aud) => aud === auth.clientId || aud === auth.appIdUri,
  };
}

export const DEV_AUDIENCE = 'api://localhost/reverse-mentoring-dev';
const DEV_ISSUER_BASE = 'http://localhost/dev-sign-in';

/**
 * Development sign-in: tokens that look like Entra v2 tokens, signed with a key made at start-up. The processes of
 * one server (WEB_CONCURRENCY) share that key, so a token minted by one is accepted by all.
 */
export interface DevSignIn {
  trust: TokenTrust;
  mint(claims: { userId: string; name: string; email?: string; tenantId?: string; roles?: string[] }): Promise<string>;
  /** The signing key, to hand to this server's other processes. */
  signingKey: DevSigningKey;
}

export interface DevSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createDevSignIn(shared?: DevSigningKey): Promise<DevSignIn> {
  const signingKey: DevSigningKey = shared ?? (await newDevSigningKey());
  const privateKey = await importJWK(signingKey.privateJwk, 'RS256');
  const { kid } = signingKey;
  const jwks = createLocalJWKSet({ keys: [{ ...signingKey.publicJwk, kid, alg: 'RS256', use: 'sig' }] });
  return {
    signingKey,
    trust: {
      allowedTenants: [],
      issuersFor: (tid) => [`${DEV_ISSUER_BASE}/${tid}/v2.0`],
      keysFor: () => jwks,
      acceptsAudience: (aud) => aud === DEV_AUDIENCE,
    },
    mint: ({ userId, name, email, tenantId = DEV_TENANT_ID, roles = [] }) =>
      new SignJWT({ tid: tenantId, oid: userId, name, preferred_username: email, roles, scp: ACCESS_SCOPE, ver: '2.0' })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(`${DEV_ISSUER_BASE}/${tenantId}/v2.0`)
        .setAudience(DEV_AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(privateKey),
  };
}

async function newDevSigningKey(): Promise<DevSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid: `dev-${Date.now().toString(36)}`,
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
}
