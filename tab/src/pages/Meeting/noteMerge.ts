// Three-way merge of a note's text: what both sides started from (base), my text and the stored text.
// Each side's edit is taken as one changed region (common prefix and suffix); regions that do not
// overlap are both applied, two insertions at the same place are both kept (the stored one first).
// Overlapping edits are not guessed at: the caller shows both versions and the user decides.

interface Change {
  start: number;
  end: number;
  text: string;
}

/** The one region of `base` that `next` replaced, or undefined when they are equal. */
export function changedRegion(base: string, next: string): Change | undefined {
  if (base === next) return undefined;
  let start = 0;
  while (start < base.length && start < next.length && base[start] === next[start]) start++;
  let endBase = base.length;
  let endNext = next.length;
  while (endBase > start && endNext > start && base[endBase - 1] === next[endNext - 1]) {
    endBase--;
    endNext--;
  }
  return { start, end: endBase, text: next.slice(start, endNext) };
}

const apply = (text: string, change: Change) => text.slice(0, change.start) + change.text + text.slice(change.end);

/** The merged text, or undefined when both sides changed the same stretch of text. */
export function mergeText(base: string, mine: string, theirs: string): string | undefined {
  const my = changedRegion(base, mine);
  const their = changedRegion(base, theirs);
  if (!my || mine === theirs) return theirs;
  if (!their) return mine;
  // Apply the later region first so that the earlier one's offsets still hold.
  if (their.end <= my.start) return apply(apply(base, my), their);
  if (my.end <= their.start) return apply(apply(base, their), my);
  return undefined;
}

/** Both versions in one text, for "keep both" after a real conflict: nothing either side wrote is dropped. */
export function keepBoth(mine: string, theirs: string): string {
  return `${theirs.trimEnd()}\n\n${mine.trimStart()}`;
}
