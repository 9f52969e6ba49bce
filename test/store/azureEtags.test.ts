// The store as production opens it (COSMOS_ENDPOINT set: `kind: 'cosmos'`), against a server that speaks
// Azure Cosmos DB's ETag form. The embedded server stores ETags bare (`abc`); Azure Cosmos DB hands them out
// quoted, in the `etag` header and in the documents' `_etag` (`"abc"`), and compares If-Match with that
// quoted form exactly. Every other store test runs against the embedded form, so this file is the one that
// shows conditional writes work against Azure's: the proxy below stands between the SDK and the embedded
// server, quoting what goes out and refusing (412) an If-Match that is not in the quoted form, as Azure does.
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../bot/src/config';
import { StaleWrite } from '../../bot/src/domain/errors';
import type { GoalDoc } from '../../bot/src/domain/model';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../bot/src/store/database';

const TENANT = '0d0d0d0d-0000-4000-8000-00000000000a';
const AT = '2026-01-01T00:00:00Z';

let embedded: EmbeddedCosmos;
let azureForm: Server;
let store: Store;
/** The If-Match values the SDK sent, as they reached the proxy. */
const ifMatchSent: string[] = [];

const quoted = (etag: string) => (etag.startsWith('"') ? etag : `"${etag}"`);
const QUOTED = /^"([^"]+)"$/;

/** An HTTP proxy to the embedded server that shows the SDK Azure's ETag form (see the comment at the top). */
function azureEtagProxy(target: string): Server {
  const { hostname, port } = new URL(target);
  return createServer((req, res) => {
    const headers: IncomingHttpHeaders = { ...req.headers, host: `${hostname}:${port}` };
    const ifMatch = req.headers['if-match'];
    if (typeof ifMatch === 'string') {
      ifMatchSent.push(ifMatch);
      const bare = QUOTED.exec(ifMatch)?.[1];
      if (!bare) {
        // Azure compares the quoted form: a bare ETag never matches.
        res.writeHead(412, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'PreconditionFailed', message: 'Operation cannot be performed.' }));
        return;
      }
      headers['if-match'] = bare;
    }
    const upstream = request({ hostname, port, path: req.url, method: req.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let text = Buffer.concat(chunks).toString('utf8');
        // The account (GET /) names the endpoints the SDK then talks to: the proxy, in the scheme it speaks here.
        if (req.url === '/') text = text.replace(/https:\/\/[^"/]+\//g, `http://${req.headers.host}/`);
        text = text.replace(/"_etag":"([^"\\]*)"/g, (_m, etag: string) => `"_etag":${JSON.stringify(quoted(etag))}`);
        const out: Record<string, string | string[] | number | undefined> = { ...answer.headers };
        if (typeof out.etag === 'string') out.etag = quoted(out.etag);
        delete out['transfer-encoding'];
        out['content-length'] = Buffer.byteLength(text);
        res.writeHead(answer.statusCode ?? 502, out);
        res.end(text);
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
}

const goal = (id: string, pairId: string): GoalDoc => ({
  id,
  type: 'goal',
  tenantId: TENANT,
  pairId,
  programId: 'p',
  title: 'Prompting',
  successMeasure: 'Weekly',
  owner: 'mentee',
  progress: 0,
  status: 'notStarted',
  createdBy: 'u',
  createdAt: AT,
  updatedAt: AT,
});

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  azureForm = azureEtagProxy(embedded.endpoint);
  await new Promise<void>((resolve) => azureForm.listen(0, '127.0.0.1', resolve));
  const config = loadConfig({
    NODE_ENV: 'test',
    COSMOS_ENDPOINT: `http://127.0.0.1:${(azureForm.address() as AddressInfo).port}`,
    COSMOS_KEY: Buffer.from('azure-form-key').toString('base64'),
    COSMOS_DATABASE: `azure-etags-${randomUUID()}`,
    COSMOS_TIMEOUT_MS: '5000',
  });
  expect(config.store.kind).toBe('cosmos');
  store = await openStore(config.store);
});
afterAll(async () => {
  await store.close();
  azureForm.closeAllConnections();
  await new Promise((resolve) => azureForm.close(resolve));
  await embedded.stop();
});

test('the stand-in speaks Azure: a bare If-Match never matches (412), as Azure compares the quoted form', async () => {
  const pairId = `pair-${randomUUID()}`;
  const saved = await store.goals.create(goal('g0', pairId));
  const bare = saved._etag.replace(QUOTED, '$1');
  const put = (etag: string) =>
    fetch(`http://127.0.0.1:${(azureForm.address() as AddressInfo).port}/`, {
      method: 'PUT',
      headers: { 'if-match': etag },
    });
  expect((await put(bare)).status).toBe(412);
  expect(ifMatchSent).toContain(bare);
});

test('ETags come out quoted once; replace with the one read succeeds, a stale one is StaleWrite and changes nothing', async () => {
  const pairId = `pair-${randomUUID()}`;
  const first = await store.goals.create(goal('g1', pairId));
  expect(first._etag).toMatch(QUOTED);
  const read = await store.goals.get({ tenantId: TENANT, pairId }, 'g1', 'goal');
  expect(read._etag).toBe(first._etag);

  ifMatchSent.length = 0;
  const second = await store.goals.replace({ ...read, progress: 50 }, read._etag);
  expect(ifMatchSent).toEqual([first._etag]);
  expect(second._etag).toMatch(QUOTED);
  expect(second._etag).not.toBe(first._etag);

  await expect(store.goals.replace({ ...read, progress: 90 }, first._etag)).rejects.toBeInstanceOf(StaleWrite);
  expect(await store.goals.find({ tenantId: TENANT, pairId }, 'g1')).toMatchObject({
    progress: 50,
    _etag: second._etag,
  });
  const third = await store.goals.replace({ ...second, progress: 70 }, second._etag);
  expect(third).toMatchObject({ progress: 70 });
});

test('a query hands out the same quoted ETag a replace then accepts', async () => {
  const pairId = `pair-${randomUUID()}`;
  await store.goals.create(goal('g2', pairId));
  const listed = (await store.goals.query(TENANT, { where: 'true', parameters: [] }, pairId))[0]!;
  expect(listed._etag).toMatch(QUOTED);
  await expect(store.goals.replace({ ...listed, title: 'Renamed' }, listed._etag)).resolves.toMatchObject({
    title: 'Renamed',
  });
});
