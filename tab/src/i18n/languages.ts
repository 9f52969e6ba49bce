// The languages the tab speaks (their names, for the language menu, are in languageNames.ts), and how a
// Teams or browser locale maps onto one of them.

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ko', 'ar', 'he'] as const;

export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** Arabic and Hebrew are written right to left. */
export const isRightToLeft = (language: Language): boolean => language === 'ar' || language === 'he';

/**
 * The language for a locale tag (`de-AT`, `pt_PT`, `zh-Hans-SG`, `ar-SA` …), or undefined when the tab
 * does not speak it. A regional variant takes its language (de-CH → de, es-MX → es); Portuguese from
 * Portugal reads Brazilian Portuguese; Chinese reads Simplified only where Simplified is written (zh,
 * zh-CN, zh-SG, zh-Hans): Traditional (zh-TW, zh-HK, zh-MO, zh-Hant) falls back like any other language,
 * because Simplified is not what those readers write. `iw` is Hebrew's old code.
 */
export function languageOfLocale(tag: string | undefined): Language | undefined {
  const [first = '', ...subtags] = (tag ?? '').toLowerCase().split(/[-_@.]/);
  const language = first === 'iw' ? 'he' : first;
  if (language === 'zh')
    return subtags.includes('hans') || !subtags.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s))
      ? 'zh-CN'
      : undefined;
  if (language === 'pt') return 'pt-BR';
  return isLanguage(language) ? language : undefined;
}
