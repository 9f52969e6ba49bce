// The tab's message catalogues (tab/src/i18n/messages/<language>/<namespace>.json, ICU MessageFormat): every
// language has every key of English, with the same arguments and the same plural/select shape, and every
// message compiles; the TypeScript view is current; the tab's language follows Teams (docs/i18n-format.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  argumentsOf, CATALOGUE_FILES, choicesOf, compileCatalogue, compileModule, languagesOnDisk, leaves, namespacesOnDisk, pluralCategories,
  readCatalogue, type Entry,
} from '../../scripts/i18n/catalogue';
import { catalogueTypes, TYPES_FILE } from '../../scripts/i18n/types';
import { register, catalogue } from '../../tab/src/i18n/catalogue';
import { isRightToLeft, LANGUAGES, languageOfLocale } from '../../tab/src/i18n/languages';
import { LANGUAGE_NAMES } from '../../tab/src/i18n/languageNames';
import { languageOf, pickLocale, settleLanguage } from '../../tab/src/locale';

const languages = languagesOnDisk();
const namespaces = namespacesOnDisk();
const others = languages.filter((l) => l !== 'en');

/** Dotted path → message, lists included (path.0 …), and the shape of every node (section, list of n, message). */
function flatten(entry: Entry, at = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof entry === 'string') into.set(at, 'message');
  else if (Array.isArray(entry)) {
    into.set(at, `list of ${entry.length}`);
    entry.forEach((v, i) => flatten(v as Entry, `${at}.${i}`, into));
  } else {
    if (at) into.set(at, 'section');
    for (const [k, v] of Object.entries(entry)) flatten(v as Entry, at ? `${at}.${k}` : k, into);
  }
  return into;
}

const english = new Map(namespaces.map((ns) => [ns, readCatalogue('en', ns)]));
const messagesOf = (language: string, ns: string) => new Map(leaves(readCatalogue(language, ns)).map((l) => [l.path, l.message]));

test('the languages on disk are the tab\'s languages, each with every namespace, named in its own language', () => {
  expect([...languages].sort()).toEqual([...LANGUAGES].sort());
  expect(namespaces).toEqual(['admin', 'common', 'config', 'meeting', 'panels', 'personal', 'shared', 'signIn']);
  for (const language of languages) expect([language, namespacesOnDisk(language)]).toEqual([language, namespaces]);
  expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LANGUAGES].sort());
  expect(LANGUAGES.filter(isRightToLeft)).toEqual(['ar', 'he']);
  // Every namespace travels in a file the build writes; the shell's with every surface.
  expect([...new Set(Object.values(CATALOGUE_FILES).flat())].sort()).toEqual(namespaces);
  for (const surface of ['personal', 'meeting', 'config', 'admin']) expect(CATALOGUE_FILES[surface]).toEqual(['common', surface]);
});

describe.each(others)('%s', (language) => {
  test.each(namespaces)('%s.json has exactly English\'s keys, nesting and list lengths, no empty message', (ns) => {
    const theirs = flatten(readCatalogue(language, ns));
    expect(theirs).toEqual(flatten(english.get(ns)!));
    const empty = [...messagesOf(language, ns)].filter(([, m]) => !m.trim()).map(([path]) => path);
    expect(empty).toEqual([]);
  });

  test.each(namespaces)('%s.json: every message parses as ICU, with English\'s arguments and select cases, and plural cases of the language', (ns) => {
    const problems: string[] = [];
    const categories = pluralCategories(language);
    const ours = messagesOf('en', ns);
    for (const [path, message] of messagesOf(language, ns)) {
      const source = ours.get(path);
      if (source === undefined) continue; // reported by the key test
      let args;
      try {
        args = argumentsOf(message);
      } catch (error) {
        problems.push(`${path}: does not parse (${(error as Error).message})`);
        continue;
      }
      const wanted = argumentsOf(source);
      const names = (list: { name: string }[]) => list.map((a) => a.name).sort();
      if (JSON.stringify(names(args)) !== JSON.stringify(names(wanted))) problems.push(`${path}: arguments ${names(args)} instead of ${names(wanted)}`);
      for (const arg of wanted.filter((a) => a.kind !== 'text')) {
        const found = args.find((a) => a.name === arg.name);
        if (found && found.kind !== arg.kind) problems.push(`${path}: ${arg.name} is a ${found.kind}, English's a ${arg.kind}`);
      }
      const theirChoices = choicesOf(message);
      for (const choice of choicesOf(source)) {
        const same = theirChoices.filter((c) => c.arg === choice.arg && c.type === choice.type);
        if (same.length === 0) continue; // the kind check above reports it
        for (const c of same) {
          if (choice.type === 'select') {
            if (JSON.stringify([...c.cases].sort()) !== JSON.stringify([...choice.cases].sort())) problems.push(`${path}: select ${c.arg} has cases ${c.cases}, English ${choice.cases}`);
          } else {
            const exact = (cases: string[]) => cases.filter((k) => k.startsWith('='));
            if (!c.cases.includes('other')) problems.push(`${path}: plural ${c.arg} has no other`);
            const unknown = c.cases.filter((k) => !k.startsWith('=') && !categories.includes(k));
            if (unknown.length) problems.push(`${path}: plural ${c.arg} has ${unknown}, not a category of ${language} (${categories})`);
            const missing = exact(choice.cases).filter((k) => !c.cases.includes(k));
            if (missing.length) problems.push(`${path}: plural ${c.arg} lacks English's ${missing}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('compiles: every catalogue builds into a module and into functions that answer text', () => {
    for (const file of Object.keys(CATALOGUE_FILES)) expect(compileModule(language, file)).toMatch(/^export default|\nexport default/);
    for (const ns of namespaces) {
      const compiled = compileCatalogue(language, ns);
      const call = (value: unknown): void => {
        if (typeof value === 'function') expect(typeof value(3, 'mentor', 'self', 4)).toBe('string');
        else if (value && typeof value === 'object') Object.values(value).forEach(call);
      };
      call(compiled);
    }
  });
});

test('every exception to the argument order names an English message and exactly its arguments', () => {
  const exceptions = JSON.parse(readFileSync(path.resolve(__dirname, '../../scripts/i18n/argument-order.json'), 'utf8')) as Record<string, Record<string, string[]> | string>;
  const problems: string[] = [];
  for (const [ns, entries] of Object.entries(exceptions)) {
    if (typeof entries === 'string') continue; // the file's comment
    const messages = namespaces.includes(ns) ? messagesOf('en', ns) : new Map<string, string>();
    for (const [key, order] of Object.entries(entries)) {
      const message = messages.get(key);
      if (message === undefined) problems.push(`${ns}:${key} is no English message`);
      else if (JSON.stringify([...order].sort()) !== JSON.stringify(argumentsOf(message).map((a) => a.name).sort())) problems.push(`${ns}:${key} lists ${order}`);
    }
  }
  expect(problems).toEqual([]);
});

test('the TypeScript view of the catalogues is current (npx tsx scripts/i18n/types.ts)', () => {
  expect(readFileSync(TYPES_FILE, 'utf8')).toBe(catalogueTypes());
});

test('German calls the partner one word: Tandem (never "Gegenüber" or "Partner")', () => {
  const german = namespaces.flatMap((ns) => [...messagesOf('de', ns)]);
  expect(german.filter(([, m]) => /Gegenüber|\bPartner(?:in|:innen)?\b/.test(m.replace(/\{partner\}/g, ''))).map(([path]) => path)).toEqual([]);
});

describe('ICU messages', () => {
  test('plurals follow each language\'s rules; select picks role wording; numbers shown as text are in the language\'s digits', () => {
    const en = compileCatalogue('en', 'admin') as { audit: { count: (n: number) => string }; rollout: { withoutApp: (n: number) => string }; bulk: { done: (a: string, n: number, s: number) => string } };
    expect([en.audit.count(1), en.audit.count(2), en.audit.count(1000)]).toEqual(['1 person', '2 people', '1,000 people']);
    expect(en.rollout.withoutApp(0)).toBe('Teams has confirmed the app for every participant.');
    expect(en.bulk.done('Paused', 2, 0)).toBe('Paused: 2 pairs.');
    expect(en.bulk.done('Paused', 1, 3)).toBe('Paused: 1 pair; 3 skipped (already so, or ended).');
    const common = compileCatalogue('en', 'personal') as { dashboard: { youAre: (role: string) => string } };
    expect([common.dashboard.youAre('mentor'), common.dashboard.youAre('mentee')]).toEqual(['You are the mentor', 'You are the executive']);
    const ar = compileCatalogue('ar', 'admin') as { audit: { count: (n: number) => string } };
    const arabicForms = new Set([0, 1, 2, 3, 11, 100].map((n) => ar.audit.count(n)));
    expect(arabicForms.size).toBe(6); // zero, one, two, few, many, other
    expect(ar.audit.count(1000)).toContain(new Intl.NumberFormat('ar').format(1000));
  });
});

describe('the language', () => {
  test('comes from ?locale= (filled by Teams), else the browser language; an unfilled {locale} is ignored', () => {
    expect(pickLocale('?locale=de-DE', 'en-US')).toBe('de-DE');
    expect(pickLocale('?locale=en-us', 'de-DE')).toBe('en-us');
    expect(pickLocale('?locale={locale}', 'de-AT')).toBe('de-AT');
    expect(pickLocale('', 'de-CH')).toBe('de-CH');
    expect(pickLocale(undefined, undefined)).toBeUndefined();
  });

  test('a locale reads its language; regional variants their language; pt-PT Brazilian; Traditional Chinese falls back to English', () => {
    const cases: Record<string, string | undefined> = {
      'de-DE': 'de', 'de-at': 'de', DE_CH: 'de', 'fr-CA': 'fr', 'es-MX': 'es', 'pt-BR': 'pt-BR', 'pt-PT': 'pt-BR', pt: 'pt-BR',
      'it-IT': 'it', 'nl-BE': 'nl', 'ja-JP': 'ja', 'zh-CN': 'zh-CN', 'zh-SG': 'zh-CN', 'zh-Hans-HK': 'zh-CN', zh: 'zh-CN',
      'zh-TW': undefined, 'zh-HK': undefined, 'zh-Hant': undefined, 'ko-KR': 'ko', 'ar-SA': 'ar', 'ar-EG': 'ar', 'he-IL': 'he', 'iw-IL': 'he',
      'en-US@posix': 'en', 'sv-SE': undefined, dev: undefined, '': undefined,
    };
    for (const [tag, language] of Object.entries(cases)) expect([tag, languageOfLocale(tag)]).toEqual([tag, language]);
    expect(languageOf('sv-SE')).toBe('en');
  });

  test('the person\'s choice comes first, then the URL\'s Teams locale, then the Teams context\'s; a language not in the build reads English', () => {
    const available = ['en', 'de', 'ar'] as const;
    expect(settleLanguage('ar', 'de-DE', 'en-GB', available)).toBe('ar');
    expect(settleLanguage(undefined, 'de-DE', 'ar-SA', available)).toBe('de');
    expect(settleLanguage(undefined, undefined, 'ar-SA', available)).toBe('ar');
    expect(settleLanguage(undefined, 'sv-SE', 'de-DE', available)).toBe('de');
    expect(settleLanguage(undefined, undefined, 'ja-JP', available)).toBe('en');
  });

  test('a later language replaces the texts in place: sections kept before it arrived speak it too', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads a fresh copy only through require
      const module = require('../../tab/src/i18n/catalogue') as { register: typeof register; catalogue: typeof catalogue };
      const strings = module.catalogue('common', 'personal');
      const goals = strings.goals; // kept before anything is loaded, as modules do: `const s = strings.goals`
      module.register('common', compileCatalogue('en', 'common'));
      // The side panel loads the shell's half of `strings` only: its texts read as texts all the same.
      expect([strings.errors.network, typeof strings.loading]).toEqual(['Cannot reach the server. Check your connection and try again.', 'string']);
      module.register('personal', compileCatalogue('en', 'personal'));
      const kept = strings.checklist; // kept once English is in
      expect([goals.title, strings.loading, kept.progress(1, 4)]).toEqual(['Goals', 'Loading…', '1 of 4 done']);
      module.register('common', compileCatalogue('de', 'common'));
      module.register('personal', compileCatalogue('de', 'personal'));
      expect([goals.title, strings.loading, kept.progress(1, 4), Object.keys(goals.status)]).toEqual(['Ziele', 'Wird geladen…', '1 von 4 erledigt', Object.keys(strings.goals.status)]);
    });
  });
});
