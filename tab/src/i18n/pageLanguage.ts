// The language this page speaks. Its catalogues start loading when the shell starts (the language guessed
// from the person's choice, the URL's Teams locale or the browser), beside the surface's chunk; once Teams
// has answered, the context's locale settles it (another language's catalogues replace the texts in place
// before anything renders). The document gets the language and its direction (dir="rtl" for Arabic, Hebrew).
import { chooseLanguage, chosenLanguage, settleLanguage, urlLocale } from '../locale';
import { currentSurface, SURFACES } from '../surfaces';
import { setPageLanguage } from './catalogue';
import { isLanguage, isRightToLeft, type Language } from './languages';
import { AVAILABLE, loadCatalogues, SURFACE_NAMESPACES } from './load';

const surface = currentSurface();
const namespaces = surface in SURFACES ? SURFACE_NAMESPACES[surface] : SURFACE_NAMESPACES.personal;
const browserLocale = (globalThis as { navigator?: { language?: string } }).navigator?.language;

let language: Language = settleLanguage({ chosen: chosenLanguage(), urlLocale, hostLocale: browserLocale, available: AVAILABLE });
let loading = loadCatalogues(language, namespaces);
let teams: Language = settleLanguage({ urlLocale, hostLocale: browserLocale, available: AVAILABLE });

const publish = () => setPageLanguage({
  spoken: language,
  teams,
  available: AVAILABLE,
  chosen: chosenLanguage,
  choose: (choice) => chooseLanguage(isLanguage(choice) ? choice : undefined),
  // Panels opened later (goal form, booking, ledger …) fetch their namespaces in the language settled by then.
  load: (more) => loadCatalogues(language, more),
});
publish();

export const pageLanguage = (): Language => language;

/** Settles the language with the host's locale, loads its catalogues if the guess was another, and marks the document. */
export async function speakFor(hostLocale: string): Promise<Language> {
  teams = settleLanguage({ urlLocale, hostLocale, available: AVAILABLE });
  const settled = settleLanguage({ chosen: chosenLanguage(), urlLocale, hostLocale, available: AVAILABLE });
  if (settled !== language) {
    language = settled;
    loading = loading.catch(() => undefined).then(() => loadCatalogues(settled, namespaces));
  }
  publish();
  await loading;
  document.documentElement.lang = language;
  document.documentElement.dir = isRightToLeft(language) ? 'rtl' : 'ltr';
  return language;
}
