// Looks up the lexicon data files (lexicons/*.json) word by word: the text is split into words once
// and each word is looked up in maps, so a scan costs the same for 100 entries or 10,000.
// Entry syntax: a word or phrase matched as whole words, case-insensitively, tolerating the usual
// inflections of English and German; "x*" matches words starting with x; "*x" matches compounds
// ending in x (German "Brustkrebs" for "*krebs"); "=X" is case-sensitive (an acronym: "=PIP" is not
// "pip install"); a space or hyphen in an entry matches spaces or hyphens in the text.

export type LexiconFile = { en: Record<string, string[]>; de: Record<string, string[]> };

// English -s/-es/-ed/-ing/'s; German -e/-en/-n/-s/-es/-er/-ern/-em (Krankheiten, Diagnosen, Tumoren).
const INFLECTIONS = ["'s", 's', 'es', 'ed', 'ing', 'e', 'en', 'n', 'er', 'ern', 'em'];

interface Entry {
  kind: string;
  words: string[];
  reason: string;
  prefix: boolean;
  compound: boolean;
  caseSensitive: boolean;
}

export interface Lexicon {
  exact: Map<string, Entry[]>;
  /** By their first three letters. */
  prefixes: Map<string, Entry[]>;
  compounds: Entry[];
}

const normalise = (w: string) => w.replace(/’/gu, "'");

/** One lexicon over several files, each file's entries tagged with its kind. */
export function compileLexicon(files: Record<string, LexiconFile>): Lexicon {
  const lexicon: Lexicon = { exact: new Map(), prefixes: new Map(), compounds: [] };
  const add = (map: Map<string, Entry[]>, key: string, e: Entry) => map.set(key, [...(map.get(key) ?? []), e]);
  for (const [kind, file] of Object.entries(files))
    for (const language of [file.en, file.de]) {
      for (const [reason, entries] of Object.entries(language)) {
        for (const raw of entries) {
          const caseSensitive = raw.startsWith('=');
          const body = raw.replace(/^=/u, '');
          const compound = body.startsWith('*');
          const prefix = body.endsWith('*');
          const text = normalise(body.replace(/^\*|\*$/gu, ''));
          const words = text
            .split(/[\s-]+/u)
            .filter(Boolean)
            .map((w) => (caseSensitive ? w : w.toLowerCase()));
          if (words.length === 0) continue;
          const e: Entry = { kind, words, reason, prefix, compound, caseSensitive };
          if (prefix && words.length === 1) add(lexicon.prefixes, words[0]!.slice(0, 3), e);
          else if (compound && words.length === 1) lexicon.compounds.push(e);
          else add(lexicon.exact, words[0]!, e);
        }
      }
    }
  return lexicon;
}

export interface LexiconMatch {
  kind: string;
  start: number;
  end: number;
  reason: string;
}

const WORD = /[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}]+)*/gu;

/** Does the text word `word` stand for the entry word `base` (itself or an inflection of it)? */
const inflects = (word: string, base: string): boolean =>
  word === base || (word.startsWith(base) && INFLECTIONS.includes(word.slice(base.length)));

function bases(word: string): string[] {
  const out = [word];
  for (const s of INFLECTIONS) if (word.length > s.length + 1 && word.endsWith(s)) out.push(word.slice(0, -s.length));
  return out;
}

export function matchLexicon(lexicon: Lexicon, text: string): LexiconMatch[] {
  const words = [...text.matchAll(WORD)].map((m) => ({
    raw: normalise(m[0]),
    lower: normalise(m[0]).toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const out: LexiconMatch[] = [];
  const joinedBySeparator = (i: number) => /^[\s-]{1,3}$/u.test(text.slice(words[i - 1]!.end, words[i]!.start));
  const wordMatches = (i: number, e: Entry, w: string, last: boolean): boolean => {
    const candidate = e.caseSensitive ? words[i]!.raw : words[i]!.lower;
    if (last && e.prefix) return candidate.startsWith(w);
    return last ? inflects(candidate, w) : candidate === w;
  };
  const tryEntry = (i: number, e: Entry) => {
    const n = e.words.length;
    if (i + n > words.length) return;
    for (let k = 1; k < n; k++)
      if (!joinedBySeparator(i + k) || !wordMatches(i + k, e, e.words[k]!, k === n - 1)) return;
    if (n === 1 && !wordMatches(i, e, e.words[0]!, true)) return;
    out.push({ kind: e.kind, start: words[i]!.start, end: words[i + n - 1]!.end, reason: e.reason });
  };
  for (let i = 0; i < words.length; i++) {
    const { raw, lower } = words[i]!;
    const seen = new Set<Entry>();
    for (const key of new Set([...bases(lower), ...bases(raw)])) {
      for (const e of lexicon.exact.get(key) ?? []) {
        if (seen.has(e)) continue;
        seen.add(e);
        if (e.words.length > 1 && (e.caseSensitive ? raw : lower) !== e.words[0]) continue;
        tryEntry(i, e);
      }
    }
    const here = { start: words[i]!.start, end: words[i]!.end };
    for (const e of lexicon.prefixes.get(lower.slice(0, 3)) ?? []) {
      if (lower.startsWith(e.words[0]!)) out.push({ kind: e.kind, ...here, reason: e.reason });
    }
    for (const e of lexicon.compounds) {
      const at = lower.lastIndexOf(e.words[0]!);
      if (at > 0 && inflects(lower.slice(at), e.words[0]!)) out.push({ kind: e.kind, ...here, reason: e.reason });
    }
  }
  return out;
}
