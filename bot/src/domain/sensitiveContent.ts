// The scanner that stands between a takeaway and anyone but its author. Six categories, English and
// German: people (known names, plus unknown ones via compromise and the name lexicons), health, HR,
// undisclosed corporate matters (lexicons in sensitive/lexicons/*.json), contact and identity data
// (e-mail, phones in the author's region, IBAN, cards, national ids, addresses) and money.
// Every finding names its category (`kind`) and a short `reason` the tab shows to the author.
import {
  findPhoneNumbersInText,
  isPossiblePhoneNumber,
  isSupportedCountry,
  type CountryCode,
} from 'libphonenumber-js/max';
import { findContactData, type Span } from './sensitive/contact';
import { compileLexicon, matchLexicon, type LexiconFile } from './sensitive/lexicon';
import corporateLexicon from './sensitive/lexicons/corporate.json';
import healthLexicon from './sensitive/lexicons/health.json';
import hrLexicon from './sensitive/lexicons/hr.json';
import { findMoney } from './sensitive/money';
import { labelOf } from './sensitive/labels';
import { findRuleMatches } from './sensitive/rules';
import { findUnknownPeople } from './sensitive/people';

export const FINDING_KINDS = ['person', 'health', 'hr', 'corporate', 'contact', 'money'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** [start, end) are UTF-16 offsets into the scanned text; text === input.slice(start, end). */
export interface Finding {
  /** The category. */
  kind: FindingKind;
  /** Why, in a word the tab turns into a sentence: "condition", "iban", "unknownName", ... */
  reason: string;
  start: number;
  end: number;
  text: string;
}

export interface ScanOptions {
  /** Full names of people known to the programme, e.g. "Dana Whitfield". */
  knownNames?: readonly string[];
  /**
   * Where national phone numbers are read from (ISO 3166 alpha-2, e.g. the author's Teams locale
   * region); numbers with a "+" are found anywhere. Defaults to US.
   */
  regions?: readonly string[];
}

const KIND_ORDER: readonly FindingKind[] = ['contact', 'money', 'person', 'health', 'hr', 'corporate'];

export { labelOf };

// Unicode-aware word boundaries (\b only knows ASCII); \p{M} keeps "Jose" from matching inside a decomposed "José".
const WORD_START = String.raw`(?<![\p{L}\p{M}\p{N}_])`;
const WORD_END = String.raw`(?![\p{L}\p{M}\p{N}_])`;

// Escapes only syntax characters: in /u mode escaping anything else (e.g. "\-") is a SyntaxError.
const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function finding(kind: FindingKind, reason: string, text: string, start: number, end: number): Finding {
  return { kind, reason, start, end, text: text.slice(start, end) };
}

function collect(
  text: string,
  re: RegExp,
  kind: FindingKind,
  reason: string,
  accept: (m: string) => boolean = () => true,
): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0 && accept(m[0])) out.push(finding(kind, reason, text, m.index, m.index + m[0].length));
  }
  return out;
}
const fromSpans = (text: string, kind: FindingKind, spans: readonly Span[]): Finding[] =>
  spans.filter((s) => s.end > s.start).map((s) => finding(kind, s.reason, text, s.start, s.end));

// ---- email ---------------------------------------------------------------------------------

const LOCAL_CHAR = /[\p{L}\p{N}._%+'’-]/u;
// Anchored at the character after "@" (sticky), so each "@" costs one bounded attempt: no quadratic rescans.
const DOMAIN_AFTER_AT = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?!\p{L})/uy;

function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    // Walks left at most to the previous "@" (not a local-part character), so the total walk is linear.
    while (start > 0 && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    while (start < at && /[.'’]/.test(text[start] ?? '')) start++; // a local part does not start with a dot or quote
    if (start === at) continue;
    DOMAIN_AFTER_AT.lastIndex = at + 1;
    const domain = DOMAIN_AFTER_AT.exec(text);
    if (domain) out.push(finding('contact', 'email', text, start, at + 1 + domain[0].length));
  }
  return out;
}

// ---- phone ---------------------------------------------------------------------------------

// The library reads a following count into the number and then rejects it ("(415) 555-0132 10 times"),
// so these common shapes are also matched directly; "+" candidates are confirmed by the library.
const NANP_SHAPE = /(?<![\p{N}+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\p{N})/gu;
const INTERNATIONAL_SHAPE = /(?<!\p{N})\+\d{1,3}(?:[\s.-]{0,2}(?:\(\d{1,5}\)|\d{1,5})){1,6}/gu;
const LAST_GROUP = /[\s.-]*(?:\(\d+\)|\d+)$/u;
const PHONE_WINDOW = /(?<![\p{N}\p{L}])\+?\(?\d[\d\s().\-/]{4,24}\d(?:\s*(?:ext\.?|x|extension|#)\s*\d{1,6})?/giu;
// Only used if the library ever throws: flag digit runs that look like a phone number rather than miss one.
const PHONE_FALLBACK = /(?<!\p{N})\+?\(?\p{N}(?:[\s().\-/]{0,2}\p{N}){6,16}(?!\p{N})/gu;

const PHONE_CUE =
  /(?:phone|mobile|cell|number|call|ring|text|whatsapp|landline|desk|extension|telefon\p{L}*|handy\p{L}*|nummer|durchwahl|festnetz|mobil\p{L}*|erreichbar|anrufen|ruf)\p{L}*[\s:,]+(?:(?:is|on|at|unter|ist|lautet|an)[\s:]+)?\(?$/iu;

/** Longest leading run of digit groups that the library accepts as a possible international number. */
function possibleInternationalPrefix(candidate: string): string | undefined {
  for (let c = candidate; /^\+\d+\D/u.test(c); c = c.replace(LAST_GROUP, '')) {
    const digits = c.replace(/\D/gu, '').length;
    // E.164 allows at most 15 digits and no real number has fewer than 7; skip the (slow) parser outside that.
    if (digits >= 7 && digits <= 15 && isPossiblePhoneNumber(c)) return c;
  }
  return undefined;
}

function findPhones(text: string, regions: readonly CountryCode[]): Finding[] {
  if (!/\d{3}/u.test(text.replace(/[\s().\-/]/gu, ''))) return [];
  const savedLimit = Error.stackTraceLimit;
  // The library builds an Error for every rejected candidate; capturing stacks doubles its run time on digit-heavy text.
  Error.stackTraceLimit = 0;
  try {
    const found: Finding[] = [];
    // The library tokenises all the text it is given, which costs far more than the digits in it:
    // it reads only the digit runs that could hold a number (with an extension after them).
    for (const w of text.matchAll(PHONE_WINDOW)) {
      if ((w[0].match(/\d/gu)?.length ?? 0) < 6) continue;
      const at = (n: { startsAt: number; endsAt: number }) =>
        finding('contact', 'phone', text, w.index + n.startsAt, w.index + n.endsAt);
      // extended = "possible" leniency: also catches numbers in unallocated/fictional ranges (e.g. +44 7700 900123).
      found.push(...findPhoneNumbersInText(w[0], { defaultCountry: 'US', extended: true }).map(at));
      // National formats of the author's region ("030 12345678" in DE, "020 7946 0958" in GB): valid numbers only.
      // After a phone word ("his mobile is", "erreichbar unter") a possible number of the region counts too
      // (fictional and unallocated ranges such as 07700 900xxx in GB).
      const cued = PHONE_CUE.test(text.slice(Math.max(0, w.index - 40), w.index));
      for (const region of regions)
        if (region !== 'US')
          found.push(...findPhoneNumbersInText(w[0], { defaultCountry: region, extended: cued }).map(at));
    }
    for (const m of text.matchAll(INTERNATIONAL_SHAPE)) {
      const prefix = possibleInternationalPrefix(m[0]);
      if (prefix) found.push(finding('contact', 'phone', text, m.index, m.index + prefix.length));
    }
    return [...found, ...collect(text, NANP_SHAPE, 'contact', 'phone')];
  } catch {
    return collect(text, PHONE_FALLBACK, 'contact', 'phone');
  } finally {
    Error.stackTraceLimit = savedLimit;
  }
}

// ---- person --------------------------------------------------------------------------------

const APOSTROPHES = /['’ʼ‘`]/u;
const HYPHENS = /[-‐‑]/u;

/** One name token as a pattern: tolerant of apostrophe/hyphen variants, NFC/NFD and missing accents. */
function tokenPattern(token: string): string {
  const variants = new Set([
    token.normalize('NFC'),
    token.normalize('NFD'),
    token.normalize('NFD').replace(/\p{M}/gu, ''),
  ]);
  const toPattern = (v: string): string =>
    Array.from(v, (ch) => (APOSTROPHES.test(ch) ? "['’ʼ‘`]" : HYPHENS.test(ch) ? '[-‐‑]' : escapeRegex(ch))).join('');
  return `(?:${[...variants].map(toPattern).join('|')})`;
}

function wordRegex(patterns: Iterable<string>, flags: string, suffix = ''): RegExp | undefined {
  const alternatives = [...patterns].sort((a, b) => b.length - a.length); // longest first so phrases beat their prefixes
  if (alternatives.length === 0) return undefined; // an empty alternation would match the empty string everywhere
  return new RegExp(`${WORD_START}(?:${alternatives.join('|')})${suffix}${WORD_END}`, flags);
}

const letterCount = (s: string): number => (s.match(/\p{L}/gu) ?? []).length;
const isCapitalised = (s: string): boolean => /^[\p{Lu}\p{Lt}]/u.test(s);

function findPeople(text: string, knownNames: readonly unknown[]): Finding[] {
  const fullNames = new Set<string>();
  const singleTokens = new Set<string>();
  for (const name of knownNames) {
    if (typeof name !== 'string') continue;
    const tokens = name.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)); // drop empty/punctuation-only tokens
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (first === undefined || last === undefined) continue;
    if (tokens.length > 1) fullNames.add(tokens.map(tokenPattern).join(String.raw`\s{1,3}`));
    for (const token of new Set([first, last])) {
      // A one-word name is its own "full name", but still needs a capital so that e.g. "Will" does not flag "will".
      if (tokens.length === 1 || letterCount(token) >= 3) singleTokens.add(tokenPattern(token));
    }
  }
  const fullRe = wordRegex(fullNames, 'giu');
  const singleRe = wordRegex(singleTokens, 'giu');
  return [
    ...(fullRe ? collect(text, fullRe, 'person', 'knownName') : []),
    ...(singleRe ? collect(text, singleRe, 'person', 'knownName', isCapitalised) : []),
  ];
}

// ---- health, HR, undisclosed corporate matters ---------------------------------------------

const TOPICS = compileLexicon({
  health: healthLexicon as LexiconFile,
  hr: hrLexicon as LexiconFile,
  corporate: corporateLexicon as LexiconFile,
});

// Two findings of one topic with at most one short word between them are one finding
// ("recovering from" + "a hip replacement"), so the author sees, and redaction hides, the phrase.
const JOINABLE_GAP = /^[\s,]*(?:[\p{L}]{1,4}\s+)?$/u;

function findTopics(text: string): Finding[] {
  const matches = [...matchLexicon(TOPICS, text), ...findRuleMatches(text)].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const joined: typeof matches = [];
  for (const m of matches) {
    const last = joined.findLast((j) => j.kind === m.kind);
    if (
      last &&
      m.start >= last.start &&
      m.start - last.end <= 8 &&
      (m.start <= last.end || JOINABLE_GAP.test(text.slice(last.end, m.start)))
    ) {
      last.end = Math.max(last.end, m.end);
    } else {
      joined.push({ ...m });
    }
  }
  return joined.map((m) => finding(m.kind as FindingKind, m.reason, text, m.start, m.end));
}

// ---- public API ----------------------------------------------------------------------------

/** True when a should win over b: longer span first, then the earlier kind. */
function beats(a: Finding, b: Finding): boolean {
  const lengthDiff = a.end - a.start - (b.end - b.start);
  return lengthDiff !== 0 ? lengthDiff > 0 : KIND_ORDER.indexOf(a.kind) < KIND_ORDER.indexOf(b.kind);
}

/**
 * Merges overlapping candidates: the longest (ties: earliest kind) decides the kind, and the span
 * grows to cover everything it overlapped so no partially-overlapping detection is left exposed.
 */
function resolveOverlaps(text: string, candidates: Finding[]): Finding[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  let best: Finding | undefined;
  let start = 0;
  let end = 0;
  const flush = (): void => {
    if (best)
      out.push(best.start === start && best.end === end ? best : finding(best.kind, best.reason, text, start, end));
  };
  for (const c of candidates) {
    if (best && c.start < end) {
      end = Math.max(end, c.end);
      if (beats(c, best)) best = c;
    } else {
      flush();
      ({ start, end } = c);
      best = c;
    }
  }
  flush();
  return out;
}

const structuredFindings = (text: string, regions: readonly CountryCode[]): Finding[] => [
  ...findEmails(text),
  ...findPhones(text, regions),
  ...fromSpans(text, 'contact', findContactData(text)),
  ...fromSpans(text, 'money', findMoney(text)),
];

/**
 * Finds email/phone/money that only become detectable once `findings` are redacted (the phone parser
 * reads "+44 20 7946 0958 56€" as one over-long number), mapped back to offsets in `text`.
 */
function revealedByRedaction(text: string, findings: readonly Finding[], regions: readonly CountryCode[]): Finding[] {
  const hits = structuredFindings(redactSensitiveContent(text, findings), regions);
  if (hits.length === 0) return [];
  const labelStart: number[] = [];
  const labelEnd: number[] = [];
  let shift = 0;
  for (const f of findings) {
    labelStart.push(f.start + shift);
    shift += labelOf(f).length - (f.end - f.start);
    labelEnd.push(f.end + shift);
  }
  // A position inside a label maps to the edge of the original span it replaced, so the label's text is covered.
  const toOriginal = (pos: number, isEnd: boolean): number => {
    let lo = 0;
    let hi = findings.length - 1;
    let i = -1; // last label starting before pos
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (isEnd ? labelStart[mid]! < pos : labelStart[mid]! <= pos) {
        i = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const f = findings[i];
    if (f === undefined) return pos;
    return pos < labelEnd[i]! ? (isEnd ? f.end : f.start) : pos - labelEnd[i]! + f.end;
  };
  return hits.map((h) => finding(h.kind, h.reason, text, toOriginal(h.start, false), toOriginal(h.end, true)));
}

const MAX_RESCANS = 3;

function regionsOf(regions: unknown): CountryCode[] {
  const list = Array.isArray(regions) ? regions : [];
  const valid = list
    .filter((r): r is CountryCode => typeof r === 'string' && isSupportedCountry(r.toUpperCase()))
    .map((r) => r.toUpperCase() as CountryCode);
  return [...new Set(valid)];
}

/** The phone region of a BCP 47 locale ("de-DE" → DE, "en-gb" → GB); undefined without a region. */
export function regionOfLocale(locale: string | undefined): string | undefined {
  const region = locale?.split(/[-_]/u)[1]?.toUpperCase();
  return region && isSupportedCountry(region) ? region : undefined;
}

/** The regions of an Accept-Language header ("en-GB,en;q=0.9,de-DE;q=0.8" → GB, DE), at most three. */
export function regionsOfAcceptLanguage(header: string | undefined): string[] {
  const tags = (header ?? '').split(',').map((part) => part.split(';')[0]?.trim());
  return [...new Set(tags.map((t) => regionOfLocale(t)).filter((r): r is string => r !== undefined))].slice(0, 3);
}

export function findSensitiveContent(text: string, options?: ScanOptions): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const knownNames = Array.isArray(options?.knownNames) ? options.knownNames : [];
  const regions = regionsOf(options?.regions);
  const structured = structuredFindings(text, regions);
  const people = [...findPeople(text, knownNames), ...fromSpans(text, 'person', findUnknownPeople(text))];
  let findings = resolveOverlaps(text, [...structured, ...people, ...findTopics(text)]);
  // The programme copy is the redacted text, so it must not contain anything detectable either.
  // Redaction only changes what the structured matchers see next to a finding that touches a digit,
  // symbol or word character ("$1,200EUR2026", "0958 56€"); otherwise the rescan cannot find anything new.
  const touches = (f: Finding) =>
    /[\p{L}\p{N}$€£¥+@.(]/u.test(text[f.start - 1] ?? '') ||
    /[\p{L}\p{N}$€£¥@.)]/u.test(text[f.end] ?? '') ||
    /\d\s?$/u.test(text.slice(Math.max(0, f.start - 2), f.start)) ||
    /^\s?[\d$€£¥]/u.test(text.slice(f.end, f.end + 2));
  for (let pass = 0; pass < MAX_RESCANS && findings.some(touches); pass++) {
    const revealed = revealedByRedaction(text, findings, regions);
    if (revealed.length === 0) break;
    findings = resolveOverlaps(text, [...findings, ...revealed]);
  }
  return findings;
}

export function redactSensitiveContent(text: string, findings: readonly Finding[]): string {
  // Tolerates unsorted, overlapping or out-of-range spans; rounds outwards so nothing is half-redacted.
  const clamp = (n: number, round: (x: number) => number): number => Math.min(Math.max(round(n) || 0, 0), text.length);
  const spans = (findings ?? [])
    .map((f) => ({ kind: f.kind, reason: f.reason, start: clamp(f.start, Math.floor), end: clamp(f.end, Math.ceil) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    const start = Math.max(s.start, cursor);
    if (s.end <= start) continue; // already covered by an earlier span
    out += text.slice(cursor, start) + labelOf(s);
    cursor = s.end;
  }
  return out + text.slice(cursor);
}
