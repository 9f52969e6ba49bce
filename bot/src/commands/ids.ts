// Document ids. With an Idempotency-Key the id is derived from it, so a retried create finds the first one.
import { createHash, randomUUID } from 'node:crypto';
import { conflict } from '../domain/errors';
import type { Caller } from '../domain/model';

export function newId(caller: Caller, scope: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return randomUUID();
  const h = createHash('sha256').update(`${caller.tenantId}\n${caller.userId}\n${scope}\n${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Creates a document; when a retry (same Idempotency-Key) finds the first one, returns that instead. */
export async function createOnce<T extends { id: string }>(
  create: () => Promise<T>,
  findExisting: () => Promise<T | undefined>,
  idempotencyKey: string | undefined,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!idempotencyKey || (error as { status?: number }).status !== 409) throw error;
    const existing = await findExisting();
    if (!existing) throw conflict('This Idempotency-Key was already used for something else.');
    return existing;
  }
}

export const nowIso = () => new Date().toISOString();
