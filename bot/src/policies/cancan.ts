// Authorization as data: each rule is one allow(resource kind, actions, condition) line.
import type {
  AssessmentDoc,
  Caller,
  CommitmentDoc,
  GoalDoc,
  MeetingLinkDoc,
  NoteDoc,
  PairDoc,
  ProgramDoc,
  SessionDoc,
  TakeawayDoc,
} from '../domain/model';

/** What a rule is checked against: the resource and the context that decides access to it. */
export type Subject =
  | { kind: 'programs'; tenantId: string }
  | { kind: 'program'; program: ProgramDoc; isParticipant: boolean }
  | { kind: 'pair'; pair: PairDoc }
  | { kind: 'goal'; goal: GoalDoc; pair: PairDoc }
  | { kind: 'session'; session: SessionDoc; pair: PairDoc }
  | { kind: 'note'; note: NoteDoc; pair: PairDoc }
  | { kind: 'takeaway'; takeaway: TakeawayDoc; pair: PairDoc }
  | { kind: 'commitment'; commitment: CommitmentDoc; pair: PairDoc }
  | { kind: 'assessment'; assessment: AssessmentDoc; pair: PairDoc }
  | { kind: 'meetingLink'; link: MeetingLinkDoc; pair: PairDoc };

export type SubjectKind = Subject['kind'];
type SubjectOf<K extends SubjectKind> = Extract<Subject, { kind: K }>;
export type Condition<K extends SubjectKind> = (caller: Caller, subject: SubjectOf<K>) => boolean;

/**
 * What can be done to each kind of subject, named for what it does: an action not listed here does not
 * compile (a typo would otherwise be a silent 404). Listing, importing, searching and notifying are
 * actions of their own, never borrowed from creating or updating.
 */
export const ACTIONS = {
  programs: ['create', 'list'],
  program: [
    'read',
    'update',
    'listParticipants',
    'addParticipant',
    'importParticipants',
    'exportParticipants',
    'searchDirectory',
    'listPairs',
    'createPair',
    'updatePair',
    'suggestMatches',
    'notifyUnmatched',
    'readInsights',
    'previewRetention',
    'readDelivery',
    'rollOutApp',
    'readAudit',
  ],
  pair: [
    'read',
    'scanText',
    'createGoal',
    'createSession',
    'createCommitment',
    'linkMeeting',
    'acknowledge',
    'bookSession',
  ],
  goal: ['read', 'update', 'assess'],
  assessment: ['read', 'update'],
  session: [
    'read',
    'addAgendaItem',
    'updateAgendaItem',
    'createNote',
    'createTakeaway',
    'giveFeedback',
    'reschedule',
    'cancel',
  ],
  commitment: ['read', 'update'],
  meetingLink: ['read'],
  note: ['read', 'update', 'changeVisibility'],
  takeaway: ['read', 'review', 'consent'],
} as const satisfies Record<SubjectKind, readonly string[]>;

/** The actions of one kind of subject (of any kind, for a subject whose kind is not known statically). */
export type ActionOf<K extends SubjectKind> = (typeof ACTIONS)[K][number];
export type Action = ActionOf<SubjectKind>;

export interface Rule<K extends SubjectKind = SubjectKind> {
  kind: K;
  actions: readonly ActionOf<K>[];
  condition: Condition<K>;
}

export function allow<K extends SubjectKind>(
  kind: K,
  actions: readonly ActionOf<K>[],
  condition: Condition<K>,
): Rule<K> {
  return { kind, actions, condition };
}

/** Combines conditions that must all hold. */
export const and =
  <K extends SubjectKind>(...conditions: Condition<K>[]): Condition<K> =>
  (caller, subject) =>
    conditions.every((c) => c(caller, subject));

/** The tenant a subject lives in; no rule ever matches across tenants. */
export function tenantOf(subject: Subject): string {
  switch (subject.kind) {
    case 'programs':
      return subject.tenantId;
    case 'program':
      return subject.program.tenantId;
    case 'pair':
      return subject.pair.tenantId;
    case 'goal':
      return subject.goal.tenantId;
    case 'session':
      return subject.session.tenantId;
    case 'note':
      return subject.note.tenantId;
    case 'takeaway':
      return subject.takeaway.tenantId;
    case 'commitment':
      return subject.commitment.tenantId;
    case 'assessment':
      return subject.assessment.tenantId;
    case 'meetingLink':
      return subject.link.tenantId;
  }
}

/** Pair-scoped subjects: the pair must be the document's own pair, in the same tenant. */
export function pairOf(subject: Subject): PairDoc | undefined {
  return 'pair' in subject ? subject.pair : undefined;
}
