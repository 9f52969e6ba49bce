// scripts/entraAccess.ts against a fake Microsoft Graph that enforces the directory roles: the federated
// credential provisioning creates (and Entra then accepts for the identity's token), the admin consent for
// the delegated scope and the application permission, each refused with the role it needs, all idempotent.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_ROLES, DELEGATED_SCOPES, main, type GraphSession } from '../../scripts/entraAccess';
import { startFakeAppServiceIdentity, type FakeAppServiceIdentity } from '../support/fakeAppServiceIdentity';
import { startFakeEntra, type FakeEntra } from '../support/fakeEntra';
import {
  ACTIVITY_ROLE_ID,
  INSTALL_ROLE_ID,
  startFakeGraphDirectoryAdmin,
  type DirectoryRole,
  type FakeGraphDirectoryAdmin,
} from '../support/fakeGraphDirectoryAdmin';

const APP_ID = randomUUID();
const DELEGATED = DELEGATED_SCOPES.join(', ');
const TENANT = randomUUID();
const IDENTITY = { clientId: randomUUID(), principalId: randomUUID(), tenantId: TENANT };

let graph: FakeGraphDirectoryAdmin;
let entra: FakeEntra;
let appService: FakeAppServiceIdentity;
beforeAll(async () => {
  graph = await startFakeGraphDirectoryAdmin(APP_ID);
  entra = await startFakeEntra({ tenantId: TENANT });
  appService = await startFakeAppServiceIdentity(entra, [IDENTITY]);
});
afterAll(() => Promise.all([graph.stop(), appService.stop(), entra.stop()]));

function run(role: DirectoryRole, args: string[], root?: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const session: GraphSession = {
    graphBaseUrl: graph.url,
    authorityHost: entra.url,
    token: async () => graph.tokenFor(role),
    log: (l) => lines.push(l),
  };
  return main(args, session, root).then((code) => ({ code, lines }));
}
const federate = [
  'federate',
  '--app-id',
  APP_ID,
  '--tenant-id',
  TENANT,
  '--identity-principal-id',
  IDENTITY.principalId,
];

test('federate: the app owner creates the credential once; Entra then accepts the identity’s token as the app’s client assertion', async () => {
  expect(await run('none', federate)).toEqual({
    code: 1,
    lines: [expect.stringMatching(/^✗ federated credential: .*403.*owner/)],
  });
  expect(graph.federatedCredentials).toEqual([]);

  expect((await run('owner', federate)).code).toBe(0);
  expect(graph.federatedCredentials).toEqual([
    expect.objectContaining({
      name: 'app-service-managed-identity',
      issuer: entra.issuerV2(TENANT),
      subject: IDENTITY.principalId,
      audiences: ['api://AzureADTokenExchange'],
    }),
  ]);
  const writes = graph.writes.length;
  expect(await run('owner', federate)).toEqual({
    code: 0,
    lines: [expect.stringMatching(/^✓ federated credential: already in place/)],
  });
  expect(graph.writes).toHaveLength(writes);

  // The App Service identity's token for the exchange audience is accepted against exactly that credential.
  const res = await fetch(
    `${appService.endpoint}?api-version=2019-08-01&resource=${encodeURIComponent('api://AzureADTokenExchange')}&client_id=${IDENTITY.clientId}`,
    {
      headers: { 'X-IDENTITY-HEADER': appService.header },
    },
  );
  const { access_token: assertion } = (await res.json()) as { access_token: string };
  expect(await entra.federatedAssertionError(assertion, graph.federatedCredentials)).toBeUndefined();
  expect(
    await entra.federatedAssertionError(
      assertion,
      graph.federatedCredentials.map((c) => ({ ...c, subject: randomUUID() })),
    ),
  ).toMatch(/AADSTS700213/);
});

test('grant: a Cloud Application Administrator consents the delegated scope; the application permission needs a Privileged Role Administrator', async () => {
  const byCloudAdmin = await run('cloudApplicationAdministrator', ['grant', '--app-id', APP_ID]);
  expect(byCloudAdmin.code).toBe(1);
  expect(byCloudAdmin.lines).toEqual([
    `✓ admin consent: delegated ${DELEGATED}: granted for all users`,
    ...APPLICATION_ROLES.map((role) =>
      expect.stringMatching(
        new RegExp(
          `^✗ admin consent: application ${role.replace(/\./g, '\\.')}: .*403.*Privileged Role Administrator or Global Administrator`,
        ),
      ),
    ),
  ]);
  expect(graph.grants).toEqual([
    expect.objectContaining({
      clientId: graph.appServicePrincipalId,
      resourceId: graph.graphServicePrincipalId,
      consentType: 'AllPrincipals',
      scope: DELEGATED_SCOPES.join(' '),
    }),
  ]);
  expect(graph.appRoleAssignments).toEqual([]);

  const byPrivilegedRoleAdmin = await run('privilegedRoleAdministrator', ['grant', '--app-id', APP_ID]);
  expect(byPrivilegedRoleAdmin).toEqual({
    code: 0,
    lines: [
      `✓ admin consent: delegated ${DELEGATED}: already in place (granted for all users)`,
      '✓ admin consent: application TeamsAppInstallation.ReadWriteSelfForUser.All: assigned',
      '✓ admin consent: application TeamsActivity.Send: assigned',
    ],
  });
  expect(graph.appRoleAssignments).toEqual([
    expect.objectContaining({
      principalId: graph.appServicePrincipalId,
      resourceId: graph.graphServicePrincipalId,
      appRoleId: INSTALL_ROLE_ID,
    }),
    expect.objectContaining({
      principalId: graph.appServicePrincipalId,
      resourceId: graph.graphServicePrincipalId,
      appRoleId: ACTIVITY_ROLE_ID,
    }),
  ]);

  // Again: nothing to do, nothing written.
  const writes = graph.writes.length;
  expect((await run('privilegedRoleAdministrator', ['grant', '--app-id', APP_ID])).code).toBe(0);
  expect(graph.writes).toHaveLength(writes);
});

test('an existing tenant-wide grant with other scopes gains the scope instead of being replaced', async () => {
  graph.grants.splice(0, graph.grants.length, {
    id: randomUUID(),
    clientId: graph.appServicePrincipalId,
    consentType: 'AllPrincipals',
    resourceId: graph.graphServicePrincipalId,
    scope: 'openid profile',
  });
  expect((await run('cloudApplicationAdministrator', ['grant', '--app-id', APP_ID])).lines[0]).toBe(
    `✓ admin consent: delegated ${DELEGATED}: granted for all users`,
  );
  expect(graph.grants.map((g) => g.scope)).toEqual([`openid profile ${DELEGATED_SCOPES.join(' ')}`]);
  // A grant that already holds some of them gains only the rest.
  graph.grants[0]!.scope = `openid ${DELEGATED_SCOPES[1]}`;
  await run('cloudApplicationAdministrator', ['grant', '--app-id', APP_ID]);
  expect(graph.grants[0]!.scope.split(' ').sort()).toEqual(['openid', ...DELEGATED_SCOPES].sort());
});

test('--env reads the ids the toolkit wrote to env/.env.<env>; without an app id it says what to pass', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'entra-access-'));
  mkdirSync(path.join(root, 'env'));
  writeFileSync(
    path.join(root, 'env', '.env.dev'),
    `# written by atk provision\nAAD_APP_CLIENT_ID=${APP_ID}\nAAD_APP_TENANT_ID="${TENANT}"\nAZURE_IDENTITY_PRINCIPAL_ID=${IDENTITY.principalId}\n`,
  );
  expect(await run('owner', ['federate', '--env', 'dev'], root)).toEqual({
    code: 0,
    lines: [expect.stringMatching(/^✓ federated credential: already in place/)],
  });
  expect((await run('privilegedRoleAdministrator', ['grant', '--env', 'dev'], root)).code).toBe(0);
  expect(await run('owner', ['grant'])).toEqual({ code: 2, lines: [expect.stringMatching(/--app-id/)] });
});
