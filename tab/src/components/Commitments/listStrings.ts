// The commitment list's action labels, English and German: with the personal tab, not the shared strings the
// side panel loads too.
import { language } from '../../locale';
import type { Widen } from '../../strings';

const en = {
  add: 'Add a commitment',
  keep: 'Mark kept',
  drop: 'Drop',
  keepFor: (text: string) => `Mark “${text}” as kept`,
  dropFor: (text: string) => `Drop “${text}”`,
  evidence: (text: string) => `Evidence: ${text}`,
};

const de: Widen<typeof en> = {
  add: 'Zusage hinzufügen',
  keep: 'Als eingehalten markieren',
  drop: 'Verwerfen',
  keepFor: (text: string) => `„${text}“ als eingehalten markieren`,
  dropFor: (text: string) => `„${text}“ verwerfen`,
  evidence: (text: string) => `Nachweis: ${text}`,
};

export const commitmentListStrings: Widen<typeof en> = language === 'de' ? de : en;
