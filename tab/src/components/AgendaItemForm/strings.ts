// The agenda item form's texts (personal tab and side panel): `shared` catalogue.
import { catalogue, englishCatalogue } from '../../i18n/catalogue';

export const agendaFormStrings = catalogue('shared').agendaForm;
export const agendaFormStringsEn = /* @__PURE__ */ englishCatalogue('shared').agendaForm;
