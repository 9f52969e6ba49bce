// The embedded server's partition index, through @azure/cosmos: a single-partition query sees its partition
// only (as on Azure Cosmos DB, where the WHERE clause need not repeat the key), follows every write, replace,
// upsert and delete, and pages through the partition with continuation tokens.
import { CosmosClient, type Container, type SqlQuerySpec } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';

let indexed: EmbeddedCosmos;
let scanning: EmbeddedCosmos;
const clients: CosmosClient[] = [];

let containers = 0;
async function containerOn(embedded: EmbeddedCosmos): Promise<Container> {
  const client = new CosmosClient({
    endpoint: embedded.endpoint,
    key: 'aW5kZXg=',
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  clients.push(client);
  const { database } = await client.databases.createIfNotExists({ id: 'index' });
  const { container } = await database.containers.createIfNotExists({
    id: `pairs-${++containers}`,
    partitionKey: { paths: ['/pairId'] },
  });
  return container;
}

const ids = async (container: Container, pairId: string, query = 'SELECT * FROM c') =>
  (await container.items.query<{ id: string }>(query, { partitionKey: pairId }).fetchAll()).resources
    .map((r) => r.id)
    .sort();

beforeAll(async () => {
  indexed = await startEmbeddedCosmos();
  scanning = await startEmbeddedCosmos(0, undefined, { partitionIndex: false });
});
afterAll(async () => {
  for (const c of clients) c.dispose();
  await indexed.stop();
  await scanning.stop();
});

test('a single-partition query reads its partition only; the unindexed server scans every partition', async () => {
  const [fast, slow] = [await containerOn(indexed), await containerOn(scanning)];
  for (const container of [fast, slow])
    for (const [id, pairId] of [
      ['a1', 'A'],
      ['a2', 'A'],
      ['b1', 'B'],
    ])
      await container.items.create({ id, pairId, type: 'goal' });
  expect(await ids(fast, 'A')).toEqual(['a1', 'a2']);
  expect(await ids(fast, 'B')).toEqual(['b1']);
  expect(await ids(fast, 'C')).toEqual([]);
  // The baseline the index replaces: the server ignores the key and returns every partition's documents.
  expect(await ids(slow, 'A')).toEqual(['a1', 'a2', 'b1']);
  // Cross-partition queries still see everything.
  const all = await fast.items.query<{ id: string }>('SELECT * FROM c').fetchAll();
  expect(all.resources.map((r) => r.id).sort()).toEqual(['a1', 'a2', 'b1']);
});

test('the index follows replace, upsert and delete', async () => {
  const container = await containerOn(indexed);
  const { resource } = await container.items.create({ id: 'x1', pairId: 'X', status: 'open' });
  await container.item('x1', 'X').replace({ ...resource, status: 'done' });
  await container.items.upsert({ id: 'x2', pairId: 'X', status: 'open' });
  await container.items.upsert({ id: 'x2', pairId: 'X', status: 'done' });
  expect(await ids(container, 'X', "SELECT * FROM c WHERE c.status = 'done'")).toEqual(['x1', 'x2']);
  await container.item('x1', 'X').delete();
  expect(await ids(container, 'X')).toEqual(['x2']);
  // The same id in another partition is another document.
  await container.items.create({ id: 'x2', pairId: 'Y', status: 'open' });
  expect(await ids(container, 'Y')).toEqual(['x2']);
  await container.item('x2', 'Y').delete();
  expect(await ids(container, 'X')).toEqual(['x2']);
  expect(await ids(container, 'Y')).toEqual([]);
});

test('continuation tokens page through one partition, every document exactly once', async () => {
  const container = await containerOn(indexed);
  for (let i = 0; i < 23; i++) await container.items.create({ id: `p${i}`, pairId: 'P', n: i });
  for (let i = 0; i < 7; i++) await container.items.create({ id: `q${i}`, pairId: 'Q', n: i });
  const seen: string[] = [];
  let continuationToken: string | undefined;
  let pages = 0;
  do {
    const page = await container.items
      .query<{ id: string }>('SELECT * FROM c ORDER BY c.n', { partitionKey: 'P', maxItemCount: 5, continuationToken })
      .fetchNext();
    seen.push(...page.resources.map((r) => r.id));
    continuationToken = page.continuationToken;
    pages += 1;
  } while (continuationToken);
  expect(pages).toBe(5);
  expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `p${i}`));
});

test('a cross-partition query confined by its partition key reads those partitions, with the same results as a scan', async () => {
  const [fast, slow] = [await containerOn(indexed), await containerOn(scanning)];
  for (const container of [fast, slow])
    for (let i = 0; i < 30; i++)
      await container.items.create({ id: `d${i}`, pairId: `P${i % 6}`, n: i, type: i % 2 ? 'goal' : 'session' });
  const queries: SqlQuerySpec[] = [
    {
      query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.pairId) AND c.n > 3',
      parameters: [{ name: '@ids', value: ['P1', 'P4', 'nothing'] }],
    },
    {
      query: 'SELECT * FROM c WHERE c.type = @t AND (c.pairId IN (@a, @b))',
      parameters: [
        { name: '@t', value: 'goal' },
        { name: '@a', value: 'P1' },
        { name: '@b', value: 'P3' },
      ],
    },
    { query: "SELECT * FROM c WHERE c.pairId = 'P2'" },
    { query: 'SELECT * FROM c WHERE NOT (c.pairId IN (@a))', parameters: [{ name: '@a', value: 'P1' }] },
    {
      query: 'SELECT * FROM c WHERE NOT ARRAY_CONTAINS(@ids, c.pairId)',
      parameters: [{ name: '@ids', value: ['P1'] }],
    },
    { query: 'SELECT * FROM c WHERE c.pairId = @a OR c.n = 7', parameters: [{ name: '@a', value: 'P1' }] },
    {
      query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.pairId) ORDER BY c.n DESC',
      parameters: [{ name: '@ids', value: ['P5', 'P0'] }],
    },
  ];
  for (const q of queries) {
    const run = async (c: Container) =>
      (await c.items.query<{ id: string; n: number }>(q).fetchAll()).resources.map((r) => r.id);
    const [got, expected] = [await run(fast), await run(slow)];
    expect({ q: q.query, ids: q.query.includes('ORDER BY') ? got : got.sort() }).toEqual({
      q: q.query,
      ids: q.query.includes('ORDER BY') ? expected : expected.sort(),
    });
  }
  // Paging a confined query: every document once.
  const seen: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await fast.items
      .query<{ id: string }>(
        {
          query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.pairId) ORDER BY c.n',
          parameters: [{ name: '@ids', value: ['P0', 'P1', 'P2'] }],
        },
        { maxItemCount: 4, continuationToken },
      )
      .fetchNext();
    seen.push(...page.resources.map((r) => r.id));
    continuationToken = page.continuationToken;
  } while (continuationToken);
  expect(seen.sort()).toEqual(
    Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i % 6 < 3)
      .map((i) => `d${i}`)
      .sort(),
  );
});
