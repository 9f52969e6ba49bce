// Stored shapes and enums shared by the server and (as types) the tab. No I/O here.
import type { Finding } from './sensitiveContent';
export type { Finding, FindingKind } from './sensitiveContent';

export const PAIR_ROLES = ['mentor', 'mentee'] as const;
export type PairRole = (typeof PAIR_ROLES)[number];

export const NOTE_VISIBILITIES = ['private', 'pair'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const TAKEAWAY_VISIBILITIES = ['private', 'pair', 'program'] as const;
export type TakeawayVisibility = (typeof TAKEAWAY_VISIBILITIES)[number];
export type Visibility = TakeawayVisibility;

/** private: author only. awaitingConsent: author only until the partner answers. shared: requested level in force. declined: author only. */
export const TAKEAWAY_STATUSES = ['private', 'awaitingConsent', 'shared', 'declined'] as const;
export type TakeawayStatus = (typeof TAKEAWAY_STATUSES)[number];

export const GOAL_STATUSES = ['notStarted', 'onTrack', 'atRisk', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const PAIR_STATUSES = ['active', 'paused', 'ended'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const COMMITMENT_STATUSES = ['open', 'kept', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const PROGRAM_ADMIN_ROLE = 'ProgramAdmin';

/** The signed-in caller, from a validated token: identity is (tenantId, userId = oid), never a username. */
export interface Caller {
  tenantId: string;
  userId: string;
  name: string;
  roles: readonly string[];
}

interface StoredBase {
  id: string;
  tenantId: string;
  createdAt: string;
  updatedAt: string;
  /** Cosmos DB ETag, present on documents read from the store. */
  _etag?: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface ProgramDoc extends StoredBase {
  type: 'program';
  programId: string;
  name: string;
  objectives: string[];
  startsOn: string;
  endsOn: string;
  cadenceDays: number;
  sessionMinutes: number;
  topics: string[];
  programLearningsEnabled: boolean;
  retentionDays: number;
  createdBy: string;
}

export interface ParticipantDoc extends StoredBase {
  type: 'participant';
  programId: string;
  /** The participant's directory id (Entra oid). */
  userId: string;
  name: string;
  email?: string;
  role: PairRole;
  skills: string[];
  interests: string[];
  department?: string;
  managerId?: string;
}

/** A learning the programme may read: redacted text, no author, no pair. */
export interface LearningDoc extends StoredBase {
  type: 'learning';
  programId: string;
  text: string;
  sharedAt: string;
}

export interface PairDoc extends StoredBase {
  type: 'pair';
  pairId: string;
  programId: string;
  mentor: PersonRef;
  mentee: PersonRef;
  status: PairStatus;
  createdBy: string;
  /** When each member accepted the confidentiality agreement, by user id. */
  confidentialityAcknowledged?: Record<string, string>;
}

export interface GoalDoc extends StoredBase {
  type: 'goal';
  pairId: string;
  programId: string;
  title: string;
  successMeasure: string;
  owner: PairRole;
  targetDate?: string;
  progress: number;
  status: GoalStatus;
  createdBy: string;
}

export interface AgendaItem {
  id: string;
  title: string;
  goalId?: string;
  minutes?: number;
  ownerId?: string;
  done: boolean;
}

export interface SessionDoc extends StoredBase {
  type: 'session';
  pairId: string;
  programId: string;
  /** UTC ISO 8601; clients render it in the viewer's time zone. */
  scheduledAt: string;
  durationMinutes: number;
  meetingId?: string;
  joinUrl?: string;
  status: SessionStatus;
  agenda: AgendaItem[];
  createdBy: string;
}

export interface NoteDoc extends StoredBase {
  type: 'note';
  pairId: string;
  programId: string;
  sessionId: string;
  authorId: string;
  body: string;
  visibility: NoteVisibility;
}

export interface TakeawayDoc extends StoredBase {
  type: 'takeaway';
  pairId: string;
  programId: string;
  sessionId: string;
  authorId: string;
  text: string;
  /** The level the author asked for; in force only once status is `shared`. */
  requestedVisibility: TakeawayVisibility;
  status: TakeawayStatus;
  findings: Finding[];
  /** Redacted copy kept for a programme-level learning. */
  programText?: string;
  decidedBy?: string;
  decidedAt?: string;
}

export interface CommitmentDoc extends StoredBase {
  type: 'commitment';
  pairId: string;
  programId: string;
  sessionId?: string;
  /** Commitments are the executive's (mentee's). */
  ownerId: string;
  text: string;
  dueDate?: string;
  status: CommitmentStatus;
  evidence?: string;
  createdBy: string;
}

export type PairContentDoc = GoalDoc | SessionDoc | NoteDoc | TakeawayDoc | CommitmentDoc;

/** One per pair member, in the caller's own partition: answers "my pairs" with one query. */
export interface MembershipDoc extends StoredBase {
  type: 'membership';
  userId: string;
  pairId: string;
  programId: string;
  role: PairRole;
  partner: PersonRef;
  status: PairStatus;
}

export interface MeetingLinkDoc extends StoredBase {
  type: 'meetingLink';
  meetingId: string;
  pairId: string;
  sessionId?: string;
  linkedBy: string;
}

/** The effective level of a takeaway: what the policy enforces today. */
export function effectiveVisibility(t: Pick<TakeawayDoc, 'status' | 'requestedVisibility'>): TakeawayVisibility {
  return t.status === 'shared' ? t.requestedVisibility : 'private';
}

export function pairRoleOf(pair: Pick<PairDoc, 'mentor' | 'mentee'>, userId: string): PairRole | undefined {
  if (pair.mentor.id === userId) return 'mentor';
  if (pair.mentee.id === userId) return 'mentee';
  return undefined;
}

export const CONVERSATION_REFERENCE_STATUSES = ['installed', 'uninstalled'] as const;
export type ConversationReferenceStatus = (typeof CONVERSATION_REFERENCE_STATUSES)[number];

/** Where the bot reaches one user's personal chat: the Bot Framework conversation reference, minus names. */
export interface StoredConversationReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; conversationType?: string; tenantId?: string };
  user: { id: string; aadObjectId?: string };
  bot: { id: string };
  locale?: string;
}

/**
 * One per (tenant, user) in the `people` container (partition key userId, id `conversation-<tenantId>`):
 * the reference for proactive sends, whether the app is still installed, and whether the welcome went out.
 */
export interface ConversationReferenceDoc extends StoredBase {
  type: 'conversationReference';
  userId: string;
  reference: StoredConversationReference;
  status: ConversationReferenceStatus;
  installedAt: string;
  uninstalledAt?: string;
  /** Set (before sending) by the one turn that sends the welcome card; never cleared by a reinstall. */
  welcomedAt?: string;
  /** The user's IANA time zone as the Teams client last reported it. */
  timeZone?: string;
}
