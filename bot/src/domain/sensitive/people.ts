// People the programme does not know. compromise (an offline NLP library) supplies its lexicon:
// ~3,200 given names, ~900 surnames, honorifics, and ~20,000 common words that rule a capitalised
// word out as a name. German and international given names, German honorifics and the cues that
// introduce a person ("Kollegin Yilmaz", "Okafor said") come from lexicons/people.json.
// compromise's sentence tagger (nlp(text).people()) was measured too: on the corpus it found no
// person these rules missed and cost ~4 ms per 1,000 characters, so it is not in the scan.
import nlp from 'compromise';
import data from './lexicons/people.json';
import type { Span } from './contact';

type Tagged = Record<string, string | string[]>;
const LEXICON = (nlp.model() as { one: { lexicon: Tagged } }).one.lexicon;
const tagsOf = (word: string): string[] => [LEXICON[word.toLowerCase()] ?? []].flat();
const NAME_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName']);

const ambiguous = new Set(data.ambiguousGivenNames);
const givenNames = new Set(data.givenNames.map((n) => n.toLowerCase()));
const honorifics = new Set([...data.honorifics.en, ...data.honorifics.de]);
const determiners = new Set(data.determiners);
const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => escape(w).replace(/ /g, String.raw`\s+`))
    .join('|');
const CUE_AFTER = new RegExp(String.raw`^[,]?\s+(?:${alternation(data.cuesAfter)})(?![\p{L}])`, 'u');
const CUE_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alternation(data.cuesBefore)})[,:]?\s+$`, 'iu');

// Whole words only: "DanaWhitfield" is one token, and not a name (a capital inside it).
const TOKEN = /(?<![\p{L}\p{M}\p{N}])(?:\p{Lu}\.(?!\p{L})|[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)/gu;
const isCapitalised = (w: string) =>
  /^\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]+(?:[-]\p{Lu}[\p{Ll}\p{M}]+)?(?:['’]s)?$/u.test(w);
const isGivenName = (w: string) =>
  !ambiguous.has(w) && isCapitalised(w) && (givenNames.has(w.toLowerCase()) || tagsOf(w).some((t) => NAME_TAGS.has(t)));
/** A word the lexicon knows as something other than a name (so "Budget" or "Monday" is not a surname). */
const isKnownWord = (w: string) => {
  const tags = tagsOf(w);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t) || t === 'LastName' || t === 'Person');
};
// German nouns are capitalised like names; these endings make a word a noun, not a surname.
const GERMAN_NOUN =
  /(?:ung|heit|keit|schaft|tät|tion|nis|tum|chen|lein|ismus|ment|enz|anz|ur|ik|ie|ei|gang|amt|rat|zahlen|abbau|warnung)(?:en|s)?$/u;
const isHonorific = (w: string) => honorifics.has(w.replace(/\.$/, ''));

interface Tok {
  text: string;
  start: number;
  end: number;
  sentenceStart: boolean;
}

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let lastEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const between = text.slice(lastEnd, m.index);
    const previous = out[out.length - 1];
    // A sentence starts after . ! ? or a line break, unless the "." belongs to an honorific ("Dr.").
    const sentenceStart =
      !previous ||
      /[!?\n:;"“„]/u.test(between) ||
      (between.includes('.') && !isHonorific(previous.text) && !/^\p{Lu}\.?$/u.test(previous.text));
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, sentenceStart });
    lastEnd = m.index + m[0].length;
  }
  return out;
}

/** A capitalised word that may continue a name: not a known common word, not a sentence start. */
const continuesName = (t: Tok | undefined, text: string, after: Tok): t is Tok =>
  !!t &&
  !t.sentenceStart &&
  isCapitalised(t.text) &&
  /^[\s]{1,2}$/u.test(text.slice(after.end, t.start)) &&
  (!isKnownWord(t.text) || tagsOf(t.text).includes('LastName'));

export function findUnknownPeople(text: string): Span[] {
  const toks = tokenize(text);
  const out: Span[] = [];
  const seen = new Set<number>();
  const push = (from: number, to: number, reason: string) => {
    let end = to;
    while (continuesName(toks[end + 1], text, toks[end]!)) end++;
    for (let i = from; i <= end; i++) seen.add(i);
    out.push({ start: toks[from]!.start, end: toks[end]!.end, reason });
  };
  for (let i = 0; i < toks.length; i++) {
    if (seen.has(i)) continue;
    const t = toks[i]!;
    const next = toks[i + 1];
    // Honorific + capitalised name: "Mr Okafor", "Frau Dr. Weber", "Herrn Yilmaz".
    if (isHonorific(t.text) && isCapitalised(t.text)) {
      let j = i + 1;
      while (toks[j] && isHonorific(toks[j]!.text)) j++;
      const name = toks[j];
      if (name && isCapitalised(name.text) && !isHonorific(name.text) && j - i <= 3) {
        push(i, j, 'titledName');
        i = j;
      }
      continue;
    }
    if (isGivenName(t.text)) {
      push(i, i, 'givenName');
      continue;
    }
    if (!isCapitalised(t.text)) continue;
    const before = text.slice(Math.max(0, t.start - 40), t.start);
    const after = text.slice(t.end, t.end + 30);
    const previous = toks[i - 1];
    const determined = previous !== undefined && determiners.has(previous.text.toLowerCase());
    // An ambiguous given name ("Will", "Grace") counts before a surname.
    if (ambiguous.has(t.text) && next && continuesName(next, text, t) && !isKnownWord(next.text)) {
      push(i, i + 1, 'givenName');
      continue;
    }
    if (determined || isKnownWord(t.text) || ambiguous.has(t.text) || GERMAN_NOUN.test(t.text)) continue;
    // An unknown capitalised word introduced as a person: "colleague Okafor", "Okafor said".
    if ((!t.sentenceStart && CUE_BEFORE.test(before)) || CUE_AFTER.test(after)) {
      push(i, i, 'unknownName');
      continue;
    }
    if (!t.sentenceStart && tagsOf(t.text).includes('LastName')) push(i, i, 'unknownName');
  }
  return out;
}
