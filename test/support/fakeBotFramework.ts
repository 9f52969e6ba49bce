// A stand-in for Bot Framework's token issuer (it lives outside our system), in its wire format: the
// OpenID metadata at /v1/.well-known/openidconfiguration, the key set at /v1/.well-known/keys (RSA
// keys with an X.509 certificate in `x5c`, kid = x5t = its thumbprint, and the channels each key may
// sign for in `endorsements`), and the tokens the Bot Connector sends with every activity:
// iss https://api.botframework.com, aud = the bot's app id, `serviceurl` = the activity's serviceUrl.
// Tests point BOT_OPENID_METADATA_URL at `metadataUrl`.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { base64url, SignJWT } from 'jose';
import { selfSignedCertificate, type SelfSignedCertificate } from './selfSignedCertificate';

/** The issuer of Bot Framework channel tokens in the public cloud. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** A key as Bot Framework publishes it. */
export interface BotFrameworkJwk {
  kty: 'RSA';
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
  x5c: string[];
  endorsements: string[];
}

export interface ChannelTokenOptions {
  /** Claim overrides: a value replaces the default, `undefined` removes the claim. */
  claims?: Record<string, unknown>;
  /** Which key signs: a published kid (default: the first key) or `foreignKid` (a key never published). */
  signWith?: string;
  /** The `kid` header; defaults to the signing key's. */
  kid?: string;
}

export interface FakeBotFramework {
  /** Origin, e.g. http://127.0.0.1:54321. */
  url: string;
  /** What BOT_OPENID_METADATA_URL is set to. */
  metadataUrl: string;
  issuer: string;
  /** The first published key (endorsed for msteams). */
  kid: string;
  /** A key that signs but is never published. */
  foreignKid: string;
  /** Publishes another key endorsed only for these channels; returns its kid. */
  addKey(endorsements: string[]): string;
  /** A channel token for the bot `appId` and the activity's `serviceUrl`, as the Bot Connector sends it. */
  channelToken(appId: string, serviceUrl: string, options?: ChannelTokenOptions): Promise<string>;
  /** An unsecured token (`alg: none`, empty signature) naming a published kid, built by hand. */
  unsignedToken(appId: string, serviceUrl: string, kid?: string): string;
  /** Requests served (metadata and keys). */
  requests: number;
  stop(): Promise<void>;
}

export interface FakeBotFrameworkOptions {
  /** Serve HTTPS with this certificate (the server's own TLS, not a signing key). */
  tls?: { certPem: string; keyPem: string };
  /** Endorsements of the first key; Bot Framework's keys list the channels they sign for. */
  endorsements?: string[];
}

const DEFAULT_ENDORSEMENTS = ['msteams', 'webchat', 'directline', 'emulator'];

interface Key {
  certificate: SelfSignedCertificate;
  jwk: BotFrameworkJwk;
}

function makeKey(endorsements: string[]): Key {
  const certificate = selfSignedCertificate('login.botframework.com');
  const { n, e } = certificate.publicKey.export({ format: 'jwk' });
  if (!n || !e) throw new Error('RSA public key without n/e');
  return {
    certificate,
    jwk: {
      kty: 'RSA',
      use: 'sig',
      kid: certificate.thumbprint,
      x5t: certificate.thumbprint,
      n,
      e,
      x5c: [certificate.derBase64],
      endorsements,
    },
  };
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

export async function startFakeBotFramework(options: FakeBotFrameworkOptions = {}): Promise<FakeBotFramework> {
  const keys: Key[] = [makeKey(options.endorsements ?? DEFAULT_ENDORSEMENTS)];
  const foreign = makeKey(DEFAULT_ENDORSEMENTS);
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown) =>
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=86400' })
      .end(JSON.stringify(body));
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'GET') return send(res, 405, { error: 'method_not_allowed' });
    if (path === '/v1/.well-known/openidconfiguration') {
      return send(res, 200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${url}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === '/v1/.well-known/keys') return send(res, 200, { keys: keys.map((k) => k.jwk) });
    return send(res, 404, { error: 'not_found' });
  };
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const claimsFor = (appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      serviceurl: serviceUrl,
      nbf: now - 5,
      exp: now + 3600,
      iss: BOT_FRAMEWORK_ISSUER,
      aud: appId,
    };
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return claims;
  };

  const state: FakeBotFramework = {
    url,
    metadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    issuer: BOT_FRAMEWORK_ISSUER,
    kid: keys[0]!.jwk.kid,
    foreignKid: foreign.jwk.kid,
    requests: 0,
    addKey(endorsements) {
      const key = makeKey(endorsements);
      keys.push(key);
      return key.jwk.kid;
    },
    async channelToken(appId, serviceUrl, tokenOptions = {}) {
      const key =
        tokenOptions.signWith === foreign.jwk.kid
          ? foreign
          : keys.find((k) => k.jwk.kid === (tokenOptions.signWith ?? keys[0]!.jwk.kid));
      if (!key) throw new Error(`fake Bot Framework has no key ${tokenOptions.signWith}`);
      const kid = tokenOptions.kid ?? key.jwk.kid;
      return new SignJWT(claimsFor(appId, serviceUrl, tokenOptions.claims))
        .setProtectedHeader({ alg: 'RS256', kid, x5t: kid, typ: 'JWT' })
        .sign(key.certificate.privateKey);
    },
    unsignedToken(appId, serviceUrl, kid = keys[0]!.jwk.kid) {
      return `${encodeJson({ alg: 'none', kid, typ: 'JWT' })}.${encodeJson(claimsFor(appId, serviceUrl))}.`;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return state;
}
