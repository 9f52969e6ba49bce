// Response shapes as allow-lists: each resource's presenter names every field it sends, typed by the
// resource's response schema (responses.ts), so a new document field reaches nobody until it is added
// to both on purpose. Pair content carries the caller's abilities and the ETag for the next write.
import type { z } from 'zod';
import type { FeedbackDoc } from '../commands/feedbackGiver';
import {
  effectiveVisibility,
  pairRoleOf,
  type AgendaItem,
  type AssessmentDoc,
  type AuditEntryDoc,
  type Caller,
  type CommitmentDoc,
  type GoalDoc,
  type NoteDoc,
  type PairDoc,
  type ParticipantDoc,
  type ProgramDoc,
  type SessionDoc,
  type TakeawayDoc,
  type UnmatchedNoticeDoc,
} from '../domain/model';
import { FINDING_KINDS, type Finding, type FindingKind } from '../domain/sensitiveContent';
import { abilities } from '../policies';
import type {
  agendaItemSchema,
  assessmentSchema,
  auditEntrySchema,
  commitmentSchema,
  goalSchema,
  myDataSchema,
  noteSchema,
  pairSchema,
  participantSchema,
  programSchema,
  sessionSchema,
  takeawaySchema,
  findingSchema,
} from './responses';

type Out<S extends z.ZodType> = z.infer<S>;
type MyDataPair = Out<typeof myDataSchema>['pairs'][number];

export function toHttpEtag(etag: string | undefined): string | undefined {
  if (!etag) return undefined;
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

/** Documents read from or written to the store always carry an ETag. */
const etagOf = (doc: { _etag?: string }) => toHttpEtag(doc._etag) ?? '';

/** Copies only the optional fields that are set, so an absent field stays absent (not `undefined`). */
function present<T extends object, K extends keyof T>(doc: T, keys: readonly K[]): { [P in K]?: T[P] } {
  const out: { [P in K]?: T[P] } = {};
  for (const k of keys) if (doc[k] !== undefined) out[k] = doc[k];
  return out;
}

export function presentPair(caller: Caller, pair: PairDoc): Out<typeof pairSchema> {
  return {
    id: pair.id,
    programId: pair.programId,
    mentor: { id: pair.mentor.id, name: pair.mentor.name },
    mentee: { id: pair.mentee.id, name: pair.mentee.name },
    status: pair.status,
    endedAt: pair.endedAt ?? null,
    role: pairRoleOf(pair, caller.userId) ?? null,
    confidentialityAcknowledged: {
      mentor: Boolean(pair.confidentialityAcknowledged?.[pair.mentor.id]),
      mentee: Boolean(pair.confidentialityAcknowledged?.[pair.mentee.id]),
    },
    createdAt: pair.createdAt,
    etag: etagOf(pair),
    abilities: abilities(caller, { kind: 'pair', pair }),
  };
}

const goalFields = (goal: GoalDoc) => ({
  id: goal.id,
  title: goal.title,
  successMeasure: goal.successMeasure,
  owner: goal.owner,
  ...present(goal, ['targetDate', 'objective']),
  progress: goal.progress,
  status: goal.status,
  createdBy: goal.createdBy,
  createdAt: goal.createdAt,
  updatedAt: goal.updatedAt,
});

export function presentGoal(caller: Caller, pair: PairDoc, goal: GoalDoc): Out<typeof goalSchema> {
  return { ...goalFields(goal), etag: etagOf(goal), abilities: abilities(caller, { kind: 'goal', goal, pair }) };
}

export function presentAgendaItem(item: AgendaItem): Out<typeof agendaItemSchema> {
  return {
    id: item.id,
    title: item.title,
    ...present(item, ['goalId', 'minutes', 'ownerId']),
    done: item.done,
    ...present(item, ['startedAt', 'elapsedSeconds']),
  };
}

const sessionFields = (session: SessionDoc) => ({
  id: session.id,
  scheduledAt: session.scheduledAt,
  durationMinutes: session.durationMinutes,
  ...present(session, ['meetingId', 'joinUrl']),
  status: session.status,
  agenda: session.agenda.map(presentAgendaItem),
  createdBy: session.createdBy,
  ...present(session, ['startedAt', 'endedAt']),
  createdAt: session.createdAt,
  updatedAt: session.updatedAt,
  ...(session.booking
    ? {
        booking: {
          organizerId: session.booking.organizerId,
          series: Boolean(session.booking.seriesId),
          panel: session.booking.panel,
        },
      }
    : {}),
});

export function presentSession(caller: Caller, pair: PairDoc, session: SessionDoc): Out<typeof sessionSchema> {
  return {
    ...sessionFields(session),
    etag: etagOf(session),
    abilities: abilities(caller, { kind: 'session', session, pair }),
  };
}

const noteFields = (note: NoteDoc) => ({
  id: note.id,
  sessionId: note.sessionId,
  authorId: note.authorId,
  body: note.body,
  visibility: note.visibility,
  createdAt: note.createdAt,
  updatedAt: note.updatedAt,
});

export function presentNote(caller: Caller, pair: PairDoc, note: NoteDoc): Out<typeof noteSchema> {
  return { ...noteFields(note), etag: etagOf(note), abilities: abilities(caller, { kind: 'note', note, pair }) };
}

/** Findings stored before the categories (kinds email, phone, sensitiveTopic) read as their category today. */
const LEGACY_KINDS: Readonly<Record<string, FindingKind>> = {
  email: 'contact',
  phone: 'contact',
  sensitiveTopic: 'hr',
};
export function presentFinding(f: Finding): Out<typeof findingSchema> {
  const stored = f.kind as string;
  const kind = (FINDING_KINDS as readonly string[]).includes(stored)
    ? (stored as FindingKind)
    : (LEGACY_KINDS[stored] ?? 'hr');
  return { kind, reason: typeof f.reason === 'string' ? f.reason : stored, start: f.start, end: f.end, text: f.text };
}
const findingsOf = (takeaway: TakeawayDoc) => takeaway.findings.map(presentFinding);

/** What left the author at the level asked for: the programme copy, the partner-redacted pair text, or the text. */
export const sharedTextOf = (t: TakeawayDoc): string =>
  (t.requestedVisibility === 'program' ? t.programText : t.sharedText) ?? t.text;

export function presentTakeaway(caller: Caller, pair: PairDoc, takeaway: TakeawayDoc): Out<typeof takeawaySchema> {
  return {
    id: takeaway.id,
    sessionId: takeaway.sessionId,
    authorId: takeaway.authorId,
    text: takeaway.text,
    visibility: effectiveVisibility(takeaway),
    requestedVisibility: takeaway.requestedVisibility,
    status: takeaway.status,
    findings: findingsOf(takeaway),
    // What the programme sees: the anonymised copy, to both members before and after the decision.
    ...present(takeaway, ['programText']),
    ...(takeaway.status === 'shared' ? { sharedText: sharedTextOf(takeaway) } : {}),
    createdAt: takeaway.createdAt,
    ...present(takeaway, ['decidedAt']),
    etag: etagOf(takeaway),
    abilities: abilities(caller, { kind: 'takeaway', takeaway, pair }),
  };
}

const commitmentFields = (c: CommitmentDoc) => ({
  id: c.id,
  ...present(c, ['sessionId']),
  ownerId: c.ownerId,
  text: c.text,
  ...present(c, ['dueDate']),
  status: c.status,
  ...present(c, ['evidence']),
  createdBy: c.createdBy,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export function presentCommitment(
  caller: Caller,
  pair: PairDoc,
  commitment: CommitmentDoc,
): Out<typeof commitmentSchema> {
  return {
    ...commitmentFields(commitment),
    etag: etagOf(commitment),
    abilities: abilities(caller, { kind: 'commitment', commitment, pair }),
  };
}

const assessmentFields = (a: AssessmentDoc) => ({
  id: a.id,
  goalId: a.goalId,
  goalOwner: a.goalOwner,
  raterId: a.raterId,
  rateeId: a.rateeId,
  perspective: a.perspective,
  moment: a.moment,
  score: a.score,
  ...present(a, ['note']),
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export function presentAssessment(
  caller: Caller,
  pair: PairDoc,
  assessment: AssessmentDoc,
): Out<typeof assessmentSchema> {
  return {
    ...assessmentFields(assessment),
    etag: etagOf(assessment),
    abilities: abilities(caller, { kind: 'assessment', assessment, pair }),
  };
}

export function presentProgram(program: ProgramDoc): Out<typeof programSchema> {
  return {
    id: program.id,
    name: program.name,
    objectives: program.objectives,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    cadenceDays: program.cadenceDays,
    sessionMinutes: program.sessionMinutes,
    topics: program.topics,
    programLearningsEnabled: program.programLearningsEnabled,
    retentionDays: program.retentionDays,
    ...(program.reminderSchedule
      ? {
          reminderSchedule: {
            prepareHoursBefore: program.reminderSchedule.prepareHoursBefore,
            startingSoonMinutesBefore: program.reminderSchedule.startingSoonMinutesBefore,
            captureTakeawaysAfterSession: program.reminderSchedule.captureTakeawaysAfterSession,
            stalledGraceDays: program.reminderSchedule.stalledGraceDays,
            commitmentCheckInDaysBefore: program.reminderSchedule.commitmentCheckInDaysBefore,
          },
        }
      : {}),
    createdBy: program.createdBy,
    createdAt: program.createdAt,
    updatedAt: program.updatedAt,
    etag: etagOf(program),
  };
}

const participantFields = (p: ParticipantDoc) => ({
  id: p.id,
  userId: p.userId,
  name: p.name,
  ...present(p, ['email']),
  role: p.role,
  skills: p.skills,
  interests: p.interests,
  ...present(p, ['department', 'managerId', 'managerChain']),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export function presentParticipant(p: ParticipantDoc): Out<typeof participantSchema> {
  return { ...participantFields(p), etag: etagOf(p) };
}

export function presentAuditEntry(entry: AuditEntryDoc): Out<typeof auditEntrySchema> {
  return {
    id: entry.id,
    at: entry.at,
    actor: { id: entry.actor.id, name: entry.actor.name },
    action: entry.action,
    ...(entry.target ? { target: present(entry.target, ['pairId', 'userId', 'name']) } : {}),
    ...(entry.changes ? { changes: entry.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })) } : {}),
    ...present(entry, ['count']),
  };
}

// ---- "Your data": the caller's own documents, by the same field lists, without abilities or ETags ----

export const exportParticipation = (p: ParticipantDoc) => ({ ...participantFields(p), programId: p.programId });
export const exportNotice = (n: UnmatchedNoticeDoc) => ({
  id: n.id,
  programId: n.programId,
  programName: n.programName,
  reason: n.reason,
  createdAt: n.createdAt,
});

/** One pair's own documents for the export, sorted by kind. */
export function exportPairContent(
  docs: readonly { type: string }[],
): Pick<MyDataPair, 'goals' | 'sessions' | 'notes' | 'takeaways' | 'commitments' | 'feedback' | 'assessments'> {
  const of = <T>(type: string) => docs.filter((d) => d.type === type) as unknown as T[];
  return {
    goals: of<GoalDoc>('goal').map(goalFields),
    sessions: of<SessionDoc>('session').map(sessionFields),
    notes: of<NoteDoc>('note').map(noteFields),
    takeaways: of<TakeawayDoc>('takeaway').map((t) => ({
      id: t.id,
      sessionId: t.sessionId,
      authorId: t.authorId,
      text: t.text,
      requestedVisibility: t.requestedVisibility,
      status: t.status,
      findings: findingsOf(t),
      ...present(t, ['programText', 'sharedText', 'decidedBy', 'decidedAt']),
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    })),
    commitments: of<CommitmentDoc>('commitment').map(commitmentFields),
    feedback: of<FeedbackDoc>('feedback').map((f) => ({
      id: f.id,
      sessionId: f.sessionId,
      rating: f.rating,
      ...present(f, ['comment']),
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    })),
    assessments: of<AssessmentDoc>('assessment').map(assessmentFields),
  };
}
