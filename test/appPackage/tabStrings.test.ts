// The tab's German strings (tab/src/strings.de.ts) mirror the English ones (tab/src/strings.ts), and
// the language is picked from Teams' ?locale= or the browser's language when the page loads.
import { languageOf, pickLocale } from '../../tab/src/locale';
import { en } from '../../tab/src/strings';
import { de } from '../../tab/src/strings.de';

/** Entries German may leave as in English: the product name and words German shares with English. */
const SAME_IN_GERMAN = new Set(['appName', 'goals.statusLabel', 'session.agenda']);

type Leaf = { path: string; value: unknown };
function leaves(node: unknown, at = ''): Leaf[] {
  if (node && typeof node === 'object') {
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    return entries.flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
  }
  return [{ path: at, value: node }];
}

const english = new Map(leaves(en).map((l) => [l.path, l.value]));
const german = new Map(leaves(de).map((l) => [l.path, l.value]));

/** Sample arguments for calling the string functions, and whether the text shows the argument. */
function sample(path: string): { args: unknown[]; shown: boolean } {
  if (path === 'dashboard.youAre') return { args: ['mentor'], shown: false }; // a choice, not text
  if (/percent|minutes|findingsCount/.test(path)) return { args: [42], shown: true };
  return { args: ['Zed Sample'], shown: true };
}

test('German has exactly the keys of English, at every depth (arrays of the same length)', () => {
  expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  expect(english.size).toBeGreaterThan(100);
});

test('function entries are functions in both languages, strings are non-empty strings', () => {
  const mismatched = [...english].filter(([path, value]) => typeof german.get(path) !== typeof value).map(([path]) => path);
  expect(mismatched).toEqual([]);
  const kinds = new Set([...english.values()].map((v) => typeof v));
  expect([...kinds].sort()).toEqual(['function', 'string']);
  const empty = [...german].filter(([, v]) => typeof v === 'string' && !v.trim()).map(([path]) => path);
  expect(empty).toEqual([]);
});

test('every German string is translated, except the few German shares with English', () => {
  const same = [...english].filter(([path, value]) => typeof value === 'string' && german.get(path) === value).map(([path]) => path);
  expect(same.sort()).toEqual([...SAME_IN_GERMAN].sort());
});

test('German string functions differ from English and keep their argument', () => {
  const problems: string[] = [];
  for (const [path, value] of english) {
    if (typeof value !== 'function') continue;
    const { args, shown } = sample(path);
    const inEnglish = (value as (...a: unknown[]) => unknown)(...args);
    const inGerman = (german.get(path) as (...a: unknown[]) => unknown)(...args);
    if (typeof inGerman !== 'string' || !inGerman.trim()) problems.push(`${path}: returns ${JSON.stringify(inGerman)}`);
    else if (inGerman === inEnglish) problems.push(`${path}: same as English "${inGerman}"`);
    else if (shown && !inGerman.includes(String(args[0]))) problems.push(`${path}: drops its argument`);
    if (shown && !String(inEnglish).includes(String(args[0]))) problems.push(`${path}: the test's sample does not fit the English text`);
  }
  expect(problems).toEqual([]);
  expect(de.dashboard.youAre('mentee')).not.toBe(de.dashboard.youAre('mentor'));
});

describe('the language', () => {
  test('comes from ?locale= (filled by Teams), else the browser language; an unfilled {locale} is ignored', () => {
    expect(pickLocale('?locale=de-DE', 'en-US')).toBe('de-DE');
    expect(pickLocale('?locale=en-us', 'de-DE')).toBe('en-us');
    expect(pickLocale('?locale={locale}', 'de-AT')).toBe('de-AT');
    expect(pickLocale('', 'de-CH')).toBe('de-CH');
    expect(pickLocale(undefined, undefined)).toBeUndefined();
  });

  test('is German for any de locale, English otherwise', () => {
    for (const tag of ['de', 'de-DE', 'de-at', 'DE-CH', 'de_DE']) expect(languageOf(tag)).toBe('de');
    for (const tag of [undefined, '', 'en-US', 'fr-FR', 'dev', 'nl-NL']) expect(languageOf(tag)).toBe('en');
  });

  test('strings.ts speaks English until speak() puts German in place, sections kept by reference included (main.tsx does it before the first render)', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads a fresh copy only through require
      const module = require('../../tab/src/strings') as typeof import('../../tab/src/strings');
      const goals = module.strings.goals; // as modules keep a section: `const s = strings.goals`
      expect(module.strings).toEqual(expect.objectContaining({ loading: en.loading, back: en.back }));
      module.speak(de);
      expect(module.strings).toEqual(expect.objectContaining({ loading: de.loading, back: de.back }));
      expect(goals.title).toBe(de.goals.title);
      expect(module.strings.checklist.progress(1, 4)).toBe(de.checklist.progress(1, 4));
    });
  });

});
