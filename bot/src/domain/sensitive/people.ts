// People the programme does not know: compromise (an offline English NLP library) supplies the
// lexicon of given names, surnames and honorifics and tags persons in English sentences; German
// and international given names, German honorifics and the cues that introduce a person
// ("Kollegin Yilmaz", "Okafor said") come from lexicons/people.json.
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
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map((w) => escape(w).replace(/ /g, String.raw`\s+`)).join('|');
const CUE_AFTER = new RegExp(String.raw`^[,]?\s+(?:${alternation(data.cuesAfter)})(?![\p{L}])`, 'u');
const CUE_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${alternation(data.cuesBefore)})[,:]?\s+$`, 'iu');

// Whole words only: "DanaWhitfield" is one token, and not a name (a capital inside it).
const TOKEN = /(?<![\p{L}\p{M}\p{N}])(?:\p{Lu}\.(?!\p{L})|[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)/gu;
const isCapitalised = (w: string) => /^\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]+(?:[-]\p{Lu}[\p{Ll}\p{M}]+)?(?:['’]s)?$/u.test(w);
const isGivenName = (w: string) =>
  !ambiguous.has(w) && isCapitalised(w) && (givenNames.has(w.toLowerCase()) || tagsOf(w).some((t) => NAME_TAGS.has(t)));
/** A word the lexicon knows as something other than a name (so "Budget" or "Monday" is not a surname). */
const isKnownWord = (w: string) => {
  const tags = tagsOf(w);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t) || t === 'LastName' || t === 'Person');
};
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
      !previous || /[!?\n:;"“„]/u.test(between) || (between.includes('.') && !isHonorific(previous.text) && !/^\p{Lu}\.?$/u.test(previous.text));
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, sentenceStart });
    lastEnd = m.index + m[0].length;
  }
  return out;
}

/** A capitalised word that may continue a name: not a known common word, not a sentence start. */
const continuesName = (t: Tok | undefined, text: string, after: Tok): t is Tok =>
  !!t && !t.sentenceStart && isCapitalised(t.text) && /^[\s]{1,2}$/u.test(text.slice(after.end, t.start)) && (!isKnownWord(t.text) || tagsOf(t.text).includes('LastName'));

export function findUnknownPeople(text: string, englishNlp = true): Span[] {
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
    if (determined || isKnownWord(t.text) || ambiguous.has(t.text)) continue;
    // An unknown capitalised word introduced as a person: "colleague Okafor", "Okafor said".
    if ((!t.sentenceStart && CUE_BEFORE.test(before)) || CUE_AFTER.test(after)) {
      push(i, i, 'unknownName');
      continue;
    }
    if (englishNlp && !t.sentenceStart && tagsOf(t.text).includes('LastName')) push(i, i, 'unknownName');
  }
  return out;
}

const ENGLISH_HINT = /(?<![\p{L}])(?:the|and|is|was|with|said|she|he|they|we|our|that|for)(?![\p{L}])/giu;
const GERMAN_HINT = /(?<![\p{L}])(?:der|die|das|und|ist|war|mit|sagte|sie|er|wir|unser|dass|für|nicht|ich)(?![\p{L}])/giu;
export function looksEnglish(text: string): boolean {
  return (text.match(ENGLISH_HINT)?.length ?? 0) >= (text.match(GERMAN_HINT)?.length ?? 0);
}

/** A takeaway has a handful of sentences; the cap keeps a pathological 4,000-character text linear. */
const NLP_SENTENCES_PER_SCAN = 12;

/**
 * compromise's tagger on the English sentences that still hold a capitalised word nothing above
 * explained: it reads context ("Okafor and I met", "thanks to Okafor") that the cues miss. The
 * tagger costs ~0.5 ms per sentence, so it only sees the sentences that need it.
 */
export function findPeopleByNlp(text: string, explained: readonly Span[]): Span[] {
  const out: Span[] = [];
  let budget = NLP_SENTENCES_PER_SCAN;
  for (const s of text.matchAll(/[^.!?\n]{1,400}[.!?]?/gu)) {
    if (budget === 0) break;
    const sentence = s[0];
    const offset = s.index;
    const candidates = [...sentence.matchAll(/(?<=[\p{L}\p{N},;]\s+)\p{Lu}[\p{Ll}\p{M}]{2,}/gu)].filter(
      (m) => !isKnownWord(m[0]) && !explained.some((e) => e.start <= offset + m.index && offset + m.index < e.end),
    );
    if (candidates.length === 0 || !looksEnglish(sentence)) continue;
    budget--;
    const people = nlp(sentence).people().json({ offset: true }) as Array<{ offset: { start: number; length: number }; text: string }>;
    for (const p of people) {
      const start = offset + p.offset.start;
      const raw = text.slice(start, start + p.offset.length);
      const trimmed = raw.replace(/[\s.,;:!?'’]+$/u, '').replace(/['’]s$/u, '');
      if (trimmed && /\p{Lu}/u.test(trimmed)) out.push({ start, end: start + trimmed.length, reason: 'unknownName' });
    }
  }
  return out;
}
