import { findSensitiveContent } from './bot/src/domain/sensitiveContent';
import { CATEGORIES, loadCorpus, score } from './test/fixtures/sensitiveCorpus/corpus';
const split = (process.argv[2] ?? 'tuning') as 'tuning' | 'holdout';
const s = score(loadCorpus(split), (t) => findSensitiveContent(t.text, { knownNames: t.knownNames, regions: [t.region] }).map((f) => ({ category: f.kind, start: f.start, end: f.end })));
for (const c of [...CATEGORIES, 'overall'] as const) console.log(c.padEnd(10), s[c].gold, 'R', s[c].recall.toFixed(2), 'P', s[c].precision.toFixed(2));
if (split === 'tuning') { console.log('MISSES\n' + s.misses.join('\n')); console.log('FALSE\n' + s.falseAlarms.join('\n')); }
