// The ledger's texts: `panels` catalogue, loaded with the ledger.
import { catalogue } from '../../i18n/catalogue';

export const ledgerStrings = catalogue('panels').ledger;
