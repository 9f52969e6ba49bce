// npm run bench: every performance figure we promise, each measured in one run of its own module under
// scripts/bench/, printed as one table and written into BENCHMARKS.md with the machine it ran on.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchBundles } from './bench/bundles';
import { benchDashboard } from './bench/dashboard';
import { benchDispatch } from './bench/dispatch';
import { benchEmbeddedStore } from './bench/embeddedStore';
import { benchInsights } from './bench/insights';
import { benchMatching } from './bench/matching';
import { benchScale } from './bench/scale';
import { benchSensitiveContent } from './bench/sensitiveContent';
import { benchTabLoad } from './bench/tabLoad';
import { benchWrites } from './bench/writes';
import type { BenchRow } from './bench/row';

interface BenchModule {
  title: string;
  run: () => Promise<BenchRow[]>;
}

const MODULES: BenchModule[] = [
  // First, in a small heap: its per-scan CPU time is the process's, and the later sections leave a large heap to collect.
  { title: 'Sensitive-content detection (ours / redact-pii)', run: benchSensitiveContent },
  { title: 'Tab bundle sizes', run: benchBundles },
  { title: 'Tab load in the Teams host (headless Chromium)', run: benchTabLoad },
  { title: 'Pair dashboard', run: benchDashboard },
  { title: 'Embedded store at scale', run: () => benchEmbeddedStore() },
  { title: 'Organisation scale (1,000 pairs, 10,000 participants)', run: () => benchScale() },
  { title: 'Programme insights (change feed aggregates)', run: () => benchInsights() },
  { title: 'Writes on the embedded store', run: benchWrites },
  { title: 'Reminder dispatch', run: benchDispatch },
  { title: 'Matching', run: benchMatching },
];

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|');

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
  const loadAtStart = os.loadavg()[0]!;
  const lines = ['| area | figure | value | baseline (same run) | ratio |', '| --- | --- | --- | --- | --- |'];
  for (const module of MODULES) {
    process.stderr.write(`measuring: ${module.title}…\n`);
    // A module that fails is a row saying so: the other figures of the run still reach the table.
    const rows = await module
      .run()
      .catch((error: unknown): BenchRow[] => [
        { figure: 'failed', value: String((error as Error).message ?? error).slice(0, 200) },
      ]);
    for (const r of rows)
      lines.push(
        `| ${cell(module.title)} | ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.baseline)} | ${cell(r.ratio)} |`,
      );
  }
  const table = lines.join('\n');
  console.log(`Machine: ${machine}\n\n${table}`);
  const doc = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts and the modules in scripts/bench/); every figure below comes from
one run of that command on the machine named here, each next to what it is compared with in the same run.
Re-run it to refresh this file.

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; load average ${loadAtStart.toFixed(1)} at the start and
${os.loadavg()[0]!.toFixed(1)} at the end (other jobs share the machine: read ratios within one run, not absolute times).

${table}
`;
  // The `npm run load` section at the end is that script's: kept as it is.
  const file = path.resolve(__dirname, '../BENCHMARKS.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const loadSection = previous.indexOf('\n## `npm run load`\n');
  writeFileSync(file, loadSection < 0 ? doc : `${doc}${previous.slice(loadSection)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
