import type { Caller, PairDoc } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

const MAX_ATTEMPTS = 5;

/**
 * Records that the caller accepted the confidentiality agreement for this pair. Repeating it keeps
 * the first time; a concurrent change to the pair is re-read and retried, since the two never conflict.
 */
export async function confidentialityAcknowledger(store: Store, caller: Caller, pair: PairDoc): Promise<PairDoc> {
  let current = pair;
  for (let attempt = 1; ; attempt++) {
    if (current.confidentialityAcknowledged?.[caller.userId]) return current;
    const at = nowIso();
    try {
      return (await store.pairs.replace(
        { ...current, confidentialityAcknowledged: { ...current.confidentialityAcknowledged, [caller.userId]: at }, updatedAt: at },
        current._etag ?? '',
      )) as PairDoc;
    } catch (error) {
      if ((error as { status?: number }).status !== 412 || attempt >= MAX_ATTEMPTS) throw error;
      current = (await store.pairs.get(pair.tenantId, pair.id, pair.id, 'pair')) as PairDoc;
    }
  }
}
