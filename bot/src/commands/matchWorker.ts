// Runs suggestMatches in a worker thread: 10,000 participants take seconds of CPU, and on the request
// thread that would stall every other request. This one file is both sides: the server imports
// suggestMatchesInWorker; the worker thread loads the file through tsx's CommonJS API (a plain Node
// thread cannot read TypeScript, and neither jest's transform nor the parent's loader reaches it) and
// answers the one job it was started with.
import { setPriority } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { suggestMatches, type MatchCandidate, type MatchResult } from '../domain/matching';

export interface MatchJob {
  candidates: MatchCandidate[];
  previousPairs: { mentorId: string; menteeId: string }[];
  rejectedPairs: { mentorId: string; menteeId: string }[];
  avoidSameDepartment: boolean;
  /** Person id → manager id, for the reporting lines (a Map crosses threads; a lookup function would not). */
  managers: Map<string, string>;
}

const JOB_MARKER = 'reverse-mentoring:suggestMatches';

function solve(job: MatchJob): MatchResult {
  return suggestMatches(job.candidates, {
    previousPairs: job.previousPairs,
    rejectedPairs: job.rejectedPairs,
    avoidSameDepartment: job.avoidSameDepartment,
    managerOf: (id) => job.managers.get(id),
  });
}

if (!isMainThread && (workerData as { marker?: string } | null)?.marker === JOB_MARKER) {
  // On Linux a thread has its own nice value: the lowest priority for this one, so on a one-core instance
  // the request thread still gets the core when it needs it (elsewhere this would slow the whole process).
  if (process.platform === 'linux') {
    try {
      setPriority(19);
    } catch {
      // Not allowed here: run at normal priority.
    }
  }
  parentPort!.postMessage(solve((workerData as { job: MatchJob }).job));
}

// One job at a time: two at once would take both cores of a small instance from the request thread.
let queue: Promise<unknown> = Promise.resolve();

/** suggestMatches on a worker thread; resolves with its result, rejects if the thread fails. */
export function suggestMatchesInWorker(job: MatchJob): Promise<MatchResult> {
  const run = queue.then(() => runWorker(job));
  queue = run.catch(() => undefined);
  return run;
}

function runWorker(job: MatchJob): Promise<MatchResult> {
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).require(${JSON.stringify(__filename)}, ${JSON.stringify(__filename)});`;
  return new Promise<MatchResult>((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: { marker: JOB_MARKER, job } });
    let settled = false;
    worker.once('message', (result: MatchResult) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the matching worker stopped (exit code ${code}) without a result`));
    });
  });
}
