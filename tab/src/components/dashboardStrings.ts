// Labels of the personal tab's dashboard sections (commitment actions, goal target dates): `personal` catalogue.
import { catalogue } from '../i18n/catalogue';

export const dashboardStrings = catalogue('personal').labels;
