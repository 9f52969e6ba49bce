// Matching, measured the way a large programme meets it:
// - the assignment solver (LAPJV, bot/src/domain/matching.ts) next to the `munkres` npm package on the very
//   matrices the matcher builds for realistic programmes (few distinct costs, forbidden reporting lines) and
//   on uniform random costs (nearly all distinct), interleaved, same optimum checked;
// - suggestions for a 10,000-participant programme through the API (1,000 active pairs, so 4,000 × 4,000
//   are matched), and the pair dashboard's latency while that runs next to its latency while idle,
//   measured in alternating windows.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { munkres } from 'munkres';
import pino from 'pino';
import { createApp } from '../../bot/src/app';
import { DEMO_USERS, seedDemoData } from '../../bot/src/commands/demoSeeder';
import { suggestMatchesInWorker } from '../../bot/src/commands/matchWorker';
import { programCreator } from '../../bot/src/commands/programCreator';
import { loadConfig } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { matchingCostMatrix, solveAssignment, type MatchCandidate } from '../../bot/src/domain/matching';
import { PROGRAM_ADMIN_ROLE, type PairDoc, type ParticipantDoc } from '../../bot/src/domain/model';
import type { BenchRow } from './row';
import { realisticPopulation } from '../../test/support/matchingPopulation';
import { seededRandom } from '../../test/support/seededRandom';
const SOLVER_SIZES = [500, 1000, 2000];
const SOLVER_RUNS = 5;
/** Participants of the large programme, half mentors, half executives; ACTIVE_PAIRS of each side are busy. */
const PARTICIPANTS = Number(process.env.BENCH_MATCHING_PARTICIPANTS ?? 10_000);
const ACTIVE_PAIRS = PARTICIPANTS / 10;
const ROUNDS = 3;
const IDLE_REQUESTS = 60;
const SUGGEST_TARGET_MS = 3000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

function toRows(rows: number, cols: number, cost: Float64Array): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(cost.subarray(r * cols, (r + 1) * cols)));
}

/**
 * Both solvers on one matrix, alternating, SOLVER_RUNS times each after two warm-up runs each (steady state,
 * compiled); throws unless both reach the same optimum.
 */
function compareSolvers(cost: number[][]): { ours: number; theirs: number; total: number } {
  for (let i = 0; i < 2; i++) {
    solveAssignment(cost);
    munkres(cost);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  let ourTotal = 0;
  let theirTotal = 0;
  for (let run = 0; run < SOLVER_RUNS; run++) {
    let start = performance.now();
    const a = solveAssignment(cost);
    ours.push(performance.now() - start);
    start = performance.now();
    const b = munkres(cost);
    theirs.push(performance.now() - start);
    ourTotal = a.reduce((sum, c, r) => sum + (c < 0 ? 0 : cost[r]![c]!), 0);
    theirTotal = b.reduce((sum, [r, c]) => sum + cost[r]![c]!, 0);
    if (ourTotal !== theirTotal)
      throw new Error(`assignment ${cost.length}: optimal totals differ (ours ${ourTotal}, munkres ${theirTotal})`);
  }
  return { ours: median(ours), theirs: median(theirs), total: ourTotal };
}

export function benchSolvers(): BenchRow[] {
  const rows: BenchRow[] = [];
  const row = (figure: string, r: { ours: number; theirs: number }): BenchRow => ({
    figure,
    value: ms(r.ours),
    baseline: `munkres ${ms(r.theirs)}`,
    ratio: `${(r.ours / r.theirs).toFixed(2)}×`,
  });
  for (const n of SOLVER_SIZES) {
    const { candidates, options } = realisticPopulation(n, n, n);
    const m = matchingCostMatrix(candidates, options);
    const cost = toRows(m.rows, m.cols, m.cost);
    const distinct = new Set(m.cost).size;
    const forbidden = m.cost.reduce((sum, c) => sum + (c === 0 ? 1 : 0), 0) / m.cost.length;
    rows.push(
      row(
        `Assignment solver ${n}×${n}, the matcher's matrix for a realistic programme (${distinct} distinct costs, ${(forbidden * 100).toFixed(1)} % forbidden), median of ${SOLVER_RUNS} after warm-up, interleaved, same optimum`,
        compareSolvers(cost),
      ),
    );
  }
  for (const n of SOLVER_SIZES) {
    const rand = seededRandom(n + 1);
    const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => Math.floor(rand() * 100_000)));
    rows.push(
      row(
        `Assignment solver ${n}×${n}, uniform random costs 0–99,999, median of ${SOLVER_RUNS} after warm-up, interleaved, same optimum`,
        compareSolvers(cost),
      ),
    );
  }
  return rows;
}

/** The reporting line above `id`, direct manager first, as the directory import records it. */
function chainOf(
  id: string,
  byId: Map<string, MatchCandidate>,
  managerOf: (id: string) => string | undefined,
): string[] {
  const chain: string[] = [];
  const seen = new Set([id]);
  let next = byId.get(id)?.managerId ?? managerOf(id);
  while (next !== undefined && !seen.has(next)) {
    chain.push(next);
    seen.add(next);
    next = byId.get(next)?.managerId ?? managerOf(next);
  }
  return chain;
}

export async function benchSuggestions(): Promise<BenchRow[]> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: `bench-matching-${Date.now()}`,
    RATE_LIMIT_PER_MINUTE: '100000',
    REMINDER_SCHEDULER: 'false',
  });
  const built = await createApp(config, { logger: pino({ level: 'silent' }) });
  const { store } = built.services;
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const { pairIds } = await seedDemoData(store);
    const avery = DEMO_USERS.find((u) => u.userId === 'avery')!;
    const admin = { tenantId: DEV_TENANT_ID, userId: avery.userId, name: avery.name, roles: [PROGRAM_ADMIN_ROLE] };
    const today = new Date().toISOString().slice(0, 10);
    const program = await programCreator(store, admin, {
      name: 'Bench programme',
      objectives: ['Scale'],
      startsOn: today,
      endsOn: new Date(Date.now() + 180 * 86400_000).toISOString().slice(0, 10),
      cadenceDays: 14,
      sessionMinutes: 45,
      topics: ['Scale'],
      programLearningsEnabled: false,
      retentionDays: 180,
    });
    const half = PARTICIPANTS / 2;
    const { candidates, options } = realisticPopulation(PARTICIPANTS, half, half);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const stamp = new Date().toISOString();
    const participants: ParticipantDoc[] = candidates.map((c) => ({
      id: c.id,
      type: 'participant',
      tenantId: DEV_TENANT_ID,
      programId: program.id,
      userId: c.id,
      name: c.name,
      role: c.role,
      skills: [...c.skills],
      interests: [...c.interests],
      ...(c.department ? { department: c.department } : {}),
      managerChain: chainOf(c.id, byId, options.managerOf!),
      createdAt: stamp,
      updatedAt: stamp,
    }));
    const pairDoc = (mentorId: string, menteeId: string, status: PairDoc['status'], i: number): PairDoc => ({
      id: `bench-pair-${i}`,
      type: 'pair',
      tenantId: DEV_TENANT_ID,
      pairId: `bench-pair-${i}`,
      programId: program.id,
      status,
      createdBy: admin.userId,
      mentor: { id: mentorId, name: mentorId },
      mentee: { id: menteeId, name: menteeId },
      createdAt: stamp,
      updatedAt: stamp,
    });
    const pairs = [
      ...Array.from({ length: ACTIVE_PAIRS }, (_, i) => pairDoc(`m${i}`, `e${i}`, 'active', i)),
      ...(options.previousPairs ?? []).map((p, i) => pairDoc(p.mentorId, p.menteeId, 'ended', ACTIVE_PAIRS + i)),
    ];
    for (let i = 0; i < participants.length; i += 64)
      await Promise.all(participants.slice(i, i + 64).map((p) => store.programs.create(p)));
    for (let i = 0; i < pairs.length; i += 64)
      await Promise.all(pairs.slice(i, i + 64).map((p) => store.pairs.create(p)));

    const token = async (user: object) => {
      const res = await fetch(`${base}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(user),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const adminToken = await token({ userId: admin.userId, name: admin.name, roles: admin.roles });
    const danaToken = await token({ userId: 'dana', name: 'Dana Whitfield' });
    const dashboard = async () => {
      const start = performance.now();
      const get = () => fetch(`${base}/api/pairs/${pairIds[0]}`, { headers: { authorization: `Bearer ${danaToken}` } });
      // A server whose event loop was blocked past its keep-alive timeout resets the reused socket: retry once.
      const res = await get().catch(get);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
      return performance.now() - start;
    };
    let suggested = { pairs: 0, unmatched: 0 };
    const suggest = async () => {
      const start = performance.now();
      const res = await fetch(`${base}/api/programs/${program.id}/matches/suggest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await res.json()) as { pairs: unknown[]; unmatched: unknown[] };
      if (res.status !== 200) throw new Error(`suggest answered ${res.status}: ${JSON.stringify(body)}`);
      suggested = { pairs: body.pairs.length, unmatched: body.unmatched.length };
      return performance.now() - start;
    };

    for (let i = 0; i < 20; i++) await dashboard();
    await suggest();
    /** Windows of idle dashboard requests alternating with windows of requests while `work` runs. */
    const alternate = async (work: () => Promise<number>) => {
      const idle: number[] = [];
      const during: number[] = [];
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < IDLE_REQUESTS; i++) idle.push(await dashboard());
        let done = false;
        const running = work().then((t) => {
          done = true;
          return t;
        });
        while (!done) during.push(await dashboard());
        times.push(await running);
      }
      return { idle, during, times };
    };
    const { idle, during, times: suggestions } = await alternate(suggest);
    const idleP95 = percentile(idle, 95);
    const duringP95 = percentile(during, 95);
    const matched = PARTICIPANTS - 2 * ACTIVE_PAIRS;

    // The same matching handed straight to its worker thread, without the request's store reads (the
    // embedded store scans its container on this thread): what the matching itself costs other requests.
    const free = new Set(Array.from({ length: ACTIVE_PAIRS }, (_, i) => [`m${i}`, `e${i}`]).flat());
    const managers = new Map<string, string>();
    for (const p of participants) {
      const chain = [p.userId, ...(p.managerChain ?? [])];
      for (let i = 0; i + 1 < chain.length; i++) if (!managers.has(chain[i]!)) managers.set(chain[i]!, chain[i + 1]!);
    }
    const job = {
      candidates: candidates.filter((c) => !free.has(c.id)),
      previousPairs: pairs.map((p) => ({ mentorId: p.mentor.id, menteeId: p.mentee.id })),
      rejectedPairs: [],
      avoidSameDepartment: false,
      managers,
    };
    const matchingOnly = await alternate(async () => {
      const start = performance.now();
      await suggestMatchesInWorker(job);
      return performance.now() - start;
    });
    return [
      {
        figure: `Suggestions for ${PARTICIPANTS.toLocaleString('en')} participants (${matched / 2} × ${matched / 2} free; ${suggested.pairs} pairs, ${suggested.unmatched} unmatched), POST …/matches/suggest, median of ${ROUNDS}`,
        value: ms(median(suggestions)),
        baseline: `target ≤ ${SUGGEST_TARGET_MS / 1000} s`,
        ratio: `${((median(suggestions) / SUGGEST_TARGET_MS) * 100).toFixed(0)} %`,
      },
      {
        figure: `Dashboard p95 while those suggestions run (${during.length} requests), against idle p95 (${idle.length} requests), in alternating windows`,
        value: ms(duringP95),
        baseline: `idle ${ms(idleP95)} (target ≤ 2×)`,
        ratio: `${(duringP95 / idleP95).toFixed(2)}×`,
      },
      {
        figure: 'Dashboard p50 while suggestions run, against idle p50',
        value: ms(percentile(during, 50)),
        baseline: `idle ${ms(percentile(idle, 50))}`,
        ratio: `${(percentile(during, 50) / percentile(idle, 50)).toFixed(2)}×`,
      },
      {
        figure: `Dashboard p95 while the same matching runs on its worker thread without the request's store reads (${matchingOnly.during.length} requests; matching ${ms(median(matchingOnly.times))})`,
        value: ms(percentile(matchingOnly.during, 95)),
        baseline: `idle ${ms(percentile(matchingOnly.idle, 95))}`,
        ratio: `${(percentile(matchingOnly.during, 95) / percentile(matchingOnly.idle, 95)).toFixed(2)}×`,
      },
    ];
  } finally {
    server.close();
    await built.close();
  }
}

export async function benchMatching(): Promise<BenchRow[]> {
  return [...benchSolvers(), ...(await benchSuggestions())];
}

if (require.main === module) {
  void benchMatching().then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
