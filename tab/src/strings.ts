// The shell's texts (namespace `common`, every surface) and the personal tab's (namespace `personal`), in the
// language the page speaks: a view of tab/src/i18n/messages/<language>/{common,personal}.json, loaded before
// the first render (tab/src/i18n/pageLanguage.ts).
import { catalogue, englishCatalogue } from './i18n/catalogue';
import type { Catalogues } from './i18n/catalogue.types';

export type Strings = Catalogues['common'] & Catalogues['personal'];

export const strings: Strings = catalogue('common', 'personal');

/** English, whatever the page speaks (tests that name English texts). */
export const en: Strings = /* @__PURE__ */ englishCatalogue('common', 'personal');
