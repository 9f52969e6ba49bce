// Commitment forms' texts: `panels` catalogue, loaded with the forms.
import { catalogue } from '../../i18n/catalogue';

export const commitmentStrings = catalogue('panels').commitmentForms;
