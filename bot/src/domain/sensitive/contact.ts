// Contact and identity data beyond plain e-mail and phone: obfuscated e-mail, short local numbers,
// IBAN (ibantools checks the checksum), card numbers (Luhn), US SSN, UK NI number, German tax id
// (ISO 7064 check digit) and street addresses (English and German shapes, UK and German postcodes).
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

export interface Span {
  start: number;
  end: number;
  reason: string;
}

function collect(
  text: string,
  re: RegExp,
  reason: string,
  accept: (m: RegExpMatchArray) => boolean = () => true,
): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re))
    if (m[0].length > 0 && accept(m)) out.push({ start: m.index!, end: m.index! + m[0].length, reason });
  return out;
}

// ---- obfuscated e-mail: "dana at contoso dot com", "dana [at] contoso [dot] de", "dana(at)contoso.com"
const AT = String.raw`(?:\s*[\[({<]\s*(?:at|ät|@)\s*[\])}>]\s*|\s+(?:at|ät)\s+)`;
const DOT = String.raw`(?:\s*[\[({<]\s*(?:dot|punkt|\.)\s*[\])}>]\s*|\s+(?:dot|punkt)\s+|\.)`;
const TLD = '(?:com|org|net|de|uk|co|io|eu|at|ch|fr|nl|be|it|es|us|ca|au|info|biz|app|dev|gov|edu)';
// Bounded repetitions (RFC lengths, at most four labels) keep every start position O(1): linear overall.
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])[\p{L}\p{N}_%+-]{1,64}(?:${DOT}[\p{L}\p{N}_%+-]{1,64}){0,3}${AT}[\p{L}\p{N}-]{1,63}(?:${DOT}[\p{L}\p{N}-]{1,63}){0,3}?${DOT}${TLD}(?![\p{L}\p{N}])`,
  'giu',
);
// "at ... dot" with plain " at " reads like prose ("meet at noon dot com"? rare) – a DOT word or bracket is required.
const isObfuscated = (m: RegExpMatchArray): boolean => /[[({<]|\s(?:dot|punkt)\s/iu.test(m[0]) || /[[({<]/u.test(m[0]);

// ---- short local numbers: "ext. 4711", "Durchwahl 123", "call 555 0132", "Tel. 0 41 11"
const SHORT_NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:ext\.?|extension|dw|durchwahl|nebenstelle|apparat|tel\.?|telefon|phone|mobile|handy|cell|call|ring|dial|anrufen unter|erreichbar unter|unter der)(?:\s*(?:on\s+|at\s+|:\s*)?|[^\d\n.;]{1,40}?\s(?:is|ist|lautet|:)\s+)(\+?\d[\d\s\-/]{1,10}\d|\d{3,})(?!\p{N})`,
  'giu',
);
const SEVEN_DIGIT = /(?<![\p{N}+\-./,]\s?)\d{3}[-\s]\d{4}(?![\p{N}\-./,]|\s\d)/gu;

// ---- IBAN
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/gu;
function findIbans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    // The candidate may run into a following word of capitals/digits; shrink until the checksum holds.
    for (let s = m[0]; s.replace(/ /g, '').length >= 15; s = s.slice(0, -1).trimEnd()) {
      const iban = electronicFormatIBAN(s) ?? '';
      if (isValidIBAN(iban)) {
        out.push({ start: m.index, end: m.index + s.length, reason: 'iban' });
        break;
      }
    }
  }
  return out;
}

// ---- payment cards
const CARD_CANDIDATE = /(?<![\p{N}])\d(?:[ -]?\d){12,18}(?!\p{N})/gu;
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
const isCard = (m: RegExpMatchArray): boolean => {
  const digits = m[0].replace(/\D/g, '');
  return /^[2-6]/.test(digits) && luhnValid(digits) && !/^(\d)\1+$/.test(digits);
};

// ---- national identifiers
const SSN = /(?<![\p{N}-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\p{N}-])/gu;
const UK_NI =
  /(?<![\p{L}\p{N}])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/gu;
const DE_TAX_ID = /(?<![\p{N}])[1-9]\d(?: ?\d{3}){3}(?!\p{N})/gu;
/** Steuerliche Identifikationsnummer: 11 digits, ISO 7064 MOD 11,10 check digit, one digit repeated in the first ten. */
export function germanTaxIdValid(raw: string): boolean {
  const d = raw.replace(/\D/g, '');
  if (d.length !== 11 || d[0] === '0') return false;
  const counts = new Map<string, number>();
  for (const c of d.slice(0, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const repeats = [...counts.values()].filter((n) => n > 1);
  if (repeats.length !== 1 || repeats[0]! > 3) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(d[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(d[10]);
}

// ---- street addresses
const CAP = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*`;
const EN_STREET_TYPE = String.raw`(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|Close|Crescent|Terrace|Parkway|Highway|Hwy|Row|Mews|Gardens|Grove)\.?`;
const EN_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?,?\s+(?:${CAP}\s+){0,3}${EN_STREET_TYPE}(?![\p{L}])(?:,?\s+(?:Apt|Suite|Unit|Flat)\.?\s*\w+)?(?:,\s*${CAP}(?:\s+${CAP})?)?(?:,?\s+(?:[A-Z]{2}\s+\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}))?`,
  'gu',
);
const DE_STREET = String.raw`(?:${CAP}(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad)|(?:${CAP}\s+){1,2}(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee))`;
const DE_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:Am|An der|Auf dem|Im|In der|Zum|Zur)\s+${CAP}|${DE_STREET})\s+\d{1,4}\s?[a-z]?(?![\p{L}\p{N}])(?:,?\s+\d{5}\s+${CAP}(?:\s+(?:am|an der|im)\s+${CAP})?)?`,
  'gu',
);
const POSTCODE_CITY = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:D-)?\d{5}\s+(?:${CAP})(?![\p{L}])`, 'gu');
const UK_POSTCODE = /(?<![\p{L}\p{N}])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/gu;
const PO_BOX = /(?<![\p{L}\p{N}])(?:P\.?\s?O\.?\s?Box|Postfach)\s+\d+/giu;

export function findContactData(text: string): Span[] {
  return [
    ...collect(text, OBFUSCATED_EMAIL, 'obfuscatedEmail', isObfuscated),
    ...[...text.matchAll(SHORT_NUMBER)].map((m) => {
      const start = m.index + m[0].lastIndexOf(m[1]!);
      return { start, end: start + m[1]!.length, reason: 'shortNumber' };
    }),
    ...collect(text, SEVEN_DIGIT, 'shortNumber'),
    ...(/\d{2}/.test(text) ? findIbans(text) : []),
    ...collect(text, CARD_CANDIDATE, 'cardNumber', isCard),
    ...collect(text, SSN, 'nationalId'),
    ...collect(text, UK_NI, 'nationalId'),
    ...collect(text, DE_TAX_ID, 'nationalId', (m) => germanTaxIdValid(m[0])),
    ...[
      ...collect(text, EN_ADDRESS, 'address'),
      ...collect(text, DE_ADDRESS, 'address'),
      ...collect(
        text,
        POSTCODE_CITY,
        'address',
        (m) =>
          !/^\d{5}\s+(?:Euro|EUR|Dollar|USD|Pfund|Mitarbeiter|Nutzer|Kunden|Menschen|Leute|People|Users)/iu.test(m[0]),
      ),
    ].map((a) =>
      // A sentence's full stop is not part of the address; an abbreviation's ("Baker St.") is.
      text[a.end - 1] === '.' && !/(?:St|Rd|Ave|Str|Dr|Ln|Blvd|Ct|Pl|Sq|Hwy)\.$/u.test(text.slice(a.start, a.end))
        ? { ...a, end: a.end - 1 }
        : a,
    ),
    ...collect(text, UK_POSTCODE, 'address'),
    ...collect(text, PO_BOX, 'address'),
  ];
}
