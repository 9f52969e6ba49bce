// The agenda item form's strings, English and German; they load with its chunk.
import { language } from '../../locale';
import type { Widen } from '../../strings';

const en = {
  title: 'New agenda item',
  minutes: 'Minutes',
  owner: 'Led by',
  goal: 'For goal',
  noGoal: 'No goal',
  add: 'Add item',
  added: (title: string) => `Added “${title}”.`,
};

const de: Widen<typeof en> = {
  title: 'Neuer Agendapunkt',
  minutes: 'Minuten',
  owner: 'Geleitet von',
  goal: 'Zum Ziel',
  noGoal: 'Kein Ziel',
  add: 'Hinzufügen',
  added: (title: string) => `„${title}“ hinzugefügt.`,
};

export const agendaFormStrings: Widen<typeof en> = language === 'de' ? de : en;
export { en as agendaFormStringsEn };
