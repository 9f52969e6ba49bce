// The list of timed work the in-process scheduler runs. Add a job with one line.
import type { Logger } from 'pino';
import { backfillDeliveryOutcomes } from '../commands/deliveryOutcomeBackfill';
import { insightsAggregator } from '../commands/insightsAggregates';
import type { Store } from '../store/database';
import { runDueReminders, type ReminderDelivery, type RunOptions, type RunTotals } from './reminderRun';
import { runRetention } from './retention';
import type { TimedJob } from './scheduler';

export interface TimedWork {
  jobs: TimedJob[];
  delivery: ReminderDelivery;
  /** What POST /api/jobs/reminders/run does. */
  runReminders(signal?: AbortSignal): Promise<RunTotals>;
}

/**
 * How many reminders one run works on at once: enough for the tenant limit to be the only brake when
 * a reminder takes up to 4 s from claim to recorded outcome (store round trips, Teams' latency).
 */
export function runSizing(tenantMessagesPerSecond: number): Pick<RunOptions, 'concurrency' | 'batchSize'> {
  const concurrency = 4 * tenantMessagesPerSecond;
  return { concurrency, batchSize: 2 * concurrency };
}

export function timedWork(
  store: Store,
  delivery: ReminderDelivery,
  _log: Logger,
  tenantMessagesPerSecond = 30,
): TimedWork {
  const sizing = runSizing(tenantMessagesPerSecond);
  const runReminders = (signal?: AbortSignal) =>
    runDueReminders(store, delivery, { ...sizing, ...(signal ? { signal } : {}) });
  return {
    delivery,
    runReminders,
    jobs: [
      { name: 'reminders', everyMs: 60_000, run: runReminders },
      { name: 'retention', everyMs: 3_600_000, run: () => runRetention(store) },
      // The insights aggregates follow the change feed between insights requests too (each request also catches up).
      { name: 'insights aggregates', everyMs: 10_000, run: () => insightsAggregator(store).catchUp() },
      // After an upgrade: the delivery report's outcomes of reminders sent before they were recorded (one point read once done).
      {
        name: 'delivery outcome backfill',
        everyMs: 60_000,
        run: (signal) => backfillDeliveryOutcomes(store, { signal }),
      },
    ],
  };
}
