// The rollout panel's texts: the `rollout` section of the `admin` catalogue.
import { catalogue } from '../../i18n/catalogue';
import type { Catalogues } from '../../i18n/catalogue.types';

export type RolloutStrings = Catalogues['admin']['rollout'];

export const rolloutStrings: RolloutStrings = catalogue('admin').rollout;
