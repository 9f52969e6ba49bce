// A stand-in for Microsoft Entra ID that speaks its wire format: per-tenant OpenID configuration and JWKS
// over real HTTP (node:http on 127.0.0.1), and access tokens shaped like the ones Entra issues (v2 and v1).
// Tests point ENTRA_AUTHORITY_HOST at `url`; the app then fetches keys exactly as it would from
// https://login.microsoftonline.com/{tid}/discovery/v2.0/keys. With `clients`, it also issues app-only
// tokens at /{tid}/oauth2/v2.0/token (client credentials), e.g. the bot's token for the Bot Connector;
// MSAL insists on an https authority, hence `tls`.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  base64url,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';

/** The scope the API exposes (Expose an API → access_as_user). */
export const ACCESS_AS_USER = 'access_as_user';
/** Microsoft Teams desktop/web client id: the `azp`/`appid` of Teams SSO tokens. */
export const TEAMS_CLIENT_APP_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JWK exactly as Entra publishes it in /discovery/v2.0/keys. */
export interface EntraJwk {
  kid: string;
  kty: 'RSA';
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
  x5t: string;
  issuer: string;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: Omit<EntraJwk, 'issuer'>;
  /** Published in the JWKS (trusted) or not (a forger's key). */
  published: boolean;
}

/**
 * Claim overrides: a value replaces the default claim, `undefined` removes it.
 * Anything not named keeps Entra's default for the chosen token version.
 */
export type ClaimOverrides = Record<string, unknown>;

export interface SignOptions {
  /** '2.0' (default): iss {authority}/{tid}/v2.0, aud = client id. '1.0': iss https://sts.windows.net/{tid}/, aud api://{host}/{clientId}. */
  version?: '1.0' | '2.0';
  /** Which private key signs: a published kid (default: the first), or `fake.foreignKid` for a key not in the JWKS. */
  signWith?: string;
  /** The `kid` header; defaults to the signing key's kid. `null` leaves the header without a kid. */
  kid?: string | null;
  /** Extra protected-header parameters (e.g. an embedded `jwk`). */
  header?: Record<string, unknown>;
}

/** A federated identity credential on an app registration (issuer, subject, audiences), as Entra stores it. */
export interface FederatedIdentityCredential {
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface FakeEntra {
  /** The authority host, e.g. http://127.0.0.1:54321 (what ENTRA_AUTHORITY_HOST is set to). */
  url: string;
  /** The API's client id (the app registration's Application ID). */
  clientId: string;
  /** Host of the Application ID URI used by v1 tokens: api://{appIdUriHost}/{clientId}. */
  appIdUriHost: string;
  /** The tenant used when a token names none. */
  tenantId: string;
  /** The kid of the first published key. */
  kid: string;
  /** The kid of a key that signs but is never published in the JWKS. */
  foreignKid: string;
  issuerV2(tenantId: string): string;
  issuerV1(tenantId: string): string;
  /** The JWKS document served for every tenant. */
  jwks(): { keys: EntraJwk[] };
  /** JWKS requests received so far (answered or refused), for one tenant or for all. */
  jwksRequests(tenantId?: string): number;
  /** The claims sign() would put in a token (after overrides); for building tokens by hand. */
  claims(overrides?: ClaimOverrides, version?: '1.0' | '2.0'): Record<string, unknown>;
  /** An RS256 access token like Entra's. */
  sign(overrides?: ClaimOverrides, options?: SignOptions): Promise<string>;
  /** An unsecured token (`alg: none`, empty signature), built by hand. */
  signAlgNone(overrides?: ClaimOverrides): string;
  /** Algorithm confusion: HS256 with the published RSA public key's bytes (PEM text or DER) as the HMAC secret. */
  signHs256WithPublicKey(overrides?: ClaimOverrides, secretForm?: 'pem' | 'der'): Promise<string>;
  /** The public JWK (RFC 7517 form) of the foreign key, e.g. to embed it in a header. */
  foreignPublicJwk(): Promise<JWK>;
  /** Key rotation: publishes a new signing key and returns its kid. */
  addKey(): Promise<string>;
  /**
   * Entra's check of a client_assertion against an app's federated credentials: signed by a published key,
   * unexpired, and issuer, subject and audience all matching one credential. Undefined when accepted,
   * else the AADSTS error Entra answers.
   */
  federatedAssertionError(assertion: string, credentials: FederatedIdentityCredential[]): Promise<string | undefined>;
  /** Client-credentials token requests answered so far (issued or refused). */
  tokenRequests: { clientId: string; scope: string; status: number }[];
  stop(): Promise<void>;
}

export interface FakeEntraOptions {
  clientId?: string;
  appIdUriHost?: string;
  tenantId?: string;
  /** App registrations that may get app-only tokens: client id → client secret. */
  clients?: Record<string, string>;
  /** Serve HTTPS with this certificate. */
  tls?: { certPem: string; keyPem: string };
  /** The tenants that exist; unset → every GUID. Keys of any other tenant answer 400 AADSTS90002, as Entra does. */
  tenants?: string[];
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function makeKey(kid: string, published: boolean): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const { n, e } = await exportJWK(publicKey);
  if (!n || !e) throw new Error('RSA public key without n/e');
  return {
    kid,
    privateKey,
    publicKey,
    published,
    jwk: {
      kid,
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      n,
      e,
      // Entra publishes the certificate thumbprint; a hash of the modulus stands in for it.
      x5t: base64url.encode(createHash('sha1').update(n).digest()),
    },
  };
}

/** Removes the claims whose override is `undefined`; applies the others. */
function applyOverrides(defaults: Record<string, unknown>, overrides: ClaimOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const clientId = options.clientId ?? randomUUID();
  const appIdUriHost = options.appIdUriHost ?? 'mentoring.contoso.example';
  const defaultTenant = options.tenantId ?? randomUUID();
  const existing = options.tenants && new Set(options.tenants.map((t) => t.toLowerCase()));
  let url = '';

  const keys: SigningKey[] = [await makeKey(`entra-${randomUUID().slice(0, 8)}`, true)];
  const foreign = await makeKey(`forged-${randomUUID().slice(0, 8)}`, false);
  const jwksHits = new Map<string, number>();

  // Entra's v2 key sets carry the issuer template with a literal {tenantid}.
  const jwks = () => ({
    keys: keys.filter((k) => k.published).map((k): EntraJwk => ({ ...k.jwk, issuer: `${url}/{tenantid}/v2.0` })),
  });

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'max-age=86400, private',
    });
    res.end(JSON.stringify(body));
  };

  const tokenRequests: FakeEntra['tokenRequests'] = [];
  /** The client-credentials grant as Entra answers it: an app-only v2 token for the scope's resource. */
  const issueToken = async (tid: string, form: URLSearchParams, res: ServerResponse) => {
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    const refuse = (status: number, error: string, description: string) => {
      tokenRequests.push({ clientId, scope, status });
      sendJson(res, status, { error, error_description: description, error_codes: [Number(description.slice(5, 12))] });
    };
    if (form.get('grant_type') !== 'client_credentials')
      return refuse(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    const secret = options.clients?.[clientId];
    if (secret === undefined)
      return refuse(
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
      );
    if (form.get('client_secret') !== secret)
      return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    if (!scope.endsWith('/.default'))
      return refuse(
        400,
        'invalid_scope',
        'AADSTS1002012: The provided value for scope is not valid: use <resource>/.default.',
      );
    const now = nowSeconds();
    const token = await new SignJWT({
      aud: scope.slice(0, -'/.default'.length),
      iss: issuerV2(tid),
      iat: now,
      nbf: now,
      exp: now + 3600,
      azp: clientId,
      azpacr: '1',
      idtyp: 'app',
      oid: randomUUID(),
      sub: randomUUID(),
      tid,
      ver: '2.0',
    })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: keys[0]!.kid })
      .sign(keys[0]!.privateKey);
    tokenRequests.push({ clientId, scope, status: 200 });
    sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const tokenMatch = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && tokenMatch) {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => void issueToken(tokenMatch[1]!, new URLSearchParams(body), res));
      return;
    }
    const keysMatch = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(path);
    const configMatch = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    const tid = keysMatch?.[1] ?? configMatch?.[1];
    if (req.method !== 'GET' || !tid) return sendJson(res, 404, { error: 'not_found' });
    const notFound = () =>
      sendJson(res, 400, { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${tid}' not found.` });
    if (!GUID.test(tid)) return notFound();
    if (keysMatch) jwksHits.set(tid.toLowerCase(), (jwksHits.get(tid.toLowerCase()) ?? 0) + 1);
    if (existing && !existing.has(tid.toLowerCase())) return notFound();
    if (keysMatch) return sendJson(res, 200, jwks());
    return sendJson(res, 200, {
      token_endpoint: `${url}/${tid}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${url}/${tid}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${url}/${tid}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${url}/${tid}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${url}/${tid}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'oid', 'tid', 'preferred_username', 'ver'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handle)
    : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const issuerV2 = (tid: string) => `${url}/${tid}/v2.0`;
  const issuerV1 = (tid: string) => `https://sts.windows.net/${tid}/`;

  const claims = (overrides: ClaimOverrides = {}, version: '1.0' | '2.0' = '2.0'): Record<string, unknown> => {
    const tid = typeof overrides.tid === 'string' ? overrides.tid : defaultTenant;
    const oid = typeof overrides.oid === 'string' ? overrides.oid : randomUUID();
    const now = nowSeconds();
    const common = {
      iat: now,
      nbf: now,
      exp: now + 3600,
      aio: base64url.encode(randomUUID()),
      name: 'Ada Lovelace',
      oid,
      rh: '0.AAAA' + base64url.encode(tid).slice(0, 20) + '.',
      scp: ACCESS_AS_USER,
      sub: base64url.encode(createHash('sha256').update(`${tid}:${oid}:${clientId}`).digest()).slice(0, 43),
      tid,
      uti: base64url.encode(randomUUID()).slice(0, 22),
    };
    const defaults =
      version === '2.0'
        ? {
            ...common,
            aud: clientId,
            iss: issuerV2(tid),
            azp: TEAMS_CLIENT_APP_ID,
            azpacr: '0',
            preferred_username: 'ada@contoso.example',
            ver: '2.0',
          }
        : {
            ...common,
            aud: `api://${appIdUriHost}/${clientId}`,
            iss: issuerV1(tid),
            appid: TEAMS_CLIENT_APP_ID,
            appidacr: '0',
            amr: ['pwd', 'mfa'],
            family_name: 'Lovelace',
            given_name: 'Ada',
            ipaddr: '203.0.113.7',
            unique_name: 'ada@contoso.example',
            upn: 'ada@contoso.example',
            ver: '1.0',
          };
    return applyOverrides(defaults, overrides);
  };

  const keyFor = (kid: string | undefined): SigningKey => {
    if (kid === undefined) return keys[0]!;
    if (kid === foreign.kid) return foreign;
    const key = keys.find((k) => k.kid === kid);
    if (!key) throw new Error(`fake Entra has no key ${kid}`);
    return key;
  };

  return {
    url,
    clientId,
    appIdUriHost,
    tenantId: defaultTenant,
    kid: keys[0]!.kid,
    foreignKid: foreign.kid,
    issuerV2,
    issuerV1,
    jwks,
    jwksRequests: (tenantId) =>
      tenantId === undefined
        ? [...jwksHits.values()].reduce((a, b) => a + b, 0)
        : (jwksHits.get(tenantId.toLowerCase()) ?? 0),
    claims,
    async sign(overrides = {}, signOptions = {}) {
      const key = keyFor(signOptions.signWith);
      const kid = signOptions.kid === undefined ? key.kid : signOptions.kid;
      const header = { typ: 'JWT', ...(signOptions.header ?? {}), alg: 'RS256', ...(kid === null ? {} : { kid }) };
      return new SignJWT(claims(overrides, signOptions.version ?? '2.0'))
        .setProtectedHeader(header)
        .sign(key.privateKey);
    },
    signAlgNone(overrides = {}) {
      return `${encodeJson({ typ: 'JWT', alg: 'none' })}.${encodeJson(claims(overrides))}.`;
    },
    async signHs256WithPublicKey(overrides = {}, secretForm = 'pem') {
      const pem = await exportSPKI(keys[0]!.publicKey);
      const secret =
        secretForm === 'pem'
          ? new TextEncoder().encode(pem)
          : Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
      return new SignJWT(claims(overrides))
        .setProtectedHeader({ typ: 'JWT', alg: 'HS256', kid: keys[0]!.kid })
        .sign(new Uint8Array(secret));
    },
    async foreignPublicJwk() {
      return { ...(await exportJWK(foreign.publicKey)), kid: foreign.kid, alg: 'RS256', use: 'sig' };
    },
    async federatedAssertionError(assertion, credentials) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(assertion, createLocalJWKSet(jwks() as unknown as { keys: JWK[] }), {
          algorithms: ['RS256'],
        }));
      } catch (error) {
        return `AADSTS50027: JWT token is invalid or malformed (${(error as Error).message}).`;
      }
      const match = credentials.find(
        (c) => c.issuer === payload.iss && c.subject === payload.sub && c.audiences.includes(String(payload.aud)),
      );
      return match
        ? undefined
        : `AADSTS700213: No matching federated identity record found for presented assertion subject '${String(payload.sub)}'.`;
    },
    tokenRequests,
    async addKey() {
      const key = await makeKey(`entra-${randomUUID().slice(0, 8)}`, true);
      keys.push(key);
      return key.kid;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
