// Money in every common form: symbols and ISO codes before or after ("€95k", "1.2m USD", "95.000 €",
// "1,2 Mio. Euro"), amounts in words ("two million", "zwei Millionen", "half a million dollars"),
// bare magnitudes after a money word ("a budget of 2m", "verdient 80k") and "six-figure".
import type { Span } from './contact';

const SYMBOL = '[$€£¥₹₩₽₺₪₫₱฿₴₦]';
const PREFIX_SYMBOL = String.raw`(?:(?<!\p{L})[a-z]{1,2}(?=\$))?${SYMBOL}`; // US$, C$, A$, R$ ...
const CODE = '(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|NZD|INR|SEK|NOK|DKK|PLN|BRL|MXN|ZAR|SGD|HKD|KRW)';
const CURRENCY_WORD = String.raw`(?:dollars?|bucks|euros?|pounds?(?:\s?sterling)?|quid|yen|yuan|renminbi|rupees?|francs?|franken|pfund|pesos?|kronor|kroner)`;
// Thousands groups are capped at 5 so a long "123 123 123 ..." run costs O(1) per start position.
const NUMBER = String.raw`(?:\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3}(?!\d)){1,5}|\d+)(?:[.,]\d+)?`;
const MAGNITUDE_WORD = String.raw`(?:k|m|mm|mn|b|bn|thousand|million|billion|trillion|mil|grand|tsd\.?|mio\.?|mrd\.?|tausend|millionen|million|milliarden?|billionen)`;
const MAGNITUDE = String.raw`(?:\s?${MAGNITUDE_WORD}(?!\p{L}))?`;
const AMOUNT = String.raw`${NUMBER}${MAGNITUDE}(?:\s?(?:[-–—]|to|bis)\s?(?:${SYMBOL}\s?)?${NUMBER}${MAGNITUDE})?`;
const NUMBER_START = String.raw`(?<!\d)(?<!\d[.,'’])`;
const MONEY_RE = new RegExp(
  [
    `${PREFIX_SYMBOL}\\s?${AMOUNT}`,
    String.raw`(?<![\p{L}\p{N}])${CODE}\s?${AMOUNT}`,
    // A trailing symbol must not be the prefix of the next amount ("0132 $5k").
    String.raw`${NUMBER_START}${AMOUNT}\s?(?:${SYMBOL}(?!\s?\d)|(?:${CODE}|${CURRENCY_WORD})(?!\p{L}))`,
    String.raw`${NUMBER_START}${NUMBER}\s?k${SYMBOL}`,
  ].join('|'),
  'giu',
);

const NUMBER_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|a\s+few|a\s+couple\s+of|half\s+a|a|an|ein|eine|einen|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|vierzig|fünfzig|hundert|mehrere|ein\s+paar|eine\s+halbe|anderthalb|eineinhalb|zweieinhalb)`;
const WORDS_AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${NUMBER_WORD}(?:[\s-]+(?:and\s+|und\s+)?)){1,3}(?:thousand|million|billion|grand|tausend|millionen|million|milliarden|milliarde)(?:\s+(?:${CURRENCY_WORD}|${CODE})|\s?${SYMBOL})?(?!\p{L})`,
  'giu',
);
// German writes amounts in words as one word: "fünftausend Euro", "zweihundertfünfzigtausend €".
const DE_PART =
  '(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|und)';
const GERMAN_WORDS_AMOUNT = new RegExp(
  String.raw`(?<![\p{L}])${DE_PART}{1,6}(?:hundert|tausend)(?:${DE_PART}|hundert|tausend){0,8}\s?(?:euro|dollar|franken|pfund|${CODE}(?!\p{L})|${SYMBOL})`,
  'giu',
);
// "3 million users" and "zwei Millionen Nutzer" count things, not money.
const NOT_MONEY_AFTER =
  /^\s+(?:(?:of\s+)?(?:users|people|customers|employees|downloads|visitors|views|units|lines|rows|requests|records|times|years|miles|km|followers|subscribers|calls|items|devices|installs|members|patients|students|words|pages|tickets|messages|hits|clicks|nutzer\w*|kunden|menschen|leute|mitarbeite\w*|besucher\w*|zeilen|anfragen|downloads|mal|jahre|einwohner\w*|geräte|mitglieder\w*|stück))(?!\p{L})/iu;
const MONEY_CUE =
  /(?<![\p{L}])(?:transfer|transferred|wire|überweisen|überweist|budget|cost|costs|costing|price|priced|worth|valued|valuation|paid|pay|pays|earns|earning|earned|salary|bonus|revenue|profit|loss|losses|deal|offer|offered|raise|fine|fined|invest|invested|investment|spend|spent|savings|saving|kostet|kosten|preis|wert|bewertung|umsatz|gewinn|verlust|verdient|gehalt|bonus|angebot|abfindung|investition|investiert|ausgaben|einsparung\w*|strafe|bußgeld|zahlt|gezahlt|bezahlt)(?:\s+\p{L}+){0,3}\s+(?:of\s+|von\s+|at\s+|auf\s+|um\s+|by\s+|about\s+|around\s+|etwa\s+|rund\s+|über\s+|over\s+|nearly\s+|fast\s+)?$/iu;
const BARE_MAGNITUDE = new RegExp(String.raw`${NUMBER_START}${NUMBER}\s?${MAGNITUDE_WORD}(?!\p{L})`, 'giu');
const FIGURES =
  /(?<![\p{L}])(?:six|seven|eight|five|high\s+six|low\s+six|mid\s+six)[\s-]figures?(?:\s+(?:salary|sum|amount|deal|bonus|package))?|(?:fünf|sechs|sieben|acht)stellig\w*/giu;

export function findMoney(text: string): Span[] {
  const out: Span[] = [];
  const add = (start: number, end: number, reason: string) => out.push({ start, end, reason });
  for (const m of text.matchAll(MONEY_RE)) add(m.index, m.index + m[0].length, 'amount');
  for (const m of text.matchAll(WORDS_AMOUNT)) {
    const trimmed = m[0].replace(/^(?:a|an|ein|eine|einen|einer)\s+(?=(?:a|an|ein|eine)\s)/iu, '');
    if (!NOT_MONEY_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30)))
      add(m.index + m[0].length - trimmed.length, m.index + m[0].length, 'amountInWords');
  }
  for (const m of text.matchAll(BARE_MAGNITUDE)) {
    if (MONEY_CUE.test(text.slice(Math.max(0, m.index - 50), m.index))) add(m.index, m.index + m[0].length, 'amount');
  }
  for (const m of text.matchAll(GERMAN_WORDS_AMOUNT)) add(m.index, m.index + m[0].length, 'amountInWords');
  for (const m of text.matchAll(FIGURES)) add(m.index, m.index + m[0].length, 'amountRange');
  return out;
}
