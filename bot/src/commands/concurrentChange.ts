// Writes that lose a race with a concurrent writer (a stale ETag, or a create that found the document
// another writer just made) are tried again on a fresh read, instead of failing the caller.
import { AlreadyExists, StaleWrite } from '../domain/errors';

/** The store answered that another writer got there first: read again and retry. */
export const lostRace = (error: unknown) => error instanceof StaleWrite || error instanceof AlreadyExists;

/** Runs `attempt` (a read, then a guarded write) up to `attempts` times while it loses a race. */
export async function retryOnStale<R>(attempt: () => Promise<R>, attempts = 5): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!lostRace(error) || n >= attempts) throw error;
    }
  }
}

/**
 * Changes that never conflict in meaning (append an item, record an acceptance, tick a box): the first try
 * uses the copy the caller holds, each retry a fresh one.
 */
export function onFreshCopy<T, R>(
  initial: T,
  reload: () => Promise<T>,
  change: (current: T) => Promise<R>,
  attempts = 5,
): Promise<R> {
  let first = true;
  return retryOnStale(async () => {
    const current = first ? initial : await reload();
    first = false;
    return change(current);
  }, attempts);
}
