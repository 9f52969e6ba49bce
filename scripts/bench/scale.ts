// An organisation-scale programme written straight into the store (documents as the commands write them):
// 10,000 participants, 1,000 pairs with a realistic amount of content each (goals, sessions with notes,
// takeaways, commitments), both members' memberships, and an audit trail. Used by the benchmarks that
// compare a figure at this scale with the demo data.
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import type {
  AuditEntryDoc, CommitmentDoc, GoalDoc, MembershipDoc, NoteDoc, PairDoc, ParticipantDoc, SessionDoc, TakeawayDoc,
} from '../../bot/src/domain/model';
import type { Store } from '../../bot/src/store/database';

export interface ScaleProgram {
  pairIds: string[];
  /** Members of the pairs, mentor first. */
  members: { mentorId: string; menteeId: string }[];
}

const SKILLS = ['Generative AI', 'Social media', 'Cybersecurity', 'Data literacy', 'Design', 'Video', 'Gaming', 'Accessibility'];
const DEPARTMENTS = ['Finance', 'Sales', 'Engineering', 'Legal', 'Marketing', 'Operations', 'HR'];

async function inBatches<T>(items: T[], write: (item: T) => Promise<unknown>, size = 64): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(write));
}

/** Writes the programme's scale data; the programme document itself must exist (programCreator). */
export async function seedScale(store: Store, programId: string, participants = 10_000, pairs = 1_000, prefix = 'scale'): Promise<ScaleProgram> {
  const tenantId = DEV_TENANT_ID;
  const stamp = new Date().toISOString();
  const base = { tenantId, createdAt: stamp, updatedAt: stamp };
  const people: ParticipantDoc[] = Array.from({ length: participants }, (_, i) => ({
    ...base, id: `${prefix}-p${i}`, type: 'participant', programId, userId: `${prefix}-p${i}`,
    name: `${i % 2 === 0 ? 'Mentor' : 'Executive'} ${String(i).padStart(5, '0')}`, email: `${prefix}-p${i}@example.com`,
    role: i % 2 === 0 ? 'mentor' : 'mentee', skills: [SKILLS[i % SKILLS.length]!, SKILLS[(i * 7) % SKILLS.length]!],
    interests: [SKILLS[(i * 3 + 1) % SKILLS.length]!], department: DEPARTMENTS[i % DEPARTMENTS.length]!,
  }));
  await inBatches(people, (p) => store.programs.create(p));

  const members = Array.from({ length: pairs }, (_, i) => ({ mentorId: `${prefix}-p${2 * i}`, menteeId: `${prefix}-p${2 * i + 1}` }));
  const pairIds = members.map((_, i) => `${prefix}-pair-${i}`);
  const docs: (PairDoc | GoalDoc | SessionDoc | NoteDoc | TakeawayDoc | CommitmentDoc)[] = [];
  const memberships: MembershipDoc[] = [];
  members.forEach(({ mentorId, menteeId }, i) => {
    const pairId = pairIds[i]!;
    const inPair = { ...base, pairId, programId };
    const mentor = { id: mentorId, name: `Mentor ${2 * i}` };
    const mentee = { id: menteeId, name: `Executive ${2 * i + 1}` };
    docs.push({ ...inPair, id: pairId, type: 'pair', mentor, mentee, status: 'active', createdBy: 'avery' });
    for (let g = 0; g < 3; g++)
      docs.push({ ...inPair, id: `${pairId}-goal-${g}`, type: 'goal', title: `Goal ${g}`, successMeasure: 'Measured by use', owner: 'mentee', progress: 20 * g, status: 'onTrack', createdBy: mentorId });
    for (let s = 0; s < 4; s++) {
      const sessionId = `${pairId}-session-${s}`;
      const scheduledAt = new Date(Date.now() + (s - 2) * 14 * 86400_000).toISOString();
      docs.push({ ...inPair, id: sessionId, type: 'session', scheduledAt, durationMinutes: 45, status: s < 2 ? 'held' : 'scheduled', agenda: [], createdBy: mentorId });
      docs.push({ ...inPair, id: `${sessionId}-note`, type: 'note', sessionId, authorId: s % 2 ? mentorId : menteeId, body: 'Talked about the week.', visibility: 'pair' });
    }
    docs.push({ ...inPair, id: `${pairId}-takeaway`, type: 'takeaway', sessionId: `${pairId}-session-0`, authorId: menteeId, text: 'Short videos work.', requestedVisibility: 'pair', status: 'shared', findings: [] });
    docs.push({ ...inPair, id: `${pairId}-commitment`, type: 'commitment', ownerId: menteeId, text: 'Post once a week', status: 'open', createdBy: menteeId });
    const membership = (userId: string, role: 'mentor' | 'mentee', partner: { id: string; name: string }): MembershipDoc => ({
      ...base, id: pairId, type: 'membership', userId, pairId, programId, role, partner, status: 'active',
    });
    memberships.push(membership(mentorId, 'mentor', mentee), membership(menteeId, 'mentee', mentor));
  });
  await inBatches(docs, (d) => store.pairs.create(d));
  await inBatches(memberships, (m) => store.people.create(m));
  const audit: AuditEntryDoc[] = pairIds.map((pairId, i) => ({
    ...base, id: `${prefix}-audit-${i}`, type: 'audit', programId, at: new Date(Date.parse(stamp) - i * 1000).toISOString(),
    actor: { id: 'avery', name: 'Avery' }, action: 'pair.create', target: { pairId, name: `Mentor ${2 * i} → Executive ${2 * i + 1}` },
  }));
  await inBatches(audit, (a) => store.programs.create(a));
  return { pairIds, members };
}
