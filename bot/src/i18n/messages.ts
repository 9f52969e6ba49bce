// The bot's words in twelve languages: one ICU MessageFormat catalogue per language (bot/src/i18n/<lang>.json,
// English the reference), formatted with intl-messageformat; dates, numbers and lists through Intl. The
// language is the reader's: the locale Teams sends with a message, or the one stored with the recipient's
// conversation for proactive messages; English when it is unknown or not one of ours.
import { IntlMessageFormat } from 'intl-messageformat';
import ar from './ar.json';
import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import he from './he.json';
import it from './it.json';
import ja from './ja.json';
import ko from './ko.json';
import nl from './nl.json';
import ptBR from './pt-BR.json';
import zhCN from './zh-CN.json';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES = {
  en,
  de,
  fr,
  es,
  'pt-BR': ptBR,
  it,
  nl,
  ja,
  'zh-CN': zhCN,
  ko,
  ar,
  he,
} as const satisfies Record<string, Catalogue>;

export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];
export const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar', 'he']);

/**
 * The catalogue for a BCP 47 tag as Teams sends it ("de-DE", "pt-br", "zh-CN", "ar-SA"): the exact tag, else its
 * language; Chinese in Traditional script (zh-TW, zh-HK, zh-Hant) has no catalogue of its own and reads English.
 */
export function languageOf(locale: string | undefined): Language {
  if (!locale) return 'en';
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(locale.replace(/_/g, '-')).maximize();
  } catch {
    return 'en';
  }
  if (tag.language === 'zh') return tag.script === 'Hans' ? 'zh-CN' : 'en';
  if (tag.language === 'pt') return 'pt-BR';
  if (tag.language === 'iw') return 'he';
  return (LANGUAGES as string[]).includes(tag.language) ? (tag.language as Language) : 'en';
}

/** Whether Intl writes dates for this tag (a malformed one, which Teams never sends, is not). */
export function isKnownLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0;
  } catch {
    return false;
  }
}

export type MessageValues = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();
/** Locales come from activities: the cache of compiled messages is bounded whatever tags arrive. */
const MAX_COMPILED = 5000;

/**
 * The catalogue's message for the reader. Numbers are written as the reader's own locale writes them (ar-SA:
 * Arabic-Indic digits, as its dates), so the formatter takes their full tag when Intl knows it.
 */
function formatterOf(language: Language, tag: string, key: MessageKey): IntlMessageFormat {
  const id = `${tag}\u0000${key}`;
  let formatter = compiled.get(id);
  if (!formatter) {
    formatter = new IntlMessageFormat(CATALOGUES[language][key], tag, undefined, { ignoreTag: true });
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(id, formatter);
  }
  return formatter;
}

/** The tag numbers and plurals are formatted in: the reader's language and region when Intl knows them, else the catalogue's. */
function tagOf(language: Language, locale: string | undefined): string {
  if (!locale || locale.length > 35 || !isKnownLocale(locale)) return language;
  const { language: lang, region } = new Intl.Locale(locale);
  return region ? `${lang}-${region}` : lang;
}

const formatIn = (language: Language, locale: string | undefined, key: MessageKey, values?: MessageValues) =>
  String(formatterOf(language, tagOf(language, locale), key).format(values));

/** One message in the reader's language, its arguments filled in (already escaped by the caller where needed). */
export function message(locale: string | undefined, key: MessageKey, values?: MessageValues): string {
  return formatIn(languageOf(locale), locale, key, values);
}

/** The words of one reader: `t('goals.title', { partner })`, and whether their script runs right to left. */
export interface Words {
  language: Language;
  /** The tag dates and numbers are written in (the reader's own, when Intl knows it). */
  locale: string | undefined;
  rtl: boolean;
  t(key: MessageKey, values?: MessageValues): string;
}

export function wordsFor(locale: string | undefined): Words {
  const language = languageOf(locale);
  return {
    language,
    locale,
    rtl: RIGHT_TO_LEFT.has(language),
    t: (key, values) => formatIn(language, locale, key, values),
  };
}

const PREVIEW_KEYS = (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith('notice.preview.'));

/**
 * A notice's preview line in the reader's language. Notices are stored in English when they are queued (the
 * catalogue's English text); they are read out in the recipient's language when they are sent.
 */
export function noticePreviewIn(locale: string | undefined, preview: string): string {
  const key = PREVIEW_KEYS.find((k) => en[k] === preview);
  return key ? message(locale, key) : preview;
}
