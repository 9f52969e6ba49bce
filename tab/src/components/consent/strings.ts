// Takeaway consent texts (personal tab and side panel): `shared` catalogue.
import { catalogue, englishCatalogue } from '../../i18n/catalogue';

export const consentStrings = catalogue('shared').consent;
export const consentStringsEn = /* @__PURE__ */ englishCatalogue('shared').consent;
