// Timed job: retention. Deletes the content of ended pairs whose deletion date has passed (rule:
// domain/retention.ts). Runs across tenants (there is no caller); each programme in its own tenant.
import { retentionSweeper } from '../commands/retentionSweeper';
import type { ProgramDoc } from '../domain/model';
import { RETENTION_FLOOR_DAYS } from '../domain/retention';
import type { Store } from '../store/database';

export interface RetentionRun {
  /** Pairs whose content was deleted in this run. */
  pairs: number;
  /** Documents deleted. */
  deleted: number;
}

/** One retention run; safe to repeat and to run on several instances at once (deletes are idempotent). */
export async function runRetention(store: Store, now = new Date()): Promise<RetentionRun> {
  // No pair's content goes before its programme has been over for the floor period: only those are read.
  const latestEnd = new Date(now.getTime() - RETENTION_FLOOR_DAYS * 86400_000).toISOString().slice(0, 10);
  const programs = await store.programs.queryEveryTenant<ProgramDoc>({
    where: "c.type = 'program' AND c.endsOn < @latestEnd",
    parameters: [{ name: '@latestEnd', value: latestEnd }],
  });
  const run: RetentionRun = { pairs: 0, deleted: 0 };
  for (const program of programs) {
    const swept = await retentionSweeper(store, program, now);
    run.pairs += swept.pairs;
    run.deleted += swept.deleted;
  }
  return run;
}
