// The documents every card is built from, shared by the card tests: the accessibility test gives names and
// titles with markdown in them (they must reach `speak` as plain text), the language test plain ones.
import type { CommitmentDoc, GoalDoc, PairDoc, SessionDoc } from '../../bot/src/domain/model';

export interface CardFixtureOptions {
  mentorName: string;
  agendaTitle: string;
  commitmentStatus: CommitmentDoc['status'];
}

export function cardFixtures(options: CardFixtureOptions) {
  const pair = {
    id: 'p1',
    type: 'pair',
    pairId: 'p1',
    tenantId: 't',
    programId: 'g',
    status: 'active',
    createdBy: 'a',
    createdAt: '',
    updatedAt: '',
    mentor: { id: 'm', name: options.mentorName },
    mentee: { id: 'e', name: 'Eve Exec' },
  } as PairDoc;
  const session = {
    id: 's1',
    type: 'session',
    pairId: 'p1',
    tenantId: 't',
    programId: 'g',
    status: 'scheduled',
    createdBy: 'm',
    createdAt: '',
    updatedAt: '',
    scheduledAt: '2026-07-01T12:30:00.000Z',
    durationMinutes: 45,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    agenda: [
      { id: 'i1', title: options.agendaTitle, done: false, minutes: 15 },
      { id: 'i2', title: 'TikTok', done: true },
    ],
  } as SessionDoc;
  const goal = {
    id: 'g1',
    type: 'goal',
    pairId: 'p1',
    tenantId: 't',
    programId: 'g',
    title: 'Board briefings',
    successMeasure: 'Two drafts',
    owner: 'mentee',
    progress: 40,
    status: 'onTrack',
    targetDate: '2026-12-10',
    createdBy: 'e',
    createdAt: '',
    updatedAt: '',
  } as unknown as GoalDoc;
  const commitment = {
    id: 'c1',
    type: 'commitment',
    pairId: 'p1',
    text: 'Try Copilot on the Q3 pack',
    dueDate: '2026-12-10',
    status: options.commitmentStatus,
  } as unknown as CommitmentDoc;
  const links = {
    myDataUrl: 'https://example.test/my-data',
    tabUrl: (page: string) => `https://example.test/tab?subPage=${page}`,
  };
  return { pair, session, goal, commitment, links };
}
