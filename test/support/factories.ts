// Factories that write real documents through the same commands the API uses.
import { randomUUID } from 'node:crypto';
import { agendaItemAdder } from '../../bot/src/commands/agendaEditor';
import { commitmentCreator } from '../../bot/src/commands/commitmentWriter';
import { goalCreator } from '../../bot/src/commands/goalWriter';
import { noteCreator } from '../../bot/src/commands/noteWriter';
import { pairCreator } from '../../bot/src/commands/pairCreator';
import { participantAdder } from '../../bot/src/commands/participantAdder';
import { programCreator } from '../../bot/src/commands/programCreator';
import { sessionScheduler } from '../../bot/src/commands/sessionScheduler';
import { takeawayCreator } from '../../bot/src/commands/takeawayCreator';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import {
  PROGRAM_ADMIN_ROLE,
  type Caller,
  type NoteVisibility,
  type PairDoc,
  type ProgramDoc,
  type SessionDoc,
  type TakeawayVisibility,
} from '../../bot/src/domain/model';
import type { Stored } from '../../bot/src/store/collection';
import type { Store } from '../../bot/src/store/database';

export const callerOf = (userId: string, overrides: Partial<Caller> = {}): Caller => ({
  tenantId: DEV_TENANT_ID,
  userId,
  name: userId,
  roles: [],
  ...overrides,
});

export const adminOf = (tenantId = DEV_TENANT_ID): Caller =>
  callerOf(`admin-${tenantId.slice(0, 4)}`, { tenantId, roles: [PROGRAM_ADMIN_ROLE] });

export async function buildProgram(
  store: Store,
  overrides: { tenantId?: string; programLearningsEnabled?: boolean } = {},
): Promise<ProgramDoc> {
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

/** A programme running now: `daysIn` days since its start, `daysLeft` days to its last day (the ledger's moments depend on them). */
export async function buildRunningProgram(
  store: Store,
  overrides: { tenantId?: string; daysIn?: number; daysLeft?: number; objectives?: string[] } = {},
): Promise<ProgramDoc> {
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  return programCreator(store, adminOf(overrides.tenantId), {
    name: `Running ${randomUUID().slice(0, 6)}`,
    objectives: overrides.objectives ?? ['Digital fluency', 'Intergenerational communication'],
    startsOn: day(-(overrides.daysIn ?? 100)),
    endsOn: day(overrides.daysLeft ?? 80),
    cadenceDays: 14,
    sessionMinutes: 45,
    topics: [],
    programLearningsEnabled: true,
    retentionDays: 180,
  });
}

export interface BuiltPair {
  program: ProgramDoc;
  pair: Stored<PairDoc>;
  mentor: Caller;
  mentee: Caller;
  session: Stored<SessionDoc>;
}

/** A programme, two participants, their pair and one scheduled session (tomorrow). */
export async function buildPair(
  store: Store,
  overrides: { tenantId?: string; program?: ProgramDoc; mentorId?: string; menteeId?: string } = {},
): Promise<BuiltPair> {
  const tenantId = overrides.tenantId ?? DEV_TENANT_ID;
  const program = overrides.program ?? (await buildProgram(store, { tenantId }));
  const suffix = randomUUID().slice(0, 8);
  const mentor = callerOf(overrides.mentorId ?? `mentor-${suffix}`, { tenantId, name: `Mentor ${suffix}` });
  const mentee = callerOf(overrides.menteeId ?? `mentee-${suffix}`, { tenantId, name: `Executive ${suffix}` });
  await participantAdder(store, program, {
    id: mentor.userId,
    name: mentor.name,
    role: 'mentor',
    skills: [],
    interests: [],
  });
  await participantAdder(store, program, {
    id: mentee.userId,
    name: mentee.name,
    role: 'mentee',
    skills: [],
    interests: [],
  });
  const pair = await pairCreator(store, adminOf(tenantId), program, {
    mentorId: mentor.userId,
    menteeId: mentee.userId,
  });
  const session = await sessionScheduler(store, mentor, pair, {
    scheduledAt: new Date(Date.now() + 86400_000).toISOString(),
    durationMinutes: 45,
  });
  return { program, pair, mentor, mentee, session };
}

export function buildGoal(store: Store, built: BuiltPair, author: Caller = built.mentee) {
  return goalCreator(store, author, built.pair, {
    title: 'Learn to prompt',
    successMeasure: 'Three prompts used weekly',
    owner: 'mentee',
  });
}

export function buildNote(
  store: Store,
  built: BuiltPair,
  author: Caller,
  visibility: NoteVisibility,
  body = `note ${randomUUID()}`,
) {
  return noteCreator(store, author, built.session, { body, visibility });
}

export function buildTakeaway(
  store: Store,
  built: BuiltPair,
  author: Caller,
  visibility: TakeawayVisibility,
  text = `takeaway ${randomUUID()}`,
) {
  return takeawayCreator(store, author, built.pair, built.session, { text, visibility });
}

/** The ids that fill every `:param` of the API's routes, from one pair with one of each item. */
export type RouteIds = Record<
  'programId' | 'pairId' | 'sessionId' | 'goalId' | 'noteId' | 'takeawayId' | 'commitmentId' | 'itemId' | 'meetingId',
  string
>;

/**
 * A pair with a goal, a note, a takeaway, a commitment and an agenda item, plus an unpaired mentor and
 * executive (so matching has someone to suggest): what route-wide tests need to reach every handler.
 */
export async function buildPairWithContent(
  store: Store,
  options: {
    noteVisibility: NoteVisibility;
    takeawayVisibility: TakeawayVisibility;
    spareSkill?: string;
    meetingId: string;
  },
): Promise<{ built: BuiltPair; ids: RouteIds }> {
  const built = await buildPair(store);
  const goal = await buildGoal(store, built, built.mentee);
  const note = await buildNote(store, built, built.mentor, options.noteVisibility);
  const takeaway = await buildTakeaway(store, built, built.mentor, options.takeawayVisibility);
  const commitment = await commitmentCreator(store, built.mentor, built.pair, {
    text: 'Use Copilot in one meeting a week',
  });
  const { item } = await agendaItemAdder(store, built.session, { title: 'Review prompts' });
  const skills = options.spareSkill ? [options.spareSkill] : [];
  await participantAdder(store, built.program, {
    id: 'spare-mentor',
    name: 'Spare Mentor',
    role: 'mentor',
    skills,
    interests: [],
  });
  await participantAdder(store, built.program, {
    id: 'spare-mentee',
    name: 'Spare Executive',
    role: 'mentee',
    skills: [],
    interests: skills,
  });
  return {
    built,
    ids: {
      programId: built.program.id,
      pairId: built.pair.id,
      sessionId: built.session.id,
      goalId: goal.id,
      noteId: note.id,
      takeawayId: takeaway.id,
      commitmentId: commitment.id,
      itemId: item.id,
      meetingId: options.meetingId,
    },
  };
}
