// The language this page speaks. Its catalogues start loading when the shell starts (the language guessed
// from the person's choice, the URL's Teams locale or the browser), beside the surface's chunk; once Teams
// has answered, the context's locale settles it (another language's catalogues replace the texts in place
// before anything renders). The document gets the language and its direction (dir="rtl" for Arabic, Hebrew).
import { chooseLanguage, chosenLanguage, settleLanguage, urlLocale } from '../locale';
import { currentSurface, SURFACES } from '../surfaces';
import { setPageLanguage } from './catalogue';
import { isRightToLeft, languageOfLocale, type Language } from './languages';
import { AVAILABLE, loadCatalogues } from './load';

const surface = currentSurface();
// The surface's catalogue file, with the shell's texts (an unknown path shows the personal tab's page).
const namespaces = [surface in SURFACES ? surface : 'personal'] as const;
let hostLocale = (globalThis as { navigator?: { language?: string } }).navigator?.language;
let language = settleLanguage(chosenLanguage(), urlLocale, hostLocale, AVAILABLE);
let loading = loadCatalogues(language, namespaces);

const publish = () =>
  setPageLanguage({
    spoken: language,
    teams: settleLanguage(undefined, urlLocale, hostLocale, AVAILABLE),
    available: AVAILABLE,
    chosen: chosenLanguage,
    choose: chooseLanguage,
    // Panels opened later (goal form, booking, ledger …) fetch their namespaces in the language settled by then.
    load: (more) => loadCatalogues(language, more),
  });
publish();

/** Settles the language with the host's locale, loads its catalogues if the guess was another, and marks the document. */
export async function speakFor(locale: string): Promise<Language> {
  hostLocale = locale;
  const settled = settleLanguage(chosenLanguage(), urlLocale, locale, AVAILABLE);
  if (settled !== language) {
    language = settled;
    loading = loading.catch(() => undefined).then(() => loadCatalogues(settled, namespaces));
  }
  publish();
  await loading;
  // The full locale where it is of the language spoken (ar-SA: its digits in the texts' numbers, as in its dates).
  document.documentElement.lang = languageOfLocale(locale) === language ? locale : language;
  document.documentElement.dir = isRightToLeft(language) ? 'rtl' : 'ltr';
  return language;
}
