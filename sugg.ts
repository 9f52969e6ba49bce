import { benchSuggestions } from './scripts/bench/matching';
void benchSuggestions().then((rows) => console.table(rows.map((r) => ({ f: r.figure.slice(0, 90), v: r.value, b: r.baseline, r: r.ratio }))));
