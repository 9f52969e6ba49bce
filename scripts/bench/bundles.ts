// Gzip sizes of the built tab: the personal tab's initial JavaScript and what each lazy page adds.
import path from 'node:path';
import { measureBundle } from '../bundleSizes';
import type { BenchRow } from './row';

const BUDGET_KB = 150;
const kb = (bytes: number) => bytes / 1024;

export async function benchBundles(): Promise<BenchRow[]> {
  const sizes = measureBundle(path.resolve(__dirname, '../../tab/dist'));
  const row = (figure: string, bytes: number): BenchRow => ({
    figure, value: `${kb(bytes).toFixed(1)} KB`, baseline: `budget ${BUDGET_KB} KB`, ratio: `${((kb(bytes) / BUDGET_KB) * 100).toFixed(0)} %`,
  });
  return [
    row('Tab bundle gzip: personal tab, initial JS', sizes.initialGzip),
    ...sizes.pages.map((p) => row(`Tab bundle gzip: ${p.src.replace(/^src\/pages\//, '').replace(/\.tsx?$/, '')} (added to the initial JS)`, p.gzip)),
  ];
}

if (require.main === module) void benchBundles().then((rows) => console.table(rows));
