import { findPhoneNumbersInText } from 'libphonenumber-js/max';

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
  'health', 'medical', 'diagnosis', 'diagnoses', 'illness', 'pregnancy', 'pregnancies', 'pregnant',
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
const DOMAIN_AFTER_AT = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?![\p{L}\p{N}])/uy;

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

// Only used if the library ever throws: flag digit runs that look like a phone number rather than miss one.
const PHONE_FALLBACK = /(?<!\p{N})\+?\(?\p{N}(?:[\s().\-/]{0,2}\p{N}){6,16}(?!\p{N})/gu;

function findPhones(text: string): Finding[] {
  const savedLimit = Error.stackTraceLimit;
  // The library builds an Error for every rejected candidate; capturing stacks doubles its run time on digit-heavy text.
  Error.stackTraceLimit = 0;
  try {
    // extended = "possible" leniency: also catches numbers in unallocated/fictional ranges (e.g. +44 7700 900123).
    return findPhoneNumbersInText(text, { defaultCountry: 'US', extended: true }).map((n) =>
      finding('phone', text, n.startsAt, n.endsAt),
    );
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
    String.raw`${NUMBER_START}${AMOUNT}\s?(?:${SYMBOL}|(?:${CODE}|${CURRENCY_WORD})(?!\p{L}))`,
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
    const tokens = name.trim().split(/\s+/u).filter((t) => t.length > 0);
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

export function findSensitiveContent(text: string, options?: ScanOptions): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const knownNames = Array.isArray(options?.knownNames) ? options.knownNames : [];
  return resolveOverlaps(text, [
    ...findEmails(text),
    ...findPhones(text),
    ...collect(text, MONEY_RE, 'money'),
    ...findPeople(text, knownNames),
    ...TOPIC_RES.flatMap((re) => collect(text, re, 'sensitiveTopic')),
  ]);
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
