// The admin view's texts: `admin` catalogue, which only the admin view loads.
import { catalogue } from '../../i18n/catalogue';
import type { Catalogues } from '../../i18n/catalogue.types';

export type AdminStrings = Catalogues['admin'];

export const strings: AdminStrings = catalogue('admin');
