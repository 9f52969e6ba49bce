// Factories that write real documents through the same commands the API uses.
import { randomUUID } from 'node:crypto';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { noteCreator } from '../../bot/src/commands/noteWriter';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { programCreator } from '../../bot/src/commands/programCreator';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { takeawayCreator } from '../../bot/src/commands/takeawayCreator';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import {
  PROGRAM_ADMIN_ROLE, type Caller, type NoteVisibility, type PairDoc, type ProgramDoc, type SessionDoc,
  type TakeawayVisibility,
} from '../../bot/src/domain/model';
import type { Store } from '../../bot/src/store/database';

export const callerOf = (userId: string, overrides: Partial<Caller> = {}): Caller => ({
  tenantId: DEV_TENANT_ID,
  userId,
  name: userId,
  roles: [],
  ...overrides,
});

export const adminOf = (tenantId = DEV_TENANT_ID): Caller => callerOf(`admin-${tenantId.slice(0, 4)}`, { tenantId, roles: [PROGRAM_ADMIN_ROLE] });

export async function buildProgram(store: Store, overrides: { tenantId?: string; programLearningsEnabled?: boolean } = {}): Promise<ProgramDoc> {
  return programCreator(store, adminOf(overrides.tenantId), {
    name: `Programme ${randomUUID().slice(0, 6)}`,
    objectives: ['Digital fluency'],
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    cadenceDays: 14,
    sessionMinutes: 45,
    topics: [],
    programLearningsEnabled: overrides.programLearningsEnabled ?? true,
    retentionDays: 180,
  });
}

export interface BuiltPair {
  program: ProgramDoc;
  pair: PairDoc;
  mentor: Caller;
  mentee: Caller;
  session: SessionDoc;
}

/** A programme, two participants, their pair and one scheduled session (tomorrow). */
export async function buildPair(store: Store, overrides: { tenantId?: string; program?: ProgramDoc; mentorId?: string; menteeId?: string } = {}): Promise<BuiltPair> {
  const tenantId = overrides.tenantId ?? DEV_TENANT_ID;
  const program = overrides.program ?? (await buildProgram(store, { tenantId }));
  const suffix = randomUUID().slice(0, 8);
  const mentor = callerOf(overrides.mentorId ?? `mentor-${suffix}`, { tenantId, name: `Mentor ${suffix}` });
  const mentee = callerOf(overrides.menteeId ?? `mentee-${suffix}`, { tenantId, name: `Executive ${suffix}` });
  await participantAdder(store, program, { id: mentor.userId, name: mentor.name, role: 'mentor', skills: [], interests: [] });
  await participantAdder(store, program, { id: mentee.userId, name: mentee.name, role: 'mentee', skills: [], interests: [] });
  const pair = await pairCreator(store, adminOf(tenantId), program, { mentorId: mentor.userId, menteeId: mentee.userId });
  const session = await sessionScheduler(store, mentor, pair, { scheduledAt: new Date(Date.now() + 86400_000).toISOString(), durationMinutes: 45 });
  return { program, pair, mentor, mentee, session };
}

export function buildGoal(store: Store, built: BuiltPair, author: Caller = built.mentee) {
  return goalCreator(store, author, built.pair, { title: 'Learn to prompt', successMeasure: 'Three prompts used weekly', owner: 'mentee' });
}

export function buildNote(store: Store, built: BuiltPair, author: Caller, visibility: NoteVisibility, body = `note ${randomUUID()}`) {
  return noteCreator(store, author, built.session, { body, visibility });
}

export function buildTakeaway(store: Store, built: BuiltPair, author: Caller, visibility: TakeawayVisibility, text = `takeaway ${randomUUID()}`) {
  return takeawayCreator(store, author, built.pair, built.session, { text, visibility });
}
