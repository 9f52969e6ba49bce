// Signing in to Microsoft Entra ID as the app registration, for Microsoft Graph. Preferred: a federated
// identity credential on the Entra app that trusts the App Service's user-assigned managed identity, so the
// client assertion is that identity's token for api://AzureADTokenExchange and no secret exists anywhere.
import {
  ClientAssertionCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
  type TokenCredentialOptions,
} from '@azure/identity';
import type { AppCredential } from '../config';

/** The audience Entra ID expects in a managed identity token used as a federated credential. */
export const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

/** A credential for one tenant: client credentials (application permissions) of the app registration. */
export type GraphCredentialFor = (tenantId: string) => TokenCredential;

export interface AppCredentialOptions {
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** The Azure SDK HTTP client (tests carry Entra's https origin to a local fake with it). */
  httpClient?: TokenCredentialOptions['httpClient'];
}

/** The managed identity's token for the token exchange audience; ManagedIdentityCredential caches it until near expiry. */
export function managedIdentityAssertion(
  managedIdentityClientId: string,
  options: Pick<AppCredentialOptions, 'httpClient'> = {},
): () => Promise<string> {
  const identity = new ManagedIdentityCredential({
    clientId: managedIdentityClientId,
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
  });
  return async () => {
    const token = await identity.getToken(TOKEN_EXCHANGE_SCOPE);
    if (!token) throw new Error('the managed identity returned no token for api://AzureADTokenExchange');
    return token.token;
  };
}

/** One credential per tenant (each caches its own tokens), signing in with the federated credential or the secret. */
export function appCredentialFor(credential: AppCredential, options: AppCredentialOptions): GraphCredentialFor {
  const common = {
    authorityHost: options.authorityHost,
    ...(options.httpClient ? { httpClient: options.httpClient, disableInstanceDiscovery: true } : {}),
  };
  const assertion =
    credential.kind === 'managedIdentity'
      ? managedIdentityAssertion(credential.managedIdentityClientId, options)
      : undefined;
  const byTenant = new Map<string, TokenCredential>();
  return (tenantId) => {
    let c = byTenant.get(tenantId);
    if (!c) {
      c = assertion
        ? new ClientAssertionCredential(tenantId, credential.clientId, assertion, common)
        : new ClientSecretCredential(
            tenantId,
            credential.clientId,
            (credential as { clientSecret: string }).clientSecret,
            common,
          );
      byTenant.set(tenantId, c);
    }
    return c;
  };
}

/** The client authentication fields of a hand-made token request (the directory's on-behalf-of exchange). */
export function clientAuthentication(
  credential: AppCredential,
  options: Pick<AppCredentialOptions, 'httpClient'> = {},
): () => Promise<Record<string, string>> {
  if (credential.kind === 'secret') return async () => ({ client_secret: credential.clientSecret });
  const assertion = managedIdentityAssertion(credential.managedIdentityClientId, options);
  return async () => ({
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await assertion(),
  });
}
