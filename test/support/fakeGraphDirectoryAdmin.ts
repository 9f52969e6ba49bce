// Stand-in for the Microsoft Graph directory endpoints that provisioning and the admin's grant use (outside
// our system), in their wire format, with the directory roles that decide who may do what:
//   GET|PATCH /v1.0/applications(appId='…')/federatedIdentityCredentials[(name='…')]   (upsert by name)
//   GET  /v1.0/servicePrincipals(appId='…')?$select=…
//   GET|POST /v1.0/oauth2PermissionGrants[?$filter=clientId eq '…' and resourceId eq '…' and consentType eq 'AllPrincipals']
//   PATCH /v1.0/oauth2PermissionGrants/{id}
//   GET|POST /v1.0/servicePrincipals/{id}/appRoleAssignments
// Refusals are Graph's: 403 Authorization_RequestDenied "Insufficient privileges to complete the operation."
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the signed-in user may do: the app's owner, a Cloud Application Administrator, a Privileged Role Administrator. */
export type DirectoryRole = 'owner' | 'cloudApplicationAdministrator' | 'privilegedRoleAdministrator' | 'none';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const INSTALL_ROLE_ID = '9ce09611-f4f7-4abd-a629-a05450422a97';
export const ACTIVITY_ROLE_ID = 'a267235f-af13-44dc-8385-c1dc93023186';

export interface FakeGraphDirectoryAdmin {
  url: string;
  /** The bearer token the signed-in user's requests carry, per role. */
  tokenFor(role: DirectoryRole): string;
  federatedCredentials: { name: string; issuer: string; subject: string; audiences: string[]; description?: string }[];
  grants: { id: string; clientId: string; consentType: string; resourceId: string; scope: string }[];
  appRoleAssignments: { id: string; principalId: string; resourceId: string; appRoleId: string }[];
  /** Every write, in order. */
  writes: string[];
  appServicePrincipalId: string;
  graphServicePrincipalId: string;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => resolve(raw));
  });

const send = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) return res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const denied = (res: ServerResponse) =>
  send(res, 403, {
    error: {
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      innerError: { 'request-id': randomUUID() },
    },
  });

export async function startFakeGraphDirectoryAdmin(appId: string): Promise<FakeGraphDirectoryAdmin> {
  const tokens = new Map<string, DirectoryRole>(
    (['owner', 'cloudApplicationAdministrator', 'privilegedRoleAdministrator', 'none'] as const).map((r) => [
      `token-${r}-${randomUUID()}`,
      r,
    ]),
  );
  const state: FakeGraphDirectoryAdmin = {
    url: '',
    tokenFor: (role) => [...tokens].find(([, r]) => r === role)![0],
    federatedCredentials: [],
    grants: [],
    appRoleAssignments: [],
    writes: [],
    appServicePrincipalId: randomUUID(),
    graphServicePrincipalId: randomUUID(),
    stop: async () => undefined,
  };
  const graphSp = {
    id: state.graphServicePrincipalId,
    appId: GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    appRoles: [
      {
        id: 'df021288-bdef-4463-88db-98f22de89214',
        value: 'User.Read.All',
        allowedMemberTypes: ['Application'],
        isEnabled: true,
      },
      {
        id: INSTALL_ROLE_ID,
        value: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
        allowedMemberTypes: ['Application'],
        isEnabled: true,
      },
      { id: ACTIVITY_ROLE_ID, value: 'TeamsActivity.Send', allowedMemberTypes: ['Application'], isEnabled: true },
    ],
  };
  const may = {
    // Application owners and app administrators manage the app's credentials.
    federate: (r: DirectoryRole) => r !== 'none',
    // Delegated permissions: Cloud Application Administrator or above.
    consent: (r: DirectoryRole) => r === 'cloudApplicationAdministrator' || r === 'privilegedRoleAdministrator',
    // Microsoft Graph application permissions: Privileged Role Administrator (or Global Administrator) only.
    assignAppRole: (r: DirectoryRole) => r === 'privilegedRoleAdministrator',
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = decodeURIComponent(url.pathname).replace(/^\/v1\.0\//, '');
    const role = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!role)
      return send(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    const body = req.method === 'GET' ? {} : (JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>);
    const write = (what: string) => state.writes.push(`${role}: ${what}`);

    const fic = /^applications\(appId='([^']+)'\)\/federatedIdentityCredentials(?:\(name='([^']+)'\))?$/.exec(route);
    if (fic) {
      if (fic[1] !== appId)
        return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'Resource not found.' } });
      if (req.method === 'GET' && !fic[2]) return send(res, 200, { value: state.federatedCredentials });
      if (req.method === 'PATCH' && fic[2]) {
        if (!may.federate(role)) return denied(res);
        const credential = { ...(body as FakeGraphDirectoryAdmin['federatedCredentials'][number]), name: fic[2] };
        const i = state.federatedCredentials.findIndex((c) => c.name === fic[2]);
        if (i >= 0) state.federatedCredentials[i] = credential;
        else state.federatedCredentials.push(credential);
        write(`federatedIdentityCredential ${fic[2]}`);
        return send(res, i >= 0 ? 204 : 201, i >= 0 ? undefined : credential);
      }
    }
    const sp = /^servicePrincipals\(appId='([^']+)'\)$/.exec(route);
    if (req.method === 'GET' && sp) {
      if (sp[1] === GRAPH_APP_ID) return send(res, 200, graphSp);
      if (sp[1] === appId) return send(res, 200, { id: state.appServicePrincipalId, appId });
      return send(res, 404, {
        error: { code: 'Request_ResourceNotFound', message: `Resource '${sp[1]}' does not exist.` },
      });
    }
    if (route === 'oauth2PermissionGrants' && req.method === 'GET') {
      const filter = url.searchParams.get('$filter') ?? '';
      const value = (name: string) => new RegExp(`${name} eq '([^']*)'`).exec(filter)?.[1];
      return send(res, 200, {
        value: state.grants.filter(
          (g) =>
            g.clientId === value('clientId') &&
            g.resourceId === value('resourceId') &&
            g.consentType === value('consentType'),
        ),
      });
    }
    if (route === 'oauth2PermissionGrants' && req.method === 'POST') {
      if (!may.consent(role)) return denied(res);
      const grant = { id: randomUUID(), ...(body as Omit<FakeGraphDirectoryAdmin['grants'][number], 'id'>) };
      state.grants.push(grant);
      write(`oauth2PermissionGrant ${grant.scope}`);
      return send(res, 201, grant);
    }
    const patchGrant = /^oauth2PermissionGrants\/([^/]+)$/.exec(route);
    if (patchGrant && req.method === 'PATCH') {
      if (!may.consent(role)) return denied(res);
      const grant = state.grants.find((g) => g.id === patchGrant[1]);
      if (!grant)
        return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'Resource not found.' } });
      grant.scope = String(body.scope);
      write(`oauth2PermissionGrant ${grant.scope}`);
      return send(res, 204);
    }
    const assignments = /^servicePrincipals\/([^/]+)\/appRoleAssignments$/.exec(route);
    if (assignments) {
      if (req.method === 'GET')
        return send(res, 200, { value: state.appRoleAssignments.filter((a) => a.principalId === assignments[1]) });
      if (req.method === 'POST') {
        if (!may.assignAppRole(role)) return denied(res);
        const assignment = {
          id: randomUUID(),
          ...(body as Omit<FakeGraphDirectoryAdmin['appRoleAssignments'][number], 'id'>),
        };
        state.appRoleAssignments.push(assignment);
        write(`appRoleAssignment ${assignment.appRoleId}`);
        return send(res, 201, assignment);
      }
    }
    send(res, 404, { error: { code: 'BadRequest', message: `Unsupported ${req.method} ${route}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
