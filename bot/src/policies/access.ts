// The one access path, shared by the API's routes and the bot's card actions: load in the caller's
// tenant, then authorize. A missing document, another tenant's, or one the caller may not even read
// are all 404; what they may read but not change is 403 (authorize()).
import { notFound } from '../domain/errors';
import type { Caller, PairContentDoc, PairDoc, ProgramDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { PairPartitionDoc, Store } from '../store/database';
import type { Repository } from '../store/repository';
import { pairWithDashboardContent } from '../store/queries';
import { authorize, visibleTakeawaysFilter } from './index';

/** The pair, if the caller may read it. */
export async function loadPair(store: Store, caller: Caller, pairId: string): Promise<Stored<PairDoc>> {
  const pair = await store.pairDocs.getById(caller.tenantId, pairId, 'pair');
  authorize(caller, 'read', { kind: 'pair', pair });
  return pair;
}

/**
 * The pair and everything on its dashboard (goals, sessions, commitments, the takeaways the caller may read)
 * in one query; the caller is authorized on the pair before anything else is returned, exactly as loadPair.
 */
export async function loadPairDashboard(
  store: Store,
  caller: Caller,
  pairId: string,
): Promise<{ pair: Stored<PairDoc>; content: Stored<PairPartitionDoc>[] }> {
  const docs = await pairWithDashboardContent(store, caller.tenantId, pairId, visibleTakeawaysFilter(caller));
  const pair = docs.find((d): d is Stored<PairDoc> => d.type === 'pair' && d.id === pairId);
  if (!pair) throw notFound('pair');
  authorize(caller, 'read', { kind: 'pair', pair });
  return { pair, content: docs.filter((d) => d !== pair) };
}

/**
 * The pair, if the caller may read it, and one of its items: both read side by side (one store round trip of
 * waiting instead of two), the item handed out only after the caller was authorized on the pair, exactly as
 * loadPair then loadPairItem. The caller's action on the item is authorized next, with the item.
 */
export async function loadPairAndItem<K extends PairContentDoc['type']>(
  store: Store,
  caller: Caller,
  pairId: string,
  type: K,
  id: string,
): Promise<{ pair: Stored<PairDoc>; item: Stored<Extract<PairContentDoc, { type: K }>> }> {
  const repository: Repository<Extract<PairContentDoc, { type: K }>, 'pairId'> = store.pairItems[type];
  const item = repository.get({ tenantId: caller.tenantId, pairId }, id, type);
  // Awaited only once the pair may be read; until then its 404 or a store failure must not surface as unhandled.
  item.catch(() => undefined);
  const pair = await loadPair(store, caller, pairId);
  return { pair, item: await item };
}

/** An item of a pair already loaded; the caller's action on it is authorized next, with the item. */
export async function loadPairItem<K extends PairContentDoc['type']>(
  store: Store,
  pair: PairDoc,
  type: K,
  id: string,
): Promise<Stored<Extract<PairContentDoc, { type: K }>>> {
  const repository: Repository<Extract<PairContentDoc, { type: K }>, 'pairId'> = store.pairItems[type];
  return repository.get(pair, id, type);
}

/** The programme and whether the caller takes part in it (what the programme rules decide on). */
export async function loadProgram(
  store: Store,
  caller: Caller,
  programId: string,
): Promise<{ program: Stored<ProgramDoc>; isParticipant: boolean }> {
  const [program, participant] = await Promise.all([
    store.programDocs.findById(caller.tenantId, programId),
    store.participants.find({ tenantId: caller.tenantId, programId }, caller.userId),
  ]);
  if (!program) throw notFound('programme');
  return { program, isParticipant: participant !== undefined };
}

/** A pair of the programme, for its admin (the programme's rules were checked on the programme). */
export async function loadProgramPair(store: Store, program: ProgramDoc, pairId: string): Promise<Stored<PairDoc>> {
  const pair = await store.pairDocs.findById(program.tenantId, pairId);
  if (!pair || pair.programId !== program.id) throw notFound('pair');
  return pair;
}
