// What each surface of the tab receives before it is interactive, on the wire in headless Chromium
// against the real server (scripts/bundleSizes.ts): encoded bytes as received, with the encoding, next to
// its budget and to the same scripts' decoded size (what an uncompressed response would have carried).
import { encodingsOf, kb, measureTabLoads, WIRE_BUDGETS } from '../bundleSizes';
import type { BenchRow } from './row';

export async function benchBundles(): Promise<BenchRow[]> {
  const loads = await measureTabLoads();
  return loads.map((load): BenchRow => {
    const budget = WIRE_BUDGETS[load.surface as keyof typeof WIRE_BUDGETS];
    const figure = `Script on the wire before interactive: ${load.description}, ${load.scripts.length} responses, ${encodingsOf(load)}`;
    const uncompressed = `${kb(load.bytes)} uncompressed`;
    return budget
      ? {
          figure,
          value: kb(load.wireBytes),
          baseline: `budget ${kb(budget)}; ${uncompressed}`,
          ratio: `${((load.wireBytes / budget) * 100).toFixed(0)} % of budget`,
        }
      : {
          figure,
          value: kb(load.wireBytes),
          baseline: uncompressed,
          ratio: `${((load.wireBytes / load.bytes) * 100).toFixed(0)} % of uncompressed`,
        };
  });
}

if (require.main === module) void benchBundles().then((rows) => console.table(rows));
