// Named reads. Each says how many round trips it costs; list filters come from the policy module.
import { createHash } from 'node:crypto';
import type {
  AssessmentDoc,
  AuditEntryDoc,
  CommitmentDoc,
  GoalDoc,
  Caller,
  LearningDoc,
  NoteDoc,
  PairingDoc,
  MembershipDoc,
  PairDoc,
  ParticipantDoc,
  ProgramDoc,
  SessionDoc,
  UnmatchedNoticeDoc,
} from '../domain/model';
import type { Filter, Page, Stored } from './collection';
import type { PairPartitionDoc, Store } from './database';

/** The caller's pairs: one query in the caller's own partition. */
export function membershipsOf(store: Store, caller: Caller): Promise<MembershipDoc[]> {
  return store.people.query(caller.tenantId, { where: "c.type = 'membership'", parameters: [] }, caller.userId);
}

/** The id of the pairing claim of these two people in a programme (ids may hold `.`, `_`, `:`, `@`, `-`, so a hash joins them). */
export function pairingId(mentorId: string, menteeId: string): string {
  return `pairing-${createHash('sha256').update(`${mentorId}\n${menteeId}`).digest('hex').slice(0, 40)}`;
}

/**
 * The pairing claim of these two people and the pair it names if that pair exists and has not ended: point
 * reads in the programme's partition and the pair's. Pairs created before claims existed are found through the
 * mentor's memberships (one query in the mentor's partition).
 */
export async function activePairOf(
  store: Store,
  program: ProgramDoc,
  mentorId: string,
  menteeId: string,
): Promise<{ pair?: Stored<PairDoc>; claim?: Stored<PairingDoc> }> {
  const [claim, memberships] = await Promise.all([
    store.pairings.find(program, pairingId(mentorId, menteeId)),
    store.people.query(
      program.tenantId,
      {
        where:
          "c.type = 'membership' AND c.programId = @programId AND c.role = 'mentor' AND c.partner.id = @menteeId AND c.status != 'ended'",
        parameters: [
          { name: '@programId', value: program.id },
          { name: '@menteeId', value: menteeId },
        ],
      },
      mentorId,
    ),
  ]);
  const pairIds = [...new Set([...(claim ? [claim.pairId] : []), ...memberships.map((m) => m.pairId)])];
  const pairs = await Promise.all(pairIds.map((id) => store.pairDocs.findById(program.tenantId, id)));
  const pair = pairs.find(
    (p) => p?.programId === program.id && p.status !== 'ended' && p.mentor.id === mentorId && p.mentee.id === menteeId,
  );
  return { ...(pair ? { pair } : {}), ...(claim ? { claim } : {}) };
}

/**
 * Everything on the pair dashboard but the pair itself, in one single-partition query:
 * goals, sessions, commitments, and the takeaways the policy's filter lets through.
 */
export function pairDashboardContent(
  store: Store,
  pair: PairDoc,
  visibleTakeaways: Filter,
): Promise<Stored<PairPartitionDoc>[]> {
  return store.pairs.query(
    pair.tenantId,
    {
      where: `c.pairId = @pairId AND (c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR (c.type = 'takeaway' AND ${visibleTakeaways.where}))`,
      parameters: [{ name: '@pairId', value: pair.id }, ...visibleTakeaways.parameters],
    },
    pair.id,
  );
}

/**
 * The pair document and its dashboard content in one single-partition query (no point read before it): the
 * caller is authorized on the pair found before any of the content is used (policies/access.ts).
 */
export function pairWithDashboardContent(
  store: Store,
  tenantId: string,
  pairId: string,
  visibleTakeaways: Filter,
): Promise<Stored<PairPartitionDoc>[]> {
  return store.pairs.query(
    tenantId,
    {
      where: `c.pairId = @pairId AND (c.type = 'pair' OR c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR (c.type = 'takeaway' AND ${visibleTakeaways.where}))`,
      parameters: [{ name: '@pairId', value: pairId }, ...visibleTakeaways.parameters],
    },
    pairId,
  );
}

/** The next session that has not ended yet: one single-partition query. */
export async function nextSessionOf(
  store: Store,
  tenantId: string,
  pairId: string,
  now: Date,
): Promise<SessionDoc | undefined> {
  const sessions = await store.pairs.query<SessionDoc>(
    tenantId,
    {
      where: "c.pairId = @pairId AND c.type = 'session' AND c.status = 'scheduled' AND c.scheduledAt >= @since",
      parameters: [
        { name: '@pairId', value: pairId },
        { name: '@since', value: new Date(now.getTime() - 4 * 3600_000).toISOString() },
      ],
    },
    pairId,
  );
  return pickNextSession(sessions, now);
}

/**
 * The sessions still to come of several pairs in one query (cross-partition; the caller's own pairs, from
 * their memberships): /api/me costs the same whatever the number of pairs.
 */
export function upcomingSessionsOf(
  store: Store,
  tenantId: string,
  pairIds: string[],
  now: Date,
): Promise<SessionDoc[]> {
  if (pairIds.length === 0) return Promise.resolve([]);
  return store.pairs.query<SessionDoc>(tenantId, {
    where:
      "c.type = 'session' AND c.status = 'scheduled' AND ARRAY_CONTAINS(@pairIds, c.pairId) AND c.scheduledAt >= @since",
    parameters: [
      { name: '@pairIds', value: pairIds },
      { name: '@since', value: new Date(now.getTime() - 4 * 3600_000).toISOString() },
    ],
  });
}

/** Documents of one type by id across partitions, in one query (pairs or programmes the caller is a member of). */
export function documentsById<D extends PairDoc | ProgramDoc>(
  store: Store,
  tenantId: string,
  type: D['type'],
  ids: string[],
): Promise<D[]> {
  if (ids.length === 0) return Promise.resolve([]);
  // Pairs and programmes are the documents whose id is their partition key: the query names the key.
  const [collection, key] =
    type === 'pair' ? [store.pairs, 'pairId'] : [store.programs as unknown as Store['pairs'], 'programId'];
  return collection.query<D>(tenantId, {
    where: `c.type = @type AND ARRAY_CONTAINS(@ids, c.${key}) AND c.id = c.${key}`,
    parameters: [
      { name: '@type', value: type },
      { name: '@ids', value: ids },
    ],
  });
}

/** A pair's scheduled sessions starting in [from, to): one single-partition query (start and length only). */
export function scheduledSessionsBetween(
  store: Store,
  tenantId: string,
  pairId: string,
  from: Date,
  to: Date,
): Promise<Pick<SessionDoc, 'scheduledAt' | 'durationMinutes'>[]> {
  return store.pairs.query(
    tenantId,
    {
      where:
        "c.pairId = @pairId AND c.type = 'session' AND c.status = 'scheduled' AND c.scheduledAt >= @from AND c.scheduledAt < @to",
      parameters: [
        { name: '@pairId', value: pairId },
        { name: '@from', value: from.toISOString() },
        { name: '@to', value: to.toISOString() },
      ],
    },
    pairId,
    'c.scheduledAt, c.durationMinutes',
  );
}

/** The earliest scheduled session that has not ended by `now`. */
export function pickNextSession<S extends SessionDoc>(sessions: readonly S[], now: Date): S | undefined {
  return sessions
    .filter((s) => s.status === 'scheduled' && Date.parse(s.scheduledAt) + s.durationMinutes * 60_000 > now.getTime())
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
}

/** Notes of one session that the filter lets through. */
export function sessionNotes(
  store: Store,
  pair: PairDoc,
  sessionId: string,
  readableNotes: Filter,
): Promise<Stored<NoteDoc>[]> {
  return store.notes.query(
    pair.tenantId,
    {
      where: `c.sessionId = @sessionId AND ${readableNotes.where}`,
      parameters: [{ name: '@sessionId', value: sessionId }, ...readableNotes.parameters],
    },
    pair.id,
  );
}

export function programParticipants(store: Store, program: ProgramDoc): Promise<ParticipantDoc[]> {
  return store.programs.query<ParticipantDoc>(
    program.tenantId,
    { where: "c.type = 'participant'", parameters: [] },
    program.id,
  );
}

/** Pairs of a programme (admin views only): a cross-partition query projecting no content. */
export function programPairs(store: Store, program: ProgramDoc): Promise<Stored<PairDoc>[]> {
  return store.pairDocs.query(program.tenantId, {
    where: 'c.programId = @programId',
    parameters: [{ name: '@programId', value: program.id }],
  });
}

/** Figures for the pair list's health: only status and numeric fields leave the store, never text or authors. */
export interface ActivityRow {
  type: 'goal' | 'session' | 'commitment' | 'feedback';
  pairId: string;
  status: string;
  progress?: number;
  /** Sessions: when (UTC ISO 8601). */
  scheduledAt?: string;
  /** Feedback pulse answers: 1–5. */
  rating?: number;
}

/** A pair's ledger: its goals and every rating of them, in one single-partition query. */
export function pairLedger(store: Store, tenantId: string, pairId: string): Promise<(GoalDoc | AssessmentDoc)[]> {
  return store.pairs.query<GoalDoc | AssessmentDoc>(
    tenantId,
    {
      where: "c.pairId = @pairId AND (c.type = 'goal' OR c.type = 'assessment')",
      parameters: [{ name: '@pairId', value: pairId }],
    },
    pairId,
  );
}

/** What the ledger's ask and the close-out show: goals, ratings, commitments and takeaways of one pair (one single-partition query). */
export function pairFollowThrough(store: Store, tenantId: string, pairId: string): Promise<Stored<PairPartitionDoc>[]> {
  return store.pairs.query(
    tenantId,
    {
      where:
        "c.pairId = @pairId AND (c.type = 'goal' OR c.type = 'assessment' OR c.type = 'commitment' OR c.type = 'takeaway')",
      parameters: [{ name: '@pairId', value: pairId }],
    },
    pairId,
  );
}

export function programLearnings(store: Store, program: ProgramDoc): Promise<LearningDoc[]> {
  return store.programs.query<LearningDoc>(
    program.tenantId,
    { where: "c.type = 'learning'", parameters: [] },
    program.id,
  );
}

/** Unmatched notices addressed to the caller (one query in their own partition). */
export function unmatchedNoticesOf(store: Store, caller: Caller): Promise<UnmatchedNoticeDoc[]> {
  return store.people.query<UnmatchedNoticeDoc>(
    caller.tenantId,
    { where: "c.type = 'unmatchedNotice'", parameters: [] },
    caller.userId,
  );
}

/** Documents of one pair that one member wrote or owns (their own content, for export and deletion). */
export function ownPairContent(store: Store, caller: Caller, pairId: string): Promise<Stored<PairPartitionDoc>[]> {
  return store.pairs.query(
    caller.tenantId,
    {
      where: "c.type != 'pair' AND (c.authorId = @me OR c.createdBy = @me OR c.ownerId = @me)",
      parameters: [{ name: '@me', value: caller.userId }],
    },
    pairId,
  );
}

/** The kind and pair of every piece of a programme's pair content, nothing else (the retention preview's counts; cross-partition). */
export function programContentKinds(store: Store, program: ProgramDoc): Promise<{ type: string; pairId: string }[]> {
  return store.pairs.query(
    program.tenantId,
    { where: "c.programId = @programId AND c.type != 'pair'", parameters: [{ name: '@programId', value: program.id }] },
    undefined,
    'c.type, c.pairId',
  );
}

/** Private and pair content of a pair (everything but the pair document itself), ids only: what retention deletes. */
export function pairContentIds(
  store: Store,
  tenantId: string,
  pairId: string,
): Promise<{ id: string; pairId: string; tenantId: string }[]> {
  return store.pairs.query(
    tenantId,
    { where: "c.type != 'pair'", parameters: [] },
    pairId,
    'c.id, c.pairId, c.tenantId',
  );
}

/** The caller's participant records across programmes (cross-partition, the caller's own documents only). */
export function participationsOf(store: Store, caller: Caller): Promise<ParticipantDoc[]> {
  return store.programs.query<ParticipantDoc>(caller.tenantId, {
    where: "c.type = 'participant' AND c.userId = @me",
    parameters: [{ name: '@me', value: caller.userId }],
  });
}

/** A tenant's programmes (the admin's programme picker): one cross-partition query. */
export function tenantPrograms(store: Store, tenantId: string): Promise<ProgramDoc[]> {
  return store.programs.query<ProgramDoc>(tenantId, { where: "c.type = 'program'", parameters: [] });
}

/** A programme's audit trail, newest first: one single-partition query. */
export async function auditEntries(store: Store, program: ProgramDoc): Promise<AuditEntryDoc[]> {
  const entries = await store.programs.query<AuditEntryDoc>(
    program.tenantId,
    { where: "c.type = 'audit'", parameters: [] },
    program.id,
  );
  return entries.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

// ---- Paged lists (admin views): one page per call, search and filter in the query ----------------------

/** Paging of a list: page size and the store continuation of the previous page. */
export interface PageOf {
  pageSize: number;
  continuation?: string;
}

const searchClause = (fields: string[], q: string | undefined, into: Filter): Filter =>
  q
    ? {
        where: `${into.where} AND (${fields.map((f) => `CONTAINS(LOWER(${f}), @q)`).join(' OR ')})`,
        parameters: [...into.parameters, { name: '@q', value: q.toLowerCase() }],
      }
    : into;

/** A page of a programme's participants by name (single-partition): search in name and email, filter by role. */
export function participantsPage(
  store: Store,
  program: ProgramDoc,
  query: { q?: string; role?: string; userIds?: string[] } & PageOf,
): Promise<Page<ParticipantDoc>> {
  let filter: Filter = { where: "c.type = 'participant'", parameters: [] };
  if (query.role)
    filter = { where: `${filter.where} AND c.role = @role`, parameters: [{ name: '@role', value: query.role }] };
  if (query.userIds)
    filter = {
      where: `${filter.where} AND ARRAY_CONTAINS(@userIds, c.userId)`,
      parameters: [...filter.parameters, { name: '@userIds', value: query.userIds }],
    };
  filter = searchClause(['c.name', 'c.email'], query.q, filter);
  return store.programs.queryPage<ParticipantDoc>(program.tenantId, filter, {
    partitionKey: program.id,
    orderBy: 'c.name ASC',
    pageSize: query.pageSize,
    continuation: query.continuation,
  });
}

/**
 * The programme's pairs that these people are in (a page's people, no content): their memberships (a query
 * confined to their partitions), then those pairs (confined to theirs).
 */
export async function pairsOfPeople(
  store: Store,
  program: ProgramDoc,
  userIds: string[],
): Promise<Pick<PairDoc, 'mentor' | 'mentee' | 'status' | 'confidentialityAcknowledged'>[]> {
  if (userIds.length === 0) return [];
  const memberships = await store.people.query<{ pairId: string }>(
    program.tenantId,
    {
      where: "c.type = 'membership' AND c.programId = @programId AND ARRAY_CONTAINS(@ids, c.userId)",
      parameters: [
        { name: '@programId', value: program.id },
        { name: '@ids', value: userIds },
      ],
    },
    undefined,
    'c.pairId',
  );
  const pairIds = [...new Set(memberships.map((m) => m.pairId))];
  if (pairIds.length === 0) return [];
  return store.pairs.query(
    program.tenantId,
    {
      where: "c.type = 'pair' AND c.programId = @programId AND ARRAY_CONTAINS(@ids, c.pairId)",
      parameters: [
        { name: '@programId', value: program.id },
        { name: '@ids', value: pairIds },
      ],
    },
    undefined,
    'c.mentor, c.mentee, c.status, c.confidentialityAcknowledged',
  );
}

/** A page of a programme's pairs, oldest first (cross-partition, no content): search in the members' names, filter by status. */
export function pairsPage(
  store: Store,
  program: ProgramDoc,
  query: { q?: string; status?: string } & PageOf,
): Promise<Page<PairDoc>> {
  let filter: Filter = {
    where: "c.type = 'pair' AND c.programId = @programId",
    parameters: [{ name: '@programId', value: program.id }],
  };
  if (query.status)
    filter = {
      where: `${filter.where} AND c.status = @status`,
      parameters: [...filter.parameters, { name: '@status', value: query.status }],
    };
  filter = searchClause(['c.mentor.name', 'c.mentee.name'], query.q, filter);
  return store.pairs.queryPage<PairDoc>(program.tenantId, filter, {
    orderBy: 'c.createdAt ASC',
    pageSize: query.pageSize,
    continuation: query.continuation,
  });
}

/** The activity figures (as programActivity) of these pairs only. */
export function activityOfPairs(store: Store, program: ProgramDoc, pairIds: string[]): Promise<ActivityRow[]> {
  if (pairIds.length === 0) return Promise.resolve([]);
  return store.pairs.query<ActivityRow>(
    program.tenantId,
    {
      where:
        "c.programId = @programId AND ARRAY_CONTAINS(@ids, c.pairId) AND (c.type = 'goal' OR c.type = 'session' OR c.type = 'commitment' OR c.type = 'feedback')",
      parameters: [
        { name: '@programId', value: program.id },
        { name: '@ids', value: pairIds },
      ],
    },
    undefined,
    'c.type, c.pairId, c.status, c.progress, c.scheduledAt, c.rating',
  );
}

/** A page of the audit trail, newest first (single-partition): filter by action, search in the target's and actor's names. */
export function auditPage(
  store: Store,
  program: ProgramDoc,
  query: { q?: string; action?: string } & PageOf,
): Promise<Page<AuditEntryDoc>> {
  let filter: Filter = { where: "c.type = 'audit'", parameters: [] };
  if (query.action)
    filter = {
      where: `${filter.where} AND c.action = @action`,
      parameters: [{ name: '@action', value: query.action }],
    };
  filter = searchClause(['c.actor.name', 'c.target.name'], query.q, filter);
  return store.programs.queryPage<AuditEntryDoc>(program.tenantId, filter, {
    partitionKey: program.id,
    orderBy: 'c.at DESC',
    pageSize: query.pageSize,
    continuation: query.continuation,
  });
}

/** What a pair's reminders are planned from: its sessions, commitments and goals (one single-partition query). */
export function pairPlanningContent(
  store: Store,
  tenantId: string,
  pairId: string,
): Promise<(SessionDoc | CommitmentDoc | GoalDoc)[]> {
  return store.pairs.query<SessionDoc | CommitmentDoc | GoalDoc>(
    tenantId,
    {
      where: "c.pairId = @pairId AND (c.type = 'session' OR c.type = 'commitment' OR c.type = 'goal')",
      parameters: [{ name: '@pairId', value: pairId }],
    },
    pairId,
  );
}
