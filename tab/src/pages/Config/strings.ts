// The meeting tab's configuration page strings, English and German; they load with its chunk.
import { language } from '../../locale';
import type { Widen } from '../../strings';

const en = {
  title: 'Link this meeting to your pair',
  intro: 'The side panel then shows your pair’s agenda, notes and takeaways during the meeting.',
  loading: 'Loading…',
  pair: 'Pair',
  pairOption: (partner: string, role: 'mentor' | 'mentee') => (role === 'mentor' ? `With ${partner} (you mentor)` : `With ${partner} (your mentor)`),
  session: 'Session',
  sessionOption: (when: string) => `Session on ${when}`,
  createFromMeeting: (when: string) => `Create a session at this meeting’s time (${when})`,
  createNow: 'Create a session starting now',
  nextSession: 'No particular session: always the next one',
  noPairs: {
    title: 'You are not in a mentoring pair yet',
    detail: 'Reverse Mentoring links a meeting to a pair of mentor and executive. Your programme admin pairs you with a partner; you will get a message in Teams when it happens. Then add the app to this meeting again.',
  },
  noMeeting: 'Add Reverse Mentoring to a Teams meeting: this page links the meeting to your pair.',
  notInTeams: 'Open this page in Teams to configure a meeting tab.',
  tabName: 'Mentoring',
  ready: (partner: string) => `Press Save to link this meeting to your pair with ${partner}.`,
} as const;

const de: Widen<typeof en> = {
  title: 'Diese Besprechung mit Ihrem Tandem verknüpfen',
  intro: 'Der Seitenbereich zeigt dann während der Besprechung Agenda, Notizen und Erkenntnisse Ihres Tandems.',
  loading: 'Wird geladen …',
  pair: 'Tandem',
  pairOption: (partner: string, role: 'mentor' | 'mentee') => (role === 'mentor' ? `Mit ${partner} (Sie sind Mentor/in)` : `Mit ${partner} (Ihr/e Mentor/in)`),
  session: 'Sitzung',
  sessionOption: (when: string) => `Sitzung am ${when}`,
  createFromMeeting: (when: string) => `Sitzung zur Zeit dieser Besprechung anlegen (${when})`,
  createNow: 'Sitzung ab jetzt anlegen',
  nextSession: 'Keine bestimmte Sitzung: immer die nächste',
  noPairs: {
    title: 'Sie sind noch in keinem Mentoring-Tandem',
    detail: 'Reverse Mentoring verknüpft eine Besprechung mit einem Tandem aus Mentor/in und Führungskraft. Ihre Programmverwaltung stellt Ihr Tandem zusammen; Sie erhalten dann eine Nachricht in Teams. Fügen Sie die App danach erneut zu dieser Besprechung hinzu.',
  },
  noMeeting: 'Fügen Sie Reverse Mentoring zu einer Teams-Besprechung hinzu: Diese Seite verknüpft die Besprechung mit Ihrem Tandem.',
  notInTeams: 'Öffnen Sie diese Seite in Teams, um eine Besprechungs-Registerkarte einzurichten.',
  tabName: 'Mentoring',
  ready: (partner: string) => `Klicken Sie auf „Speichern“, um diese Besprechung mit Ihrem Tandem mit ${partner} zu verknüpfen.`,
};

export const configStrings: Widen<typeof en> = language === 'de' ? de : en;
