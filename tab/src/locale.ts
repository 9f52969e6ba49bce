// The language the tab speaks, chosen once when the page loads. In Teams the tab's URL carries
// `?locale={locale}`, which Teams fills with the user's language (manifest contentUrl and
// configurationUrl); opened anywhere else, the browser's language decides.
export type Language = 'en' | 'de';

/** A language tag such as `de-DE` or `en-us`; an unfilled `{locale}` or garbage is not one. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

/** The locale from the page's query string (`?locale=`), else the browser's language. */
export function pickLocale(search: string | undefined, browserLanguage: string | undefined): string | undefined {
  const fromUrl = search ? new URLSearchParams(search).get('locale') : null;
  if (fromUrl && LANGUAGE_TAG.test(fromUrl)) return fromUrl;
  return browserLanguage || undefined;
}

/** German for any `de` locale (de, de-DE, de-AT, de-CH …), English otherwise. */
export function languageOf(locale: string | undefined): Language {
  return locale && /^de(?:[-_]|$)/i.test(locale) ? 'de' : 'en';
}

// Read through globalThis so that this module also loads where there is no window (tests in Node).
const host = globalThis as { location?: { search?: string }; navigator?: { language?: string } };

export const locale = pickLocale(host.location?.search, host.navigator?.language);
export const language: Language = languageOf(locale);
