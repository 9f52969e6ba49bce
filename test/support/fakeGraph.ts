// A stand-in for Microsoft Entra ID's token endpoint (on-behalf-of) and Microsoft Graph's /users, over real
// HTTP, speaking their wire format: a form-encoded jwt-bearer grant answered with { access_token, expires_in },
// and OData JSON for $search (which needs ConsistencyLevel: eventual), $filter with `in (…)`, and
// $expand=manager($levels=max). Tests point the Graph directory's authority host and Graph base URL at `url`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeEntra, FederatedIdentityCredential } from './fakeEntra';

export interface FakeGraphUser {
  id: string;
  displayName: string;
  mail?: string;
  userPrincipalName: string;
  department?: string;
  jobTitle?: string;
  managerId?: string;
}

export interface FakeGraph {
  url: string;
  /** Every request, in order: method, path and decoded query or form. */
  requests: {
    method: string;
    path: string;
    params: Record<string, string>;
    headers: Record<string, string | undefined>;
  }[];
  /** When set, the token endpoint answers this OAuth error (e.g. consent_required). */
  failTokenWith?: string;
  stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => resolve(raw));
  });

const project = (u: FakeGraphUser, select: string | undefined) => {
  const fields = (select ?? 'id,displayName,mail,userPrincipalName').split(',');
  return Object.fromEntries(fields.map((f) => [f, (u as unknown as Record<string, unknown>)[f] ?? null]));
};

/** The values of `<property> in ('a','b')` in an OData filter ('' doubled inside literals). */
function inValues(filter: string, property: string): string[] {
  const m = new RegExp(`${property} in \\(((?:'(?:[^']|'')*',?)*)\\)`).exec(filter);
  if (!m) return [];
  return [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]!.replace(/''/g, "'").toLowerCase());
}

export interface FakeGraphOptions {
  users: FakeGraphUser[];
  clientId: string;
  /** The app's secret, if it has one. */
  clientSecret?: string;
  /** The app's federated identity credentials (client assertions checked with this Entra's keys). */
  federated?: { entra: FakeEntra; credentials: FederatedIdentityCredential[] };
}

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const tokens = new Set<string>();
  const fake: FakeGraph = { url: '', requests: [], stop: async () => undefined };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = req.method === 'POST' ? await readBody(req) : '';
    const params = Object.fromEntries(req.method === 'POST' ? new URLSearchParams(body) : url.searchParams);
    fake.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      params,
      headers: {
        consistencylevel: req.headers.consistencylevel as string | undefined,
        authorization: req.headers.authorization,
      },
    });

    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
      if (fake.failTokenWith)
        return json(res, 400, { error: fake.failTokenWith, error_description: 'AADSTS65001: consent required' });
      const clientAuthenticated =
        params.client_assertion !== undefined
          ? params.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' &&
            options.federated !== undefined &&
            (await options.federated.entra.federatedAssertionError(
              params.client_assertion,
              options.federated.credentials,
            )) === undefined
          : options.clientSecret !== undefined && params.client_secret === options.clientSecret;
      if (params.client_id !== options.clientId || !clientAuthenticated)
        return json(res, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret or assertion provided.',
        });
      const ok =
        params.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        params.requested_token_use === 'on_behalf_of' &&
        Boolean(params.assertion);
      if (!ok) return json(res, 400, { error: 'invalid_grant' });
      const token = `graph-${randomUUID()}`;
      tokens.add(token);
      return json(res, 200, {
        token_type: 'Bearer',
        scope: params.scope,
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: token,
      });
    }

    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.has(bearer))
      return json(res, 401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' },
      });

    if (req.method === 'GET' && url.pathname === '/v1.0/users') {
      const select = url.searchParams.get('$select') ?? undefined;
      const search = url.searchParams.get('$search');
      const filter = url.searchParams.get('$filter');
      if ((search || url.searchParams.get('$count')) && req.headers.consistencylevel !== 'eventual')
        return json(res, 400, {
          error: {
            code: 'Request_UnsupportedQuery',
            message:
              "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
          },
        });
      let found = options.users;
      if (search) {
        const terms = [...search.matchAll(/"(displayName|mail):([^"]*)"/g)].map(
          (m) => [m[1]!, m[2]!.toLowerCase()] as const,
        );
        found = found.filter((u) =>
          terms.some(([field, term]) =>
            (field === 'displayName' ? u.displayName : (u.mail ?? ''))
              .toLowerCase()
              .split(/\s+/)
              .concat((field === 'displayName' ? u.displayName : (u.mail ?? '')).toLowerCase())
              .some((w) => w.startsWith(term)),
          ),
        );
      }
      if (filter) {
        const mails = inValues(filter, 'mail');
        const upns = inValues(filter, 'userPrincipalName');
        found = found.filter(
          (u) => mails.includes((u.mail ?? '').toLowerCase()) || upns.includes(u.userPrincipalName.toLowerCase()),
        );
      }
      const top = Number(url.searchParams.get('$top') ?? 100);
      return json(res, 200, {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users',
        value: found.slice(0, top).map((u) => project(u, select)),
      });
    }

    const one = /^\/v1\.0\/users\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const user = options.users.find((u) => u.id === decodeURIComponent(one[1]!));
      if (!user)
        return json(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } });
      const chain = (u: FakeGraphUser | undefined, depth: number): unknown =>
        u?.managerId && depth < 100
          ? {
              '@odata.type': '#microsoft.graph.user',
              id: u.managerId,
              manager: chain(
                options.users.find((x) => x.id === u.managerId),
                depth + 1,
              ),
            }
          : undefined;
      return json(res, 200, {
        id: user.id,
        ...(url.searchParams.get('$expand')?.startsWith('manager') ? { manager: chain(user, 0) ?? null } : {}),
      });
    }
    json(res, 404, { error: { code: 'BadRequest', message: `Unsupported ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
