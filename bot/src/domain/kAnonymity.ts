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

/**
 * Figures for the groups of one partition (for example the ledger by objective), where the total is shown
 * elsewhere: withholding one small group alone would let it be worked out as the total minus the others. So
 * while the groups withheld hold data of fewer than LIMITS.insightsMinPairs pairs (but some), the smallest
 * shown group is withheld too (secondary suppression), until what is withheld is itself a safe aggregate.
 */
export function partitionFigures<K, T>(
  groups: readonly { key: K; contributors: readonly string[]; compute: () => T }[],
): { key: K; figure: Figure<T> }[] {
  const size = (g: { contributors: readonly string[] }) => new Set(g.contributors).size;
  const withheld = new Set(groups.filter((g) => size(g) < LIMITS.insightsMinPairs && size(g) > 0).map((g) => g.key));
  const pairsWithheld = () => new Set(groups.filter((g) => withheld.has(g.key)).flatMap((g) => g.contributors)).size;
  const shownBySize = groups.filter((g) => !withheld.has(g.key) && size(g) > 0).sort((a, b) => size(a) - size(b));
  while (withheld.size > 0 && pairsWithheld() < LIMITS.insightsMinPairs && shownBySize.length > 0)
    withheld.add(shownBySize.shift()!.key);
  return groups.map((g) => ({
    key: g.key,
    figure: withheld.has(g.key)
      ? { shown: false as const, reason: WITHHELD_REASON }
      : figure(g.contributors, g.compute),
  }));
}
