// Commitment forms' strings, English and German; they load with the forms' chunk.
import { language } from '../../locale';
import type { Widen } from '../../strings';

const en = {
  keepTitle: (text: string) => `Mark as kept: ${text}`,
  dropTitle: (text: string) => `Drop: ${text}`,
  evidenceLabel: 'Evidence: what shows it was kept',
  evidenceHint: 'For example: “Used Copilot on the Q3 board pack”.',
  reasonLabel: 'Why it is dropped (optional)',
  confirmKeep: 'Mark kept',
  confirmDrop: 'Drop commitment',
  kept: 'Commitment kept',
  keptDetail: 'It counts as kept in your pair and, anonymously, in the programme.',
  dropped: 'Commitment dropped',
  droppedDetail: 'No more check-ins for it.',
  addTitle: 'New commitment of the executive',
  textLabel: 'Commitment',
  dueLabel: 'Due date (optional)',
  save: 'Add commitment',
  added: 'Commitment added',
  addedDetail: 'The bot checks in before it is due.',
};

const de: Widen<typeof en> = {
  keepTitle: (text: string) => `Als eingehalten markieren: ${text}`,
  dropTitle: (text: string) => `Verwerfen: ${text}`,
  evidenceLabel: 'Nachweis: woran man sieht, dass sie eingehalten wurde',
  evidenceHint: 'Zum Beispiel: „Copilot für die Q3-Vorstandsunterlage genutzt“.',
  reasonLabel: 'Warum sie verworfen wird (optional)',
  confirmKeep: 'Als eingehalten markieren',
  confirmDrop: 'Zusage verwerfen',
  kept: 'Zusage eingehalten',
  keptDetail: 'Sie zählt in Ihrem Tandem und, anonym, im Programm als eingehalten.',
  dropped: 'Zusage verworfen',
  droppedDetail: 'Keine weiteren Nachfragen dazu.',
  addTitle: 'Neue Zusage der Führungskraft',
  textLabel: 'Zusage',
  dueLabel: 'Fällig am (optional)',
  save: 'Zusage hinzufügen',
  added: 'Zusage hinzugefügt',
  addedDetail: 'Der Bot fragt vor dem Fälligkeitstag nach.',
};

export const commitmentStrings: Widen<typeof en> = language === 'de' ? de : en;
