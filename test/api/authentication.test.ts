// Authentication end to end: the real app (createApp) in Entra mode, fetching signing keys over HTTP from a
// fake Entra ID that serves the real JWKS format, and in development sign-in mode.
import { randomUUID } from 'node:crypto';
import { base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';
import { startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import { buildTestApp, type TestApp } from '../support/testApp';

const CLIENT_ID = randomUUID();
const TENANT_A = randomUUID();
const TENANT_B = randomUUID();
const PROGRAM_ADMIN = 'ProgramAdmin';
const PROBLEM_JSON = /^application\/problem\+json/;
const MINUTE = 60;

let fake: FakeEntra;
let embedded: EmbeddedCosmos;
/** Entra mode, any tenant. */
let entra: TestApp;
/** Entra mode with ENTRA_ALLOWED_TENANTS = TENANT_A (written in upper case). */
let restricted: TestApp;
/** Development sign-in, two instances: each has its own signing key. */
let dev: TestApp;
let otherDev: TestApp;

beforeAll(async () => {
  fake = await startFakeEntra({ clientId: CLIENT_ID, tenantId: TENANT_A });
  embedded = await startEmbeddedCosmos();
  // Served at https://mentoring.contoso.example: its Application ID URI is api://mentoring.contoso.example/<client id>.
  const entraEnv = {
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_AUTHORITY_HOST: fake.url,
    PUBLIC_URL: `https://${fake.appIdUriHost}`,
  };
  entra = await buildTestApp(entraEnv, embedded);
  restricted = await buildTestApp({ ...entraEnv, ENTRA_ALLOWED_TENANTS: TENANT_A.toUpperCase() }, embedded);
  dev = await buildTestApp({}, embedded);
  otherDev = await buildTestApp({}, embedded);
});

afterAll(async () => {
  for (const app of [entra, restricted, dev, otherDev]) await app?.stop();
  await embedded?.stop();
  await fake?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const bearer = (token: string) => `Bearer ${token}`;

function get(app: TestApp, path: string, authorization?: string) {
  const req = request(app.app).get(path);
  return authorization === undefined ? req : req.set('Authorization', authorization);
}

const me = (app: TestApp, token: string) => get(app, '/api/me', bearer(token));

function expectUnauthorized(res: request.Response, detail?: RegExp): void {
  expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({
    status: 401,
    contentType: expect.stringMatching(PROBLEM_JSON),
  });
  const problem = JSON.parse(res.text) as { type: string; status: number; title: string; detail: string };
  expect(problem).toMatchObject({
    type: 'urn:reverse-mentoring:problem:unauthorized',
    status: 401,
    title: expect.any(String),
  });
  if (detail) expect(problem.detail).toMatch(detail);
}

function expectCaller(res: request.Response, caller: { id: string; tenantId: string }): void {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject(caller);
}

/** Swaps the payload of a signed token, keeping its header and signature. */
function withPayload(token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
  return [header, base64url.encode(JSON.stringify(change(claims))), signature].join('.');
}

describe('the fake authority', () => {
  test('its discovery document names the issuer the app trusts and the key set it fetches', async () => {
    const discovery = await fetch(`${fake.url}/${TENANT_A}/v2.0/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const metadata = (await discovery.json()) as { issuer: string; jwks_uri: string };
    expect(metadata.issuer).toBe(`${fake.url}/${TENANT_A}/v2.0`);
    expect(metadata.jwks_uri).toBe(`${fake.url}/${TENANT_A}/discovery/v2.0/keys`);
    const jwks = (await (await fetch(metadata.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0]).toEqual({
      kid: fake.kid,
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      n: expect.any(String),
      e: 'AQAB',
      x5t: expect.any(String),
      issuer: `${fake.url}/{tenantid}/v2.0`,
    });
  });
});

describe('valid Entra ID access tokens', () => {
  test('a v2 token (aud = client id, iss = {authority}/{tid}/v2.0) identifies the caller by tid and oid', async () => {
    const oid = randomUUID();
    const token = await fake.sign({ oid, name: 'Ada Lovelace' });
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'RS256', kid: fake.kid });
    expect(decodeJwt(token)).toMatchObject({
      aud: CLIENT_ID,
      iss: `${fake.url}/${TENANT_A}/v2.0`,
      ver: '2.0',
      scp: 'access_as_user',
    });

    const res = await me(entra, token);
    expectCaller(res, { id: oid, tenantId: TENANT_A });
    expect(res.body).toMatchObject({ name: 'Ada Lovelace', roles: [], pairs: [] });
  });

  test('a v1 token (iss = https://sts.windows.net/{tid}/, aud = api://{host}/{client id}) is accepted', async () => {
    const oid = randomUUID();
    const token = await fake.sign({ oid }, { version: '1.0' });
    expect(decodeJwt(token)).toMatchObject({
      aud: `api://${fake.appIdUriHost}/${CLIENT_ID}`,
      iss: `https://sts.windows.net/${TENANT_A}/`,
      ver: '1.0',
    });
    expectCaller(await me(entra, token), { id: oid, tenantId: TENANT_A });
  });

  test.each([
    [
      'v2 token, aud = api://{PUBLIC_URL host}/{client id}',
      '2.0',
      () => `api://mentoring.contoso.example/${CLIENT_ID}`,
    ],
    ['v1 token, aud = client id', '1.0', () => CLIENT_ID],
  ] as const)('%s is accepted', async (_name, version, audience) => {
    const oid = randomUUID();
    expectCaller(await me(entra, await fake.sign({ oid, aud: audience() }, { version })), {
      id: oid,
      tenantId: TENANT_A,
    });
  });

  test('ENTRA_APP_ID_URI (e.g. the Teams bot SSO form api://{host}/botid-{bot id}) is accepted exactly, instead of the derived URI', async () => {
    const appIdUri = `api://${fake.appIdUriHost}/botid-${randomUUID()}`;
    const custom = await buildTestApp(
      {
        ENTRA_CLIENT_ID: CLIENT_ID,
        ENTRA_AUTHORITY_HOST: fake.url,
        PUBLIC_URL: `https://${fake.appIdUriHost}`,
        ENTRA_APP_ID_URI: appIdUri,
      },
      embedded,
    );
    try {
      const oid = randomUUID();
      expectCaller(await me(custom, await fake.sign({ oid, aud: appIdUri }, { version: '1.0' })), {
        id: oid,
        tenantId: TENANT_A,
      });
      expectCaller(await me(custom, await fake.sign({ oid, aud: CLIENT_ID })), { id: oid, tenantId: TENANT_A });
      expectUnauthorized(
        await me(custom, await fake.sign({ aud: `api://${fake.appIdUriHost}/${CLIENT_ID}` })),
        /audience/,
      );
      expectUnauthorized(await me(custom, await fake.sign({ aud: `${appIdUri}/${CLIENT_ID}` })), /audience/);
    } finally {
      await custom.stop();
    }
  });

  test('scp may list several scopes as long as access_as_user is one of them', async () => {
    const oid = randomUUID();
    expectCaller(await me(entra, await fake.sign({ oid, scp: 'User.Read access_as_user openid' })), {
      id: oid,
      tenantId: TENANT_A,
    });
  });

  test('clock skew: a token that expired 30 s ago, or becomes valid in 30 s, is still accepted', async () => {
    const expired = randomUUID();
    expectCaller(
      await me(entra, await fake.sign({ oid: expired, iat: now() - 3600, nbf: now() - 3600, exp: now() - 30 })),
      { id: expired, tenantId: TENANT_A },
    );
    const early = randomUUID();
    expectCaller(await me(entra, await fake.sign({ oid: early, iat: now() + 30, nbf: now() + 30 })), {
      id: early,
      tenantId: TENANT_A,
    });
  });

  test('multi-tenant: without ENTRA_ALLOWED_TENANTS a token from any tenant is accepted, with its own tenant id', async () => {
    const oid = randomUUID();
    expectCaller(await me(entra, await fake.sign({ tid: TENANT_B, oid })), { id: oid, tenantId: TENANT_B });
  });
});

describe('caller identity is (tid, oid)', () => {
  test('preferred_username is not identity: same preferred_username and name, different oid → different users', async () => {
    const shared = { preferred_username: 'ada@contoso.example', name: 'Ada Lovelace' };
    const first = await me(entra, await fake.sign({ ...shared, oid: randomUUID() }));
    const second = await me(entra, await fake.sign({ ...shared, oid: randomUUID() }));
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.id).not.toBe(second.body.id);

    // and the same oid under different usernames is one user.
    const oid = randomUUID();
    const renamed = await me(
      entra,
      await fake.sign({ oid, preferred_username: 'ada.king@contoso.example', name: 'Ada King' }),
    );
    const original = await me(entra, await fake.sign({ oid, preferred_username: 'ada@contoso.example' }));
    expect(renamed.body.id).toBe(oid);
    expect(original.body.id).toBe(oid);
  });

  test('access follows (tid, oid): a participant keeps access across v1/v2 tokens; a look-alike or another tenant does not get it', async () => {
    const admin = await fake.sign({ oid: randomUUID(), roles: [PROGRAM_ADMIN] });
    const created = await request(entra.app)
      .post('/api/programs')
      .set('Authorization', bearer(admin))
      .send({ name: `Identity ${randomUUID().slice(0, 6)}`, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expect(created.status).toBe(201);
    const programId = created.body.id as string;

    const mentorOid = randomUUID();
    const added = await request(entra.app)
      .post(`/api/programs/${programId}/participants`)
      .set('Authorization', bearer(admin))
      .send({ id: mentorOid, name: 'Grace Hopper', email: 'grace@contoso.example', role: 'mentor' });
    expect(added.status).toBe(201);

    const program = `/api/programs/${programId}`;
    const grace = { name: 'Grace Hopper', preferred_username: 'grace@contoso.example' };
    expect((await get(entra, program, bearer(await fake.sign({ ...grace, oid: mentorOid })))).status).toBe(200);
    expect(
      (
        await get(
          entra,
          program,
          bearer(await fake.sign({ oid: mentorOid, upn: 'grace@contoso.example' }, { version: '1.0' })),
        )
      ).status,
    ).toBe(200);
    // Same username and display name, another directory object: not the participant.
    expect((await get(entra, program, bearer(await fake.sign({ ...grace, oid: randomUUID() })))).status).toBe(404);
    // Same oid in another tenant: another person.
    expect(
      (await get(entra, program, bearer(await fake.sign({ ...grace, oid: mentorOid, tid: TENANT_B })))).status,
    ).toBe(404);
  });
});

describe('the ProgramAdmin app role comes from the roles claim', () => {
  const createProgram = (token: string) =>
    request(entra.app)
      .post('/api/programs')
      .set('Authorization', bearer(token))
      .send({ name: `Roles ${randomUUID().slice(0, 6)}`, startsOn: '2026-01-01', endsOn: '2026-12-31' });

  test('with roles: [ProgramAdmin] (v2 and v1) POST /api/programs creates a programme', async () => {
    const v2 = await createProgram(await fake.sign({ roles: [PROGRAM_ADMIN] }));
    expect(v2.status).toBe(201);
    const v1 = await createProgram(await fake.sign({ roles: [PROGRAM_ADMIN] }, { version: '1.0' }));
    expect(v1.status).toBe(201);
    const meRes = await me(entra, await fake.sign({ roles: [PROGRAM_ADMIN, 'Other.Role'] }));
    expect(meRes.body.roles).toEqual([PROGRAM_ADMIN, 'Other.Role']);
  });

  test.each([
    ['no roles claim', { roles: undefined }],
    ['empty roles', { roles: [] }],
    ['another role only', { roles: ['Reader'] }],
    ['ProgramAdmin as a group', { groups: [PROGRAM_ADMIN] }],
    ['ProgramAdmin as a scope', { scp: `access_as_user ${PROGRAM_ADMIN}` }],
  ])('without it (%s) POST /api/programs answers 403', async (_name, claims) => {
    const res = await createProgram(await fake.sign(claims));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  });
});

interface BadToken {
  name: string;
  /** The Authorization header to send; undefined sends none. */
  authorization(): Promise<string | undefined>;
  /** What the problem's detail should say, to show the intended check rejected it. */
  detail?: RegExp;
}

/** A token from the fake; the claims are computed when the test runs (clock, the fake's URL). */
const signed =
  (claims: () => Record<string, unknown>, options: Parameters<FakeEntra['sign']>[1] = {}) =>
  async () =>
    bearer(await fake.sign(claims(), options));

const badTokens: BadToken[] = [
  { name: 'no Authorization header', authorization: async () => undefined, detail: /Bearer/ },
  { name: '"Bearer" with an empty token', authorization: async () => 'Bearer ', detail: /Bearer/ },
  { name: '"Bearer" alone', authorization: async () => 'Bearer', detail: /Bearer/ },
  {
    name: 'Basic scheme',
    authorization: async () => `Basic ${Buffer.from('ada:secret').toString('base64')}`,
    detail: /Bearer/,
  },
  {
    name: 'a valid token under another scheme',
    authorization: async () => `Token ${await fake.sign()}`,
    detail: /Bearer/,
  },
  {
    name: 'two tokens',
    authorization: async () => `Bearer ${await fake.sign()} ${await fake.sign()}`,
    detail: /Bearer/,
  },
  { name: 'garbage', authorization: async () => 'Bearer not-a-jwt', detail: /malformed/ },
  { name: 'three garbage segments', authorization: async () => 'Bearer aaaa.bbbb.cccc', detail: /malformed/ },
  { name: 'alg none, unsigned', authorization: async () => bearer(fake.signAlgNone()), detail: /RS256/ },
  {
    name: 'alg none with a copied RS256 signature',
    authorization: async () => bearer(fake.signAlgNone() + (await fake.sign()).split('.')[2]),
    detail: /RS256/,
  },
  {
    name: 'HS256 with the public key (PEM) as secret',
    authorization: async () => bearer(await fake.signHs256WithPublicKey({}, 'pem')),
    detail: /RS256/,
  },
  {
    name: 'HS256 with the public key (DER) as secret',
    authorization: async () => bearer(await fake.signHs256WithPublicKey({}, 'der')),
    detail: /RS256/,
  },
  {
    name: 'signed by a foreign key (its own kid)',
    authorization: async () => bearer(await fake.sign({}, { signWith: fake.foreignKid })),
    detail: /signature/,
  },
  {
    name: 'signed by a foreign key with a kid that is in the JWKS',
    authorization: async () => bearer(await fake.sign({}, { signWith: fake.foreignKid, kid: fake.kid })),
    detail: /signature/,
  },
  {
    name: 'signed by a foreign key without kid',
    authorization: async () => bearer(await fake.sign({}, { signWith: fake.foreignKid, kid: null })),
    detail: /signature/,
  },
  {
    name: 'signed by a foreign key that is embedded in the header (jwk)',
    authorization: async () =>
      bearer(
        await fake.sign(
          {},
          { signWith: fake.foreignKid, kid: fake.kid, header: { jwk: await fake.foreignPublicJwk() } },
        ),
      ),
    detail: /signature/,
  },
  {
    name: 'trusted key but a kid not in the JWKS',
    authorization: async () => bearer(await fake.sign({}, { kid: 'no-such-kid' })),
    detail: /signature/,
  },
  {
    name: 'tampered payload: oid changed after signing',
    authorization: async () => bearer(withPayload(await fake.sign(), (c) => ({ ...c, oid: randomUUID() }))),
    detail: /signature/,
  },
  {
    name: 'tampered payload: roles added after signing',
    authorization: async () => bearer(withPayload(await fake.sign(), (c) => ({ ...c, roles: [PROGRAM_ADMIN] }))),
    detail: /signature/,
  },
  {
    name: 'tampered payload: tid changed after signing',
    authorization: async () =>
      bearer(withPayload(await fake.sign(), (c) => ({ ...c, tid: TENANT_B, iss: fake.issuerV2(TENANT_B) }))),
    detail: /signature/,
  },
  {
    name: 'expired 10 minutes ago',
    authorization: signed(() => ({ iat: now() - 70 * MINUTE, nbf: now() - 70 * MINUTE, exp: now() - 10 * MINUTE })),
    detail: /expired/,
  },
  {
    name: 'expired v1 token',
    authorization: signed(() => ({ iat: now() - 70 * MINUTE, nbf: now() - 70 * MINUTE, exp: now() - 10 * MINUTE }), {
      version: '1.0',
    }),
    detail: /expired/,
  },
  { name: 'no exp', authorization: signed(() => ({ exp: undefined })), detail: /incomplete/ },
  {
    name: 'nbf 10 minutes in the future',
    authorization: signed(() => ({ iat: now() + 10 * MINUTE, nbf: now() + 10 * MINUTE, exp: now() + 70 * MINUTE })),
  },
  { name: 'audience of another application', authorization: signed(() => ({ aud: randomUUID() })), detail: /audience/ },
  {
    name: 'audience Microsoft Graph',
    authorization: signed(() => ({ aud: '00000003-0000-0000-c000-000000000000' })),
    detail: /audience/,
  },
  {
    name: 'audience api://{host}/{another client id}',
    authorization: signed(() => ({ aud: `api://mentoring.contoso.example/${randomUUID()}` })),
    detail: /audience/,
  },
  {
    name: 'audience https://{host}/{client id} (not an api:// URI)',
    authorization: signed(() => ({ aud: `https://mentoring.contoso.example/${CLIENT_ID}` })),
    detail: /audience/,
  },
  {
    name: 'audience that merely contains the client id',
    authorization: signed(() => ({ aud: `api://mentoring.contoso.example/${CLIENT_ID}/extra` })),
    detail: /audience/,
  },
  {
    name: 'audience api://{another host}/{client id}',
    authorization: signed(() => ({ aud: `api://evil.example/${CLIENT_ID}` })),
    detail: /audience/,
  },
  {
    name: 'audience api://{host}:{other port}/{client id}',
    authorization: signed(() => ({ aud: `api://mentoring.contoso.example:8443/${CLIENT_ID}` })),
    detail: /audience/,
  },
  {
    name: 'audience api://{host}/{any path}/{client id}',
    authorization: signed(() => ({ aud: `api://mentoring.contoso.example/botid-${randomUUID()}/${CLIENT_ID}` })),
    detail: /audience/,
  },
  {
    name: 'audience api:///{client id} (no host)',
    authorization: signed(() => ({ aud: `api:///${CLIENT_ID}` })),
    detail: /audience/,
  },
  { name: 'no aud', authorization: signed(() => ({ aud: undefined })), detail: /incomplete/ },
  {
    name: "issuer of another tenant (v2 form) with this token's tid",
    authorization: signed(() => ({ iss: fake.issuerV2(TENANT_B) })),
    detail: /issuer/,
  },
  {
    name: "issuer of another tenant (v1 form) with this token's tid",
    authorization: signed(() => ({ iss: `https://sts.windows.net/${TENANT_B}/` }), { version: '1.0' }),
    detail: /issuer/,
  },
  {
    name: 'issuer on a made-up host',
    authorization: signed(() => ({ iss: `https://login.contoso-evil.example/${TENANT_A}/v2.0` })),
    detail: /issuer/,
  },
  {
    name: 'issuer of an authority host other than the configured one',
    authorization: signed(() => ({ iss: `https://login.microsoftonline.com/${TENANT_A}/v2.0` })),
    detail: /issuer/,
  },
  { name: 'no iss', authorization: signed(() => ({ iss: undefined })), detail: /incomplete/ },
  {
    name: 'no scp (app-only token with roles)',
    authorization: signed(() => ({ scp: undefined, roles: [PROGRAM_ADMIN], idtyp: 'app' })),
    detail: /access_as_user/,
  },
  {
    name: 'scp without access_as_user (User.Read)',
    authorization: signed(() => ({ scp: 'User.Read' })),
    detail: /access_as_user/,
  },
  {
    name: 'scp with a look-alike scope (access_as_users)',
    authorization: signed(() => ({ scp: 'access_as_users' })),
    detail: /access_as_user/,
  },
  { name: 'no tid', authorization: signed(() => ({ tid: undefined })), detail: /tenant/ },
  {
    name: 'tid that is not a GUID',
    authorization: signed(() => ({ tid: 'contoso.onmicrosoft.com' })),
    detail: /tenant/,
  },
  { name: 'no oid', authorization: signed(() => ({ oid: undefined })), detail: /incomplete/ },
  { name: 'empty oid', authorization: signed(() => ({ oid: '' })), detail: /oid/ },
  { name: 'oid longer than any id', authorization: signed(() => ({ oid: 'x'.repeat(129) })), detail: /oid/ },
];

describe('every bad token is 401 application/problem+json', () => {
  test('control: the default token of the fake is accepted (each bad token below changes one thing)', async () => {
    expect((await me(entra, await fake.sign())).status).toBe(200);
    expect((await me(entra, await fake.sign({}, { version: '1.0' }))).status).toBe(200);
  });

  test.each(badTokens.map((c) => [c.name, c] as const))('%s', async (_name, badToken) => {
    expectUnauthorized(await get(entra, '/api/me', await badToken.authorization()), badToken.detail);
  });

  test('a valid token in the query string instead of the header', async () => {
    expectUnauthorized(
      await request(entra.app)
        .get('/api/me')
        .query({ access_token: await fake.sign() }),
      /Bearer/,
    );
  });
});

describe('ENTRA_ALLOWED_TENANTS', () => {
  test('a listed tenant is accepted (the list is case-insensitive)', async () => {
    const oid = randomUUID();
    expectCaller(await me(restricted, await fake.sign({ tid: TENANT_A, oid })), { id: oid, tenantId: TENANT_A });
  });

  test('a tenant not in the list is refused before any key is fetched for it', async () => {
    const unlisted = randomUUID();
    const token = await fake.sign({ tid: unlisted });
    expectUnauthorized(await me(restricted, token), /not allowed/);
    expect(fake.jwksRequests(unlisted)).toBe(0);
    // The same token is fine for an app that allows every tenant.
    expect((await me(entra, token)).status).toBe(200);
    expectUnauthorized(await me(restricted, await fake.sign({ tid: TENANT_B })), /not allowed/);
  });
});

describe('signing keys are fetched from {authority}/{tid}/discovery/v2.0/keys and cached', () => {
  test('one fetch per tenant for many tokens, concurrent or not, and none for unknown kids within the cool-down', async () => {
    const tenant = randomUUID();
    expect(fake.jwksRequests(tenant)).toBe(0);
    const first = await Promise.all(
      Array.from({ length: 5 }, async () => (await me(entra, await fake.sign({ tid: tenant }))).status),
    );
    expect(first).toEqual([200, 200, 200, 200, 200]);
    for (let i = 0; i < 3; i++)
      expect((await me(entra, await fake.sign({ tid: tenant }, { version: i % 2 ? '1.0' : '2.0' }))).status).toBe(200);
    expect(fake.jwksRequests(tenant)).toBe(1);

    for (let i = 0; i < 3; i++)
      expectUnauthorized(await me(entra, await fake.sign({ tid: tenant }, { kid: `unknown-${i}` })));
    expect(fake.jwksRequests(tenant)).toBe(1);

    // Another tenant has its own key set URL.
    const other = randomUUID();
    expect((await me(entra, await fake.sign({ tid: other }))).status).toBe(200);
    expect(fake.jwksRequests(other)).toBe(1);
    expect(fake.jwksRequests(tenant)).toBe(1);
  });

  test('a rotated-in key is picked up once the 30 s cool-down has passed; the key set is refreshed after 12 h', async () => {
    const tenant = randomUUID();
    expect((await me(entra, await fake.sign({ tid: tenant }))).status).toBe(200);
    expect(fake.jwksRequests(tenant)).toBe(1);

    const newKid = await fake.addKey();
    expect(fake.jwks().keys.map((k) => k.kid)).toEqual([fake.kid, newKid]);
    const rotated = await fake.sign({ tid: tenant }, { signWith: newKid });
    // Within the cool-down an unknown kid does not trigger a fetch.
    expectUnauthorized(await me(entra, rotated));
    expect(fake.jwksRequests(tenant)).toBe(1);

    // Tokens are signed on the real clock; only the key cache's clock (Date.now) moves forward.
    const [original, later] = [await fake.sign({ tid: tenant }), await fake.sign({ tid: tenant })];
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockImplementation(() => realNow() + 31_000);
      expect((await me(entra, rotated)).status).toBe(200);
      expect(fake.jwksRequests(tenant)).toBe(2);
      expect((await me(entra, original)).status).toBe(200);
      expect(fake.jwksRequests(tenant)).toBe(2);

      clock.mockImplementation(() => realNow() + 13 * 3600_000);
      expect((await me(entra, later)).status).toBe(200);
      expect(fake.jwksRequests(tenant)).toBe(3);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('development sign-in', () => {
  test('in Entra mode POST /api/dev/token does not exist (404)', async () => {
    const res = await request(entra.app).post('/api/dev/token').send({ userId: 'ada', name: 'Ada' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  });

  test('in Entra mode GET /api/dev/users does not exist (404); in development it lists who to sign in as', async () => {
    expect((await request(entra.app).get('/api/dev/users')).status).toBe(404);
    const res = await request(dev.app).get('/api/dev/users');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.users)).toBe(true);
  });

  test('POST /api/dev/token needs no token and returns an RS256 token that works on /api/me', async () => {
    const res = await request(dev.app).post('/api/dev/token').send({ userId: 'dev-ada', name: 'Ada Dev' });
    expect(res.status).toBe(200);
    const token = res.body.token as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(decodeJwt(token)).toMatchObject({ oid: 'dev-ada', scp: 'access_as_user' });
    const meRes = await me(dev, token);
    expect(meRes.status).toBe(200);
    expect(meRes.body).toMatchObject({ id: 'dev-ada', name: 'Ada Dev' });
  });

  test('a dev token from another app instance (another per-process key) is 401', async () => {
    const foreign = await otherDev.tokenFor({ userId: 'dev-grace' });
    expect((await me(otherDev, foreign)).status).toBe(200);
    expectUnauthorized(await me(dev, foreign), /signature/);
  });

  test('dev tokens are refused in Entra mode, and Entra tokens in development mode', async () => {
    expectUnauthorized(await me(entra, await dev.tokenFor({ userId: 'dev-ada' })));
    expectUnauthorized(await me(dev, await fake.sign()));
  });
});

describe('which routes need a token', () => {
  type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
  interface Operation {
    security?: { bearer?: string[] }[];
  }

  test('/api/health and /api/openapi.json answer without a token', async () => {
    for (const app of [entra, dev]) {
      const health = await get(app, '/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok' });
      const doc = await get(app, '/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
    }
  });

  test('every operation documented with security [{ bearer: [] }] answers 401 without a token or with a forged one', async () => {
    const doc = (await get(entra, '/api/openapi.json')).body as {
      paths: Record<string, Partial<Record<Method, Operation>>>;
    };
    const publicOps: string[] = [];
    const protectedOps: [Method, string][] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations) as [Method, Operation][]) {
        if (operation.security?.length === 0) publicOps.push(`${method} ${path}`);
        else {
          // Timed work (/api/jobs/…) takes the jobs secret instead of a user's token.
          expect(operation.security).toEqual(path.startsWith('/api/jobs/') ? [{ jobsSecret: [] }] : [{ bearer: [] }]);
          protectedOps.push([method, path.replace(/\{[^}]+\}/g, 'x')]);
        }
      }
    }
    expect(publicOps.sort()).toEqual(['get /api/dev/users', 'get /api/health', 'post /api/dev/token']);
    expect(protectedOps.length).toBeGreaterThanOrEqual(10);

    const forged = bearer(await fake.sign({ roles: [PROGRAM_ADMIN] }, { signWith: fake.foreignKid, kid: fake.kid }));
    for (const [method, path] of protectedOps) {
      const anonymous = await request(entra.app)[method](path).send({});
      expect({ route: `${method} ${path}`, status: anonymous.status, type: anonymous.headers['content-type'] }).toEqual(
        {
          route: `${method} ${path}`,
          status: 401,
          type: expect.stringMatching(PROBLEM_JSON),
        },
      );
      const withForged = await request(entra.app)[method](path).set('Authorization', forged).send({});
      expect({ route: `${method} ${path}`, status: withForged.status }).toEqual({
        route: `${method} ${path}`,
        status: 401,
      });
    }
  });
});
