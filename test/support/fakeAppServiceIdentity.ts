// Stand-in for App Service's managed identity endpoint (outside our system), in its wire format:
//   GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…&client_id=…   header X-IDENTITY-HEADER: {IDENTITY_HEADER}
//   → { access_token, expires_on, resource, token_type, client_id }
// The tokens are signed by the fake Entra ID, shaped like a user-assigned identity's token (sub = oid =
// the identity's principal id), so a federated credential check can verify them against its JWKS.
// @azure/identity's ManagedIdentityCredential finds the endpoint through IDENTITY_ENDPOINT and IDENTITY_HEADER.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeEntra } from './fakeEntra';

export interface ManagedIdentity {
  clientId: string;
  principalId: string;
  tenantId: string;
}

export interface FakeAppServiceIdentity {
  endpoint: string;
  header: string;
  /** Every token request: the resource and the identity asked for. */
  requests: { resource: string | null; clientId: string | null }[];
  /** Points ManagedIdentityCredential at this endpoint (process.env, as App Service sets it); returns the undo. */
  install(): () => void;
  stop(): Promise<void>;
}

export async function startFakeAppServiceIdentity(
  entra: FakeEntra,
  identities: ManagedIdentity[],
): Promise<FakeAppServiceIdentity> {
  const header = `header-${randomUUID()}`;
  const requests: FakeAppServiceIdentity['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'GET' || url.pathname !== '/msi/token') return send(404, { error: 'not_found' });
    const resource = url.searchParams.get('resource');
    const clientId = url.searchParams.get('client_id');
    requests.push({ resource, clientId });
    if (req.headers['x-identity-header'] !== header)
      return send(401, { statusCode: 401, message: 'Unauthorized: X-IDENTITY-HEADER missing or wrong' });
    if (url.searchParams.get('api-version') !== '2019-08-01')
      return send(400, { statusCode: 400, message: 'unsupported api-version' });
    const identity = identities.find((i) => i.clientId === clientId);
    if (!identity || !resource)
      return send(400, { statusCode: 400, message: 'No managed identity found for the specified client_id.' });
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    const accessToken = await entra.sign({
      aud: resource,
      iss: entra.issuerV2(identity.tenantId),
      tid: identity.tenantId,
      sub: identity.principalId,
      oid: identity.principalId,
      azp: identity.clientId,
      azpacr: '2',
      idtyp: 'app',
      scp: undefined,
      name: undefined,
      preferred_username: undefined,
    });
    send(200, {
      access_token: accessToken,
      expires_on: String(expiresOn),
      resource,
      token_type: 'Bearer',
      client_id: identity.clientId,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  return {
    endpoint,
    header,
    requests,
    install() {
      const before = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
      process.env.IDENTITY_ENDPOINT = endpoint;
      process.env.IDENTITY_HEADER = header;
      return () => {
        if (before.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT;
        else process.env.IDENTITY_ENDPOINT = before.endpoint;
        if (before.header === undefined) delete process.env.IDENTITY_HEADER;
        else process.env.IDENTITY_HEADER = before.header;
      };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
