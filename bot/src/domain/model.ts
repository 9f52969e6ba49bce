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
  /** When the bot reminds pair members; absent on programmes created before it existed (defaults apply). */
  reminderSchedule?: ReminderSchedule;
  createdBy: string;
  /** Last change of `endsOn` or `retentionDays`: a deletion date it brings closer still leaves the notice time (domain/retention.ts). */
  retentionChangedAt?: string;
}

/** A programme's reminder settings (the bot's reminder planner reads them; DEFAULT_REMINDER_SCHEDULE otherwise). */
export interface ReminderSchedule {
  /** `prepare` reminder this many hours before a session (0 = off). */
  prepareHoursBefore: number;
  /** `startingSoon` reminder this many minutes before a session (0 = off). */
  startingSoonMinutesBefore: number;
  /** `captureTakeaways` nudge after a session ends. */
  captureTakeawaysAfterSession: boolean;
  /** `stalled` reminder after cadence + this many days without a session. */
  stalledGraceDays: number;
  /** `commitmentCheckIn` this many days before a commitment is due (0 = off). */
  commitmentCheckInDaysBefore: number;
}

export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = {
  prepareHoursBefore: 24,
  startingSoonMinutesBefore: 15,
  captureTakeawaysAfterSession: true,
  stalledGraceDays: 7,
  commitmentCheckInDaysBefore: 2,
};

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
  /** The reporting line above this person, direct manager first, as the directory gave it at import. */
  managerChain?: string[];
}

/** A learning the programme may read: redacted text, no author, no pair. */
export interface LearningDoc extends StoredBase {
  type: 'learning';
  programId: string;
  text: string;
  sharedAt: string;
}

/** What the audit trail records: programme administration, exports, and retention's deletions. */
export const AUDIT_ACTIONS = [
  'program.create',
  'program.update',
  'participant.add',
  'participants.import',
  'pair.create',
  'pair.statusChange',
  'matches.notifyUnmatched',
  'insights.export',
  'audit.export',
  'participants.export',
  'retention.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One entry of a programme's audit trail (programs container, partition programId): who did what, when,
 * to which pair or person. Written once, never changed or deleted; never holds pair content.
 */
export interface AuditEntryDoc extends StoredBase {
  type: 'audit';
  programId: string;
  at: string;
  /** The admin who acted, or the retention job (`system`). */
  actor: PersonRef;
  action: AuditAction;
  /** The pair or person acted on (ids and the names the admin manages them by). */
  target?: { pairId?: string; userId?: string; name?: string };
  /** Settings: each changed field with its old and new value. */
  changes?: { field: string; from: unknown; to: unknown }[];
  /** How many: rows imported, people notified. */
  count?: number;
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
  /** When the pair ended (set by ending it); retention counts from here. */
  endedAt?: string;
  /** Set by retention once the pair's private and pair content was deleted. */
  contentDeletedAt?: string;
}

/**
 * Which pair two people of a programme are in (programs container, partition programId, id from both ids):
 * written before the pair, so that pair creation finds an existing pair with point reads in one partition,
 * never a cross-partition query; a claim whose pair ended or was never written is taken over.
 */
export interface PairingDoc extends StoredBase {
  type: 'pairing';
  programId: string;
  pairId: string;
}

export interface GoalDoc extends StoredBase {
  type: 'goal';
  pairId: string;
  programId: string;
  title: string;
  successMeasure: string;
  owner: PairRole;
  targetDate?: string;
  /** One of the programme's objectives this goal serves (insights group the ledger by it). */
  objective?: string;
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
  /** While the item's timer runs: when it was started (server clock, UTC ISO 8601). */
  startedAt?: string;
  /** Seconds spent on the item in earlier runs of its timer. */
  elapsedSeconds?: number;
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
  /** When the linked Teams meeting started and ended (from the bot's meeting events). */
  startedAt?: string;
  endedAt?: string;
  /** Set when the session was booked in a calendar (Microsoft 365, or the seeded one in development). */
  booking?: SessionBooking;
}

/** Our tab in the booked meeting's chat: added, or why not (the tab then says how to add it by hand). */
export const PANEL_STATES = [
  'added',
  'notPermitted',
  'meetingNotFound',
  'appNotInCatalog',
  'throttled',
  'unavailable',
  'notConfigured',
] as const;
export type PanelState = (typeof PANEL_STATES)[number];

/** The Outlook event of a booked session: only its organiser can move or cancel it there. */
export interface SessionBooking {
  /** The event in the organiser's calendar (this occurrence's, for a series). */
  eventId: string;
  organizerId: string;
  /** The series' event, when the session is one occurrence of a recurring booking. */
  seriesId?: string;
  panel: PanelState;
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
  /** Redacted copy kept for a programme-level learning (after approval: as the partner approved it). */
  programText?: string;
  /** A pair-level takeaway as the partner approved it, with any words they redacted. */
  sharedText?: string;
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

/** The three moments of the two-way ledger (domain/assessments.ts says when each opens). */
export const ASSESSMENT_MOMENTS = ['baseline', 'midpoint', 'end'] as const;
export type AssessmentMoment = (typeof ASSESSMENT_MOMENTS)[number];

/** Whose view a rating is: the goal's owner about themselves, or their partner about them. */
export const ASSESSMENT_PERSPECTIVES = ['self', 'partner'] as const;
export type AssessmentPerspective = (typeof ASSESSMENT_PERSPECTIVES)[number];

export const ASSESSMENT_SCORE_MIN = 1;
export const ASSESSMENT_SCORE_MAX = 5;
/** Post-session feedback is rated from 1 to this (the bot's feedback card). */
export const FEEDBACK_RATING_MAX = 5;

/**
 * One rating of one goal at one moment by one member (pairs container, partition pairId; one per goal,
 * moment and rater: the id says so). The ratee is the goal's owner; the rater is the owner (self) or
 * the partner. Both members read it; only the rater changes it; admins see it only inside aggregates.
 */
export interface AssessmentDoc extends StoredBase {
  type: 'assessment';
  pairId: string;
  programId: string;
  goalId: string;
  /** The goal's side (executive goals: mentee; mentor goals: mentor), copied from the goal when rated. */
  goalOwner: PairRole;
  raterId: string;
  rateeId: string;
  perspective: AssessmentPerspective;
  moment: AssessmentMoment;
  score: number;
  note?: string;
  /** The rater again, under the name "Your data" finds a member's own documents by. */
  createdBy: string;
}

export type PairContentDoc = GoalDoc | SessionDoc | NoteDoc | TakeawayDoc | CommitmentDoc | AssessmentDoc;

/**
 * Told to a participant whom matching left without a partner (people container, partition userId,
 * id `unmatched-<programId>`): the tab and the bot show it; the next notice for the programme replaces it.
 */
export interface UnmatchedNoticeDoc extends StoredBase {
  type: 'unmatchedNotice';
  userId: string;
  programId: string;
  programName: string;
  reason: string;
  /** Set once the bot delivered the notice in chat. */
  deliveredAt?: string;
}

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

/**
 * An Idempotency-Key in use or used (draft-ietf-httpapi-idempotency-key-header), in the caller's partition:
 * which request it named, and whether that request is done or still held by the instance running it.
 */
export interface IdempotencyRecord extends StoredBase {
  type: 'idempotencyKey';
  userId: string;
  /** SHA-256 of the request body as validated (members sorted): another body under the same key is refused. */
  fingerprint: string;
  state: 'inProgress' | 'done';
  /** While in progress: until when (ms since the epoch) the running instance holds the key; past it, a retry takes over. */
  leaseUntil: number;
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
  /**
   * Set when the reference's serviceUrl was named by the Bot Framework token of the activity it came
   * from; a registered bot sends proactively only to such references.
   */
  authenticatedBy?: 'botFrameworkToken';
  status: ConversationReferenceStatus;
  installedAt: string;
  uninstalledAt?: string;
  /** Set (before sending) by the one turn that sends the welcome card; never cleared by a reinstall. */
  welcomedAt?: string;
  /** The user's IANA time zone as the Teams client last reported it. */
  timeZone?: string;
  /** Why proactive sends stopped (a 403/404 code from Teams); cleared by the user's next activity. */
  unreachableReason?: string;
}
