// The in-process timer for timed work: every job in the list runs on its own interval, never twice at
// once in this process (a slow run delays the next one instead of overlapping it). Several server
// instances may run the same job together: each job is safe for that on its own (claims, idempotent deletes).
import type { Logger } from 'pino';

export interface TimedJob {
  name: string;
  everyMs: number;
  run(signal: AbortSignal): Promise<unknown>;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(jobs: readonly TimedJob[], log: Logger): Scheduler {
  const controller = new AbortController();
  const running = new Map<string, Promise<void>>();
  const timers = jobs.map((job) => {
    const tick = () => {
      if (running.has(job.name) || controller.signal.aborted) return;
      const run = job
        .run(controller.signal)
        .then((result) => log.debug({ job: job.name, result }, 'timed job ran'))
        .catch((error: unknown) => log.error({ err: error, job: job.name }, 'timed job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      controller.abort();
      timers.forEach(clearInterval);
      await Promise.all(running.values());
    },
  };
}
