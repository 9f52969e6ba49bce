// The scanner against the labelled corpus (test/fixtures/sensitiveCorpus): the targets of issue 14
// on the takeaways it was tuned on, and a floor on the fresh held-out takeaways it never saw.
import { findSensitiveContent } from '../../bot/src/domain/sensitiveContent';
import { CATEGORIES, loadCorpus, score, type Detector } from '../fixtures/sensitiveCorpus/corpus';

export const ourDetector: Detector = (t) =>
  findSensitiveContent(t.text, { knownNames: t.knownNames, regions: [t.region] }).map((f) => ({
    category: f.kind,
    start: f.start,
    end: f.end,
  }));

describe('sensitive-content corpus', () => {
  const tuning = loadCorpus('tuning');
  const fresh = loadCorpus('fresh');

  it('holds at least 200 takeaways in English and German, clean ones among them', () => {
    const all = [...tuning, ...fresh];
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(all.filter((t) => t.file.includes('.de.')).length).toBeGreaterThanOrEqual(80);
    expect(all.filter((t) => t.spans.length === 0).length).toBeGreaterThanOrEqual(40);
    for (const c of CATEGORIES)
      expect(all.filter((t) => t.spans.some((s) => s.category === c)).length).toBeGreaterThanOrEqual(10);
  });

  it('meets the targets on the tuning set: recall >= 0.95, precision >= 0.85, no category below 0.85 recall', () => {
    const s = score(tuning, ourDetector);
    expect(s.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.overall.precision).toBeGreaterThanOrEqual(0.85);
    for (const c of CATEGORIES) expect({ c, recall: s[c].recall >= 0.85 }).toEqual({ c, recall: true });
  });

  // fresh.*.txt was written and labelled before the lexicons were broadened and measured once
  // afterwards (recall 145/152 = 0.954, precision 150/163 = 0.920, lowest category recall person
  // 49/55 = 0.891). Issue 14's target is recall >= 0.95, precision >= 0.85, no category below 0.85
  // recall; this floor is what was measured, rounded down, so a change that loses ground shows.
  it('keeps its fresh held-out figures: recall >= 0.95, precision >= 0.90, no category below 0.85 recall', () => {
    const s = score(fresh, ourDetector);
    expect(s.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.overall.precision).toBeGreaterThanOrEqual(0.9);
    for (const c of CATEGORIES) expect({ c, recall: s[c].recall >= 0.85 }).toEqual({ c, recall: true });
  });
});
