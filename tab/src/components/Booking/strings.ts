// Booking texts: `panels` catalogue, loaded with the booking panel.
import { catalogue } from '../../i18n/catalogue';

export const bookingStrings = catalogue('panels').booking;
