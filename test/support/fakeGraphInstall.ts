// Stand-in for Microsoft Entra ID's token endpoint and Microsoft Graph's per-user app installation
// (both outside our system), speaking their wire formats over real HTTP:
//   POST /{tenant}/oauth2/v2.0/token  (grant_type=client_credentials, client_id, scope, and client_secret or
//        client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer + client_assertion,
//        checked against the app's federated identity credentials with the fake Entra's signing keys)
//   GET  /v1.0/users/{userId}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq '…'
//   GET  /{tenant}/v2.0/.well-known/openid-configuration  (what MSAL reads before asking for a token)
//   POST /v1.0/users/{userId}/teamwork/installedApps  { "teamsApp@odata.bind": ".../v1.0/appCatalogs/teamsApps/{id}" }
//        → 201 (no body), 409 Conflict when already installed, 403 Forbidden without the application
//          application permission (least privileged: TeamsAppInstallation.ReadWriteSelfForUser.All),
//          403 "not allowed to manage the Teams App" when the caller is not the app's webApplicationInfo.id
//          (the "Self" permissions' rule), 401 without a valid token.
// MSAL accepts only https authorities; `credentialFor` gives the app a real @azure/identity
// ClientSecretCredential whose requests to https://login.microsoftonline.com are carried to this
// server over plain HTTP (an HttpClient of the Azure SDK's own pipeline), so the whole client
// credentials flow runs as in production.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import type { GraphCredentialFor } from '../../bot/src/teams/proactiveInstall';
import type { FakeEntra, FederatedIdentityCredential } from './fakeEntra';

/** The least privileged application permission that lets the app install itself for a user. */
export const INSTALL_PERMISSION = 'TeamsAppInstallation.ReadWriteSelfForUser.All';
/** Every application permission Graph accepts for POST /users/{id}/teamwork/installedApps. */
const INSTALL_PERMISSIONS = [
  INSTALL_PERMISSION,
  'TeamsAppInstallation.ManageSelectedForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
  'TeamsAppInstallation.ReadWriteSelectedForUser.All',
];
const AUTHORITY = 'https://login.microsoftonline.com';

export interface FakeGraphInstallOptions {
  clientId: string;
  /** The app's client secret, if it has one. */
  clientSecret?: string;
  /** The app's federated identity credentials, checked with this Entra's signing keys. */
  federated?: { entra: FakeEntra; credentials: FederatedIdentityCredential[] };
  /** The app's id in the tenant's app catalog. */
  teamsAppCatalogId: string;
  /** The Teams manifest id (the catalogue app's externalId). */
  teamsAppExternalId?: string;
  /** webApplicationInfo.id of the Teams app: who the "Self" permissions let manage it; default clientId. */
  webApplicationInfoId?: string;
  /** Application permissions granted (with admin consent) to the client; default: the install permission. */
  roles?: string[];
}

/** A canned Graph answer for one person's install (throttling, the app blocked for them, …). */
export interface CannedAnswer {
  status: number;
  code: string;
  message: string;
  retryAfter?: string;
}

export interface TokenRequest {
  tenantId: string;
  grantType: string | null;
  clientId: string | null;
  scope: string | null;
  clientAuthentication: 'secret' | 'assertion' | 'none';
}

export interface FakeGraphInstall {
  url: string;
  /** Users (tenant/user) the app is installed for. */
  installed: Set<string>;
  tokenRequests: TokenRequest[];
  /** Every POST to installedApps with the status answered. */
  installRequests: { tenantId: string; userId: string; status: number }[];
  /**
   * Called on an install, before Graph answers: Teams' installationUpdate to the bot at the earliest it
   * can arrive. Leave unset to deliver the event later, as a test chooses.
   */
  onInstalled?: (tenantId: string, userId: string) => void | Promise<void>;
  /** Answers an install for this person instead of Graph's normal behaviour (after the token and role checks). */
  answerFor?: (userId: string) => CannedAnswer | undefined;
  roles: string[];
  /** How the catalogue app shows in someone's installation: from the organisation's catalogue, or uploaded. */
  distributionMethod: 'organization' | 'sideloaded';
  /** The Azure SDK HTTP client that carries https://login.microsoftonline.com to this server. */
  httpClient: HttpClient;
  /** Credentials for the app, as @azure/identity builds them, reaching this server. */
  credentialFor(clientId: string, clientSecret: string): GraphCredentialFor;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => resolve(raw));
  });

const json = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) return res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
};

const graphError = (res: ServerResponse, status: number, code: string, message: string) =>
  json(res, status, {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() },
    },
  });

/** Entra's OpenID configuration for a tenant, as MSAL reads it before asking for a token. */
export function entraOpenIdConfiguration(tid: string) {
  return {
    token_endpoint: `${AUTHORITY}/${tid}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${AUTHORITY}/${tid}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${AUTHORITY}/${tid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${AUTHORITY}/${tid}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${AUTHORITY}/${tid}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${AUTHORITY}/${tid}/oauth2/v2.0/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'oid', 'tid', 'ver', 'roles'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

export async function startFakeGraphInstall(options: FakeGraphInstallOptions): Promise<FakeGraphInstall> {
  let url = '';
  /** access token → who it was issued to. */
  const tokens = new Map<string, { tenantId: string; appId: string; roles: string[] }>();
  const webApplicationInfoId = options.webApplicationInfoId ?? options.clientId;

  // The Azure SDK's HTTP client, with Entra's https origin carried to this server.
  const inner = createDefaultHttpClient();
  const httpClient: HttpClient = {
    sendRequest(request) {
      if (request.url.startsWith(AUTHORITY)) {
        request.url = url + request.url.slice(AUTHORITY.length);
        request.allowInsecureConnection = true;
      }
      return inner.sendRequest(request);
    },
  };

  const state: FakeGraphInstall = {
    url: '',
    installed: new Set(),
    tokenRequests: [],
    installRequests: [],
    roles: options.roles ?? [INSTALL_PERMISSION],
    distributionMethod: 'organization',
    httpClient,
    credentialFor(clientId, clientSecret) {
      const credentials = new Map<string, ClientSecretCredential>();
      return (tenantId) => {
        let c = credentials.get(tenantId);
        if (!c) {
          c = new ClientSecretCredential(tenantId, clientId, clientSecret, {
            authorityHost: AUTHORITY,
            disableInstanceDiscovery: true,
            httpClient,
          });
          credentials.set(tenantId, c);
        }
        return c;
      };
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  /** Entra's client authentication: the secret, or a client assertion matching a federated credential. */
  async function clientAuthenticationError(form: URLSearchParams): Promise<string | undefined> {
    if (form.get('client_id') !== options.clientId) return 'AADSTS700016: Application not found in the directory.';
    const assertion = form.get('client_assertion');
    if (assertion !== null) {
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return 'AADSTS50027: Invalid client_assertion_type.';
      if (!options.federated)
        return 'AADSTS700213: No matching federated identity record found for presented assertion.';
      return options.federated.entra.federatedAssertionError(assertion, options.federated.credentials);
    }
    return options.clientSecret !== undefined && form.get('client_secret') === options.clientSecret
      ? undefined
      : 'AADSTS7000215: Invalid client secret provided.';
  }

  const server: Server = createServer(async (req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'http://fake');
    const path = requestUrl.pathname;
    const body = await readBody(req);

    const openid = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (req.method === 'GET' && openid) {
      const tid = openid[1]!;
      return json(res, 200, entraOpenIdConfiguration(tid));
    }

    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && token) {
      const form = new URLSearchParams(body);
      const request: TokenRequest = {
        tenantId: token[1]!,
        grantType: form.get('grant_type'),
        clientId: form.get('client_id'),
        scope: form.get('scope'),
        clientAuthentication: form.has('client_assertion')
          ? 'assertion'
          : form.has('client_secret')
            ? 'secret'
            : 'none',
      };
      state.tokenRequests.push(request);
      if (request.grantType !== 'client_credentials')
        return json(res, 400, {
          error: 'unsupported_grant_type',
          error_description: 'AADSTS70003: The app requested an unsupported grant type.',
        });
      const refused = await clientAuthenticationError(form);
      if (refused) return json(res, 401, { error: 'invalid_client', error_description: refused });
      if (!request.scope?.endsWith('/.default'))
        return json(res, 400, {
          error: 'invalid_scope',
          error_description:
            'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
        });
      const accessToken = `fake-graph-${randomUUID()}`;
      tokens.set(accessToken, { tenantId: request.tenantId, appId: options.clientId, roles: [...state.roles] });
      return json(res, 200, {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
      });
    }

    const install = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path);
    if (install) {
      const userId = decodeURIComponent(install[1]!);
      const issued = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      const record = (status: number) =>
        state.installRequests.push({ tenantId: issued?.tenantId ?? '', userId, status });
      if (!issued) {
        if (req.method === 'POST') record(401);
        return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
      }
      if (!issued.roles.some((r) => INSTALL_PERMISSIONS.includes(r))) {
        if (req.method === 'POST') record(403);
        return graphError(
          res,
          403,
          'Forbidden',
          `Missing role permissions on the request. API requires one of '${INSTALL_PERMISSIONS.join(', ')}'. Roles on the request '${issued.roles.join(',')}'.`,
        );
      }
      const key = `${issued.tenantId}/${userId}`;
      const self = issued.appId === webApplicationInfoId;
      if (req.method === 'GET') {
        // "Self" permissions see only the app whose webApplicationInfo.id is the caller: otherwise an empty list.
        const externalId = /teamsApp\/externalId eq '([^']*)'/.exec(requestUrl.searchParams.get('$filter') ?? '')?.[1];
        const visible = self && state.installed.has(key) && externalId === options.teamsAppExternalId;
        return json(res, 200, {
          '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${userId}')/teamwork/installedApps(teamsApp())`,
          value: visible
            ? [
                {
                  id: randomUUID(),
                  teamsApp: {
                    id: options.teamsAppCatalogId,
                    externalId,
                    displayName: 'Reverse Mentoring',
                    distributionMethod: state.distributionMethod,
                  },
                },
              ]
            : [],
        });
      }
      if (req.method !== 'POST') return graphError(res, 405, 'MethodNotAllowed', 'Method not allowed.');
      if (!self) {
        record(403);
        return graphError(
          res,
          403,
          'Forbidden',
          `AAD App Id '${issued.appId}' is not allowed to manage the Teams App '${options.teamsAppCatalogId}'.`,
        );
      }
      let bind: unknown;
      try {
        bind = (JSON.parse(body) as Record<string, unknown>)['teamsApp@odata.bind'];
      } catch {
        record(400);
        return graphError(res, 400, 'BadRequest', 'Unable to read JSON request payload.');
      }
      const appId = typeof bind === 'string' ? /\/v1\.0\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
      if (!appId) {
        record(400);
        return graphError(res, 400, 'BadRequest', 'Invalid bind property name teamsApp in request.');
      }
      if (decodeURIComponent(appId) !== options.teamsAppCatalogId) {
        record(404);
        return graphError(res, 404, 'NotFound', 'Teams app not found in the app catalog.');
      }
      const canned = state.answerFor?.(userId);
      if (canned) {
        record(canned.status);
        if (canned.retryAfter) res.setHeader('retry-after', canned.retryAfter);
        return graphError(res, canned.status, canned.code, canned.message);
      }
      if (state.installed.has(key)) {
        record(409);
        return graphError(res, 409, 'Conflict', 'App is already installed.');
      }
      state.installed.add(key);
      record(201);
      await state.onInstalled?.(issued.tenantId, userId);
      return json(res, 201);
    }
    graphError(res, 404, 'NotFound', `Resource not found for the segment '${path}'.`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = url;
  return state;
}
