// Each person's delivery outcome per programme, in their own partition: later outcomes win whatever order they
// are recorded in (concurrent reminder workers), tenants and programmes stay apart, and reading it is one point read.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../bot/src/config';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../bot/src/store/database';
import { deliveryOutcomeOf, recordDeliveryOutcome } from '../../bot/src/store/deliveryOutcomes';
import { withStoreMetrics } from '../../bot/src/store/metrics';

const TENANT_A = '0d0d0d0d-0000-4000-8000-00000000000a';
const TENANT_B = '0d0d0d0d-0000-4000-8000-00000000000b';
let embedded: EmbeddedCosmos;
let store: Store;

beforeAll(async () => {
  embedded = await startEmbeddedCosmos();
  store = await openStore(
    loadConfig({ NODE_ENV: 'test', COSMOS_DATABASE: `delivery-${randomUUID()}`, COSMOS_TIMEOUT_MS: '5000' }).store,
    { embedded },
  );
});
afterAll(async () => {
  await store.close();
  await embedded.stop();
});

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute)).toISOString();

test('the latest delivery and the latest failure win, whatever order concurrent workers record them in', async () => {
  const outcome = (state: 'sent' | 'failed', minute: number) =>
    recordDeliveryOutcome(store, {
      tenantId: TENANT_A,
      programId: 'prog-1',
      userId: 'dana',
      state,
      at: at(minute),
      ...(state === 'failed' ? { reason: `reason-${minute}` } : {}),
    });
  await Promise.all([3, 9, 1, 7, 5].map((m) => outcome('sent', m)));
  await Promise.all([8, 2, 6].map((m) => outcome('failed', m)));
  await outcome('sent', 4);
  expect(await deliveryOutcomeOf(store, TENANT_A, 'prog-1', 'dana')).toMatchObject({
    lastDeliveredAt: at(9),
    lastFailure: { at: at(8), reason: 'reason-8' },
  });
});

test('another tenant or programme reads nothing; a read is one round trip', async () => {
  await recordDeliveryOutcome(store, {
    tenantId: TENANT_A,
    programId: 'prog-2',
    userId: 'sam',
    state: 'sent',
    at: at(1),
  });
  expect(await deliveryOutcomeOf(store, TENANT_B, 'prog-2', 'sam')).toBeUndefined();
  expect(await deliveryOutcomeOf(store, TENANT_A, 'prog-3', 'sam')).toBeUndefined();
  const { metrics, result } = withStoreMetrics(() => deliveryOutcomeOf(store, TENANT_A, 'prog-2', 'sam'));
  expect(await result).toMatchObject({ lastDeliveredAt: at(1) });
  expect(metrics.roundTrips).toBe(1);
});
