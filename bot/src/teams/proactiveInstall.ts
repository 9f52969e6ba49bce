// Proactive installation through Microsoft Graph for people the bot cannot reach yet:
// POST /users/{id}/teamwork/installedApps with the app's catalogue id. The least privileged application
// permission, TeamsAppInstallation.ReadWriteSelfForUser.All, lets an app install only itself: Graph
// matches the caller with the Teams app's webApplicationInfo.id, so the token is the Entra app's
// (AAD_APP_CLIENT_ID), obtained with its federated credential from the managed identity. Teams then sends
// the bot an installationUpdate, which stores the conversation reference the next send uses.
import type { Logger } from 'pino';
import type { ProactiveInstallConfig } from '../config';
import type { InstallOutcome, InstallReason, TeamsAppInstaller } from '../domain/appRollout';
import type { GraphCredentialFor } from '../graph/appCredential';

export type { GraphCredentialFor } from '../graph/appCredential';

interface GraphError {
  error?: { code?: string; message?: string };
}

type Refused = Extract<InstallOutcome, { reason: InstallReason }>;

const TIMEOUT_MS = 15_000;
const FORBIDDEN = new Set<InstallReason>(['InstallNotPermitted', 'InstallerIsNotTheApp', 'AppNotAvailableToUser']);

/** 403 from Graph: which fix applies, read from its message. */
function forbiddenReason(message: string): InstallReason {
  if (/missing role permissions|insufficient privileges|requires one of/i.test(message)) return 'InstallNotPermitted';
  // "AAD App Id '…' is not allowed to manage the Teams App": the token is not the manifest's webApplicationInfo app.
  if (/not allowed to manage/i.test(message)) return 'InstallerIsNotTheApp';
  return 'AppNotAvailableToUser';
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function createTeamsAppInstaller(
  config: Pick<ProactiveInstallConfig, 'teamsAppCatalogId' | 'teamsAppId' | 'graphBaseUrl'>,
  credentialFor: GraphCredentialFor,
  log: Logger,
): TeamsAppInstaller {
  const scope = `${new URL(config.graphBaseUrl).origin}/.default`;
  const known = new Map<string, string>();

  async function graph(tenantId: string, path: string, init: RequestInit = {}): Promise<Response | Refused> {
    let token: string;
    try {
      const issued = await credentialFor(tenantId).getToken(scope);
      if (!issued) throw new Error('no token for Microsoft Graph');
      token = issued.token;
    } catch (error) {
      log.warn({ err: error }, 'signing in to Microsoft Graph as the app failed');
      return { kind: 'failed', reason: 'SignInFailed' };
    }
    try {
      return await fetch(`${config.graphBaseUrl}/v1.0/${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      log.warn({ err: error }, 'Microsoft Graph unreachable');
      return { kind: 'retry', reason: 'GraphUnavailable' };
    }
  }

  async function refusal(response: Response): Promise<Refused> {
    const body = (await response.json().catch(() => ({}))) as GraphError;
    const message = body.error?.message ?? '';
    if (response.status === 429 || response.status >= 500) {
      const wait = retryAfterMs(response.headers.get('retry-after'));
      return {
        kind: 'retry',
        reason: response.status === 429 ? 'GraphThrottled' : 'GraphUnavailable',
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      };
    }
    if (response.status === 401) return { kind: 'failed', reason: 'SignInFailed' };
    if (response.status === 403) return { kind: 'failed', reason: forbiddenReason(message) };
    if (response.status === 404 && /app/i.test(message)) return { kind: 'failed', reason: 'AppNotInCatalog' };
    if (response.status === 404) return { kind: 'failed', reason: 'UserNotFound' };
    log.warn({ status: response.status, code: body.error?.code }, 'proactive install refused by Microsoft Graph');
    return { kind: 'failed', reason: 'GraphRefused' };
  }

  return {
    async install(tenantId, userId, catalogId) {
      const answer = await graph(tenantId, `users/${encodeURIComponent(userId)}/teamwork/installedApps`, {
        method: 'POST',
        body: JSON.stringify({
          'teamsApp@odata.bind': `${config.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`,
        }),
      });
      if (!(answer instanceof Response)) return answer;
      // 201: installed now; 409: already installed (Teams sends no new install event, the next activity records it).
      if (answer.status === 201) return { kind: 'installed' };
      if (answer.status === 409) return { kind: 'alreadyInstalled' };
      return refusal(answer);
    },

    async catalogId(tenantId, holderUserId) {
      if (config.teamsAppCatalogId) return { catalogId: config.teamsAppCatalogId };
      const cached = known.get(tenantId);
      if (cached) return { catalogId: cached };
      if (!config.teamsAppId || !holderUserId) return { reason: 'CatalogIdUnknown' };
      const filter = `teamsApp/externalId eq '${config.teamsAppId.replace(/'/g, "''")}'`;
      const answer = await graph(
        tenantId,
        `users/${encodeURIComponent(holderUserId)}/teamwork/installedApps?${new URLSearchParams({ $expand: 'teamsApp', $filter: filter })}`,
      );
      if (!(answer instanceof Response)) return { reason: answer.reason };
      if (!answer.ok) {
        return { reason: (await refusal(answer)).reason };
      }
      const body = (await answer.json().catch(() => ({}))) as {
        value?: { teamsApp?: { id?: string; distributionMethod?: string } }[];
      };
      const app = body.value?.[0]?.teamsApp;
      if (!app?.id) return { reason: 'CatalogIdUnknown' };
      // An app uploaded for one person (sideloaded) cannot be installed for others: only the organisation's catalogue can.
      if (app.distributionMethod && app.distributionMethod !== 'organization') return { reason: 'AppNotInCatalog' };
      known.set(tenantId, app.id);
      return { catalogId: app.id };
    },
  };
}

/** The reminder run's view: install for one person, finding the catalogue id through someone who has the app. */
export function reminderInstaller(
  installer: TeamsAppInstaller,
  someoneWithTheApp: (tenantId: string) => Promise<string | undefined>,
) {
  return async function installForUser(
    tenantId: string,
    userId: string,
  ): Promise<'requested' | 'forbidden' | 'failed'> {
    const lookup = await installer.catalogId(tenantId, await someoneWithTheApp(tenantId));
    if ('reason' in lookup) return 'failed';
    const outcome = await installer.install(tenantId, userId, lookup.catalogId);
    if (outcome.kind === 'installed' || outcome.kind === 'alreadyInstalled') return 'requested';
    return outcome.kind === 'failed' && FORBIDDEN.has(outcome.reason) ? 'forbidden' : 'failed';
  };
}
