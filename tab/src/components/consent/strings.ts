// The consent chunk's strings, English and German; they load with the chunk (TakeawayConsent.tsx).
import { language } from '../../locale';
import type { Widen } from '../../strings';

const en = {
  loading: 'Loading…',
  storedAs: (level: string) => `What will be stored — ${level}`,
  storedHint: 'This is exactly the text that leaves you. Select words to redact them; you cannot add any.',
  programHint: 'The programme copy has no author and no pair; marked parts were redacted automatically.',
  wordsLabel: 'Words of the text; press one to redact it',
  redactWord: (word: string) => `Redact “${word}”`,
  restoreWord: (word: string) => `Keep “${word}”`,
  finalLabel: 'Final text',
  findingsTitle: 'Sensitive content found',
  findingsHint: 'Redact what should not leave you before you share.',
  redactFinding: (text: string) => `Redact "${text}"`,
  noFindings: 'Nothing sensitive found.',
  approve: 'Approve and share',
  decline: 'Decline',
  approved: (level: string) => `Shared: ${level}. You can find it under “Shared”.`,
  declined: 'Declined. It stays private to its author.',
  level: { private: 'Only you', pair: 'Your pair', program: 'Programme (anonymised)' } as Record<string, string>,
  writer: {
    label: 'Takeaway',
    level: 'Who may read it',
    levels: { private: 'Only me', pair: 'My pair (needs my partner’s approval)', program: 'Programme, anonymised (needs my partner’s approval)' } as Record<string, string>,
    session: (when: string) => `From the session on ${when}`,
    save: 'Save takeaway',
    share: 'Share takeaway',
    saved: 'Takeaway saved.',
  },
  category: {
    person: 'Name', health: 'Health', hr: 'HR matter', corporate: 'Undisclosed company matter', contact: 'Contact or identity data', money: 'Amount',
  } as Record<string, string>,
  reason: {
    knownName: 'a programme participant', givenName: 'a person’s name', titledName: 'a name with a title', unknownName: 'reads as a person’s name',
    condition: 'a medical condition', diagnosis: 'a diagnosis', treatment: 'a medical treatment', mentalHealth: 'mental health',
    pregnancy: 'pregnancy or family planning', disability: 'a disability', sickLeave: 'sick leave or health',
    resignation: 'a resignation', dismissal: 'a dismissal', redundancy: 'redundancies or job cuts', performance: 'performance management',
    pay: 'pay or bonus', promotion: 'a promotion or reorganisation', investigation: 'an investigation or complaint', privateLife: 'private life',
    dealMaking: 'a merger, acquisition or sale', board: 'a board decision', results: 'results or unannounced news', legal: 'litigation',
    regulator: 'a regulator or closure', email: 'an e-mail address', obfuscatedEmail: 'a disguised e-mail address', phone: 'a phone number',
    shortNumber: 'an extension or local number', iban: 'a bank account (IBAN)', cardNumber: 'a payment card number', nationalId: 'a national identity number',
    address: 'a street address', amount: 'an amount of money', amountInWords: 'an amount in words', amountRange: 'a salary range',
  } as Record<string, string>,
};

const de: Widen<typeof en> = {
  loading: 'Wird geladen…',
  storedAs: (level: string) => `Was gespeichert wird — ${level}`,
  storedHint: 'Genau dieser Text verlässt Sie. Wählen Sie Wörter aus, um sie zu schwärzen; hinzufügen können Sie nichts.',
  programHint: 'Die Programmfassung nennt weder Verfasser noch Paar; markierte Stellen wurden automatisch geschwärzt.',
  wordsLabel: 'Wörter des Textes; zum Schwärzen eines drücken',
  redactWord: (word: string) => `„${word}“ schwärzen`,
  restoreWord: (word: string) => `„${word}“ behalten`,
  finalLabel: 'Endgültiger Text',
  findingsTitle: 'Vertrauliche Inhalte gefunden',
  findingsHint: 'Schwärzen Sie, was Sie nicht verlassen soll, bevor Sie teilen.',
  redactFinding: (text: string) => `„${text}“ schwärzen`,
  noFindings: 'Nichts Vertrauliches gefunden.',
  approve: 'Zustimmen und teilen',
  decline: 'Ablehnen',
  approved: (level: string) => `Geteilt: ${level}. Sie finden es unter „Geteilt“.`,
  declined: 'Abgelehnt. Es bleibt privat bei der verfassenden Person.',
  level: { private: 'Nur Sie', pair: 'Ihr Tandem', program: 'Programm (anonymisiert)' },
  writer: {
    label: 'Erkenntnis',
    level: 'Wer darf sie lesen',
    levels: { private: 'Nur ich', pair: 'Unser Tandem (braucht die Zustimmung meines Tandems)', program: 'Programm, anonymisiert (braucht die Zustimmung meines Tandems)' },
    session: (when: string) => `Aus der Sitzung am ${when}`,
    save: 'Erkenntnis speichern',
    share: 'Erkenntnis teilen',
    saved: 'Erkenntnis gespeichert.',
  },
  category: {
    person: 'Name', health: 'Gesundheit', hr: 'Personalangelegenheit', corporate: 'Unveröffentlichte Firmenangelegenheit', contact: 'Kontakt- oder Ausweisdaten', money: 'Betrag',
  },
  reason: {
    knownName: 'eine Person im Programm', givenName: 'der Name einer Person', titledName: 'ein Name mit Anrede', unknownName: 'liest sich wie ein Name',
    condition: 'eine Erkrankung', diagnosis: 'eine Diagnose', treatment: 'eine Behandlung', mentalHealth: 'psychische Gesundheit',
    pregnancy: 'Schwangerschaft oder Familienplanung', disability: 'eine Behinderung', sickLeave: 'Krankmeldung oder Gesundheit',
    resignation: 'eine Kündigung', dismissal: 'eine Entlassung', redundancy: 'Stellenabbau', performance: 'Leistungsmaßnahmen',
    pay: 'Gehalt oder Bonus', promotion: 'Beförderung oder Umstrukturierung', investigation: 'eine Untersuchung oder Beschwerde', privateLife: 'Privatleben',
    dealMaking: 'Fusion, Übernahme oder Verkauf', board: 'eine Vorstandsentscheidung', results: 'Zahlen oder Unveröffentlichtes', legal: 'ein Rechtsstreit',
    regulator: 'eine Behörde oder Schließung', email: 'eine E-Mail-Adresse', obfuscatedEmail: 'eine verschleierte E-Mail-Adresse', phone: 'eine Telefonnummer',
    shortNumber: 'eine Durchwahl oder Kurzwahl', iban: 'ein Bankkonto (IBAN)', cardNumber: 'eine Kartennummer', nationalId: 'eine Ausweis- oder Steuernummer',
    address: 'eine Anschrift', amount: 'ein Geldbetrag', amountInWords: 'ein Betrag in Worten', amountRange: 'eine Gehaltsspanne',
  },
};

export const consentStrings: Widen<typeof en> = language === 'de' ? de : en;
export { en as consentStringsEn };
