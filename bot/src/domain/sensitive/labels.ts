// What a redacted finding reads as, in the programme copy and in the author's text after "Redact".
// Its own module so the tab can use it without the scanner (the NLP lexicon stays on the server).

const LABELS: Readonly<Record<string, string>> = {
  contact: '[contact]',
  money: '[amount]',
  person: '[name]',
  health: '[health]',
  hr: '[HR matter]',
  corporate: '[confidential]',
};
const CONTACT_LABELS: Readonly<Record<string, string>> = {
  email: '[email]',
  obfuscatedEmail: '[email]',
  phone: '[phone]',
  shortNumber: '[phone]',
  iban: '[account]',
  cardNumber: '[card]',
  nationalId: '[ID number]',
  address: '[address]',
};

export const labelOf = (f: { kind: string; reason?: string }): string =>
  (f.kind === 'contact' && f.reason ? CONTACT_LABELS[f.reason] : undefined) ?? LABELS[f.kind] ?? '[redacted]';
