// The list of timed work the in-process scheduler runs. Add a job with one line.
import type { Logger } from 'pino';
import type { Store } from '../store/database';
import { runDueReminders, type ReminderDelivery, type RunTotals } from './reminderRun';
import { runRetention } from './retention';
import type { TimedJob } from './scheduler';

export interface TimedWork {
  jobs: TimedJob[];
  delivery: ReminderDelivery;
  /** What POST /api/jobs/reminders/run does. */
  runReminders(signal?: AbortSignal): Promise<RunTotals>;
}

export function timedWork(store: Store, delivery: ReminderDelivery, _log: Logger): TimedWork {
  const runReminders = (signal?: AbortSignal) => runDueReminders(store, delivery, signal ? { signal } : {});
  return {
    delivery,
    runReminders,
    jobs: [
      { name: 'reminders', everyMs: 60_000, run: runReminders },
      { name: 'retention', everyMs: 3_600_000, run: () => runRetention(store) },
    ],
  };
}
