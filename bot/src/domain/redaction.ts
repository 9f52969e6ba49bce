// The partner's redactions: before approving, the partner may replace words of the proposed text by
// REDACTED_LABEL, never add, change or move a word. isRedactionOf checks a final text against the
// proposed one; the tab builds the final text with redactWords from the words the partner picked.

export const REDACTED_LABEL = '[redacted]';

/** Words and what lies between them, alternating: gap, word, gap, word, ..., gap (gaps may be empty). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.@-][\p{L}\p{M}\p{N}]+)*/gu;

export function splitWords(text: string): { gaps: string[]; words: string[] } {
  const gaps: string[] = [];
  const words: string[] = [];
  let cursor = 0;
  for (const m of text.matchAll(WORD)) {
    gaps.push(text.slice(cursor, m.index));
    words.push(m[0]);
    cursor = m.index + m[0].length;
  }
  gaps.push(text.slice(cursor));
  return { gaps, words };
}

/** The proposed text with the words at `indexes` redacted; neighbouring redacted words share one label. */
export function redactWords(text: string, indexes: ReadonlySet<number>): string {
  const { gaps, words } = splitWords(text);
  let out = gaps[0] ?? '';
  for (let i = 0; i < words.length; i++) {
    const redacted = indexes.has(i);
    const joinsNext = redacted && indexes.has(i + 1) && /^[\s,;:-]*$/u.test(gaps[i + 1] ?? '');
    if (!redacted) out += words[i];
    else if (!(i > 0 && indexes.has(i - 1) && /^[\s,;:-]*$/u.test(gaps[i] ?? ''))) out += REDACTED_LABEL;
    if (!joinsNext) out += gaps[i + 1] ?? '';
  }
  return out;
}

/**
 * True when `final` is `proposed` with zero or more runs of words each replaced by REDACTED_LABEL
 * (a run may span the gaps between its words). Everything else (an added, changed, reordered or
 * restored word, an edited gap) is false. Memoised over (word index, position): linear in practice.
 */
export function isRedactionOf(proposed: string, final: string): boolean {
  const { gaps, words } = splitWords(proposed);
  const memo = new Set<string>();
  // At gap i (before word i) with `pos` characters of final consumed.
  const fromGap = (i: number, pos: number): boolean => {
    const key = `${i}:${pos}`;
    if (memo.has(key)) return false;
    memo.add(key);
    const gap = gaps[i]!;
    if (!final.startsWith(gap, pos)) return false;
    const at = pos + gap.length;
    if (i === words.length) return at === final.length;
    // The word as it was.
    if (final.startsWith(words[i]!, at) && fromGap(i + 1, at + words[i]!.length)) return true;
    // A label covering words i..j (and the gaps between them).
    if (final.startsWith(REDACTED_LABEL, at)) {
      for (let j = i; j < words.length; j++) {
        if (fromGap(j + 1, at + REDACTED_LABEL.length)) return true;
      }
    }
    return false;
  };
  return fromGap(0, 0);
}
