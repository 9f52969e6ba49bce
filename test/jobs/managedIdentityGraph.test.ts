// The managed-identity Graph path, as deployed on Azure: no secret anywhere. App Service's identity endpoint
// (fake) issues the user-assigned identity's token for api://AzureADTokenExchange, signed by Entra (fake);
// the server presents it as the Entra app's client assertion; Entra (fake) accepts it only against the app's
// federated credential; Graph (fake) then installs the app for a person, or refuses without the role, or
// when the app signing in is not the Teams app's webApplicationInfo.id.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../bot/src/config';
import { appCredentialFor, TOKEN_EXCHANGE_SCOPE } from '../../bot/src/graph/appCredential';
import { createTeamsAppInstaller } from '../../bot/src/teams/proactiveInstall';
import { startFakeAppServiceIdentity, type FakeAppServiceIdentity } from '../support/fakeAppServiceIdentity';
import { startFakeEntra, type FakeEntra, type FederatedIdentityCredential } from '../support/fakeEntra';
import { INSTALL_PERMISSION, startFakeGraphInstall, type FakeGraphInstall } from '../support/fakeGraphInstall';

const TENANT = randomUUID();
const APP_CLIENT_ID = randomUUID();
const IDENTITY = { clientId: randomUUID(), principalId: randomUUID(), tenantId: TENANT };
const OTHER_IDENTITY = { clientId: randomUUID(), principalId: randomUUID(), tenantId: TENANT };
const CATALOG_ID = randomUUID();
const TEAMS_APP_ID = randomUUID();
const log = pino({ level: 'silent' });

let entra: FakeEntra;
let identityEndpoint: FakeAppServiceIdentity;
let graph: FakeGraphInstall;
let restoreEnvironment: () => void;
const federatedCredentials: FederatedIdentityCredential[] = [];

beforeAll(async () => {
  entra = await startFakeEntra({ tenantId: TENANT });
  identityEndpoint = await startFakeAppServiceIdentity(entra, [IDENTITY, OTHER_IDENTITY]);
  restoreEnvironment = identityEndpoint.install();
  // What provisioning creates on the Entra app: trust the App Service identity's tokens.
  federatedCredentials.push({
    issuer: entra.issuerV2(TENANT),
    subject: IDENTITY.principalId,
    audiences: ['api://AzureADTokenExchange'],
  });
  graph = await startFakeGraphInstall({
    clientId: APP_CLIENT_ID,
    teamsAppCatalogId: CATALOG_ID,
    teamsAppExternalId: TEAMS_APP_ID,
    federated: { entra, credentials: federatedCredentials },
  });
});
afterAll(async () => {
  restoreEnvironment();
  await Promise.all([graph.stop(), identityEndpoint.stop(), entra.stop()]);
});
beforeEach(() => {
  graph.roles = [INSTALL_PERMISSION];
});

/** The installer exactly as createApp builds it from the App Service settings of a managed-identity bot. */
function installerFor(identityClientId: string, env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    ENTRA_CLIENT_ID: APP_CLIENT_ID,
    BOT_APP_ID: identityClientId,
    BOT_APP_TYPE: 'UserAssignedMSI',
    BOT_TENANT_ID: TENANT,
    TEAMS_APP_ID,
    GRAPH_BASE_URL: graph.url,
    ...env,
  });
  const install = config.reminders.proactiveInstall!;
  expect(install.credential).toEqual({
    clientId: APP_CLIENT_ID,
    kind: 'managedIdentity',
    managedIdentityClientId: identityClientId,
  });
  return createTeamsAppInstaller(
    install,
    appCredentialFor(install.credential, {
      authorityHost: 'https://login.microsoftonline.com',
      httpClient: graph.httpClient,
    }),
    log,
  );
}

test('the token comes from the federated credential (client assertion = the identity token), then the app is installed for the person', async () => {
  const userId = randomUUID();
  const installer = installerFor(IDENTITY.clientId, { TEAMS_APP_CATALOG_ID: CATALOG_ID });
  expect(await installer.install(TENANT, userId, CATALOG_ID)).toEqual({ kind: 'installed' });
  expect(identityEndpoint.requests.at(-1)).toEqual({
    resource: 'api://AzureADTokenExchange',
    clientId: IDENTITY.clientId,
  });
  expect(TOKEN_EXCHANGE_SCOPE).toBe('api://AzureADTokenExchange/.default');
  expect(graph.tokenRequests.at(-1)).toEqual({
    tenantId: TENANT,
    grantType: 'client_credentials',
    clientId: APP_CLIENT_ID,
    scope: `${graph.url}/.default`,
    clientAuthentication: 'assertion',
  });
  expect(graph.installRequests.at(-1)).toEqual({ tenantId: TENANT, userId, status: 201 });
  expect(await installer.install(TENANT, userId, CATALOG_ID)).toEqual({ kind: 'alreadyInstalled' });
});

test('without the application permission Graph answers 403 and the outcome names it', async () => {
  graph.roles = [];
  const installer = installerFor(IDENTITY.clientId);
  expect(await installer.install(TENANT, randomUUID(), CATALOG_ID)).toEqual({
    kind: 'failed',
    reason: 'InstallNotPermitted',
  });
  expect(graph.installRequests.at(-1)).toMatchObject({ status: 403 });
});

test('an identity the Entra app does not trust cannot sign in as it (no matching federated credential)', async () => {
  const requests = graph.installRequests.length;
  const installer = installerFor(OTHER_IDENTITY.clientId);
  expect(await installer.install(TENANT, randomUUID(), CATALOG_ID)).toEqual({ kind: 'failed', reason: 'SignInFailed' });
  expect(identityEndpoint.requests.at(-1)?.clientId).toBe(OTHER_IDENTITY.clientId);
  expect(graph.installRequests).toHaveLength(requests);
});

test('the catalogue id is read from the installation of someone who has the app', async () => {
  const admin = randomUUID();
  const installer = installerFor(IDENTITY.clientId);
  expect(await installer.catalogId(TENANT, admin)).toEqual({ reason: 'CatalogIdUnknown' });
  expect(await installer.install(TENANT, admin, CATALOG_ID)).toEqual({ kind: 'installed' });
  expect(await installer.catalogId(TENANT, admin)).toEqual({ catalogId: CATALOG_ID });
  // An uploaded (sideloaded) copy cannot be installed for others.
  graph.distributionMethod = 'sideloaded';
  try {
    expect(await installerFor(IDENTITY.clientId).catalogId(TENANT, admin)).toEqual({ reason: 'AppNotInCatalog' });
  } finally {
    graph.distributionMethod = 'organization';
  }
});

test('Graph refuses an app that is not the Teams app’s webApplicationInfo.id ("Self" permissions)', async () => {
  const stranger = await startFakeGraphInstall({
    clientId: APP_CLIENT_ID,
    webApplicationInfoId: randomUUID(),
    teamsAppCatalogId: CATALOG_ID,
    federated: { entra, credentials: federatedCredentials },
  });
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      ENTRA_CLIENT_ID: APP_CLIENT_ID,
      ENTRA_MANAGED_IDENTITY_CLIENT_ID: IDENTITY.clientId,
      TEAMS_APP_CATALOG_ID: CATALOG_ID,
      GRAPH_BASE_URL: stranger.url,
    });
    const install = config.reminders.proactiveInstall!;
    const installer = createTeamsAppInstaller(
      install,
      appCredentialFor(install.credential, {
        authorityHost: 'https://login.microsoftonline.com',
        httpClient: stranger.httpClient,
      }),
      log,
    );
    expect(await installer.install(TENANT, randomUUID(), CATALOG_ID)).toEqual({
      kind: 'failed',
      reason: 'InstallerIsNotTheApp',
    });
  } finally {
    await stranger.stop();
  }
});
