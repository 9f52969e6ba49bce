// Timed job: retention. Deletes private and pair content of programmes whose retention period is over.
// Runs across tenants (there is no caller); each programme is handled in its own tenant.
import { retentionEndsAt, retentionSweeper } from '../commands/retentionSweeper';
import type { ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';

export interface RetentionRun {
  /** Programmes whose retention period was over and that were swept. */
  programs: number;
  /** Documents deleted. */
  deleted: number;
}

/** One retention run; safe to repeat and to run on several instances at once (deletes are idempotent). */
export async function runRetention(store: Store, now = new Date()): Promise<RetentionRun> {
  const programs = await store.programs.queryEveryTenant<ProgramDoc>({
    // Programmes already swept are skipped; the end-date test is repeated below with each one's retentionDays.
    where: "c.type = 'program' AND NOT IS_DEFINED(c.retentionAppliedAt) AND c.endsOn < @today",
    parameters: [{ name: '@today', value: now.toISOString().slice(0, 10) }],
  });
  let deleted = 0;
  let swept = 0;
  for (const program of programs.filter((p) => retentionEndsAt(p) <= now.getTime())) {
    deleted += (await retentionSweeper(store, program, now)).deleted;
    swept++;
  }
  return { programs: swept, deleted };
}
