// The timed work's own documents, which belong to no tenant (the change feed lease, a backfill's progress): in
// the `programs` container, each kind in a partition of its own named as its tenant, moved on with ETags so
// that consumers on several processes or instances never both win.
import { AlreadyExists, StaleWrite } from '../domain/errors';
import type { ProgramPartitionDoc, Store } from './database';

/** What every such document carries besides its own fields. */
export interface SystemDoc<T extends string, P extends string> {
  id: string;
  type: T;
  tenantId: P;
  programId: P;
  updatedAt: string;
  _etag?: string;
}

export function findSystemDoc<D extends ProgramPartitionDoc & SystemDoc<string, string>>(
  store: Store,
  partition: D['tenantId'],
  id: string,
): Promise<D | undefined> {
  return store.programs.find(partition, partition, id) as Promise<D | undefined>;
}

/**
 * Creates the document, or replaces the one read with `etag`; undefined when another consumer created or moved
 * it first (AlreadyExists or StaleWrite): read it again and go on from there.
 */
export async function saveSystemDoc<D extends ProgramPartitionDoc & SystemDoc<string, string>>(
  store: Store,
  doc: Omit<D, 'updatedAt' | '_etag'>,
  etag: string | undefined,
): Promise<D | undefined> {
  const body = { ...doc, updatedAt: new Date().toISOString() } as D;
  try {
    return (await (etag ? store.programs.replace(body, etag) : store.programs.create(body))) as D;
  } catch (error) {
    if (error instanceof AlreadyExists || error instanceof StaleWrite) return undefined;
    throw error;
  }
}
