import { badRequest } from '../domain/errors';
import type { Caller, ProgramDoc, ReminderSchedule } from '../domain/model';
import type { Stored } from '../store/collection';
import type { Store } from '../store/database';
import { programPairs } from '../store/queries';
import { actorOf, auditRecorder, settingChanges } from './auditTrail';
import { nowIso } from './ids';
import { reminderPlanner } from './reminderPlanner';

export interface ProgramChanges {
  name?: string;
  objectives?: string[];
  startsOn?: string;
  endsOn?: string;
  cadenceDays?: number;
  sessionMinutes?: number;
  topics?: string[];
  programLearningsEnabled?: boolean;
  retentionDays?: number;
  reminderSchedule?: ReminderSchedule;
}

/** The settings that move a deletion date. */
export const RETENTION_SETTINGS = ['endsOn', 'retentionDays'] as const;

/** The programme as it would be with these changes (what the retention preview shows before saving). */
export function withChanges(program: ProgramDoc, changes: ProgramChanges, at: string): ProgramDoc {
  const moved = settingChanges(program, changes).some((c) =>
    (RETENTION_SETTINGS as readonly string[]).includes(c.field),
  );
  return { ...program, ...changes, ...(moved ? { retentionChangedAt: at } : {}), updatedAt: at };
}

/**
 * Changes programme settings; the ETag the admin read must still match (412 otherwise, never a silent
 * overwrite). The change goes into the audit trail; when it moves deletion dates, ended pairs' retention
 * notices are planned again.
 */
export async function programUpdater(
  store: Store,
  caller: Caller,
  program: ProgramDoc,
  changes: ProgramChanges,
  ifMatch: string,
): Promise<Stored<ProgramDoc>> {
  const next = withChanges(program, changes, nowIso());
  if (next.endsOn <= next.startsOn)
    throw badRequest('The programme must end after it starts.', [
      { field: 'endsOn', message: 'must be after startsOn' },
    ]);
  const saved = await store.programDocs.replace(next, ifMatch);
  const changed = settingChanges(program, changes);
  if (changed.length)
    await auditRecorder(store, program, actorOf(caller), { action: 'program.update', changes: changed });
  if (next.retentionChangedAt !== program.retentionChangedAt) {
    for (const pair of await programPairs(store, saved))
      if (pair.status === 'ended') await reminderPlanner(store, pair.tenantId, pair.id);
  }
  return saved;
}
