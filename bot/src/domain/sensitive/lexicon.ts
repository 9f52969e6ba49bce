// Compiles the lexicon data files (lexicons/*.json) into one regular expression per reason.
// Entry syntax: a word or phrase matched as whole words, case-insensitively, tolerating the usual
// inflections of English and German; "x*" matches words starting with x; "*x" matches compounds
// ending in x (German "Brustkrebs" for "*krebs"); "=X" is case-sensitive (an acronym: "=PIP" is not
// "pip install"); a space matches spaces or a hyphen.

export type LexiconFile = { en: Record<string, string[]>; de: Record<string, string[]> };

const WORD_START = String.raw`(?<![\p{L}\p{M}\p{N}_])`;
const WORD_END = String.raw`(?![\p{L}\p{M}\p{N}_])`;
const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
// English -s/-es/-ed/-ing/'s; German -e/-en/-n/-s/-es/-er/-ern/-em (Krankheiten, Diagnosen, Tumoren).
const INFLECTION = String.raw`(?:['’]s|s|es|ed|ing|e|en|n|er|ern|em)?`;

function entryPattern(entry: string): string {
  const body = entry.replace(/^=/, '').replace(/^\*/, '').replace(/\*$/, '');
  const phrase = body.trim().split(/\s+/u).map((w) => escapeRegex(w).replace(/['’]/gu, "['’]")).join(String.raw`[\s\-]{1,3}`);
  const prefix = entry.replace(/^=/, '').startsWith('*') ? String.raw`[\p{L}\p{M}]*` : '';
  const suffix = entry.endsWith('*') ? String.raw`[\p{L}\p{M}\-]*` : INFLECTION;
  return `${prefix}${phrase}${suffix}`;
}

/** One category's lexicon: a regex whose named groups (r0, r1, ...) say which reason matched. */
export interface CompiledLexicon {
  res: RegExp[];
  reasons: string[];
}

/**
 * All reasons of a lexicon in one case-insensitive and one case-sensitive regex over both languages;
 * the lookahead lets the engine skip non-letters cheaply, so a long text costs one pass per regex.
 */
export function compileLexicon(file: LexiconFile): CompiledLexicon {
  const byReason = new Map<string, string[]>();
  for (const language of [file.en, file.de]) {
    for (const [reason, entries] of Object.entries(language)) byReason.set(reason, [...(byReason.get(reason) ?? []), ...entries]);
  }
  const reasons = [...byReason.keys()];
  const build = (keep: (e: string) => boolean, flags: string): RegExp | undefined => {
    const groups = reasons.flatMap((reason, i) => {
      const alternatives = [...new Set(byReason.get(reason)!.filter(keep).map(entryPattern))].sort((a, b) => b.length - a.length);
      return alternatives.length ? [`(?<r${i}>${alternatives.join('|')})`] : [];
    });
    return groups.length ? new RegExp(`(?=[\\p{L}])${WORD_START}(?:${groups.join('|')})${WORD_END}`, flags) : undefined;
  };
  const res = [build((e) => !e.startsWith('='), 'giu'), build((e) => e.startsWith('='), 'gu')].filter((re): re is RegExp => re !== undefined);
  return { res, reasons };
}

/** The reason whose group matched. */
export function reasonOf(lexicon: CompiledLexicon, m: RegExpMatchArray): string {
  for (const [name, value] of Object.entries(m.groups ?? {})) if (value !== undefined) return lexicon.reasons[Number(name.slice(1))] ?? 'topic';
  return 'topic';
}
