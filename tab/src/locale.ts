// Where the tab's language comes from. In Teams the tab's URL carries `?locale={locale}`, which Teams fills
// with the user's language (manifest contentUrl and configurationUrl), and app.getContext() reports it
// again (app.locale); opened anywhere else, the browser's language decides. The person's own choice in the
// language menu (kept in this browser) comes before all of them.
import { isLanguage, languageOfLocale, type Language } from './i18n/languages';

export type { Language };

/** A language tag such as `de-DE` or `en-us`; an unfilled `{locale}` or garbage is not one. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

/** The locale from the page's query string (`?locale=`), else the browser's language. */
export function pickLocale(search: string | undefined, browserLanguage: string | undefined): string | undefined {
  const fromUrl = search ? new URLSearchParams(search).get('locale') : null;
  if (fromUrl && LANGUAGE_TAG.test(fromUrl)) return fromUrl;
  return browserLanguage || undefined;
}

/** The tab's language for a locale: de-AT → de, pt-PT → pt-BR, ar-EG → ar …; English for one it does not speak. */
export function languageOf(locale: string | undefined): Language {
  return languageOfLocale(locale) ?? 'en';
}

// Read through globalThis so that this module also loads where there is no window (tests in Node).
const host = globalThis as {
  location?: { search?: string };
  navigator?: { language?: string };
  localStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
};

/** The locale Teams put in the URL, if it did. */
export const urlLocale = pickLocale(host.location?.search, undefined);
export const locale = pickLocale(host.location?.search, host.navigator?.language);

const CHOICE_KEY = 'reverseMentoring.language';

/** The language the person picked in the language menu, if any (kept in this browser, for every surface). */
export function chosenLanguage(): Language | undefined {
  try {
    const value = host.localStorage?.getItem(CHOICE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage blocked: Teams' language
  }
}

/** Keeps the person's choice, or forgets it (anything but a language: follow Teams again). */
export function chooseLanguage(language: string | undefined): void {
  try {
    if (isLanguage(language)) host.localStorage?.setItem(CHOICE_KEY, language);
    else host.localStorage?.removeItem(CHOICE_KEY);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

/**
 * The language to speak: the person's choice, else the Teams locale of the URL, else the Teams context's
 * (or the browser's) locale; a language without catalogues in this build reads English.
 */
export function settleLanguage(
  chosen: Language | undefined,
  urlLocale: string | undefined,
  hostLocale: string | undefined,
  available: readonly Language[],
): Language {
  const wanted = chosen ?? languageOfLocale(urlLocale) ?? languageOfLocale(hostLocale) ?? 'en';
  return available.includes(wanted) ? wanted : 'en';
}
