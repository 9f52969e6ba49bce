// The typed repositories (store/repository.ts) through @azure/cosmos against the embedded Cosmos DB server:
// one kind per repository, the tenant checked on every read, create-once with an Idempotency-Key, ETags required.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../bot/src/config';
import { AlreadyExists, StaleWrite } from '../../bot/src/domain/errors';
import type { GoalDoc, NoteDoc } from '../../bot/src/domain/model';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../bot/src/store/database';

const TENANT_A = '0d0d0d0d-0000-4000-8000-00000000000a';
const TENANT_B = '0d0d0d0d-0000-4000-8000-00000000000b';
const AT = '2026-01-01T00:00:00Z';

let embedded: EmbeddedCosmos;
let store: Store;

const goal = (id: string, pairId: string, tenantId = TENANT_A): GoalDoc => ({
  id,
  type: 'goal',
  tenantId,
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
const note = (id: string, pairId: string): NoteDoc => ({
  id,
  type: 'note',
  tenantId: TENANT_A,
  pairId,
  programId: 'p',
  sessionId: 's',
  authorId: 'u',
  body: 'b',
  visibility: 'private',
  createdAt: AT,
  updatedAt: AT,
});

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  const config = loadConfig({
    NODE_ENV: 'test',
    COSMOS_DATABASE: `repository-${randomUUID()}`,
    COSMOS_TIMEOUT_MS: '5000',
  });
  store = await openStore(config.store, { embedded });
});
afterAll(async () => {
  await store.close();
  await embedded.stop();
});

test('a repository reads its own kind only: another kind under the id, or another tenant, reads as missing', async () => {
  const pairId = `pair-${randomUUID()}`;
  const saved = await store.goals.create(goal('g1', pairId));
  await store.notes.create(note('n1', pairId));
  expect(saved._etag).toMatch(/^".+"$/);
  expect(await store.goals.find({ tenantId: TENANT_A, pairId }, 'g1')).toMatchObject({
    title: 'Prompting',
    _etag: saved._etag,
  });
  expect(await store.goals.find({ tenantId: TENANT_A, pairId }, 'n1')).toBeUndefined();
  expect(await store.notes.find({ tenantId: TENANT_A, pairId }, 'g1')).toBeUndefined();
  expect(await store.goals.find({ tenantId: TENANT_B, pairId }, 'g1')).toBeUndefined();
  await expect(store.goals.get({ tenantId: TENANT_A, pairId }, 'n1', 'goal')).rejects.toMatchObject({ status: 404 });
  expect(await store.goals.findOrOtherKind({ tenantId: TENANT_A, pairId }, 'n1')).toEqual({ otherKind: true });
  expect(await store.goals.findOrOtherKind({ tenantId: TENANT_A, pairId }, 'nothing')).toEqual({ otherKind: false });
  expect((await store.goals.query(TENANT_A, { where: 'true', parameters: [] }, pairId)).map((d) => d.id)).toEqual([
    'g1',
  ]);
});

test('create: an existing id is AlreadyExists, unless the Idempotency-Key names the first try (then that document)', async () => {
  const pairId = `pair-${randomUUID()}`;
  const first = await store.goals.create(goal('g1', pairId));
  await expect(store.goals.create({ ...goal('g1', pairId), title: 'Again' })).rejects.toBeInstanceOf(AlreadyExists);
  expect(await store.goals.create({ ...goal('g1', pairId), title: 'Again' }, { idempotencyKey: 'k' })).toMatchObject({
    title: 'Prompting',
    _etag: first._etag,
  });
  // The id is taken by another kind: the key cannot have made it.
  await store.notes.create(note('n1', pairId));
  await expect(store.goals.create(goal('n1', pairId), { idempotencyKey: 'k' })).rejects.toThrow(
    'already used for something else',
  );
});

test('replace needs the ETag read; a stale one is StaleWrite and changes nothing', async () => {
  const pairId = `pair-${randomUUID()}`;
  const first = await store.goals.create(goal('g1', pairId));
  const second = await store.goals.replace({ ...first, progress: 50 }, first._etag);
  expect(second._etag).not.toBe(first._etag);
  await expect(store.goals.replace({ ...first, progress: 90 }, first._etag)).rejects.toBeInstanceOf(StaleWrite);
  expect(await store.goals.find(first, 'g1')).toMatchObject({ progress: 50 });
  await store.goals.delete(first, 'g1');
  await store.goals.delete(first, 'g1');
  expect(await store.goals.find(first, 'g1')).toBeUndefined();
});
