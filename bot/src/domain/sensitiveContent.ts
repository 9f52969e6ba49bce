import { findPhoneNumbersInText, isPossiblePhoneNumber } from 'libphonenumber-js/max';

export type FindingKind = 'email' | 'phone' | 'money' | 'person' | 'sensitiveTopic';

/** [start, end) are UTF-16 offsets into the scanned text; text === input.slice(start, end). */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
}

export interface ScanOptions {
  /** Full names of people known to the programme, e.g. "Dana Whitfield". */
  knownNames?: readonly string[];
}

/**
 * Words and phrases that mark a takeaway as touching a sensitive topic.
 * Matched case-insensitively as whole words, with an optional plural "s"/"es";
 * an all-uppercase entry (an acronym such as PIP) is matched case-sensitively only.
 * Irregular forms are listed explicitly. "raise" appears only in phrases so the verb is not flagged.
 */
export const SENSITIVE_TOPIC_WORDS: readonly string[] = Object.freeze([
  'health', 'healthcare', 'medical', 'diagnosis', 'diagnoses', 'illness', 'pregnancy', 'pregnancies', 'pregnant',
  'mental health', 'therapy', 'therapies',
  'salary', 'salaries', 'compensation', 'bonus', 'pay rise', 'pay raise', 'salary raise',
  'performance review', 'performance improvement plan', 'PIP',
  'layoff', 'lay off', 'lays off', 'laying off', 'laid off', 'redundancy', 'redundancies', 'restructuring',
  'termination', 'fired', 'disciplinary', 'grievance', 'lawsuit', 'divorce', 'divorced',
  'religion', 'sexual orientation', 'disability', 'disabilities', 'union',
]);

const KIND_ORDER: readonly FindingKind[] = ['email', 'phone', 'money', 'person', 'sensitiveTopic'];

const LABELS: Readonly<Record<FindingKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  money: '[amount]',
  person: '[name]',
  sensitiveTopic: '[sensitive topic]',
};

// Unicode-aware word boundaries (\b only knows ASCII); \p{M} keeps "Jose" from matching inside a decomposed "José".
const WORD_START = String.raw`(?<![\p{L}\p{M}\p{N}_])`;
const WORD_END = String.raw`(?![\p{L}\p{M}\p{N}_])`;

// Escapes only syntax characters: in /u mode escaping anything else (e.g. "\-") is a SyntaxError.
const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function finding(kind: FindingKind, text: string, start: number, end: number): Finding {
  return { kind, start, end, text: text.slice(start, end) };
}

function collect(text: string, re: RegExp, kind: FindingKind, accept: (m: string) => boolean = () => true): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0 && accept(m[0])) out.push(finding(kind, text, m.index, m.index + m[0].length));
  }
  return out;
}

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
    if (domain) out.push(finding('email', text, start, at + 1 + domain[0].length));
  }
  return out;
}

// ---- phone ---------------------------------------------------------------------------------

// The library reads a following count into the number and then rejects it ("(415) 555-0132 10 times"),
// so these common shapes are also matched directly; "+" candidates are confirmed by the library.
const NANP_SHAPE = /(?<![\p{N}+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\p{N})/gu;
const INTERNATIONAL_SHAPE = /(?<!\p{N})\+\d{1,3}(?:[\s.-]{0,2}(?:\(\d{1,5}\)|\d{1,5})){1,6}/gu;
const LAST_GROUP = /[\s.-]*(?:\(\d+\)|\d+)$/u;
// Only used if the library ever throws: flag digit runs that look like a phone number rather than miss one.
const PHONE_FALLBACK = /(?<!\p{N})\+?\(?\p{N}(?:[\s().\-/]{0,2}\p{N}){6,16}(?!\p{N})/gu;

/** Longest leading run of digit groups that the library accepts as a possible international number. */
function possibleInternationalPrefix(candidate: string): string | undefined {
  for (let c = candidate; /^\+\d+\D/u.test(c); c = c.replace(LAST_GROUP, '')) {
    const digits = c.replace(/\D/gu, '').length;
    // E.164 allows at most 15 digits and no real number has fewer than 7; skip the (slow) parser outside that.
    if (digits >= 7 && digits <= 15 && isPossiblePhoneNumber(c)) return c;
  }
  return undefined;
}

function findPhones(text: string): Finding[] {
  const savedLimit = Error.stackTraceLimit;
  // The library builds an Error for every rejected candidate; capturing stacks doubles its run time on digit-heavy text.
  Error.stackTraceLimit = 0;
  try {
    // extended = "possible" leniency: also catches numbers in unallocated/fictional ranges (e.g. +44 7700 900123).
    const found = findPhoneNumbersInText(text, { defaultCountry: 'US', extended: true }).map((n) =>
      finding('phone', text, n.startsAt, n.endsAt),
    );
    for (const m of text.matchAll(INTERNATIONAL_SHAPE)) {
      const prefix = possibleInternationalPrefix(m[0]);
      if (prefix) found.push(finding('phone', text, m.index, m.index + prefix.length));
    }
    return [...found, ...collect(text, NANP_SHAPE, 'phone')];
  } catch {
    return collect(text, PHONE_FALLBACK, 'phone');
  } finally {
    Error.stackTraceLimit = savedLimit;
  }
}

// ---- money ---------------------------------------------------------------------------------

const SYMBOL = '[$€£¥₹₩₽₺₪₫₱฿₴₦]';
const PREFIX_SYMBOL = String.raw`(?:(?<!\p{L})[a-z]{1,2}(?=\$))?${SYMBOL}`; // US$, C$, A$, R$ ...
const CODE = '(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|NZD|INR|SEK|NOK|DKK|PLN|BRL|MXN|ZAR|SGD|HKD|KRW)';
const CURRENCY_WORD = String.raw`(?:dollars?|bucks|euros?|pounds?(?:\s?sterling)?|quid|yen|yuan|renminbi|rupees?|francs?|pesos?|kronor|kroner)`;
// Thousands groups are capped at 5 so a long "123 123 123 ..." run costs O(1) per start position.
const NUMBER = String.raw`(?:\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3}(?!\d)){1,5}|\d+)(?:[.,]\d+)?`;
const MAGNITUDE = String.raw`(?:\s?(?:k|m|mm|mn|b|bn|thousand|million|billion|trillion|mil)(?!\p{L}))?`;
const AMOUNT = String.raw`${NUMBER}${MAGNITUDE}(?:\s?(?:[-–—]|to)\s?(?:${SYMBOL}\s?)?${NUMBER}${MAGNITUDE})?`;
// A suffixed amount may only start where a number starts; otherwise every digit of a long run would be retried.
const NUMBER_START = String.raw`(?<!\d)(?<!\d[.,'’])`;
const MONEY_RE = new RegExp(
  [
    `${PREFIX_SYMBOL}\\s?${AMOUNT}`,
    String.raw`(?<![\p{L}\p{N}])${CODE}\s?${AMOUNT}`,
    // A trailing symbol must not be the prefix of the next amount ("0132 $5k").
    String.raw`${NUMBER_START}${AMOUNT}\s?(?:${SYMBOL}(?!\s?\d)|(?:${CODE}|${CURRENCY_WORD})(?!\p{L}))`,
  ].join('|'),
  'giu',
);

// ---- person --------------------------------------------------------------------------------

const APOSTROPHES = /['’ʼ‘`]/u;
const HYPHENS = /[-‐‑]/u;

/** One name token as a pattern: tolerant of apostrophe/hyphen variants, NFC/NFD and missing accents. */
function tokenPattern(token: string): string {
  const variants = new Set([token.normalize('NFC'), token.normalize('NFD'), token.normalize('NFD').replace(/\p{M}/gu, '')]);
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
    ...(fullRe ? collect(text, fullRe, 'person') : []),
    ...(singleRe ? collect(text, singleRe, 'person', isCapitalised) : []),
  ];
}

// ---- sensitive topics ----------------------------------------------------------------------

function topicRegex(words: readonly string[], flags: string): RegExp | undefined {
  const phrases = words.map((w) => w.trim().split(/\s+/u).map(escapeRegex).join(String.raw`[\s-]{1,3}`));
  return wordRegex(phrases, flags, '(?:e?s)?'); // tolerate a plural ending
}

const isAcronym = (w: string): boolean => w === w.toUpperCase() && w !== w.toLowerCase();
const TOPIC_RES = [
  topicRegex(SENSITIVE_TOPIC_WORDS.filter((w) => !isAcronym(w)), 'giu'),
  topicRegex(SENSITIVE_TOPIC_WORDS.filter(isAcronym), 'gu'), // PIP yes, "pip install" no
].filter((re): re is RegExp => re !== undefined);

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
    if (best) out.push(best.start === start && best.end === end ? best : finding(best.kind, text, start, end));
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

const structuredFindings = (text: string): Finding[] => [
  ...findEmails(text),
  ...findPhones(text),
  ...collect(text, MONEY_RE, 'money'),
];

/**
 * Finds email/phone/money that only become detectable once `findings` are redacted (the phone parser
 * reads "+44 20 7946 0958 56€" as one over-long number), mapped back to offsets in `text`.
 */
function revealedByRedaction(text: string, findings: readonly Finding[]): Finding[] {
  const hits = structuredFindings(redactSensitiveContent(text, findings));
  if (hits.length === 0) return [];
  const labelStart: number[] = [];
  const labelEnd: number[] = [];
  let shift = 0;
  for (const f of findings) {
    labelStart.push(f.start + shift);
    shift += LABELS[f.kind].length - (f.end - f.start);
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
  return hits.map((h) => finding(h.kind, text, toOriginal(h.start, false), toOriginal(h.end, true)));
}

const MAX_RESCANS = 3;

export function findSensitiveContent(text: string, options?: ScanOptions): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const knownNames = Array.isArray(options?.knownNames) ? options.knownNames : [];
  let findings = resolveOverlaps(text, [
    ...structuredFindings(text),
    ...findPeople(text, knownNames),
    ...TOPIC_RES.flatMap((re) => collect(text, re, 'sensitiveTopic')),
  ]);
  // The programme copy is the redacted text, so it must not contain anything detectable either.
  for (let pass = 0; pass < MAX_RESCANS && findings.length > 0; pass++) {
    const revealed = revealedByRedaction(text, findings);
    if (revealed.length === 0) break;
    findings = resolveOverlaps(text, [...findings, ...revealed]);
  }
  return findings;
}

export function redactSensitiveContent(text: string, findings: readonly Finding[]): string {
  // Tolerates unsorted, overlapping or out-of-range spans; rounds outwards so nothing is half-redacted.
  const clamp = (n: number, round: (x: number) => number): number => Math.min(Math.max(round(n) || 0, 0), text.length);
  const spans = (findings ?? [])
    .map((f) => ({ kind: f.kind, start: clamp(f.start, Math.floor), end: clamp(f.end, Math.ceil) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    const start = Math.max(s.start, cursor);
    if (s.end <= start) continue; // already covered by an earlier span
    out += text.slice(cursor, start) + (LABELS[s.kind] ?? '[redacted]');
    cursor = s.end;
  }
  return out + text.slice(cursor);
}
