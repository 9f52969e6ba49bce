// Idempotency-Key as draft-ietf-httpapi-idempotency-key-header says, across server instances: a record in
// the store (partition: the caller) names the request by a fingerprint of its body and is held with a
// lease while it runs. Same key and body → the create runs again and finds its first document (ids are
// derived from the key, commands/ids.ts); another body → 422; still running elsewhere → 409.
import { createHash } from 'node:crypto';
import { AlreadyExists, idempotencyKeyReused, requestInProgress, StaleWrite } from '../domain/errors';
import type { Caller, IdempotencyRecord } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { nowIso } from './ids';

/** How long a running request holds its key: longer than any request takes, short enough to recover from a crash. */
export const IDEMPOTENCY_LEASE_MS = 30_000;
const RETRY_IN_PROGRESS_SECONDS = 2;

export interface IdempotentRequest {
  key: string;
  method: string;
  path: string;
  /** The body as validated. */
  body: unknown;
}

/** JSON with object members sorted, so that the same request written in another order has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Runs `run` at most once at a time per (caller, method, path, key), and refuses the key for another body.
 * A failed run releases the key, so that the client's retry runs again.
 */
export async function idempotently<T>(
  store: Store,
  caller: Caller,
  request: IdempotentRequest,
  run: () => Promise<T>,
): Promise<T> {
  const record: IdempotencyRecord = {
    id: sha256(`${caller.tenantId}\n${caller.userId}\n${request.method} ${request.path}\n${request.key}`),
    type: 'idempotencyKey',
    tenantId: caller.tenantId,
    userId: caller.userId,
    fingerprint: sha256(canonicalJson(request.body ?? null)),
    state: 'inProgress',
    leaseUntil: 0,
    createdAt: nowIso(),
    updatedAt: nowIso(),
  };
  const held = await claim(store, record);
  if (!held) return run();
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await store.idempotency.delete(held).catch(() => undefined);
    throw error;
  }
  // Not marking it done only delays a retry until the lease ends; the result stands, so it is returned.
  await store.idempotency.replace({ ...held, state: 'done', updatedAt: nowIso() }, held._etag).catch(() => undefined);
  return result;
}

/** The record held for this run, or undefined when the key's request is already done (replay). */
async function claim(store: Store, record: IdempotencyRecord): Promise<Stored<IdempotencyRecord> | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const leased = { ...record, leaseUntil: Date.now() + IDEMPOTENCY_LEASE_MS };
    try {
      return await store.idempotency.create(leased);
    } catch (error) {
      if (!(error instanceof AlreadyExists)) throw error;
    }
    const existing = await store.idempotency.find(record.tenantId, record.userId, record.id);
    if (!existing) continue; // released in between: claim again
    if (existing.fingerprint !== record.fingerprint) throw idempotencyKeyReused();
    if (existing.state === 'done') return undefined;
    if (existing.leaseUntil > Date.now()) throw requestInProgress(RETRY_IN_PROGRESS_SECONDS);
    // The instance that held it stopped (its lease ran out): take over, unless another retry just did.
    try {
      return await store.idempotency.replace(
        { ...existing, leaseUntil: Date.now() + IDEMPOTENCY_LEASE_MS, updatedAt: nowIso() },
        existing._etag,
      );
    } catch (error) {
      if (error instanceof StaleWrite) throw requestInProgress(RETRY_IN_PROGRESS_SECONDS);
      throw error;
    }
  }
  throw requestInProgress(RETRY_IN_PROGRESS_SECONDS);
}
