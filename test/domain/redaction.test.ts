import fc from 'fast-check';
import { isRedactionOf, redactWords, splitWords } from '../../bot/src/domain/redaction';

describe('the partner’s redactions', () => {
  const proposed = '[name] learned that the Leeds pilot works best, with live demos.';

  it('redacts picked words, one label for neighbours', () => {
    expect(redactWords(proposed, new Set([4]))).toBe(
      '[name] learned that the [redacted] pilot works best, with live demos.',
    );
    expect(redactWords(proposed, new Set([4, 5]))).toBe(
      '[name] learned that the [redacted] works best, with live demos.',
    );
    expect(redactWords(proposed, new Set([7, 8]))).toBe(
      '[name] learned that the Leeds pilot works [redacted] live demos.',
    );
  });

  it('accepts the proposed text and any redaction of it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: splitWords(proposed).words.length - 1 })), (picked) =>
        isRedactionOf(proposed, redactWords(proposed, new Set(picked))),
      ),
    );
    expect(isRedactionOf(proposed, proposed)).toBe(true);
  });

  it.each([
    ['an added word', '[name] learned that the Leeds pilot works best, with live demos. Dana'],
    ['a changed word', '[name] learned that the Leeds pilot works worst, with live demos.'],
    ['a changed gap', '[name] learned that the Leeds pilot works best; with live demos.'],
    ['a restored finding', 'Priya learned that the Leeds pilot works best, with live demos.'],
    ['a reordered pair', '[name] learned that the pilot Leeds works best, with live demos.'],
    ['a word inside a label', '[name] learned that the [redacted Dana] pilot works best, with live demos.'],
    ['nothing', ''],
  ])('refuses %s', (_label, final) => {
    expect(isRedactionOf(proposed, final)).toBe(false);
  });
});
