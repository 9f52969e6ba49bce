// One block per category of issue 14, each with positive and negative examples in English and German.
import {
  findSensitiveContent,
  redactSensitiveContent,
  regionOfLocale,
  type FindingKind,
  type ScanOptions,
} from '../../bot/src/domain/sensitiveContent';
import { germanTaxIdValid, luhnValid } from '../../bot/src/domain/sensitive/contact';

const found = (text: string, options?: ScanOptions) =>
  findSensitiveContent(text, options).map((f) => [f.kind, f.reason, f.text]);
const ofKind = (kind: FindingKind, text: string, options?: ScanOptions) =>
  findSensitiveContent(text, options)
    .filter((f) => f.kind === kind)
    .map((f) => f.text);

describe('people', () => {
  it.each([
    ['Priya told me about the offsite.', 'Priya'],
    ['We met Katrin Bauer from sales.', 'Katrin Bauer'],
    ['Mr Okafor approved it.', 'Mr Okafor'],
    ['Ich habe Frau Dr. Weber gefragt.', 'Frau Dr. Weber'],
    ['Bitte Herrn Yilmaz anrufen.', 'Herrn Yilmaz'],
    ['My colleague Okonkwo thinks it is too early.', 'Okonkwo'],
    ['Okafor said the plan works.', 'Okafor'],
    ['Die Kollegin Nowakowska meinte, das passt.', 'Nowakowska'],
  ])('finds the person in %j', (text, name) => {
    expect(ofKind('person', text)).toEqual([name]);
  });

  it('says why: a known participant, a given name, a title, or a cue', () => {
    expect(
      found('Dana met Priya, Mr Okafor and colleague Okonkwo.', { knownNames: ['Dana Whitfield'] }).map(([, r]) => r),
    ).toEqual(['knownName', 'givenName', 'titledName', 'unknownName']);
  });

  it.each([
    'Will we ship in May?',
    'Grace under pressure matters.',
    'Die Quartalsplanung sagte nichts Neues.',
    'The Board met in Berlin on Monday.',
    'We use Microsoft Teams and GitHub every day.',
    'Das Team meinte, die Umstellung sei gut.',
    'Unsere Abteilung hat viel gelernt.',
  ])('finds nobody in %j', (text) => {
    expect(ofKind('person', text)).toEqual([]);
  });
});

describe('health', () => {
  it.each([
    ['She was diagnosed with cancer last year.', ['diagnosed with cancer']],
    ['He is in therapy for depression.', ['therapy for depression']],
    ['She is pregnant with twins.', ['pregnant with']],
    ['He has been on sick leave since May.', ['on sick leave']],
    ['Er hat Brustkrebs.', ['Brustkrebs']],
    ['Sie ist seit Wochen krankgeschrieben.', ['krankgeschrieben']],
    ['Er hat Depressionen und Rückenschmerzen.', ['Depressionen und Rückenschmerzen']],
    ['He has high blood pressure.', ['high blood pressure']],
    ['Sie hat einen Kreuzbandriss.', ['Kreuzbandriss']],
    ['She is in rehab after a relapse.', ['in rehab', 'relapse']],
    ['Sie ist schwanger.', ['schwanger']],
    ['He uses a wheelchair since the accident.', ['wheelchair']],
  ])('flags %j', (text, expected) => {
    expect(ofKind('health', text)).toEqual(expected);
  });

  it.each([
    'A healthy pipeline of ideas.',
    'Here is the cost breakdown.',
    'The budget was signed off yesterday.',
    'Wir haben über blinde Flecken gesprochen.',
    'Er sucht einen neuen Mentor.',
    'Das hängt davon ab, abhängig von der Zeit.',
    'The report is due in May.',
  ])('does not flag %j', (text) => {
    expect(ofKind('health', text)).toEqual([]);
  });
});

describe('HR', () => {
  it.each([
    ['She resigned on Monday.', 'resignation'],
    ['He was let go after the audit.', 'dismissal'],
    ['Layoffs hit the support team.', 'redundancy'],
    ['She is on a PIP.', 'performance'],
    ['His salary is too low.', 'pay'],
    ['She will be promoted before the announcement.', 'promotion'],
    ['There is an investigation into his expenses.', 'investigation'],
    ['Er hat gekündigt.', 'resignation'],
    ['Sie hat eine Abmahnung bekommen.', 'performance'],
    ['Der Stellenabbau kommt im Herbst.', 'redundancy'],
    ['Die Umstrukturierung trifft den Vertrieb.', 'promotion'],
    ['The engineering team is losing fifteen people in the next round.', 'redundancy'],
    ['Im Vertrieb sollen 40 Stellen wegfallen.', 'redundancy'],
    ['He got a written warning last week.', 'performance'],
    ['Er hat einen Aufhebungsvertrag unterschrieben.', 'resignation'],
  ])('flags %j as %s', (text, reason) => {
    expect(
      findSensitiveContent(text)
        .filter((f) => f.kind === 'hr')
        .map((f) => f.reason),
    ).toEqual([reason]);
  });

  it.each([
    'Let go of perfectionism.',
    'We raised the bar.',
    'pip install compromise',
    'Er hat sich das verdient.',
    'Wir haben technical debt abgebaut.',
  ])('does not flag %j', (text) => {
    expect(ofKind('hr', text)).toEqual([]);
  });
});

describe('undisclosed corporate matters', () => {
  it.each([
    ['The merger with Northwind is still secret.', 'merger'],
    ['The board decided to sell the plant.', 'The board decided to sell the plant'],
    ['Q3 results are worse than expected.', 'Q3 results'],
    ['We are being sued by a supplier.', 'being sued'],
    ['We are about to acquire Northwind.', 'about to acquire Northwind'],
    ['The site in Leeds will be closed next year.', 'site in Leeds will be closed'],
    ['Das Werk in Augsburg wird nächstes Jahr geschlossen.', 'Werk in Augsburg wird nächstes Jahr geschlossen'],
    [
      'The board has approved the sale of the payments business.',
      'board has approved the sale of the payments business',
    ],
    ['Der Vorstand plant den Verkauf der Tochter in Polen.', 'Vorstand plant den Verkauf der Tochter'],
    ['Die Staatsanwaltschaft ermittelt gegen uns.', 'Staatsanwaltschaft ermittelt gegen'],
    ['The FCA asked for data.', 'FCA'],
    ['Die Übernahme durch den Wettbewerber ist beschlossen.', 'Übernahme durch'],
    ['Das Kartellamt prüft den Deal.', 'Kartellamt'],
    ['Die Quartalszahlen sind schlecht.', 'Quartalszahlen'],
  ])('flags %j', (text, expected) => {
    expect(ofKind('corporate', text)).toEqual([expected]);
  });

  it.each([
    'Thanks for the guidance.',
    'I recall the meeting.',
    'He took over the project.',
    'Ich bitte um Rückruf.',
    'We acquired new skills.',
    'We talked about how the board game night helps new joiners.',
    'Im Vergleich zu letztem Jahr läuft es besser.',
    'The office is closed on Monday.',
    'Wir haben die Aufgaben neu verteilt und das Protokoll übernommen.',
  ])('does not flag %j', (text) => {
    expect(ofKind('corporate', text)).toEqual([]);
  });
});

describe('contact and identity data', () => {
  it.each([
    ['Write to dana at contoso dot com.', 'obfuscatedEmail', 'dana at contoso dot com'],
    ['Mail j.weber (at) contoso (punkt) de bitte.', 'obfuscatedEmail', 'j.weber (at) contoso (punkt) de'],
    ['Her extension is 4711.', 'shortNumber', '4711'],
    ['Die Durchwahl von Frau Yilmaz ist 3412.', 'shortNumber', '3412'],
    ['Account DE89 3704 0044 0532 0130 00 please.', 'iban', 'DE89 3704 0044 0532 0130 00'],
    ['Card 4111 1111 1111 1111 on file.', 'cardNumber', '4111 1111 1111 1111'],
    ['SSN 123-45-6789 was on the form.', 'nationalId', '123-45-6789'],
    ['NI number AB 12 34 56 C.', 'nationalId', 'AB 12 34 56 C'],
    ['Steuer-ID 86095742719.', 'nationalId', '86095742719'],
    ['She lives at 221B Baker Street, London NW1 6XE.', 'address', '221B Baker Street, London NW1 6XE'],
    ['Er wohnt in der Hauptstraße 5, 10115 Berlin.', 'address', 'Hauptstraße 5, 10115 Berlin'],
  ])('flags %j', (text, reason, expected) => {
    expect(found(text).filter(([k]) => k === 'contact')).toEqual([['contact', reason, expected]]);
  });

  it('reads national phone numbers in the author’s region', () => {
    expect(ofKind('contact', 'Ruf an: 030 12345678', { regions: ['DE'] })).toEqual(['030 12345678']);
    expect(ofKind('contact', 'Mobile 07911 123456 after five', { regions: ['GB'] })).toEqual(['07911 123456']);
  });

  it('takes a possible but unallocated national number after a phone word, and only there', () => {
    expect(ofKind('contact', 'His mobile is 07700 900461.', { regions: ['GB'] })).toEqual(['07700 900461']);
    expect(ofKind('contact', 'Ticket 07700 900461 is closed.', { regions: ['GB'] })).toEqual([]);
  });

  it('finds the region of a Teams locale', () => {
    expect([regionOfLocale('de-DE'), regionOfLocale('en-gb'), regionOfLocale('en'), regionOfLocale(undefined)]).toEqual(
      ['DE', 'GB', undefined, undefined],
    );
  });

  it.each([
    'Account DE89 3704 0044 0532 0130 01 please.', // wrong IBAN checksum
    'Order 4111 1111 1111 1112 arrived.', // fails Luhn
    'Ticket 000-12-3456 is closed.', // no SSN starts with 000
    'Ref 86095742710 is the order.', // an 11-digit reference that fails the tax-id check digit
    'We meet at noon at the office.',
    'Version 2.3.1 ships in 2026 with 1,200 users.',
  ])('does not flag %j', (text) => {
    expect(ofKind('contact', text)).toEqual([]);
  });

  it('checks the checksums', () => {
    expect([luhnValid('4111111111111111'), luhnValid('4111111111111112')]).toEqual([true, false]);
    expect([germanTaxIdValid('86095742719'), germanTaxIdValid('86095742710'), germanTaxIdValid('11111111111')]).toEqual(
      [true, false, false],
    );
  });
});

describe('money', () => {
  it.each([
    ['She earns €95k.', '€95k'],
    ['A 1.2m USD deal.', '1.2m USD'],
    ['It costs two million.', 'two million'],
    ['Half a million dollars went missing.', 'Half a million dollars'],
    ['Budget von 2 Mio. Euro.', '2 Mio. Euro'],
    ['Gehalt: 95.000 €.', '95.000 €'],
    ['Zwei Millionen Euro Umsatz.', 'Zwei Millionen Euro'],
    ['A budget of 250k for the pilot.', '250k'],
    ['He earns six figures.', 'six figures'],
    ['Er bekommt fünftausend Euro Bonus.', 'fünftausend Euro'],
    ['Zweihundertfünfzigtausend € für das Projekt.', 'Zweihundertfünfzigtausend €'],
  ])('flags %j', (text, expected) => {
    expect(ofKind('money', text)).toEqual([expected]);
  });

  it.each([
    '3 million users',
    'zwei Millionen Nutzer',
    'fünftausend Nutzer',
    'a 5k run',
    'one of a kind',
    'try 5 times',
  ])('does not flag %j', (text) => {
    expect(ofKind('money', text)).toEqual([]);
  });
});

describe('the programme copy', () => {
  it('carries no condition, national number or unknown name once redacted', () => {
    const text = 'Tomasz Nowak has diabetes; call him on 0151 23456789.';
    expect(redactSensitiveContent(text, findSensitiveContent(text, { regions: ['DE'] }))).toBe(
      '[name] has [health]; call him on [phone].',
    );
  });
});
