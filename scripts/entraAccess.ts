// Microsoft Entra set-up that a Bicep deployment cannot do, through Microsoft Graph as the signed-in
// Azure CLI user. Idempotent: every step reads first and changes only what is missing.
//
//   federate  the Entra app trusts the App Service's managed identity (federated identity credential):
//             the server signs in as the app with the identity's token, no secret. Run by `atk provision`.
//             Role: the app's owner (whoever ran provision), Application Developer, or (Cloud) Application Administrator.
//   grant     admin consent for what the server asks of Microsoft Graph (bot/src/graph/permissions.ts says why):
//             - the delegated permissions, for everyone (people search, calendars, the meeting panel)
//               Role: Cloud Application Administrator or Application Administrator (or the two below)
//             - the application permissions (install only itself for people, activity feed notices)
//               Role: Privileged Role Administrator or Global Administrator
//
//   npm run entra:grant -- --env dev        (reads AAD_APP_CLIENT_ID from env/.env.dev)
//   node --import tsx scripts/entraAccess.ts federate --app-id <id> --tenant-id <tid> --identity-principal-id <oid>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AzureCliCredential } from '@azure/identity';
import { APPLICATION_PERMISSIONS, DELEGATED_PERMISSIONS } from '../bot/src/graph/permissions';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const DELEGATED_SCOPES: readonly string[] = DELEGATED_PERMISSIONS;
export const APPLICATION_ROLES: readonly string[] = APPLICATION_PERMISSIONS;
export const FEDERATED_CREDENTIAL_NAME = 'app-service-managed-identity';

const ROLE_FOR = {
  federate:
    'the app registration’s owner (whoever ran `atk provision`), Application Developer, or Cloud Application Administrator',
  consent: 'Cloud Application Administrator or Application Administrator (or Privileged Role Administrator)',
  appRole:
    'Privileged Role Administrator or Global Administrator (Cloud Application Administrators cannot grant Microsoft Graph application permissions)',
};

export interface GraphSession {
  /** e.g. https://graph.microsoft.com */
  graphBaseUrl: string;
  /** e.g. https://login.microsoftonline.com (the federated credential's issuer is <authority>/<tenant>/v2.0) */
  authorityHost: string;
  token: () => Promise<string>;
  log: (line: string) => void;
}

export interface StepResult {
  step: string;
  outcome: 'done' | 'already' | 'refused';
  detail: string;
}

class GraphRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function graph<T>(session: GraphSession, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${session.graphBaseUrl}/v1.0/${route}`, {
    method,
    headers: {
      authorization: `Bearer ${await session.token()}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) {
    const message = (() => {
      try {
        return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        return text;
      }
    })();
    throw new GraphRefusal(res.status, `${method} ${route}: ${res.status} ${message}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

const odata = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function step(name: string, role: string, work: () => Promise<Omit<StepResult, 'step'>>): Promise<StepResult> {
  try {
    return { step: name, ...(await work()) };
  } catch (error) {
    if (error instanceof GraphRefusal && (error.status === 401 || error.status === 403))
      return {
        step: name,
        outcome: 'refused',
        detail: `Microsoft Graph refused (${error.status}). This step needs ${role}. ${error.message}`,
      };
    throw error;
  }
}

/** The Entra app trusts the managed identity: issuer = the tenant's v2.0 authority, subject = the identity's principal id. */
export function federate(
  session: GraphSession,
  appId: string,
  tenantId: string,
  identityPrincipalId: string,
): Promise<StepResult> {
  return step('federated credential', ROLE_FOR.federate, async () => {
    const credential = {
      name: FEDERATED_CREDENTIAL_NAME,
      issuer: `${session.authorityHost}/${tenantId}/v2.0`,
      subject: identityPrincipalId,
      audiences: ['api://AzureADTokenExchange'],
      description:
        'The Reverse Mentoring App Service signs in as this app with its user-assigned managed identity (no secret).',
    };
    const route = `applications(appId=${odata(appId)})/federatedIdentityCredentials`;
    const existing = await graph<{ value: { name: string; issuer: string; subject: string; audiences: string[] }[] }>(
      session,
      'GET',
      route,
    );
    const current = existing.value.find((c) => c.name === credential.name);
    if (
      current &&
      current.issuer === credential.issuer &&
      current.subject === credential.subject &&
      current.audiences.join() === credential.audiences.join()
    )
      return { outcome: 'already', detail: `trusts ${identityPrincipalId}` };
    // Upsert by name: creates it, or points it at this deployment's identity.
    await graph(session, 'PATCH', `${route}(name=${odata(credential.name)})`, credential);
    return { outcome: 'done', detail: `trusts ${identityPrincipalId} (issuer ${credential.issuer})` };
  });
}

/** Tenant-wide consent for the delegated scopes, and each application permission, for the app's service principal. */
export async function grant(session: GraphSession, appId: string): Promise<StepResult[]> {
  const graphSp = await graph<{ id: string; appRoles: { id: string; value: string }[] }>(
    session,
    'GET',
    `servicePrincipals(appId=${odata(GRAPH_APP_ID)})?$select=id,appRoles`,
  );
  const appSp = await graph<{ id: string }>(session, 'GET', `servicePrincipals(appId=${odata(appId)})?$select=id`);
  const roles = APPLICATION_ROLES.map((value) => {
    const role = graphSp.appRoles.find((r) => r.value === value);
    if (!role) throw new Error(`Microsoft Graph has no app role ${value}`);
    return role;
  });

  const consent = await step(`admin consent: delegated ${DELEGATED_SCOPES.join(', ')}`, ROLE_FOR.consent, async () => {
    const filter = `clientId eq ${odata(appSp.id)} and resourceId eq ${odata(graphSp.id)} and consentType eq 'AllPrincipals'`;
    const grants = await graph<{ value: { id: string; scope: string }[] }>(
      session,
      'GET',
      `oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`,
    );
    const existing = grants.value[0];
    const granted = existing?.scope.split(' ').filter(Boolean) ?? [];
    const missing = DELEGATED_SCOPES.filter((s) => !granted.includes(s));
    if (missing.length === 0) return { outcome: 'already', detail: 'granted for all users' };
    // Adds what is missing to a grant that may hold other scopes; never takes any away.
    if (existing)
      await graph(session, 'PATCH', `oauth2PermissionGrants/${existing.id}`, {
        scope: [...granted, ...missing].join(' '),
      });
    else
      await graph(session, 'POST', 'oauth2PermissionGrants', {
        clientId: appSp.id,
        consentType: 'AllPrincipals',
        resourceId: graphSp.id,
        scope: missing.join(' '),
      });
    return { outcome: 'done', detail: 'granted for all users' };
  });

  const appRoles: StepResult[] = [];
  for (const role of roles) {
    appRoles.push(
      await step(`admin consent: application ${role.value}`, ROLE_FOR.appRole, async () => {
        const assigned = (
          await graph<{ value: { appRoleId: string; resourceId: string }[] }>(
            session,
            'GET',
            `servicePrincipals/${appSp.id}/appRoleAssignments`,
          )
        ).value;
        if (assigned.some((a) => a.appRoleId === role.id && a.resourceId === graphSp.id))
          return { outcome: 'already', detail: 'assigned' };
        await graph(session, 'POST', `servicePrincipals/${appSp.id}/appRoleAssignments`, {
          principalId: appSp.id,
          resourceId: graphSp.id,
          appRoleId: role.id,
        });
        return { outcome: 'done', detail: 'assigned' };
      }),
    );
  }
  return [consent, ...appRoles];
}

/** KEY=VALUE lines of env/.env.<env> (# comments, optional quotes), as the toolkit writes them. */
export function readEnvironmentFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) values[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const print = (session: GraphSession, r: StepResult) =>
  session.log(
    `${r.outcome === 'refused' ? '✗' : '✓'} ${r.step}: ${r.outcome === 'already' ? `already in place (${r.detail})` : r.detail}`,
  );

/** Runs a command line; the exit code is 0 only when every step is in place. */
export async function main(args: string[], session: GraphSession, root = process.cwd()): Promise<number> {
  const [command] = args;
  const env = argument(args, 'env');
  const fromFile = env ? readEnvironmentFile(path.join(root, 'env', `.env.${env}`)) : {};
  const appId = argument(args, 'app-id') ?? fromFile.AAD_APP_CLIENT_ID;
  if (!appId) {
    session.log('No app id: pass --app-id <AAD_APP_CLIENT_ID> or --env <environment> after `atk provision`.');
    return 2;
  }
  let results: StepResult[];
  if (command === 'federate') {
    const tenantId = argument(args, 'tenant-id') ?? fromFile.AAD_APP_TENANT_ID;
    const principalId = argument(args, 'identity-principal-id') ?? fromFile.AZURE_IDENTITY_PRINCIPAL_ID;
    if (!tenantId || !principalId) {
      session.log('federate needs --tenant-id and --identity-principal-id (or --env after `atk provision`).');
      return 2;
    }
    results = [await federate(session, appId, tenantId, principalId)];
  } else if (command === 'grant') {
    results = await grant(session, appId);
  } else {
    session.log(
      'Usage: entraAccess.ts federate|grant (--env <environment> | --app-id <id> [--tenant-id <id> --identity-principal-id <id>])',
    );
    return 2;
  }
  for (const r of results) print(session, r);
  return results.some((r) => r.outcome === 'refused') ? 1 : 0;
}

if (require.main === module) {
  const credential = new AzureCliCredential();
  const session: GraphSession = {
    graphBaseUrl: 'https://graph.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    token: async () => (await credential.getToken('https://graph.microsoft.com/.default')).token,
    log: (line) => console.log(line),
  };
  main(process.argv.slice(2), session).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `✗ ${(error as Error).message}\n  Sign in with the Azure CLI first (az login) in the app's tenant.`,
      );
      process.exit(1);
    },
  );
}
