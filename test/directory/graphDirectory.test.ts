// The Graph directory against a fake Entra token endpoint and fake Graph speaking their wire format:
// on-behalf-of exchange (cached per user token), people search, e-mail resolution in chunks, reporting lines.
import { graphDirectory } from '../../bot/src/directory/graphDirectory';
import { AppError } from '../../bot/src/domain/errors';
import { startFakeAppServiceIdentity, type FakeAppServiceIdentity } from '../support/fakeAppServiceIdentity';
import { startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import { startFakeGraph, type FakeGraph, type FakeGraphUser } from '../support/fakeGraph';

const CLIENT = { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'not-a-real-secret' };
const TENANT = '0d0d0d0d-0000-4000-8000-000000000001';
const users: FakeGraphUser[] = [
  {
    id: 'oid-ceo',
    displayName: 'Cleo Chief',
    mail: 'cleo@contoso.com',
    userPrincipalName: 'cleo@contoso.com',
    department: 'Board',
  },
  {
    id: 'oid-vp',
    displayName: "Owen O'Neil",
    mail: "owen.o'neil@contoso.com",
    userPrincipalName: 'owen@contoso.com',
    managerId: 'oid-ceo',
  },
  {
    id: 'oid-dev',
    displayName: 'Jade Morel',
    mail: 'jade@contoso.com',
    userPrincipalName: 'jmorel@contoso.com',
    department: 'Engineering',
    jobTitle: 'Engineer',
    managerId: 'oid-vp',
  },
  ...Array.from({ length: 20 }, (_, i): FakeGraphUser => ({
    id: `oid-${i}`,
    displayName: `Person ${i}`,
    mail: `p${i}@contoso.com`,
    userPrincipalName: `p${i}@contoso.com`,
  })),
];

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph({ users, ...CLIENT });
});
afterAll(() => graph.stop());
beforeEach(() => {
  graph.requests.length = 0;
  graph.failTokenWith = undefined;
});

const directory = () =>
  graphDirectory({
    credential: { clientId: CLIENT.clientId, kind: 'secret', clientSecret: CLIENT.clientSecret },
    authorityHost: graph.url,
    graphBaseUrl: graph.url,
  });
const caller = { tenantId: TENANT, accessToken: 'the-admins-access-token' };

test('search exchanges the admin token on behalf of them once, then asks Graph with ConsistencyLevel: eventual', async () => {
  const dir = directory();
  expect(await dir.search(caller, 'jad')).toEqual([
    { id: 'oid-dev', name: 'Jade Morel', email: 'jade@contoso.com', department: 'Engineering', jobTitle: 'Engineer' },
  ]);
  expect(await dir.search(caller, 'Person')).toHaveLength(10);
  const tokenCalls = graph.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
  expect(tokenCalls).toHaveLength(1);
  expect(tokenCalls[0]).toMatchObject({
    path: `/${TENANT}/oauth2/v2.0/token`,
    params: {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: 'the-admins-access-token',
      requested_token_use: 'on_behalf_of',
      client_id: CLIENT.clientId,
    },
  });
  expect(
    graph.requests.filter((r) => r.path === '/v1.0/users').every((r) => r.headers.consistencylevel === 'eventual'),
  ).toBe(true);
  // A quote in the query cannot break out of the $search clause.
  expect(await dir.search(caller, '"jad')).toHaveLength(1);
});

test('e-mails resolve to directory ids by mail or user principal name, 15 per request, quotes escaped', async () => {
  const emails = [
    'JADE@contoso.com',
    'owen@contoso.com',
    "owen.o'neil@contoso.com",
    'nobody@contoso.com',
    ...Array.from({ length: 20 }, (_, i) => `p${i}@contoso.com`),
  ];
  const found = await directory().findByEmails(caller, emails);
  expect(found.get('jade@contoso.com')?.id).toBe('oid-dev');
  expect(found.get('owen@contoso.com')?.id).toBe('oid-vp');
  expect(found.get("owen.o'neil@contoso.com")?.id).toBe('oid-vp');
  expect(found.has('nobody@contoso.com')).toBe(false);
  expect(found.get('p19@contoso.com')?.id).toBe('oid-19');
  expect(graph.requests.filter((r) => r.path === '/v1.0/users')).toHaveLength(2);
});

test('the reporting line comes from one $expand=manager($levels=max) request', async () => {
  expect(await directory().managerChain(caller, 'oid-dev')).toEqual(['oid-vp', 'oid-ceo']);
  expect(await directory().managerChain(caller, 'oid-ceo')).toEqual([]);
  expect(await directory().managerChain(caller, 'no-such-user')).toEqual([]);
});

test('a refused on-behalf-of exchange is a 503 that says which permission to grant', async () => {
  graph.failTokenWith = 'consent_required';
  const error = await directory()
    .search(caller, 'jad')
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ status: 503, code: 'directory-unavailable' });
  expect((error as Error).message).toMatch(/consent_required.*User\.ReadBasic\.All/);
});

describe('without a secret: the on-behalf-of exchange authenticates with the managed identity (federated credential)', () => {
  const identity = {
    clientId: '22222222-3333-4444-8555-666666666666',
    principalId: '33333333-4444-4555-8666-777777777777',
    tenantId: TENANT,
  };
  let entra: FakeEntra;
  let appService: FakeAppServiceIdentity;
  let federatedGraph: FakeGraph;
  let restore: () => void;
  beforeAll(async () => {
    entra = await startFakeEntra({ tenantId: TENANT });
    appService = await startFakeAppServiceIdentity(entra, [identity]);
    restore = appService.install();
    federatedGraph = await startFakeGraph({
      users,
      clientId: CLIENT.clientId,
      federated: {
        entra,
        credentials: [
          { issuer: entra.issuerV2(TENANT), subject: identity.principalId, audiences: ['api://AzureADTokenExchange'] },
        ],
      },
    });
  });
  afterAll(async () => {
    restore();
    await Promise.all([federatedGraph.stop(), appService.stop(), entra.stop()]);
  });

  const federatedDirectory = (managedIdentityClientId: string) =>
    graphDirectory({
      credential: { clientId: CLIENT.clientId, kind: 'managedIdentity', managedIdentityClientId },
      authorityHost: federatedGraph.url,
      graphBaseUrl: federatedGraph.url,
    });

  test('the identity token is the client assertion; no client_secret is sent', async () => {
    expect(await federatedDirectory(identity.clientId).search(caller, 'jad')).toEqual([
      expect.objectContaining({ id: 'oid-dev' }),
    ]);
    const [exchange] = federatedGraph.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(exchange?.params).toMatchObject({
      client_id: CLIENT.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
    });
    expect(exchange?.params).not.toHaveProperty('client_secret');
    expect(appService.requests.at(-1)).toEqual({ resource: 'api://AzureADTokenExchange', clientId: identity.clientId });
  });

  test('an identity the app does not trust gets a 503 that says the directory refused, never a 500', async () => {
    const error = await federatedDirectory('44444444-5555-4666-8777-888888888888')
      .search(caller, 'jad')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'directory-unavailable' });
  });
});
