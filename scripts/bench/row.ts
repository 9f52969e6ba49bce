// One line of the table `npm run bench` prints and writes into BENCHMARKS.md. Each area of the app
// measures its own figures in a module under scripts/bench/ that returns rows like this.
export interface BenchRow {
  /** What was measured, e.g. "Dashboard API p50". */
  figure: string;
  /** The measured value with its unit, e.g. "6.4 ms". */
  value: string;
  /** What it is measured against in the same run, e.g. "raw @azure/cosmos 2.5 ms" or "Teams limit 30/s". */
  baseline?: string;
  /** value ÷ baseline (or the share of a limit), e.g. "2.5×" or "94 %". */
  ratio?: string;
}
