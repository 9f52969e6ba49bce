// Document ids. With an Idempotency-Key the id is derived from it, so a retried create finds the first one
// (the repositories' create with `{ idempotencyKey }`, store/repository.ts).
import { createHash, randomUUID } from 'node:crypto';
import type { Caller } from '../domain/model';

export function newId(caller: Caller, scope: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return randomUUID();
  const h = createHash('sha256')
    .update(`${caller.tenantId}\n${caller.userId}\n${scope}\n${idempotencyKey}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const nowIso = () => new Date().toISOString();
