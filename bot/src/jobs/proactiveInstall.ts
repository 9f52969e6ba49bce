// Proactive installation through Microsoft Graph for people the bot cannot reach yet:
// POST /users/{id}/teamwork/installedApps with the app's catalog id (least privileged application
// permission TeamsAppInstallation.ReadWriteSelfForUser.All: the app installs only itself; client
// credentials in the person's tenant). Teams then sends the bot an installationUpdate, which stores the
// conversation reference the next send uses.
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';

/** A credential for Microsoft Graph in one tenant (client credentials of the bot's app registration). */
export type GraphCredentialFor = (tenantId: string) => TokenCredential;

export interface ProactiveInstallConfig {
  /** The app's id in the organisation's app catalog (teamsApp id), not the manifest id. */
  teamsAppCatalogId: string;
  clientId: string;
  clientSecret: string;
  graphBaseUrl: string;
  authorityHost: string;
}

/** One ClientSecretCredential per tenant (each caches its own tokens). */
export function clientSecretCredentials(config: Pick<ProactiveInstallConfig, 'clientId' | 'clientSecret' | 'authorityHost'>): GraphCredentialFor {
  const credentials = new Map<string, ClientSecretCredential>();
  return (tenantId) => {
    let c = credentials.get(tenantId);
    if (!c) {
      c = new ClientSecretCredential(tenantId, config.clientId, config.clientSecret, { authorityHost: config.authorityHost });
      credentials.set(tenantId, c);
    }
    return c;
  };
}

export function createProactiveInstaller(
  config: Pick<ProactiveInstallConfig, 'teamsAppCatalogId' | 'graphBaseUrl'>,
  credentialFor: GraphCredentialFor,
  log: Logger,
) {
  const scope = `${new URL(config.graphBaseUrl).origin}/.default`;

  return async function installForUser(tenantId: string, userId: string): Promise<'requested' | 'forbidden' | 'failed'> {
    try {
      const token = await credentialFor(tenantId).getToken(scope);
      if (!token) throw new Error('no token for Microsoft Graph');
      const response = await fetch(`${config.graphBaseUrl}/v1.0/users/${encodeURIComponent(userId)}/teamwork/installedApps`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ 'teamsApp@odata.bind': `${config.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(config.teamsAppCatalogId)}` }),
        signal: AbortSignal.timeout(15_000),
      });
      // 201: installed now; 409: already installed (Teams sends no new install event, the next activity records it).
      if (response.status === 201 || response.status === 409) return 'requested';
      log.warn({ status: response.status, userId }, 'proactive install refused by Microsoft Graph');
      // 403: the app registration lacks the permission (or admin consent), or the app is blocked for the person.
      return response.status === 403 ? 'forbidden' : 'failed';
    } catch (error) {
      log.warn({ err: error, userId }, 'proactive install failed');
      return 'failed';
    }
  };
}
