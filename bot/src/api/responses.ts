// Every response body of the API, as zod schemas: each resource's fields named once. Presenters
// (presenters.ts) build exactly these, routes declare them (→ /api/openapi.json), the response-schema
// test checks every route's answers against them (an undeclared field fails: objects are strict), and
// the tab imports the inferred types (`import type`). A new document field reaches nobody until it is
// added here on purpose. Imports zod and domain constants only, so the tab can type-check it.
import { z } from 'zod';
import { INSTALL_REASONS, ROLLOUT_STATUSES } from '../domain/appRollout';
import { FINDING_KINDS } from '../domain/sensitiveContent';
export type { Figure } from '../domain/kAnonymity';
import {
  ASSESSMENT_MOMENTS,
  ASSESSMENT_PERSPECTIVES,
  AUDIT_ACTIONS,
  COMMITMENT_STATUSES,
  GOAL_STATUSES,
  NOTE_VISIBILITIES,
  PAIR_ROLES,
  PAIR_STATUSES,
  PANEL_STATES,
  SESSION_STATUSES,
  TAKEAWAY_STATUSES,
  TAKEAWAY_VISIBILITIES,
} from '../domain/model';

const o = z.strictObject;
const abilities = z.record(z.string(), z.boolean());
const etag = z.string();
const person = o({ id: z.string(), name: z.string() });
const acknowledged = o({ mentor: z.boolean(), mentee: z.boolean() });
const findingKind = z.enum(FINDING_KINDS);
const csvFile = o({ filename: z.string(), csv: z.string() });

// ---- Pairs and their content (members) ------------------------------------------------------

export const pairSchema = o({
  id: z.string(),
  programId: z.string(),
  mentor: person,
  mentee: person,
  status: z.enum(PAIR_STATUSES),
  endedAt: z.string().nullable(),
  role: z.enum(PAIR_ROLES).nullable(),
  confidentialityAcknowledged: acknowledged,
  createdAt: z.string(),
  etag,
  abilities,
});

const goalFields = {
  id: z.string(),
  title: z.string(),
  successMeasure: z.string(),
  owner: z.enum(PAIR_ROLES),
  targetDate: z.string().optional(),
  objective: z.string().optional(),
  progress: z.number(),
  status: z.enum(GOAL_STATUSES),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const goalSchema = o({ ...goalFields, etag, abilities });

export const agendaItemSchema = o({
  id: z.string(),
  title: z.string(),
  goalId: z.string().optional(),
  minutes: z.number().optional(),
  ownerId: z.string().optional(),
  done: z.boolean(),
  startedAt: z.string().optional(),
  elapsedSeconds: z.number().optional(),
});
const sessionFields = {
  id: z.string(),
  scheduledAt: z.string(),
  durationMinutes: z.number(),
  meetingId: z.string().optional(),
  joinUrl: z.string().optional(),
  status: z.enum(SESSION_STATUSES),
  agenda: z.array(agendaItemSchema),
  createdBy: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Booked in a calendar: who organised the meeting (only they change it there), whether it is one of a series, our tab in its chat. */
  booking: o({ organizerId: z.string(), series: z.boolean(), panel: z.enum(PANEL_STATES) }).optional(),
};
export const sessionSchema = o({ ...sessionFields, etag, abilities });
export const agendaChangeSchema = o({ item: agendaItemSchema, session: sessionSchema });

// ---- Booking through the calendar ---------------------------------------------------------------

/** Why the calendar was left out: the booking stays in the app (and its .ics file). */
const calendarLeftOut = {
  reason: z.enum(['notConfigured', 'notConsented', 'throttled', 'unavailable', 'notOrganizer', 'eventGone']),
  detail: z.string(),
  retryAfterSeconds: z.number().optional(),
};
export const meetingTimesSchema = o({
  source: z.enum(['microsoft365', 'seeded', 'none']),
  durationMinutes: z.number(),
  times: z.array(o({ start: z.string(), end: z.string() })),
  calendar: o(calendarLeftOut).optional(),
  /** The caller's sessions in their other pairs over the same weeks (times only): a time that overlaps one is flagged. */
  yourOtherSessions: z.array(o({ start: z.string(), end: z.string() })),
});
export const bookingSchema = o({
  /** Every session booked (a series: one per occurrence), the first first. */
  sessions: z.array(sessionSchema),
  calendar: z.discriminatedUnion('status', [
    o({ status: z.literal('booked'), panel: z.enum(PANEL_STATES) }),
    o({ status: z.literal('notBooked'), ...calendarLeftOut }),
  ]),
});
export const sessionChangeSchema = o({ session: sessionSchema, calendar: z.enum(['updated', 'notInCalendar']) });
/** Development only: the seeded calendar's meetings of the caller, with the tabs in their chats. */
export const devCalendarSchema = o({
  meetings: z.array(
    o({
      subject: z.string(),
      start: z.string(),
      end: z.string(),
      joinUrl: z.string(),
      organizerId: z.string(),
      attendeeIds: z.array(z.string()),
      series: z.boolean(),
      cancelled: z.boolean(),
      tabs: z.array(o({ displayName: z.string(), entityId: z.string(), contentUrl: z.string() })),
    }),
  ),
});

const noteFields = {
  id: z.string(),
  sessionId: z.string(),
  authorId: z.string(),
  body: z.string(),
  visibility: z.enum(NOTE_VISIBILITIES),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const noteSchema = o({ ...noteFields, etag, abilities });
export const notesSchema = o({ notes: z.array(noteSchema) });

export const findingSchema = o({
  kind: findingKind,
  reason: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});
export const findingsSchema = o({ findings: z.array(findingSchema) });
export const takeawaySchema = o({
  id: z.string(),
  sessionId: z.string(),
  authorId: z.string(),
  text: z.string(),
  visibility: z.enum(TAKEAWAY_VISIBILITIES),
  requestedVisibility: z.enum(TAKEAWAY_VISIBILITIES),
  status: z.enum(TAKEAWAY_STATUSES),
  findings: z.array(findingSchema),
  /** The anonymised programme copy (redacted, author-free): what the programme sees, before and after approval. */
  programText: z.string().optional(),
  /** The text that left the author at the level asked for, as approved (with the partner's redactions); once shared. */
  sharedText: z.string().optional(),
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  etag,
  abilities,
});

const commitmentFields = {
  id: z.string(),
  sessionId: z.string().optional(),
  ownerId: z.string(),
  text: z.string(),
  dueDate: z.string().optional(),
  status: z.enum(COMMITMENT_STATUSES),
  evidence: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const commitmentSchema = o({ ...commitmentFields, etag, abilities });

const assessmentFields = {
  id: z.string(),
  goalId: z.string(),
  goalOwner: z.enum(PAIR_ROLES),
  raterId: z.string(),
  rateeId: z.string(),
  perspective: z.enum(ASSESSMENT_PERSPECTIVES),
  moment: z.enum(ASSESSMENT_MOMENTS),
  score: z.number().int(),
  note: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const assessmentSchema = o({ ...assessmentFields, etag, abilities });
/** The pair's ledger: when each moment opens, which one is current, and every rating of the pair's goals. */
export const ledgerSchema = o({
  moments: z.array(o({ moment: z.enum(ASSESSMENT_MOMENTS), opensOn: z.string(), open: z.boolean() })),
  current: z.enum(ASSESSMENT_MOMENTS),
  /** The programme's objectives, which a goal may serve. */
  objectives: z.array(z.string()),
  assessments: z.array(assessmentSchema),
});

export const dashboardSchema = o({
  pair: pairSchema,
  goals: z.array(goalSchema),
  nextSession: sessionSchema.nullable(),
  sessions: z.array(sessionSchema),
  commitments: z.array(commitmentSchema),
  takeaways: z.array(takeawaySchema),
  awaitingYourConsent: z.array(takeawaySchema),
});

export const meetingLinkSchema = o({ meetingId: z.string(), pairId: z.string(), sessionId: z.string().nullable() });

// ---- The caller ----------------------------------------------------------------------------

export const meSchema = o({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  pairs: z.array(
    o({
      pairId: z.string(),
      programId: z.string(),
      role: z.enum(PAIR_ROLES),
      status: z.enum(PAIR_STATUSES),
      partner: person,
      nextSession: o({
        id: z.string(),
        scheduledAt: z.string(),
        durationMinutes: z.number(),
        joinUrl: z.string().nullable(),
      }).nullable(),
      /** Ended pairs: when retention deletes the pair's content. */
      contentDeletesAt: z.string().nullable(),
    }),
  ),
});

export const noticesSchema = o({
  notices: z.array(
    o({
      kind: z.literal('unmatched'),
      programId: z.string(),
      programName: z.string(),
      reason: z.string(),
      createdAt: z.string(),
    }),
  ),
});

const participantFields = {
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  role: z.enum(PAIR_ROLES),
  skills: z.array(z.string()),
  interests: z.array(z.string()),
  department: z.string().optional(),
  managerId: z.string().optional(),
  /** The reporting line above the person, as the directory gave it at import. */
  managerChain: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** "Your data": the caller's own documents, field by field like the resources, without abilities and ETags. */
export const myDataSchema = o({
  exportedAt: z.string(),
  user: o({ id: z.string(), tenantId: z.string(), name: z.string() }),
  participations: z.array(o({ ...participantFields, programId: z.string() })),
  pairs: z.array(
    o({
      pairId: z.string(),
      programId: z.string(),
      role: z.enum(PAIR_ROLES),
      partner: person,
      status: z.enum(PAIR_STATUSES),
      goals: z.array(o(goalFields)),
      sessions: z.array(o(sessionFields)),
      notes: z.array(o(noteFields)),
      takeaways: z.array(
        o({
          id: z.string(),
          sessionId: z.string(),
          authorId: z.string(),
          text: z.string(),
          requestedVisibility: z.enum(TAKEAWAY_VISIBILITIES),
          status: z.enum(TAKEAWAY_STATUSES),
          findings: z.array(findingSchema),
          programText: z.string().optional(),
          sharedText: z.string().optional(),
          decidedBy: z.string().optional(),
          decidedAt: z.string().optional(),
          createdAt: z.string(),
          updatedAt: z.string(),
        }),
      ),
      commitments: z.array(o(commitmentFields)),
      feedback: z.array(
        o({
          id: z.string(),
          sessionId: z.string(),
          rating: z.number(),
          comment: z.string().optional(),
          createdAt: z.string(),
          updatedAt: z.string(),
        }),
      ),
      assessments: z.array(o(assessmentFields)),
    }),
  ),
  notices: z.array(
    o({ id: z.string(), programId: z.string(), programName: z.string(), reason: z.string(), createdAt: z.string() }),
  ),
});
export const myDataDeletedSchema = o({
  deleted: o({
    notes: z.number(),
    takeaways: z.number(),
    goals: z.number(),
    commitments: z.number(),
    feedback: z.number(),
    assessments: z.number(),
    notices: z.number(),
  }),
});

// ---- Programmes (admins; a participant may read the programme) -------------------------------

export const reminderScheduleSchema = o({
  prepareHoursBefore: z.number(),
  startingSoonMinutesBefore: z.number(),
  captureTakeawaysAfterSession: z.boolean(),
  stalledGraceDays: z.number(),
  commitmentCheckInDaysBefore: z.number(),
});
export const programSchema = o({
  id: z.string(),
  name: z.string(),
  objectives: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  cadenceDays: z.number(),
  sessionMinutes: z.number(),
  topics: z.array(z.string()),
  programLearningsEnabled: z.boolean(),
  retentionDays: z.number(),
  reminderSchedule: reminderScheduleSchema.optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  etag,
});
export const programsSchema = o({ programs: z.array(programSchema) });

export const participantSchema = o({ ...participantFields, etag });
/** Paged lists: present while there are more; pass it back as `cursor` with the same search and filter. */
const nextCursor = z.string().optional();

export const participantsSchema = o({
  participants: z.array(o({ ...participantFields, etag, trainingAcknowledged: z.boolean(), paired: z.boolean() })),
  nextCursor,
});

const fieldError = o({ field: z.string(), message: z.string() });
export const importResultSchema = o({
  rows: z.array(
    o({
      line: z.number(),
      name: z.string(),
      email: z.string(),
      role: z.string(),
      skills: z.array(z.string()),
      interests: z.array(z.string()),
      department: z.string().optional(),
      managerEmail: z.string().optional(),
      userId: z.string().optional(),
      managerId: z.string().optional(),
      existing: z.boolean(),
      errors: z.array(fieldError),
    }),
  ),
  fileErrors: z.array(fieldError),
  errorCount: z.number(),
  imported: z.number(),
});
export const directorySearchSchema = o({
  people: z.array(
    o({
      id: z.string(),
      name: z.string(),
      email: z.string().optional(),
      department: z.string().optional(),
      jobTitle: z.string().optional(),
    }),
  ),
});
export const matchResultSchema = o({
  pairs: z.array(o({ mentorId: z.string(), menteeId: z.string(), score: z.number(), reasons: z.array(z.string()) })),
  unmatched: z.array(o({ id: z.string(), reason: z.string() })),
});
export const notifiedSchema = o({ notified: z.array(z.string()) });

/** A figure under the k-anonymity rule (domain/kAnonymity.ts): its value and how many pairs it comes from, or why it is withheld. */
export const figureSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('shown', [
    o({ shown: z.literal(true), value, pairs: z.number() }),
    o({ shown: z.literal(false), reason: z.string() }),
  ]);

export const pairHealthSchema = o({
  id: z.string(),
  mentor: person,
  mentee: person,
  status: z.enum(PAIR_STATUSES),
  createdAt: z.string(),
  etag,
  confidentialityAcknowledged: acknowledged,
  health: o({
    sessionsExpected: z.number(),
    sessions: figureSchema(o({ held: z.number(), onCadence: z.boolean(), lastSessionAt: z.string().nullable() })),
    goals: figureSchema(o({ count: z.number(), progressAverage: z.number() })),
  }),
});
export const pairHealthListSchema = o({ pairs: z.array(pairHealthSchema), nextCursor });

/** The ledger's change from baseline to end of a group of goals (k-anonymous). */
const ledgerChangeSchema = figureSchema(
  o({ goals: z.number(), meanBaseline: z.number(), meanEnd: z.number(), meanChange: z.number() }),
);

export const insightsSchema = o({
  programId: z.string(),
  pairCount: z.number(),
  minimumPairs: z.number(),
  pairs: figureSchema(
    o({ active: z.number(), paused: z.number(), ended: z.number(), sessionsExpectedByCadence: z.number() }),
  ),
  sessions: figureSchema(o({ planned: z.number(), held: z.number(), cancelled: z.number() })),
  cadence: figureSchema(o({ pairsDue: z.number(), onCadence: z.number(), percent: z.number() })),
  goals: figureSchema(
    o({
      total: z.number(),
      achieved: z.number(),
      atRisk: z.number(),
      progress: z.array(o({ from: z.number(), to: z.number(), goals: z.number() })),
    }),
  ),
  commitments: figureSchema(o({ made: z.number(), kept: z.number(), open: z.number() })),
  feedback: figureSchema(o({ responses: z.number(), averageRating: z.number() })),
  /** The two-way ledger: mean change per side (executive goals, mentor goals) and per objective, as owners see themselves and as partners see them. */
  ledger: o({
    sides: z.array(o({ side: z.enum(PAIR_ROLES), self: ledgerChangeSchema, partner: ledgerChangeSchema })),
    /** null: goals that name no objective. */
    objectives: z.array(o({ objective: z.string().nullable(), self: ledgerChangeSchema, partner: ledgerChangeSchema })),
  }),
  learnings: figureSchema(z.array(o({ text: z.string(), sharedOn: z.string() }))),
});
export const csvFileSchema = csvFile;

const deletedKinds = o({
  goal: z.number(),
  session: z.number(),
  note: z.number(),
  takeaway: z.number(),
  commitment: z.number(),
  feedback: z.number(),
  assessment: z.number(),
});
export const retentionPreviewSchema = o({
  retentionDays: z.number(),
  floorDays: z.number(),
  noticeDays: z.array(z.number()),
  programEndsOn: z.string(),
  pairs: z.array(
    o({
      pairId: z.string(),
      mentor: person,
      mentee: person,
      status: z.enum(PAIR_STATUSES),
      endedOn: z.string().nullable(),
      deletesOn: z.string().nullable(),
      currentlyDeletesOn: z.string().nullable(),
      deletedOn: z.string().nullable(),
      noticesOn: z.array(z.string()),
    }),
  ),
  content: figureSchema(deletedKinds),
});

export const auditEntrySchema = o({
  id: z.string(),
  at: z.string(),
  actor: person,
  action: z.enum(AUDIT_ACTIONS),
  target: o({ pairId: z.string().optional(), userId: z.string().optional(), name: z.string().optional() }).optional(),
  changes: z.array(o({ field: z.string(), from: z.unknown(), to: z.unknown() })).optional(),
  count: z.number().optional(),
});
export const auditSchema = o({ entries: z.array(auditEntrySchema), nextCursor });

export const deliverySchema = o({
  people: z.array(
    o({
      userId: z.string(),
      name: z.string(),
      reachable: z.boolean(),
      lastDeliveredAt: z.string().optional(),
      lastFailure: o({ at: z.string(), reason: z.string(), fix: z.string() }).optional(),
    }),
  ),
  nextCursor,
});

// ---- System and timed work --------------------------------------------------------------------

export const healthSchema = o({ status: z.enum(['ok', 'unavailable']), store: z.enum(['embedded', 'cosmos']) });
export const devUsersSchema = o({
  users: z.array(o({ userId: z.string(), name: z.string(), roles: z.array(z.string()) })),
});
export const devTokenSchema = o({ token: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number() });
export const reminderRunSchema = o({ sent: z.number(), failed: z.number(), skipped: z.number() });
export const retentionRunSchema = o({ pairs: z.number(), deleted: z.number() });
export const deliveryOutcomeBackfillSchema = o({ pages: z.number(), reminders: z.number(), done: z.boolean() });

// ---- Types for the tab --------------------------------------------------------------------------

export type Abilities = z.infer<typeof abilities>;
export type Pair = z.infer<typeof pairSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type MeetingTimes = z.infer<typeof meetingTimesSchema>;
export type Booking = z.infer<typeof bookingSchema>;
export type SessionChange = z.infer<typeof sessionChangeSchema>;
export type Note = z.infer<typeof noteSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type Takeaway = z.infer<typeof takeawaySchema>;
export type Commitment = z.infer<typeof commitmentSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
export type Ledger = z.infer<typeof ledgerSchema>;
export type PairDashboard = z.infer<typeof dashboardSchema>;
export type MeetingLink = z.infer<typeof meetingLinkSchema>;
export type Me = z.infer<typeof meSchema>;
export type Notice = z.infer<typeof noticesSchema>['notices'][number];
export type Program = z.infer<typeof programSchema>;
export type ReminderScheduleBody = z.infer<typeof reminderScheduleSchema>;
export type Participant = z.infer<typeof participantsSchema>['participants'][number];
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportRow = ImportResult['rows'][number];
export type DirectoryPerson = z.infer<typeof directorySearchSchema>['people'][number];
export type MatchResult = z.infer<typeof matchResultSchema>;
export type Suggestion = MatchResult['pairs'][number];
export type PairHealth = z.infer<typeof pairHealthSchema>;
export type Insights = z.infer<typeof insightsSchema>;
export type RetentionPreview = z.infer<typeof retentionPreviewSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type DeliveryPerson = z.infer<typeof deliverySchema>['people'][number];
export type CsvFile = z.infer<typeof csvFile>;

// ---- The app rollout (admin) ------------------------------------------------------------------

const reasonWithFix = o({ reason: z.enum(INSTALL_REASONS), fix: z.string() });
export const rolloutSchema = o({
  status: z.enum(ROLLOUT_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  total: z.number().int(),
  installed: z.number().int(),
  alreadyHad: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  problem: reasonWithFix.optional(),
  failures: z.array(o({ userId: z.string(), name: z.string(), reason: z.enum(INSTALL_REASONS), fix: z.string() })),
});
export const rolloutStateSchema = o({
  available: z.boolean(),
  /** Why the rollout cannot be started on this server, and what to configure. */
  unavailable: reasonWithFix.optional(),
  /** Participants without the app now (not counted while a run is going). */
  withoutApp: z.number().int().optional(),
  rollout: rolloutSchema.optional(),
});
