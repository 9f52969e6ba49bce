// The meeting extension's texts (side panel, stage, meeting chat tab): `meeting` catalogue.
import { catalogue, englishCatalogue } from '../../i18n/catalogue';

export const meetingStrings = catalogue('meeting');
export const meetingStringsEn = /* @__PURE__ */ englishCatalogue('meeting');
