// The one rule behind every figure an admin sees (insights, pair health, the CSV, the retention preview):
// a figure is shown only when at least LIMITS.insightsMinPairs distinct pairs contributed to it.
// Contributors are the pairs whose data the figure is computed from: a pair with no goal does not count
// for goal figures, a quiet pair does not count for session figures. So one active pair among any
// number of quiet ones moves no figure.
import { LIMITS } from './limits';

export type Figure<T> = { shown: true; value: T; pairs: number } | { shown: false; reason: string };

export const WITHHELD_REASON = `Withheld: fewer than ${LIMITS.insightsMinPairs} pairs contributed to this figure, so it could single one out.`;

/** The figure computed over the data of `contributors` (pair ids, repeats allowed), or the reason it is withheld. */
export function figure<T>(contributors: Iterable<string>, compute: () => T): Figure<T> {
  const pairs = new Set(contributors).size;
  if (pairs < LIMITS.insightsMinPairs) return { shown: false, reason: WITHHELD_REASON };
  return { shown: true, value: compute(), pairs };
}
