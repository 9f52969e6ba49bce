// Matching on a worker thread (loaded through tsx, as in production): the same answer as on the calling
// thread, and the calling thread's event loop keeps turning meanwhile.
import { readFileSync, readdirSync } from 'node:fs';
import { suggestMatchesInWorker, type MatchJob } from '../../bot/src/commands/matchWorker';
import { suggestMatches } from '../../bot/src/domain/matching';
import { realisticPopulation } from '../support/matchingPopulation';

jest.setTimeout(60_000);

function job(seed: number, mentors: number, executives: number): MatchJob {
  const { candidates, options } = realisticPopulation(seed, mentors, executives);
  // The population's line managers, as matchSuggester hands them over: a map, since a lookup function cannot cross threads.
  const managers = new Map<string, string>();
  for (let k = 0; options.managerOf!(`line${k}`) !== undefined; k++)
    managers.set(`line${k}`, options.managerOf!(`line${k}`)!);
  return {
    candidates,
    previousPairs: [...(options.previousPairs ?? [])],
    rejectedPairs: [{ mentorId: 'm0', menteeId: 'e0' }],
    avoidSameDepartment: true,
    managers,
  };
}

const onThisThread = (input: MatchJob) =>
  suggestMatches(input.candidates, {
    previousPairs: input.previousPairs,
    rejectedPairs: input.rejectedPairs,
    avoidSameDepartment: input.avoidSameDepartment,
    managerOf: (id) => input.managers.get(id),
  });

test('gives the same suggestions, reasons and unmatched notices as suggestMatches on this thread', async () => {
  const input = job(3, 120, 90);
  const inWorker = await suggestMatchesInWorker(input);
  expect(inWorker).toEqual(onThisThread(input));
  expect(inWorker.pairs.length).toBeGreaterThan(80);
  expect(inWorker.pairs.length * 2 + inWorker.unmatched.length).toBe(210);
  // The reporting lines crossed over: with them, some executive is out of some mentor's reach.
  expect(onThisThread({ ...input, managers: new Map() })).not.toEqual(inWorker);
});

test('leaves the calling thread free: timers fire while the matching runs', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    // Were the matching done on this thread, the result would come before any timer could fire.
    const result = await suggestMatchesInWorker(job(4, 700, 700));
    expect(result.pairs.length).toBeGreaterThan(600);
    expect(ticks).toBeGreaterThan(0);
  } finally {
    clearInterval(timer);
  }
});

test('answers jobs started together, each with its own result', async () => {
  const jobs = [job(5, 30, 40), job(6, 50, 20)];
  const results = await Promise.all(jobs.map(suggestMatchesInWorker));
  expect(results).toEqual(jobs.map(onThisThread));
});

/** The nice value of one of this process's threads (Linux keeps one per thread), 0 if it has ended. */
function niceOf(tid: string | number): number {
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
  } catch {
    return 0;
  }
}

test('on Linux the matching thread, and only it, runs at the lowest priority', async () => {
  const seen = new Set<number>();
  const watch = setInterval(() => readdirSync('/proc/self/task').forEach((tid) => seen.add(niceOf(tid))), 2);
  try {
    await suggestMatchesInWorker(job(7, 600, 600));
  } finally {
    clearInterval(watch);
  }
  expect(seen.has(19)).toBe(process.platform === 'linux');
  // The main thread, the one serving requests, keeps its priority.
  expect(niceOf(process.pid)).toBe(0);
});
