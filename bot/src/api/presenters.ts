// Response shapes: stored documents minus internals, plus the caller's abilities and the ETag to send back.
import {
  type AuditEntryDoc, effectiveVisibility, pairRoleOf, type Caller, type CommitmentDoc, type GoalDoc, type NoteDoc, type PairDoc,
  type SessionDoc, type TakeawayDoc,
} from '../domain/model';
import { abilities } from '../policies';

const INTERNAL = ['_etag', 'tenantId', 'type', 'pairId', 'programId'] as const;

function base<T extends object>(doc: T): Record<string, unknown> {
  const out = { ...doc } as Record<string, unknown>;
  for (const f of INTERNAL) delete out[f];
  return out;
}

export function toHttpEtag(etag: string | undefined): string | undefined {
  if (!etag) return undefined;
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

export function presentPair(caller: Caller, pair: PairDoc) {
  return {
    id: pair.id,
    programId: pair.programId,
    mentor: pair.mentor,
    mentee: pair.mentee,
    status: pair.status,
    endedAt: pair.endedAt ?? null,
    role: pairRoleOf(pair, caller.userId) ?? null,
    confidentialityAcknowledged: {
      mentor: Boolean(pair.confidentialityAcknowledged?.[pair.mentor.id]),
      mentee: Boolean(pair.confidentialityAcknowledged?.[pair.mentee.id]),
    },
    createdAt: pair.createdAt,
    etag: toHttpEtag(pair._etag),
    abilities: abilities(caller, { kind: 'pair', pair }),
  };
}

export function presentGoal(caller: Caller, pair: PairDoc, goal: GoalDoc) {
  return { ...base(goal), etag: toHttpEtag(goal._etag), abilities: abilities(caller, { kind: 'goal', goal, pair }) };
}

export function presentSession(caller: Caller, pair: PairDoc, session: SessionDoc) {
  return { ...base(session), etag: toHttpEtag(session._etag), abilities: abilities(caller, { kind: 'session', session, pair }) };
}

export function presentNote(caller: Caller, pair: PairDoc, note: NoteDoc) {
  return { ...base(note), etag: toHttpEtag(note._etag), abilities: abilities(caller, { kind: 'note', note, pair }) };
}

export function presentTakeaway(caller: Caller, pair: PairDoc, takeaway: TakeawayDoc) {
  return {
    id: takeaway.id,
    sessionId: takeaway.sessionId,
    authorId: takeaway.authorId,
    text: takeaway.text,
    visibility: effectiveVisibility(takeaway),
    requestedVisibility: takeaway.requestedVisibility,
    status: takeaway.status,
    findings: takeaway.findings,
    // What the programme would see, for the author while writing and the partner while deciding.
    ...(takeaway.programText !== undefined && takeaway.status !== 'shared' ? { programText: takeaway.programText } : {}),
    createdAt: takeaway.createdAt,
    decidedAt: takeaway.decidedAt,
    etag: toHttpEtag(takeaway._etag),
    abilities: abilities(caller, { kind: 'takeaway', takeaway, pair }),
  };
}

export function presentCommitment(caller: Caller, pair: PairDoc, commitment: CommitmentDoc) {
  return { ...base(commitment), etag: toHttpEtag(commitment._etag), abilities: abilities(caller, { kind: 'commitment', commitment, pair }) };
}

export function presentAuditEntry(entry: AuditEntryDoc) {
  return {
    id: entry.id, at: entry.at, actor: entry.actor, action: entry.action,
    ...(entry.target ? { target: entry.target } : {}), ...(entry.changes ? { changes: entry.changes } : {}), ...(entry.count !== undefined ? { count: entry.count } : {}),
  };
}
