// Counts Cosmos DB round trips and request units per HTTP request (reported in response headers and benchmarks).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface StoreMetrics {
  roundTrips: number;
  requestCharge: number;
}

const current = new AsyncLocalStorage<StoreMetrics>();

export function withStoreMetrics<T>(fn: () => T): { metrics: StoreMetrics; result: T } {
  const metrics: StoreMetrics = { roundTrips: 0, requestCharge: 0 };
  return { metrics, result: current.run(metrics, fn) };
}

export function recordRoundTrip(requestCharge: number | undefined): void {
  const m = current.getStore();
  if (!m) return;
  m.roundTrips += 1;
  m.requestCharge += Number.isFinite(requestCharge) ? Number(requestCharge) : 0;
}
