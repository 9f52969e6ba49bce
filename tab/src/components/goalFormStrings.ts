// The goal form's own strings, English and German; they load with the form's chunk.
import { language } from '../locale';
import type { Widen } from '../strings';

const en = {
  targetLabel: 'Target date',
  objectiveLabel: 'Programme objective',
  noObjective: 'None',
  added: 'Goal added',
  saved: 'Goal saved',
};

const de: Widen<typeof en> = {
  targetLabel: 'Zieldatum',
  objectiveLabel: 'Programmziel',
  noObjective: 'Keines',
  added: 'Ziel hinzugefügt',
  saved: 'Ziel gespeichert',
};

export const goalFormStrings: Widen<typeof en> = language === 'de' ? de : en;
