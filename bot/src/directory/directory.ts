// The directory port: who exists in the organisation, for the admin's people picker and the CSV import.
// Production asks Microsoft Graph on behalf of the signed-in admin; development uses a seeded list.

/** A person as the directory knows them; `id` is the Entra object id, the identity used everywhere. */
export interface DirectoryPerson {
  id: string;
  name: string;
  email?: string;
  department?: string;
  jobTitle?: string;
  /** Direct manager's id, where the directory says (seeded directory only; Graph answers managerChain). */
  managerId?: string;
}

/** Who is asking: Graph is called with the admin's own rights (on-behalf-of their access token). */
export interface DirectoryCaller {
  tenantId: string;
  /** The caller's bearer token, exchanged on-behalf-of for a Graph token. */
  accessToken: string;
}

export interface Directory {
  readonly kind: 'seeded' | 'graph';
  /** People whose name or e-mail starts with the query (at most `limit`). */
  search(caller: DirectoryCaller, query: string, limit?: number): Promise<DirectoryPerson[]>;
  /** The people with these e-mail addresses, keyed by lower-case address; unknown addresses are absent. */
  findByEmails(caller: DirectoryCaller, emails: readonly string[]): Promise<Map<string, DirectoryPerson>>;
  /** The person's reporting line, direct manager first (empty when unknown). */
  managerChain(caller: DirectoryCaller, id: string): Promise<string[]>;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
