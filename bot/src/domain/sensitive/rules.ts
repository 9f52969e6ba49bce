// Patterns the word lexicons cannot express: an event word a few words away from what it happens
// to ("the site in Leeds will be closed", "15 roles will go", "Verkauf der Tochter in Polen"),
// English and German. Every gap is a bounded run of words, so a scan stays linear in the text.
import type { LexiconMatch } from './lexicon';

const GAP = (max: number) => String.raw`(?:\s+[^\s.;:!?]{1,30}){0,${max}}?`;
const NUM = String.raw`(?:\d+|a\s+few|several|dozens?\s+of|hundreds\s+of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|ein\s+paar|mehrere|dutzende|hunderte|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|hundert)`;
const STAFF_EN = String.raw`(?:people|roles|jobs|positions|posts|staff|employees|heads|FTEs?|engineers|colleagues|workers)`;
const STAFF_DE = String.raw`(?:Stellen|Arbeitsplätze|Jobs|Mitarbeiter\p{L}*|Beschäftigte\p{L}*|Vollzeitstellen|Kollegen|Kolleginnen|Leute)`;
const SITE_EN = String.raw`(?:site|plant|factory|warehouse|depot|store|branch|mill|facility|office\s+in\s+\p{L}+)`;
const SITE_DE = String.raw`(?:Werk|Standort|Filiale|Fabrik|Niederlassung|Lager|Betrieb|Produktion)\p{L}*`;
const UNIT_EN = String.raw`(?:business|division|unit|arm|subsidiary|stake|plant|brand|operations|company)`;
const UNIT_DE = String.raw`(?:Sparte|Tochter\p{L}*|Geschäftsbereich\p{L}*|Werk\p{L}*|Standort\p{L}*|Beteiligung\p{L}*|Division|Geschäft|Firma|Unternehmen)`;
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;

const RULES: { kind: 'hr' | 'corporate'; reason: string; re: RegExp }[] = [
  // Workforce reductions with a number: "cut 40 jobs", "losing fifteen people", "20 roles will go".
  {
    kind: 'hr',
    reason: 'redundancy',
    re: new RegExp(
      String.raw`${B}(?:cut|cuts|cutting|los(?:e|es|ing)|lay(?:ing)?\s+off|shed(?:ding)?|eliminat\p{L}*|reduc\p{L}*|slash\p{L}*|axe|axing)${GAP(4)}\s+${NUM}\s+${STAFF_EN}${E}`,
      'giu',
    ),
  },
  {
    kind: 'hr',
    reason: 'redundancy',
    re: new RegExp(
      String.raw`${B}${NUM}\s+${STAFF_EN}${GAP(3)}\s+(?:will\s+go|are\s+going|to\s+go|at\s+risk|(?:will\s+be\s+|to\s+be\s+|being\s+)?(?:cut|eliminated|laid\s+off|made\s+redundant|axed))${E}`,
      'giu',
    ),
  },
  {
    kind: 'hr',
    reason: 'redundancy',
    re: new RegExp(
      String.raw`${B}${NUM}\s+${STAFF_DE}${GAP(4)}\s+(?:wegfallen|fallen\s+weg|entfallen|abgebaut|gestrichen|streichen|abbauen|gekündigt)${E}`,
      'giu',
    ),
  },
  {
    kind: 'hr',
    reason: 'redundancy',
    re: new RegExp(
      String.raw`${B}(?:streich\p{L}*|bau(?:t|en)\s+ab|abbauen|kürz\p{L}*)${GAP(3)}\s+${NUM}\s+${STAFF_DE}${E}`,
      'giu',
    ),
  },
  // Site closures: "the site in Leeds will be closed", "das Werk in Augsburg wird nächstes Jahr geschlossen".
  {
    kind: 'corporate',
    reason: 'closure',
    re: new RegExp(
      String.raw`${B}${SITE_EN}${GAP(5)}\s+(?:will\s+be|is\s+being|are\s+being|to\s+be|gets?|getting|be)\s+(?:\p{L}+\s+)?(?:closed|shut(?:\s+down)?|mothballed|sold|wound\s+down)${E}`,
      'giu',
    ),
  },
  {
    kind: 'corporate',
    reason: 'closure',
    re: new RegExp(
      String.raw`${B}(?:clos(?:e|es|ing)|shut(?:ting)?\s+down|shut(?:ting)?)\s+(?:the|our|a|two|three|several)\s+(?:\p{L}+\s+){0,2}?${SITE_EN}s?${E}`,
      'giu',
    ),
  },
  {
    kind: 'corporate',
    reason: 'closure',
    re: new RegExp(
      String.raw`${B}${SITE_DE}${GAP(5)}\s+(?:wird|werden|soll|sollen)${GAP(4)}\s+(?:geschlossen|dichtgemacht|stillgelegt|verkauft|aufgegeben|abgewickelt)${E}`,
      'giu',
    ),
  },
  // Sales and purchases: "the sale of the payments business", "in talks to buy", "Verkauf der Tochter in Polen".
  {
    kind: 'corporate',
    reason: 'dealMaking',
    re: new RegExp(
      String.raw`${B}(?:sale|sell|selling|sold|divest\p{L}*|dispos(?:e|al)\s+of|offload\p{L}*)${GAP(4)}\s+${UNIT_EN}${E}`,
      'giu',
    ),
  },
  {
    kind: 'corporate',
    reason: 'dealMaking',
    re: new RegExp(
      String.raw`${B}(?:in\s+talks|talks|negotiat\p{L}*|plans?|planning|deal|bid|offer|agreed|about|preparing|looking)\s+to\s+(?:buy|acquire|sell|merge|take\s+over|buy\s+out|float)${E}`,
      'giu',
    ),
  },
  // Buying a named company: "acquire Northwind", "merging with Contoso" (not "acquired new skills").
  {
    kind: 'corporate',
    reason: 'dealMaking',
    re: new RegExp(
      String.raw`${B}(?:acquir(?:e|es|ed|ing)|merg(?:e|es|ed|ing)\s+with|buy(?:ing)?\s+out)\s+(?:the\s+)?\p{Lu}\p{L}+`,
      'gu',
    ),
  },
  {
    kind: 'corporate',
    reason: 'dealMaking',
    re: new RegExp(
      String.raw`${B}(?:Verkauf|verkauf\p{L}*|Veräußerung|veräußer\p{L}*|abstoßen|abgestoßen|Kauf|kaufen|kauft|übernehmen|übernimmt)${GAP(3)}\s+${UNIT_DE}${E}`,
      'giu',
    ),
  },
];

export function findRuleMatches(text: string): LexiconMatch[] {
  const out: LexiconMatch[] = [];
  for (const { kind, reason, re } of RULES)
    for (const m of text.matchAll(re)) out.push({ kind, reason, start: m.index, end: m.index + m[0].length });
  return out;
}
