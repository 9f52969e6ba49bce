// The bot's catalogues (bot/src/i18n/<lang>.json): every language has every key of the English one and no
// other, each message parses as ICU MessageFormat, uses the same arguments with the same kind (plain,
// plural, select), plural forms the language really has, and formats with sample values into text that
// contains every value (an argument swallowed by an ICU quote would not show up).
import { IntlMessageFormat } from 'intl-messageformat';
import {
  CATALOGUES,
  LANGUAGES,
  RIGHT_TO_LEFT,
  languageOf,
  message,
  type Language,
  type MessageKey,
} from '../../bot/src/i18n/messages';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };
const KIND: Record<number, string> = { 1: 'argument', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' };

/** Each argument with its kind, and every plural's and select's option keys. */
function shapeOf(text: string, language: string) {
  const args = new Map<string, string>();
  const options: { name: string; kind: string; keys: string[] }[] = [];
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      if (el.value !== undefined && KIND[el.type]) args.set(el.value, KIND[el.type]!);
      if (el.options) {
        options.push({ name: el.value!, kind: KIND[el.type]!, keys: Object.keys(el.options) });
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(text, language, undefined, { ignoreTag: true }).getAst() as unknown as Element[]);
  return { args: Object.fromEntries([...args].sort()), options };
}

const english = CATALOGUES.en;
const keys = Object.keys(english) as MessageKey[];
const sampleValue = (name: string, kind: string) => (kind === 'plural' || kind === 'number' ? 3 : `«${name}-sample»`);

test('twelve languages, two of them right to left', () => {
  expect(LANGUAGES).toEqual(['en', 'de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ko', 'ar', 'he']);
  expect([...RIGHT_TO_LEFT].sort()).toEqual(['ar', 'he']);
});

describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s', (language: Language) => {
  const catalogue = CATALOGUES[language] as Record<string, string>;

  test('has every English key and no other', () => {
    expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
  });

  test('every message has the English arguments, of the same kind', () => {
    const mismatches = keys.filter(
      (key) =>
        JSON.stringify(shapeOf(catalogue[key]!, language).args) !== JSON.stringify(shapeOf(english[key], 'en').args),
    );
    expect(mismatches).toEqual([]);
  });

  test('plurals use the language’s own categories and end in other; selects keep the English options', () => {
    const categories = new Set<string>(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
    for (const key of keys) {
      const { options } = shapeOf(catalogue[key]!, language);
      for (const o of options) {
        expect([key, o.keys]).toEqual([key, expect.arrayContaining(['other'])]);
        if (o.kind === 'plural')
          expect([key, o.keys.filter((k) => !k.startsWith('=') && !categories.has(k))]).toEqual([key, []]);
        if (o.kind === 'select') {
          const englishKeys = shapeOf(english[key], 'en').options.find((e) => e.name === o.name)!.keys;
          expect([key, [...o.keys].sort()]).toEqual([key, [...englishKeys].sort()]);
        }
      }
    }
  });

  test('every message formats, shows every value and differs from English where English has words', () => {
    const untranslated: MessageKey[] = [];
    for (const key of keys) {
      const { args } = shapeOf(english[key], 'en');
      const values = Object.fromEntries(Object.entries(args).map(([name, kind]) => [name, sampleValue(name, kind)]));
      const text = message(language, key, values);
      for (const [name, kind] of Object.entries(args))
        if (kind === 'argument') expect([key, text]).toEqual([key, expect.stringContaining(`«${name}-sample»`)]);
      if (text === message('en', key, values)) untranslated.push(key);
    }
    // The same in both languages only where nothing in the message is a word to translate.
    expect(untranslated.filter((key) => /[a-z]{3}/i.test(english[key].replace(/\{[^}]*\}/g, '')))).toEqual(
      LANGUAGE_NEUTRAL[language] ?? [],
    );
  });
});

/** Messages that are rightly the same as English in a language (a loanword, an abbreviation). */
const LANGUAGE_NEUTRAL: Partial<Record<Language, MessageKey[]>> = {
  de: ['button.agenda'],
  fr: ['session.line', 'agenda.item.minutes'],
  es: ['agenda.item.minutes'],
  'pt-BR': ['agenda.item.minutes'],
  it: ['button.agenda', 'agenda.item.minutes'],
  nl: ['button.agenda'],
};

test('a Teams locale picks its catalogue; unknown ones read English', () => {
  expect(
    [
      'de-DE',
      'de-CH',
      'fr-CA',
      'es-MX',
      'pt-BR',
      'pt-PT',
      'it-IT',
      'nl-BE',
      'ja-JP',
      'zh-CN',
      'zh-SG',
      'ko-KR',
      'ar-SA',
      'he-IL',
      'en-US',
    ].map(languageOf),
  ).toEqual(['de', 'de', 'fr', 'es', 'pt-BR', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'zh-CN', 'ko', 'ar', 'he', 'en']);
  expect(['zh-TW', 'zh-HK', 'sv-SE', 'not a locale!', '', undefined].map(languageOf)).toEqual([
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
  ]);
});

test('plural forms follow the language: Arabic has its own for two and for few', () => {
  const details = (language: string, minutes: number) => message(language, 'session.details', { minutes, items: 1 });
  expect(details('en', 1)).toBe('1 minute · 1 agenda item');
  expect(details('en', 45)).toBe('45 minutes · 1 agenda item');
  expect(new Set([1, 2, 3, 11].map((n) => details('ar', n).split(' · ')[0])).size).toBe(4);
});
