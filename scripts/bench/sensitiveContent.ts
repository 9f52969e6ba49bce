// Sensitive-content detection on the labelled corpus (test/fixtures/sensitiveCorpus): per-category
// recall and precision of our scanner next to the `redact-pii` package on the same takeaways, for
// the tuning set and, separately, the fresh held-out set; and the scan time of a 1,000-character takeaway.
import { performance } from 'node:perf_hooks';
import { SyncRedactor } from 'redact-pii';
import { findSensitiveContent } from '../../bot/src/domain/sensitiveContent';
import {
  CATEGORIES,
  loadCorpus,
  score,
  type Category,
  type Detector,
  type Span,
  type Split,
} from '../../test/fixtures/sensitiveCorpus/corpus';
import type { BenchRow } from './row';

const ours: Detector = (t) =>
  findSensitiveContent(t.text, { knownNames: t.knownNames, regions: [t.region] }).map((f) => ({
    category: f.kind,
    start: f.start,
    end: f.end,
  }));

// redact-pii replaces what it finds by a token per kind (PERSON_NAME, PHONE_NUMBER, ...); the spans
// are recovered by aligning the untouched text between tokens with the original.
const REDACT_PII_CATEGORY: Record<string, Category> = {
  PERSON_NAME: 'person',
  CREDIT_CARD_NUMBER: 'contact',
  STREET_ADDRESS: 'contact',
  ZIPCODE: 'contact',
  PHONE_NUMBER: 'contact',
  IP_ADDRESS: 'contact',
  US_SOCIAL_SECURITY_NUMBER: 'contact',
  EMAIL_ADDRESS: 'contact',
  USERNAME: 'contact',
  PASSWORD: 'contact',
  CREDENTIALS: 'contact',
  DIGITS: 'contact',
  URL: 'contact',
};
const TOKENS = new RegExp(`(${Object.keys(REDACT_PII_CATEGORY).join('|')})`, 'u');
const redactor = new SyncRedactor();
export const redactPii: Detector = (t) => {
  const out = redactor.redact(t.text);
  const spans: Span[] = [];
  let cursor = 0;
  const parts = out.split(TOKENS); // literal, token, literal, token, ...
  for (let i = 0; i < parts.length; i += 2) {
    const literal = parts[i]!;
    const at = literal === '' ? (i + 1 < parts.length ? cursor : t.text.length) : t.text.indexOf(literal, cursor);
    if (i > 0 && at > cursor) spans.push({ category: REDACT_PII_CATEGORY[parts[i - 1]!]!, start: cursor, end: at });
    cursor = (at < 0 ? cursor : at) + literal.length;
  }
  return spans;
};

const pct = (v: number) => v.toFixed(2);
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function corpusRows(split: Split): BenchRow[] {
  const corpus = loadCorpus(split);
  const a = score(corpus, ours);
  const b = score(corpus, redactPii);
  return [...CATEGORIES, 'overall' as const].map((c) => ({
    figure: `${split} (${corpus.length} takeaways), ${c}: ${a[c].gold} spans, recall / precision`,
    value: `${pct(a[c].recall)} / ${pct(a[c].precision)}`,
    baseline: `redact-pii ${pct(b[c].recall)} / ${b[c].predicted ? pct(b[c].precision) : '–'}`,
  }));
}

/** 1,000-character takeaways cut from the corpus at different offsets, so no two scans see the same text. */
function scanTiming(): BenchRow[] {
  const all = [...loadCorpus('tuning'), ...loadCorpus('fresh')];
  const joined = all.map((t) => t.text).join(' ');
  const texts = Array.from({ length: 200 }, (_, i) => joined.slice(i * 37, i * 37 + 1000));
  const knownNames = all[0]!.knownNames;
  for (const t of texts) findSensitiveContent(t, { knownNames, regions: ['DE'] }); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const t of texts) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      findSensitiveContent(t, { knownNames, regions: ['DE'] });
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  const rp: number[] = [];
  for (const t of texts) {
    const t0 = performance.now();
    redactor.redact(t);
    rp.push(performance.now() - t0);
  }
  return [
    {
      figure: `scan of a 1,000-character takeaway, p50 / p95 wall (${wall.length} scans)`,
      value: `${percentile(wall, 50).toFixed(2)} / ${percentile(wall, 95).toFixed(2)} ms`,
      baseline: `redact-pii p95 ${percentile(rp, 95).toFixed(2)} ms; target p95 < 5 ms`,
    },
    {
      figure: 'scan of a 1,000-character takeaway, p50 / p95 CPU time',
      value: `${percentile(cpu, 50).toFixed(2)} / ${percentile(cpu, 95).toFixed(2)} ms`,
      baseline: 'target p95 < 5 ms',
    },
  ];
}

export async function benchSensitiveContent(): Promise<BenchRow[]> {
  return [...corpusRows('tuning'), ...corpusRows('fresh'), ...scanTiming()];
}

if (require.main === module) {
  void benchSensitiveContent().then((rows) => {
    for (const r of rows) console.log(`${r.figure} | ${r.value} | ${r.baseline ?? ''}`);
  });
}
