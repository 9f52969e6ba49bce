// aad.manifest.json (Microsoft Graph application format, applied by aadApp/update): the
// access_as_user scope the server checks, pre-authorised for the Teams, Microsoft 365 and Outlook
// clients, the ProgramAdmin app role the server checks, and no secrets.
import { parse } from 'yaml';
import { PROGRAM_ADMIN_ROLE } from '../../bot/src/domain/model';
import { GRAPH_PERMISSIONS } from '../../bot/src/graph/permissions';
import { read } from './infraText';

interface Scope {
  id: string;
  value: string;
  type: string;
  isEnabled: boolean;
  adminConsentDisplayName: string;
  adminConsentDescription: string;
}
interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: string[];
  isEnabled: boolean;
}
interface Manifest {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: Scope[];
    preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }>;
  };
  appRoles: AppRole[];
  [key: string]: unknown;
}

const manifest = JSON.parse(read('aad.manifest.json')) as Manifest;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Client ids Microsoft lists for Teams tab single sign-on ("Configure your tab app in Microsoft
 * Entra ID", learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-register-aad).
 */
const MICROSOFT_CLIENTS = {
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Teams desktop and mobile',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Teams web',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'Microsoft 365 web',
  '0ec893e0-5785-4de6-99da-4ed124e5296c': 'Microsoft 365 desktop',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft 365 mobile and Outlook desktop',
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3': 'Outlook web',
  '27922004-5251-4030-b22d-91ecd9a37ea4': 'Outlook mobile',
};

test('is the app created by aadApp/create: same name and audience, ids from the environment', () => {
  const project = parse(read('m365agents.yml')) as {
    provision: Array<{ uses: string; with?: Record<string, unknown> }>;
  };
  const create = project.provision.find((a) => a.uses === 'aadApp/create');
  expect(manifest.id).toBe('${{AAD_APP_OBJECT_ID}}');
  expect(manifest.appId).toBe('${{AAD_APP_CLIENT_ID}}');
  // aadApp/update renames the app to the manifest's name: keep them equal.
  expect(manifest.displayName).toBe(create?.with?.name);
  expect(manifest.signInAudience).toBe(create?.with?.signInAudience);
  expect(manifest.signInAudience).toBe('AzureADMyOrg');
});

test('Application ID URI api://<TAB_DOMAIN>/<client id>, v2 tokens', () => {
  expect(manifest.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
  expect(manifest.api.requestedAccessTokenVersion).toBe(2);
});

test('exposes access_as_user, pre-authorised for every Teams, Microsoft 365 and Outlook client', () => {
  const scopes = manifest.api.oauth2PermissionScopes;
  expect(scopes).toHaveLength(1);
  const [scope] = scopes;
  expect(scope).toEqual(
    expect.objectContaining({
      value: 'access_as_user',
      type: 'User',
      isEnabled: true,
      id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}',
    }),
  );
  expect(scope!.adminConsentDisplayName).not.toBe('');
  expect(scope!.adminConsentDescription).not.toBe('');
  const preAuthorized = manifest.api.preAuthorizedApplications;
  expect(preAuthorized.map((p) => p.appId).sort()).toEqual(Object.keys(MICROSOFT_CLIENTS).sort());
  for (const p of preAuthorized) expect(p.delegatedPermissionIds).toEqual([scope!.id]);
});

test('declares the ProgramAdmin app role the server checks, for users, with a fixed id', () => {
  expect(manifest.appRoles).toHaveLength(1);
  const [role] = manifest.appRoles;
  expect(role!.value).toBe(PROGRAM_ADMIN_ROLE);
  expect(role!.allowedMemberTypes).toEqual(['User']);
  expect(role!.isEnabled).toBe(true);
  // A literal id, the same in every environment: assignments refer to it.
  expect(role!.id).toMatch(GUID);
  expect(role!.displayName).not.toBe('');
  expect(role!.description).not.toBe('');
});

test('holds no credentials and asks only for the Graph permissions the server uses, each the least privileged', () => {
  expect(manifest).not.toHaveProperty('passwordCredentials');
  expect(manifest).not.toHaveProperty('keyCredentials');
  // Exactly bot/src/graph/permissions.ts: delegated ones (Scope) act for the signed-in member through on-behalf-of,
  // application ones (Role) as the app; the "Self" permissions reach only the Teams app whose webApplicationInfo.id is this app.
  expect(manifest.requiredResourceAccess).toEqual([
    {
      resourceAppId: 'Microsoft Graph',
      resourceAccess: GRAPH_PERMISSIONS.map((p) => ({ id: p.value, type: p.type === 'delegated' ? 'Scope' : 'Role' })),
    },
  ]);
  expect(GRAPH_PERMISSIONS.map((p) => p.value)).toEqual([
    'User.ReadBasic.All',
    'Calendars.ReadWrite',
    'OnlineMeetings.Read',
    'TeamsAppInstallation.ReadWriteAndConsentSelfForChat',
    'TeamsTab.Create',
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
    'TeamsActivity.Send',
  ]);
  const teams = JSON.parse(read('appPackage/manifest.json')) as { webApplicationInfo: { id: string } };
  expect(teams.webApplicationInfo.id).toBe(manifest.appId);
  expect(manifest.web).toEqual(
    expect.objectContaining({
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    }),
  );
});
