// Loading for routes: a missing document, another tenant's, or one the caller may not see are all 404.
import { notFound } from '../domain/errors';
import type { Caller, PairDoc, PairContentDoc, ProgramDoc } from '../domain/model';
import { authorize } from '../policies';
import type { Store } from '../store/database';

export async function loadPair(store: Store, caller: Caller, pairId: string): Promise<PairDoc> {
  const pair = await store.pairs.find(caller.tenantId, pairId, pairId);
  if (!pair || pair.type !== 'pair') throw notFound('pair');
  authorize(caller, 'read', { kind: 'pair', pair });
  return pair;
}

export async function loadPairItem<K extends PairContentDoc['type']>(
  store: Store,
  pair: PairDoc,
  type: K,
  id: string,
): Promise<Extract<PairContentDoc, { type: K }>> {
  const doc = await store.pairs.find(pair.tenantId, pair.id, id);
  if (!doc || doc.type !== type) throw notFound(type);
  return doc as Extract<PairContentDoc, { type: K }>;
}

export async function loadProgram(store: Store, caller: Caller, programId: string): Promise<{ program: ProgramDoc; isParticipant: boolean }> {
  const [program, participant] = await Promise.all([
    store.programs.find(caller.tenantId, programId, programId),
    store.programs.find(caller.tenantId, programId, caller.userId),
  ]);
  if (!program || program.type !== 'program') throw notFound('programme');
  return { program, isParticipant: participant?.type === 'participant' };
}
