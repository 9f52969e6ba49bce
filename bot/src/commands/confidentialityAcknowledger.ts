import type { Caller, PairDoc } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { onFreshCopy } from './concurrentChange';
import { nowIso } from './ids';

/**
 * Records that the caller accepted the confidentiality agreement for this pair. Repeating it keeps
 * the first time; a concurrent change to the pair is re-read and retried, since the two never conflict.
 */
export function confidentialityAcknowledger(
  store: Store,
  caller: Caller,
  pair: Stored<PairDoc>,
): Promise<Stored<PairDoc>> {
  return onFreshCopy(
    pair,
    () => store.pairDocs.getById(pair.tenantId, pair.id, 'pair'),
    async (current) => {
      if (current.confidentialityAcknowledged?.[caller.userId]) return current;
      const at = nowIso();
      return store.pairDocs.replace(
        {
          ...current,
          confidentialityAcknowledged: { ...current.confidentialityAcknowledged, [caller.userId]: at },
          updatedAt: at,
        },
        current._etag,
      );
    },
  );
}
