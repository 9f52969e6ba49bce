import type { Caller, ProgramDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { newId, nowIso } from './ids';

export interface ProgramProps {
  name: string;
  objectives: string[];
  startsOn: string;
  endsOn: string;
  cadenceDays: number;
  sessionMinutes: number;
  topics: string[];
  programLearningsEnabled: boolean;
  retentionDays: number;
}

/** Creates a programme in the caller's tenant. */
export async function programCreator(
  store: Store,
  caller: Caller,
  props: ProgramProps,
  idempotencyKey?: string,
): Promise<Stored<ProgramDoc>> {
  const id = newId(caller, 'program', idempotencyKey);
  const now = nowIso();
  const doc: ProgramDoc = {
    ...props,
    id,
    programId: id,
    type: 'program',
    tenantId: caller.tenantId,
    createdBy: caller.userId,
    createdAt: now,
    updatedAt: now,
  };
  return store.programDocs.create(doc, { idempotencyKey });
}
