// The goal form's own texts: `panels` catalogue, loaded with the form.
import { catalogue } from '../i18n/catalogue';

export const goalFormStrings = catalogue('panels').goalForm;
