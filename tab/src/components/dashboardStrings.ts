// Labels of the personal tab's dashboard sections (commitment actions, goal target dates), English and German:
// they load with the personal tab, not with the strings the side panel shares.
import { language } from '../locale';
import type { Widen } from '../strings';

const en = {
  add: 'Add a commitment',
  keep: 'Mark kept',
  drop: 'Drop',
  keepFor: (text: string) => `Mark “${text}” as kept`,
  dropFor: (text: string) => `Drop “${text}”`,
  evidence: (text: string) => `Evidence: ${text}`,
  target: (d: string) => `Target date: ${d}`,
};

const de: Widen<typeof en> = {
  add: 'Zusage hinzufügen',
  keep: 'Als eingehalten markieren',
  drop: 'Verwerfen',
  keepFor: (text: string) => `„${text}“ als eingehalten markieren`,
  dropFor: (text: string) => `„${text}“ verwerfen`,
  evidence: (text: string) => `Nachweis: ${text}`,
  target: (d: string) => `Zieldatum: ${d}`,
};

export const dashboardStrings: Widen<typeof en> = language === 'de' ? de : en;
