// Matching: our assignment solver (bot/src/domain/matching.ts) next to the `munkres` npm package on the
// same random cost matrices in the same run; both optimal totals must be equal.
import { performance } from 'node:perf_hooks';
import { munkres } from 'munkres';
import { solveAssignment } from '../../bot/src/domain/matching';
import type { BenchRow } from './row';
import { seededRandom } from '../../test/support/seededRandom';

const SIZES = [100, 500, 1000, 2000];
const RUNS = 5;

/** Integer costs like the matcher's (score × K + 1 with small scores): many ties, as in real programmes. */
function costMatrix(n: number, seed: number): number[][] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: n }, () => -(Math.floor(rand() * 7) * (n + 1) + 1)));
}

/** Median of RUNS timings (a fresh copy of the matrix each time), and the last result. */
function timed<T>(fn: () => T): { ms: number; result: T } {
  const samples: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(RUNS / 2)]!, result };
}

export async function benchMatching(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of SIZES) {
    const cost = costMatrix(n, n);
    // One warm-up each on a smaller matrix so both are measured after JIT compilation.
    solveAssignment(costMatrix(50, 1));
    munkres(costMatrix(50, 1));
    const ours = timed(() => solveAssignment(cost));
    // munkres reads the matrix without changing it; ours copies it into typed arrays.
    const theirs = timed(() => munkres(cost));
    const ourTotal = ours.result.reduce((sum, c, r) => sum + cost[r]![c]!, 0);
    const theirTotal = theirs.result.reduce((sum, [r, c]) => sum + cost[r]![c]!, 0);
    if (ourTotal !== theirTotal || theirs.result.length !== n || ours.result.includes(-1))
      throw new Error(`matching ${n}×${n}: optimal totals differ (ours ${ourTotal}, munkres ${theirTotal})`);
    rows.push({
      figure: `Matching ${n}×${n}, median of ${RUNS} (our solveAssignment; same optimum ${ourTotal} as munkres)`,
      value: `${ours.ms.toFixed(1)} ms`,
      baseline: `munkres ${theirs.ms.toFixed(1)} ms`,
      ratio: `${(ours.ms / theirs.ms).toFixed(2)}×`,
    });
  }
  return rows;
}

if (require.main === module) {
  void benchMatching().then((rows) => console.table(rows));
}
