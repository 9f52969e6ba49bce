// The audit trail of programme administration: one document per action, created and never replaced or
// deleted (nothing in the app writes to an entry twice), readable by the programme's admins.
import { randomUUID } from 'node:crypto';
import type { AuditEntryDoc, Caller, PersonRef, ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

export type AuditRecord = Pick<AuditEntryDoc, 'action'> & Partial<Pick<AuditEntryDoc, 'target' | 'changes' | 'count'>>;

/** The retention job acts on its own; the trail names it. */
export const RETENTION_ACTOR: PersonRef = { id: 'system', name: 'Retention' };

export const actorOf = (caller: Caller): PersonRef => ({ id: caller.userId, name: caller.name });

export async function auditRecorder(
  store: Store,
  program: Pick<ProgramDoc, 'id' | 'tenantId'>,
  actor: PersonRef,
  record: AuditRecord,
): Promise<AuditEntryDoc> {
  const at = nowIso();
  const entry: AuditEntryDoc = {
    id: `audit-${randomUUID()}`,
    type: 'audit',
    tenantId: program.tenantId,
    programId: program.id,
    at,
    actor,
    ...record,
    createdAt: at,
    updatedAt: at,
  };
  return store.auditEntries.create(entry);
}

/** Each setting that differs, with both values (settings are the admin's own text and numbers, never pair content). */
export function settingChanges<T extends object>(
  before: T,
  after: Partial<T>,
): { field: string; from: unknown; to: unknown }[] {
  return Object.entries(after)
    .filter(([field, to]) => to !== undefined && JSON.stringify(before[field as keyof T]) !== JSON.stringify(to))
    .map(([field, to]) => ({ field, from: before[field as keyof T] ?? null, to }));
}
