import fc from 'fast-check';
import {
  findSensitiveContent,
  redactSensitiveContent,
  type Finding,
  type FindingKind,
  type ScanOptions,
} from '../../bot/src/domain/sensitiveContent';

const KNOWN_NAMES = ['Dana Whitfield', "Sean O'Brien", 'José Álvarez', 'Zoë Kim', 'Al Li', 'J.R. Smith'];
const OPTIONS: ScanOptions = { knownNames: KNOWN_NAMES };

type Label = FindingKind | 'email' | 'phone';
/** Contact data reads as e-mail or phone where it is one, so the assertions stay readable. */
const labelOf = (f: Finding): Label =>
  f.kind === 'contact' && (f.reason === 'email' || f.reason === 'phone') ? f.reason : f.kind;

/** Checks the structural contract on every call, then returns [kind, text] pairs for readable assertions. */
function scan(text: string, options: ScanOptions = OPTIONS): Array<[Label, string]> {
  const findings = findSensitiveContent(text, options);
  expectWellFormed(text, findings);
  return findings.map((f) => [labelOf(f), f.text]);
}

/** Contract violations, as messages (one expect per call keeps 1 MB inputs fast). */
function contractViolations(text: string, findings: readonly Finding[]): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  findings.forEach((f, i) => {
    if (!Number.isInteger(f.start) || !Number.isInteger(f.end)) problems.push(`#${i} non-integer offsets`);
    if (f.start < previousEnd) problems.push(`#${i} unsorted or overlapping`);
    if (f.end <= f.start) problems.push(`#${i} empty span`);
    if (f.start < 0 || f.end > text.length) problems.push(`#${i} out of bounds`);
    if (text.slice(f.start, f.end) !== f.text) problems.push(`#${i} text does not match span`);
    previousEnd = f.end;
  });
  return problems;
}

function expectWellFormed(text: string, findings: readonly Finding[]): void {
  expect(contractViolations(text, findings)).toEqual([]);
}

const textsOf = (text: string, kind: Label, options?: ScanOptions): string[] =>
  scan(text, options)
    .filter(([k]) => k === kind)
    .map(([, t]) => t);

describe('email', () => {
  it.each([
    ['Write to dana.whitfield@contoso.com today', 'dana.whitfield@contoso.com'],
    ['tagged x+mentoring@mail.example.co.uk, thanks', 'x+mentoring@mail.example.co.uk'],
    ["write to sean.o'brien@contoso.com.", "sean.o'brien@contoso.com"],
    ["quoted 'ana_b@example.org' here", 'ana_b@example.org'],
    ['SHOUTING@CONTOSO.COM', 'SHOUTING@CONTOSO.COM'],
    ['mailto:ops-team@my-company.io?subject=x', 'ops-team@my-company.io'],
    ['digits glued after the TLD: x@y.com1', 'x@y.com'],
  ])('flags %j', (text, expected) => {
    expect(scan(text)).toEqual([['email', expected]]);
  });

  it.each(['a@b', '@contoso.com', 'foo@.com', 'user@localhost', 'meet @ 5pm', 'a@b.c', 'ping @dana on Teams'])(
    'does not flag %j',
    (text) => {
      expect(textsOf(text, 'email')).toEqual([]);
    },
  );

  it('reports exact offsets', () => {
    const text = 'Mail: a.b@example.org.';
    expect(findSensitiveContent(text)).toEqual([
      { kind: 'contact', reason: 'email', start: 6, end: 21, text: 'a.b@example.org' },
    ]);
  });
});

describe('phone', () => {
  it.each([
    ['Call +44 20 7946 0958 tomorrow', '+44 20 7946 0958'],
    ['desk (415) 555-0132.', '(415) 555-0132'],
    ['mobile 415-555-0132', '415-555-0132'],
    ['intl +1 415 555 0132', '+1 415 555 0132'],
    ['Paris +33 1 42 68 53 00', '+33 1 42 68 53 00'],
    ['fictional UK mobile +44 7700 900123', '+44 7700 900123'],
    ['(213) 373-4253 ext. 1234 is the desk', '(213) 373-4253 ext. 1234'],
    // Followed by a count, which the library alone reads into the number and then rejects.
    ['ring (415) 555-0132 10 times', '(415) 555-0132'],
    ['dial 415 555 0132 24 hours', '415 555 0132'],
    ['call +44 20 7946 0958 56 times', '+44 20 7946 0958'],
    ['+1 415 555 0132 3 times', '+1 415 555 0132'],
  ])('flags %j', (text, expected) => {
    expect(scan(text)).toEqual([['phone', expected]]);
  });

  it.each([
    'We launch in 2026',
    'Deadline 2026-11-22',
    'on 22.11.2026 at 10:30-11:30',
    'from 2025 to 2026',
    '12 people joined, 3 left',
    'version 10.2.3',
    'pi is 3.14159',
    'Q3 2026 had 1,200 attendees',
  ])('does not flag %j', (text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('money', () => {
  it.each([
    ['It cost $1,200 total', '$1,200'],
    ['budget €5k.', '€5k'],
    ['£40,000.50 offered', '£40,000.50'],
    ['about USD 3 million', 'USD 3 million'],
    ['a 2.5m dollars deal', '2.5m dollars'],
    ['only 300 euros', '300 euros'],
    ['¥500 each', '¥500'],
    ['needs 10k EUR', '10k EUR'],
    ['band $50-60k', '$50-60k'],
    ['US$20 fee', 'US$20'],
    ['German 1.234,56 EUR', '1.234,56 EUR'],
    ['French 1 200 000 euros', '1 200 000 euros'],
    ['price 100€', '100€'],
    ['$5mango', '$5'],
  ])('flags %j', (text, expected) => {
    expect(scan(text)).toEqual([['money', expected]]);
  });

  it.each([
    '1,200 people',
    'a 5k run',
    '3 million users',
    'the euro zone',
    'dollar value',
    'eurosceptic 5',
    'try 5 times',
    '2026',
  ])('does not flag %j', (text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('person', () => {
  it('flags a capitalised first or last name alone, and the full name in any case', () => {
    expect(scan('Dana said dana is fine; DANA WHITFIELD and dana whitfield agreed with Whitfield')).toEqual([
      ['person', 'Dana'],
      ['person', 'DANA WHITFIELD'],
      ['person', 'dana whitfield'],
      ['person', 'Whitfield'],
    ]);
  });

  it('does not flag lowercase single names or names inside other words', () => {
    expect(scan('dana and whitfield met Danaher in Adana; Whitfields? no: DanaWhitfield')).toEqual([]);
  });

  it('handles possessives and line breaks inside the full name', () => {
    expect(scan("Whitfield's notes; Dana\nWhitfield")).toEqual([
      ['person', 'Whitfield'],
      ['person', 'Dana\nWhitfield'],
    ]);
  });

  it('handles apostrophes, including typographic ones', () => {
    expect(scan("Sean O’Brien, O'Brien's view, o'brien")).toEqual([
      ['person', 'Sean O’Brien'],
      ['person', "O'Brien"],
    ]);
  });

  it('handles accents: exact, missing, decomposed and any case for the full name', () => {
    const decomposed = 'Jose\u0301';
    expect(scan(`José Álvarez; jose alvarez; Álvarez; Alvarez; ${decomposed} said`)).toEqual([
      ['person', 'José Álvarez'],
      ['person', 'jose alvarez'],
      ['person', 'Álvarez'],
      ['person', 'Alvarez'],
      ['person', decomposed],
    ]);
    expect(scan('Zoë, Zoe, ZOË, zoë, Kim')).toEqual([
      ['person', 'Zoë'],
      ['person', 'Zoe'],
      ['person', 'ZOË'],
      ['person', 'Kim'],
    ]);
  });

  it('needs at least 3 letters to flag a single name token', () => {
    // "Xo" and "Qa" are in no name lexicon: only the full known name counts.
    expect(scan('Xo and Qa met; later Xo Qa left', { knownNames: ['Xo Qa'] })).toEqual([['person', 'Xo Qa']]);
  });

  it('escapes regex-special characters in names', () => {
    expect(scan('J.R. Smith and JxR. Smith')).toEqual([
      ['person', 'J.R. Smith'],
      ['person', 'Smith'],
    ]);
    const weird: ScanOptions = { knownNames: ['Ana|Bo Cruz', '(', '[', '\\', '*+?', '', '   '] };
    // "Ana" alone is a given name of the lexicon; "Bo" is ambiguous (and two letters) and stays.
    expect(scan('Ana went, Bo went, Ana|Bo went (x) [y] \\ *+?', weird)).toEqual([
      ['person', 'Ana'],
      ['person', 'Ana|Bo'],
    ]);
  });

  it('finds a person without known names through the given-name lexicon', () => {
    expect(scan('Dana Whitfield', {})).toEqual([['person', 'Dana Whitfield']]);
  });
});

describe('overlap resolution', () => {
  it('keeps the longer finding when one contains another', () => {
    expect(scan('Dana.Whitfield@contoso.com')).toEqual([['email', 'Dana.Whitfield@contoso.com']]);
  });

  it('breaks length ties by kind order', () => {
    // "Union" is both a known surname and a topic word: same span, person comes before sensitiveTopic.
    expect(scan('Union said so', { knownNames: ['Grace Union'] })).toEqual([['person', 'Union']]);
  });

  it('covers the union of partially overlapping spans with the longer kind', () => {
    const text = 'Mental Health Ann spoke';
    expect(findSensitiveContent(text, { knownNames: ['Health Ann'] })).toEqual([
      { kind: 'health', reason: 'mentalHealth', start: 0, end: 17, text: 'Mental Health Ann' },
    ]);
  });

  it('rescans the redacted text and widens findings to cover anything redaction revealed', () => {
    // "EUR2026" is not an amount while glued to "$1,200", but would be in "[amount]EUR2026".
    expect(scan('paid $1,200EUR2026')).toEqual([
      ['money', '$1,200'],
      ['money', 'EUR2026'],
    ]);
  });

  it('returns separate findings sorted by start', () => {
    expect(scan('Dana (415) 555-0132 got a $5k bonus, mail dana@x.io')).toEqual([
      ['person', 'Dana'],
      ['phone', '(415) 555-0132'],
      ['money', '$5k'],
      ['hr', 'bonus'],
      ['email', 'dana@x.io'],
    ]);
  });
});

describe('redaction', () => {
  it('replaces every span with its label', () => {
    const text = 'Dana Whitfield (dana@x.io, +44 20 7946 0958) got €5k after her PIP.';
    expect(redactSensitiveContent(text, findSensitiveContent(text, OPTIONS))).toBe(
      '[name] ([email], [phone]) got [amount] after her [HR matter].',
    );
  });

  it('redacts only the findings it is given', () => {
    const text = 'Dana earns $90,000';
    const findings = findSensitiveContent(text, OPTIONS).filter((f) => f.kind === 'money');
    expect(redactSensitiveContent(text, findings)).toBe('Dana earns [amount]');
    expect(redactSensitiveContent(text, [])).toBe(text);
  });

  it('tolerates unsorted, overlapping and out-of-range spans without exposing covered text', () => {
    const text = 'abcdefghij';
    const f = (label: Label, start: number, end: number): Finding =>
      label === 'email' || label === 'phone'
        ? { kind: 'contact', reason: label, start, end, text: '' }
        : { kind: label, reason: label, start, end, text: '' };
    expect(
      redactSensitiveContent(text, [f('money', 6, 8), f('email', 0, 4), f('phone', 2, 5), f('person', 7, 50)]),
    ).toBe('[email][phone]f[amount][name]');
    expect(redactSensitiveContent(text, [f('email', -5, 2), f('phone', 4, 4), f('money', 9, 3)])).toBe(
      '[email]cdefghij',
    );
  });
});

describe('robustness', () => {
  it.each([
    ['empty', ''],
    ['emoji', '😀👩🏽‍💻 dana@x.io 🎉'],
    ['lone surrogates', '\ud800 +44 20 7946 0958 \udfff\ud83d'],
    ['control characters', '\u0000\u0007\u001b\u202e$5\u0000'],
    ['only punctuation', '@@@...$$$+++((()))---'],
  ])('does not throw on %s', (_label, text) => {
    expect(() => scan(text)).not.toThrow();
  });

  it('still finds content next to emoji and control characters', () => {
    expect(scan('\u0000dana@x.io😀$5\u0007')).toEqual([
      ['email', 'dana@x.io'],
      ['money', '$5'],
    ]);
  });

  it('tolerates missing or odd options at runtime', () => {
    expect(() => findSensitiveContent('Dana $5', undefined)).not.toThrow();
    expect(() => findSensitiveContent('Dana $5', null as unknown as ScanOptions)).not.toThrow();
    expect(scan('Dana $5', { knownNames: [42, null, 'Dana Whitfield'] as unknown as string[] })).toEqual([
      ['person', 'Dana'],
      ['money', '$5'],
    ]);
  });

  it('falls back to a conservative digit pattern if the phone library throws', () => {
    jest.isolateModules(() => {
      jest.doMock('libphonenumber-js/max', () => ({
        findPhoneNumbersInText: () => {
          throw new Error('boom');
        },
      }));
      const isolated =
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads a fresh copy only through require
        require('../../bot/src/domain/sensitiveContent') as typeof import('../../bot/src/domain/sensitiveContent');
      const text = 'call +44 20 7946 0958 in 2026';
      expect(isolated.findSensitiveContent(text).map((f) => [labelOf(f), f.text])).toEqual([
        ['phone', '+44 20 7946 0958'],
      ]);
    });
    jest.dontMock('libphonenumber-js/max');
  });

  const ONE_MB = 1 << 20;
  const repeatTo = (unit: string, length = ONE_MB): string =>
    unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

  // Each string targets one matcher's worst case (long runs without the expected terminator).
  it.each([
    ['local part without @', repeatTo('a'), 0],
    ['many @ with no domains', repeatTo('a@'), 0],
    ['one @ before a huge dotted domain', `a@${repeatTo('a.')}`, 0],
    ['dots and hyphens', repeatTo('a.-'), 0],
    ['digit groups without currency', repeatTo('123,'), 0],
    ['currency codes without amounts', repeatTo('USD '), 0],
    ['name prefix followed by spaces', `Dana${repeatTo(' ')}`, 1],
    ['topic prefix repeated', repeatTo('pay performance mental '), 0],
    ['emoji', repeatTo('😀'), 0],
    ['lone surrogates', repeatTo('\ud800'), 0],
  ])('handles a 1 MB adversarial string: %s', (_label, text, expectedCount) => {
    expect(findSensitiveContent(text, OPTIONS)).toHaveLength(expectedCount);
  });

  it('handles 1 MB of dense realistic content', () => {
    const unit = 'Dana Whitfield dana@x.io +1 415 555 0132 $5k health. ';
    const text = repeatTo(unit, unit.length * Math.floor(ONE_MB / unit.length));
    const findings = findSensitiveContent(text, OPTIONS);
    expectWellFormed(text, findings);
    expect(findings).toHaveLength(5 * (text.length / unit.length));
  });
});

describe('properties', () => {
  const snippet = fc.constantFrom(
    'dana@x.io',
    'a.b+c@mail.example.co.uk',
    '+44 20 7946 0958',
    '(415) 555-0132',
    '415-555-0132',
    '$1,200',
    '€5k',
    'USD 3 million',
    '300 euros',
    '10k EUR',
    'Dana Whitfield',
    'Dana',
    "O'Brien",
    'José',
    'salary',
    'PIP',
    '2026-11-22',
    '@',
    '$',
    '+',
    '.',
    '-',
    ' ',
    'k',
    'EUR',
  );
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // includes lone surrogates
  const nearMiss = fc.string({ unit: fc.constantFrom(...'0123456789 +-().,$€@akmEURusd'.split('')), maxLength: 20 });
  const text = fc
    .array(fc.oneof(snippet, nearMiss, fc.string({ unit: anyUnit, maxLength: 8 })), { maxLength: 12 })
    .chain((parts) => fc.constantFrom('', ' ', ', ', '\n').map((sep) => parts.join(sep)));
  const names = { knownNames: ['Dana Whitfield', "Sean O'Brien", 'José Álvarez'] };

  it('findings are sorted, non-overlapping, in bounds and match the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expectWellFormed(t, findSensitiveContent(t, names));
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary known names never break the scan', () => {
    fc.assert(
      fc.property(text, fc.array(fc.string({ unit: anyUnit, maxLength: 12 }), { maxLength: 4 }), (t, knownNames) => {
        expectWellFormed(t, findSensitiveContent(t, { knownNames }));
      }),
      { numRuns: 300 },
    );
  });

  it('redacting then re-scanning leaves no email, phone or amount', () => {
    fc.assert(
      fc.property(text, (t) => {
        const redacted = redactSensitiveContent(t, findSensitiveContent(t, names));
        const leftovers = findSensitiveContent(redacted, names).filter((f) =>
          ['email', 'phone', 'money'].includes(f.kind),
        );
        expect(leftovers).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
