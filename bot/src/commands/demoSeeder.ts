// Development demo data, written through the same commands the API uses, with fixed idempotency keys
// so seeding twice (or with a kept data folder) changes nothing.
import { DEV_TENANT_ID } from '../domain/limits';
import { PROGRAM_ADMIN_ROLE, type Caller, type PairDoc, type ProgramDoc } from '../domain/model';
import type { Store } from '../store/database';
import { agendaItemAdder } from './agendaEditor';
import { assessmentCreator } from './assessmentWriter';
import { commitmentCreator } from './commitmentWriter';
import { consentGranter } from './consentGranter';
import { goalCreator, goalUpdater } from './goalWriter';
import { newId } from './ids';
import { noteCreator } from './noteWriter';
import { pairCreator } from './pairCreator';
import { participantAdder, type ParticipantProps } from './participantAdder';
import { programCreator } from './programCreator';
import { sessionScheduler } from './sessionScheduler';
import { takeawayCreator } from './takeawayCreator';

export interface DemoUser {
  userId: string;
  name: string;
  email: string;
  roles: string[];
}

const person = (p: ParticipantProps): ParticipantProps => p;
const PEOPLE = [
  person({
    id: 'priya',
    name: 'Priya Patel',
    email: 'priya@contoso.example',
    role: 'mentor',
    department: 'Data & AI',
    managerId: 'omar',
    skills: ['generative AI', 'Python', 'TikTok'],
    interests: ['board governance', 'strategy'],
  }),
  person({
    id: 'sam',
    name: 'Sam Okafor',
    email: 'sam@contoso.example',
    role: 'mentor',
    department: 'Design',
    managerId: 'marcus',
    skills: ['social media', 'accessibility', 'remote collaboration'],
    interests: ['negotiation', 'finance'],
  }),
  person({
    id: 'lena',
    name: 'Lena Fischer',
    email: 'lena@contoso.example',
    role: 'mentor',
    department: 'Engineering',
    skills: ['cybersecurity', 'GitHub Copilot', 'cloud'],
    interests: ['public speaking', 'leadership'],
  }),
  person({
    id: 'noah',
    name: 'Noah Kim',
    email: 'noah@contoso.example',
    role: 'mentor',
    department: 'Marketing',
    managerId: 'ruth',
    skills: ['creator economy', 'generative AI'],
    interests: ['leadership'],
  }),
  person({
    id: 'dana',
    name: 'Dana Whitfield',
    email: 'dana@contoso.example',
    role: 'mentee',
    department: 'Finance',
    skills: ['board governance', 'negotiation'],
    interests: ['generative AI', 'TikTok'],
  }),
  person({
    id: 'marcus',
    name: 'Marcus Chen',
    email: 'marcus@contoso.example',
    role: 'mentee',
    department: 'Operations',
    skills: ['strategy', 'finance'],
    interests: ['social media', 'remote collaboration'],
  }),
  person({
    id: 'helen',
    name: 'Helen Ortiz',
    email: 'helen@contoso.example',
    role: 'mentee',
    department: 'People',
    skills: ['leadership', 'public speaking'],
    interests: ['GitHub Copilot', 'cybersecurity'],
  }),
  person({
    id: 'ruth',
    name: 'Ruth Adeyemi',
    email: 'ruth@contoso.example',
    role: 'mentee',
    department: 'Marketing',
    skills: ['leadership'],
    interests: ['creator economy', 'generative AI'],
  }),
];

export const DEMO_USERS: DemoUser[] = [
  { userId: 'avery', name: 'Avery Admin', email: 'avery@contoso.example', roles: [PROGRAM_ADMIN_ROLE] },
  ...PEOPLE.map((p) => ({ userId: p.id, name: p.name, email: p.email ?? '', roles: [] })),
];

const caller = (userId: string): Caller => {
  const user = DEMO_USERS.find((u) => u.userId === userId)!;
  return { tenantId: DEV_TENANT_ID, userId, name: user.name, roles: user.roles };
};

const at = (daysFromNow: number, hourUtc: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + daysFromNow);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};

export const DEMO_PROGRAM_KEY = 'demo-programme';
/** The Teams meeting of the demo pair's next session (the side panel, stage and chat tab open it). */
export const DEMO_MEETING_ID = 'MCMxOTptZWV0aW5nX2RlbW9AdGhyZWFkLnYy';

/** Seeds one programme with three pairs; the first has a full history for clicking through. */
export async function seedDemoData(store: Store): Promise<{ programId: string; pairIds: string[] }> {
  const admin = caller('avery');
  const today = new Date().toISOString().slice(0, 10);
  const endsOn = new Date(Date.now() + 180 * 86400_000).toISOString().slice(0, 10);
  const program = await programCreator(
    store,
    admin,
    {
      name: 'Digital Fluency 2026',
      objectives: ['Digital fluency for the executive team', 'Intergenerational communication'],
      startsOn: today,
      endsOn,
      cadenceDays: 14,
      sessionMinutes: 45,
      topics: ['Generative AI at work', 'Social media and brand', 'Cybersecurity basics', 'Gen Z expectations'],
      programLearningsEnabled: true,
      retentionDays: 180,
    },
    DEMO_PROGRAM_KEY,
  );
  for (const p of PEOPLE) await participantAdder(store, program, p);

  const pairs: PairDoc[] = [];
  for (const [mentorId, menteeId] of [
    ['priya', 'dana'],
    ['sam', 'helen'],
    ['lena', 'marcus'],
  ] as const) {
    pairs.push(await pairCreator(store, admin, program, { mentorId, menteeId }, `demo-pair-${mentorId}`));
  }
  const [first] = pairs as [PairDoc];
  await seedPairHistory(store, first, program);
  return { programId: program.id, pairIds: pairs.map((p) => p.id) };
}

async function seedPairHistory(store: Store, pair: PairDoc, program: ProgramDoc): Promise<void> {
  const priya = caller('priya');
  const dana = caller('dana');
  const goal = await goalCreator(
    store,
    dana,
    pair,
    {
      title: 'Use generative AI to draft board briefings',
      successMeasure: 'Two board briefings drafted with Copilot and reviewed by the CFO office',
      owner: 'mentee',
      objective: 'Digital fluency for the executive team',
      targetDate: new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10),
    },
    'demo-goal-1',
  );
  if (goal.progress === 0 && goal._etag)
    await goalUpdater(store, goal, { progress: 40, status: 'onTrack' }, goal._etag);
  const mentorGoal = await goalCreator(
    store,
    priya,
    pair,
    {
      title: 'Understand how the board decides on investments',
      successMeasure: 'Can explain the capital allocation process and present one proposal',
      owner: 'mentor',
      objective: 'Intergenerational communication',
    },
    'demo-goal-2',
  );
  // The ledger's baseline: each rates themselves and the other (a repeat finds the same ratings).
  await assessmentCreator(store, dana, pair, program, goal, {
    moment: 'baseline',
    score: 2,
    note: 'I have tried Copilot twice',
  });
  await assessmentCreator(store, priya, pair, program, goal, { moment: 'baseline', score: 3 });
  await assessmentCreator(store, priya, pair, program, mentorGoal, { moment: 'baseline', score: 2 });
  await assessmentCreator(store, dana, pair, program, mentorGoal, {
    moment: 'baseline',
    score: 1,
    note: 'Not yet involved in a proposal',
  });

  const past = await sessionScheduler(
    store,
    priya,
    pair,
    { scheduledAt: at(-12, 15), durationMinutes: 45 },
    'demo-session-past',
  );
  if (past.status === 'scheduled') await store.sessions.replace({ ...past, status: 'held' }, past._etag);
  const next = await sessionScheduler(
    store,
    priya,
    pair,
    {
      scheduledAt: at(1, 15),
      durationMinutes: 45,
      meetingId: DEMO_MEETING_ID,
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/demo',
    },
    'demo-session-next',
  );
  let session = next;
  for (const [i, item] of [
    { title: 'Demo: Copilot in Excel on last quarter’s numbers', minutes: 15, ownerId: 'priya' },
    { title: 'What Dana saw on TikTok this week', minutes: 10, ownerId: 'dana' },
    { title: 'Priya: preparing for a first leadership review', minutes: 15, ownerId: 'priya' },
  ].entries()) {
    session = (
      await agendaItemAdder(
        store,
        session,
        { ...item, ...(i === 0 ? { goalId: goal.id } : {}) },
        newId(priya, `agenda:${session.id}`, `demo-agenda-${i}`),
      )
    ).session;
  }

  await noteCreator(
    store,
    priya,
    past,
    { body: 'Dana prefers concrete demos over slides. Bring real data next time.', visibility: 'private' },
    'demo-note-1',
  );
  await noteCreator(
    store,
    priya,
    past,
    { body: 'Agreed: try Copilot on the Q3 board pack before the next session.', visibility: 'pair' },
    'demo-note-2',
  );
  await noteCreator(
    store,
    dana,
    past,
    { body: 'Ask Priya how her team decides which AI tools to trust.', visibility: 'private' },
    'demo-note-3',
  );

  await takeawayCreator(
    store,
    priya,
    pair,
    past,
    { text: 'I should ask more questions before proposing a solution.', visibility: 'private' },
    'demo-takeaway-private',
  );
  const shared = await takeawayCreator(
    store,
    dana,
    pair,
    past,
    { text: 'Short videos explain a feature faster than a memo; try one for the next town hall.', visibility: 'pair' },
    'demo-takeaway-pair',
  );
  if (shared.status === 'awaitingConsent') await consentGranter(store, priya, shared, true);
  const learning = await takeawayCreator(
    store,
    priya,
    pair,
    past,
    {
      text: 'Executives adopt AI tools faster when a junior colleague shows them on their own data. Dana Whitfield agreed to pilot it.',
      visibility: 'program',
    },
    'demo-takeaway-program',
  );
  if (learning.status === 'awaitingConsent') await consentGranter(store, dana, learning, true);
  await takeawayCreator(
    store,
    priya,
    pair,
    past,
    {
      text: 'Dana is worried about the layoffs rumour in Finance; call her at +1 415 555 0132 if it comes up.',
      visibility: 'pair',
    },
    'demo-takeaway-awaiting',
  );

  await commitmentCreator(
    store,
    priya,
    pair,
    {
      text: 'Try Copilot on the Q3 board pack and share what worked',
      dueDate: new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10),
      sessionId: past.id,
    },
    'demo-commitment-1',
  );
}
