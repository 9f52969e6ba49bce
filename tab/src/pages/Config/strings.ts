// The meeting tab configuration page's texts: `config` catalogue.
import { catalogue } from '../../i18n/catalogue';

export const configStrings = catalogue('config');
