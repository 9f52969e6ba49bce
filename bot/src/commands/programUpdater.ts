import { badRequest } from '../domain/errors';
import type { ProgramDoc, ReminderSchedule } from '../domain/model';
import type { Store } from '../store/database';
import { nowIso } from './ids';

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

/** Changes programme settings; the ETag the admin read must still match (412 otherwise, never a silent overwrite). */
export async function programUpdater(store: Store, program: ProgramDoc, changes: ProgramChanges, ifMatch: string): Promise<ProgramDoc> {
  const next: ProgramDoc = { ...program, ...changes, updatedAt: nowIso() };
  if (next.endsOn <= next.startsOn) throw badRequest('The programme must end after it starts.', [{ field: 'endsOn', message: 'must be after startsOn' }]);
  return (await store.programs.replace(next, ifMatch)) as ProgramDoc;
}
