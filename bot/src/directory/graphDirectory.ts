// Microsoft Graph directory: the admin's token is exchanged on-behalf-of (OAuth 2.0 jwt-bearer grant)
// for a Graph token, then /users is searched or filtered with the admin's own rights (User.ReadBasic.All).
// The app authenticates with its federated credential (the managed identity's token) or a secret.
import type { AppCredential } from '../config';
import { AppError } from '../domain/errors';
import type { AppCredentialOptions } from '../graph/appCredential';
import { onBehalfOf, OnBehalfOfError } from '../graph/onBehalfOf';
import { normaliseEmail, type Directory, type DirectoryCaller, type DirectoryPerson } from './directory';

export interface GraphDirectoryOptions {
  credential: AppCredential;
  httpClient?: AppCredentialOptions['httpClient'];
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** e.g. https://graph.microsoft.com */
  graphBaseUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
}

const SELECT = 'id,displayName,mail,userPrincipalName,department,jobTitle';
/** Graph allows at most 15 values in one `in (…)` filter. */
const EMAILS_PER_REQUEST = 15;

const directoryUnavailable = (detail: string) =>
  new AppError(503, 'directory-unavailable', 'Directory unavailable', detail, { retryAfterSeconds: 30 });

const toPerson = (u: GraphUser): DirectoryPerson => ({
  id: u.id,
  name: u.displayName || u.mail || u.userPrincipalName || u.id,
  ...(u.mail || u.userPrincipalName ? { email: (u.mail || u.userPrincipalName)! } : {}),
  ...(u.department ? { department: u.department } : {}),
  ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
});

/** An OData string literal: single quotes doubled. */
const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function graphDirectory(options: GraphDirectoryOptions): Directory {
  const fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const exchange = onBehalfOf({ ...options, fetch: fetcher });

  async function graphToken(caller: DirectoryCaller): Promise<string> {
    try {
      return await exchange(caller.tenantId, caller.accessToken, 'https://graph.microsoft.com/User.ReadBasic.All');
    } catch (error) {
      const reason = error instanceof OnBehalfOfError ? error.reason : 'unreachable';
      if (reason === 'appSignIn')
        throw directoryUnavailable(
          'The server could not get its managed identity token to sign in to the directory; check the App Service identity.',
        );
      if (reason === 'unreachable')
        throw directoryUnavailable('Microsoft Entra ID cannot be reached to sign in to the directory.');
      // consent_required / invalid_grant: an admin must grant the app User.ReadBasic.All.
      throw directoryUnavailable(
        `The directory refused on-behalf-of sign-in (${(error as OnBehalfOfError).oauthError}); grant the app the Microsoft Graph permission User.ReadBasic.All.`,
      );
    }
  }

  async function get<T>(caller: DirectoryCaller, path: string, query: URLSearchParams): Promise<T | undefined> {
    const token = await graphToken(caller);
    const res = await fetcher(`${options.graphBaseUrl}/v1.0/${path}?${query.toString()}`, {
      headers: { authorization: `Bearer ${token}`, ConsistencyLevel: 'eventual', accept: 'application/json' },
    }).catch(() => undefined);
    if (!res) throw directoryUnavailable('Microsoft Graph cannot be reached.');
    if (res.status === 404) return undefined;
    if (!res.ok) throw directoryUnavailable(`Microsoft Graph answered ${res.status} to a directory request.`);
    return (await res.json()) as T;
  }

  const users = async (caller: DirectoryCaller, query: URLSearchParams) =>
    (await get<{ value?: GraphUser[] }>(caller, 'users', query))?.value ?? [];

  return {
    kind: 'graph',
    async search(caller, query, limit = 10) {
      // $search needs quotes around each clause; a double quote inside the query would end it early.
      const q = query.trim().replace(/["\\]/g, '');
      if (!q) return [];
      const found = await users(
        caller,
        new URLSearchParams({
          $search: `"displayName:${q}" OR "mail:${q}"`,
          $select: SELECT,
          $top: String(limit),
          $count: 'true',
        }),
      );
      return found.map(toPerson);
    },
    async findByEmails(caller, emails) {
      const wanted = [...new Set(emails.map(normaliseEmail))];
      const found = new Map<string, DirectoryPerson>();
      for (let i = 0; i < wanted.length; i += EMAILS_PER_REQUEST) {
        const chunk = wanted
          .slice(i, i + EMAILS_PER_REQUEST)
          .map(odataString)
          .join(',');
        const result = await users(
          caller,
          new URLSearchParams({
            $filter: `mail in (${chunk}) or userPrincipalName in (${chunk})`,
            $select: SELECT,
            $count: 'true',
            $top: '999',
          }),
        );
        for (const u of result) {
          for (const address of [u.mail, u.userPrincipalName]) {
            if (address && wanted.includes(normaliseEmail(address))) found.set(normaliseEmail(address), toPerson(u));
          }
        }
      }
      return found;
    },
    async managerChain(caller, id) {
      // One request for the whole chain: $expand=manager($levels=max) nests each manager in the next.
      type Managed = { id: string; manager?: Managed | null };
      const user = await get<Managed>(
        caller,
        `users/${encodeURIComponent(id)}`,
        new URLSearchParams({
          $expand: 'manager($levels=max;$select=id)',
          $select: 'id',
          $count: 'true',
        }),
      );
      const chain: string[] = [];
      for (let m = user?.manager; m && !chain.includes(m.id) && chain.length < 50; m = m.manager) chain.push(m.id);
      return chain;
    },
  };
}
