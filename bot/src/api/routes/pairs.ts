// /api/pairs/:pairId: the dashboard, goals, sessions, agenda, notes, takeaways, commitments.
import { z } from 'zod';
import { agendaItemAdder, agendaItemUpdater } from '../../commands/agendaEditor';
import { assessmentCreator, assessmentUpdater } from '../../commands/assessmentWriter';
import { commitmentCreator, commitmentUpdater } from '../../commands/commitmentWriter';
import { confidentialityAcknowledger } from '../../commands/confidentialityAcknowledger';
import { consentGranter } from '../../commands/consentGranter';
import { goalCreator, goalUpdater } from '../../commands/goalWriter';
import { newId } from '../../commands/ids';
import { noteCreator, noteUpdater } from '../../commands/noteWriter';
import { sessionScheduler } from '../../commands/sessionScheduler';
import { scanText, takeawayCreator } from '../../commands/takeawayCreator';
import { regionsOfAcceptLanguage } from '../../domain/sensitiveContent';
import { awaitingApprovalNotice, decisionNotice } from '../../commands/takeawayNotices';
import { currentMoment, isMomentOpen, momentOpensOn } from '../../domain/assessments';
import { badRequest, notFound } from '../../domain/errors';
import { LIMITS } from '../../domain/limits';
import {
  ASSESSMENT_MOMENTS,
  ASSESSMENT_SCORE_MAX,
  ASSESSMENT_SCORE_MIN,
  type AssessmentDoc,
  type CommitmentDoc,
  type GoalDoc,
  type ProgramDoc,
  type SessionDoc,
  type TakeawayDoc,
} from '../../domain/model';
import {
  authorize,
  can,
  loadPair,
  loadPairDashboard,
  loadPairAndItem,
  loadPairItem,
  loadProgram,
  readableNotesFilter,
} from '../../policies';
import type { Store } from '../../store/database';
import { pairLedger, pickNextSession, sessionNotes } from '../../store/queries';
import { conditionalGet, notModified } from '../conditionalGet';
import {
  presentAgendaItem,
  presentAssessment,
  presentCommitment,
  presentFinding,
  presentGoal,
  presentNote,
  presentPair,
  presentSession,
  presentTakeaway,
} from '../presenters';
import {
  agendaChangeSchema,
  assessmentSchema,
  commitmentSchema,
  ledgerSchema,
  dashboardSchema,
  findingsSchema,
  goalSchema,
  noteSchema,
  notesSchema,
  pairSchema,
  sessionSchema,
  takeawaySchema,
} from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import {
  commitmentStatus,
  goalStatus,
  id,
  isoDate,
  isoDateTimeWithOffset,
  meetingId,
  noteVisibility,
  optionalText,
  pairParams,
  pairRole,
  progress,
  sessionParams,
  takeawayVisibility,
  text,
} from '../schemas';

const tag = 'Pairs';
const ok = <S extends z.ZodType>(description: string, schema: S) => ({ 200: { description, schema } });
const created = <S extends z.ZodType>(description: string, schema: S) => ({ 201: { description, schema } });

const goalBody = z.object({
  title: text(LIMITS.titleLength),
  successMeasure: text(LIMITS.successMeasureLength),
  owner: pairRole,
  targetDate: isoDate.optional(),
  objective: text(LIMITS.listItemLength).optional(),
});
const goalChanges = z.object({
  title: text(LIMITS.titleLength).optional(),
  successMeasure: text(LIMITS.successMeasureLength).optional(),
  owner: pairRole.optional(),
  targetDate: isoDate.nullable().optional(),
  objective: text(LIMITS.listItemLength).nullable().optional(),
  progress: progress.optional(),
  status: goalStatus.optional(),
});
const sessionBody = z.object({
  scheduledAt: isoDateTimeWithOffset,
  durationMinutes: z.number().int().min(5).max(LIMITS.sessionMinutesMax),
  meetingId: meetingId.optional(),
  joinUrl: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional(),
});
const agendaBody = z.object({
  title: text(LIMITS.titleLength),
  goalId: id.optional(),
  minutes: z.number().int().min(1).max(LIMITS.agendaMinutesMax).optional(),
  ownerId: id.optional(),
});
const agendaChanges = z.object({
  title: text(LIMITS.titleLength).optional(),
  minutes: z.number().int().min(1).max(LIMITS.agendaMinutesMax).nullable().optional(),
  done: z.boolean().optional(),
  position: z.number().int().min(0).max(LIMITS.agendaItems).optional(),
  /** Starts the item's timer (stopping any other running one) or stops it; times come from the server's clock. */
  timer: z.enum(['start', 'stop']).optional(),
});
// Kept exactly as typed (no trimming): the side panel compares what it sent with what was stored, character for character.
const noteText = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.noteBodyLength)
  .refine((v) => v.trim() !== '', 'must not be empty');
const noteBody = z.object({ body: noteText, visibility: noteVisibility.default('private') });
const noteChanges = z.object({ body: noteText.optional(), visibility: noteVisibility.optional() });
const takeawayBody = z.object({ text: text(LIMITS.takeawayTextLength), visibility: takeawayVisibility });
const consentBody = z.object({
  approve: z.boolean(),
  /** The text the partner approves: the proposed text with words they redacted (never with words added). */
  finalText: text(LIMITS.takeawayTextLength).optional(),
});
const scanBody = z.object({ text: z.string().max(LIMITS.noteBodyLength) });
const commitmentBody = z.object({
  text: text(LIMITS.commitmentTextLength),
  dueDate: isoDate.optional(),
  sessionId: id.optional(),
});
const commitmentChanges = z.object({
  text: text(LIMITS.commitmentTextLength).optional(),
  dueDate: isoDate.nullable().optional(),
  status: commitmentStatus.optional(),
  evidence: optionalText(LIMITS.commitmentTextLength),
});

const score = z.number().int().min(ASSESSMENT_SCORE_MIN).max(ASSESSMENT_SCORE_MAX);
const assessmentNote = z.string().trim().max(LIMITS.assessmentNoteLength);
const assessmentBody = z.object({ moment: z.enum(ASSESSMENT_MOMENTS), score, note: assessmentNote.optional() });
const assessmentChanges = z.object({ score: score.optional(), note: assessmentNote.nullable().optional() });

/** The pair's programme (a member may read it). */
async function programOf(
  store: Store,
  caller: Parameters<typeof loadProgram>[1],
  programId: string,
): Promise<ProgramDoc> {
  return (await loadProgram(store, caller, programId)).program;
}

/** A goal may serve one of the programme's objectives, spelled as the programme spells it. */
function checkObjective(program: ProgramDoc, objective: string | null | undefined): void {
  if (objective === undefined || objective === null || program.objectives.includes(objective)) return;
  throw badRequest("Choose one of the programme's objectives.", [
    { field: 'objective', message: 'not an objective of this programme' },
  ]);
}

export const pairRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/pairs/:pairId',
    tag,
    auth: 'user',
    params: pairParams,
    summary:
      'Pair dashboard: goals, next session with agenda, history, commitments and the takeaways the caller may read; If-None-Match → 304 for polling',
    responses: {
      ...ok('The dashboard', dashboardSchema),
      ...notModified,
      404: { description: 'No such pair, or the caller is not a member' },
    },
    async handle({ caller, params, req, services: { store } }) {
      const { pair, content } = await loadPairDashboard(store, caller, params.pairId);
      const of = <T>(type: string) => content.filter((d) => d.type === type) as unknown as T[];
      const sessions = of<SessionDoc>('session').sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
      const next = pickNextSession(sessions, new Date());
      const newestFirst = of<TakeawayDoc>('takeaway').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const takeaways = newestFirst.filter((takeaway) => can(caller, 'read', { kind: 'takeaway', takeaway, pair }));
      const awaitingYourConsent = newestFirst.filter((takeaway) =>
        can(caller, 'review', { kind: 'takeaway', takeaway, pair }),
      );
      return conditionalGet(req, {
        pair: presentPair(caller, pair),
        goals: of<GoalDoc>('goal')
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map((g) => presentGoal(caller, pair, g)),
        nextSession: next ? presentSession(caller, pair, next) : null,
        sessions: sessions
          .filter((s) => s !== next)
          .reverse()
          .map((s) => presentSession(caller, pair, s)),
        commitments: of<CommitmentDoc>('commitment')
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map((c) => presentCommitment(caller, pair, c)),
        takeaways: takeaways.map((t) => presentTakeaway(caller, pair, t)),
        awaitingYourConsent: awaitingYourConsent.map((t) => presentTakeaway(caller, pair, t)),
      });
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/acknowledgement',
    tag,
    auth: 'user',
    params: pairParams,
    summary:
      'The caller accepts the confidentiality agreement (before the first session); repeating it changes nothing',
    responses: ok('The pair, with who has accepted', pairSchema),
    async handle({ caller, params, services: { store } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'acknowledge', { kind: 'pair', pair });
      const saved = await confidentialityAcknowledger(store, caller, pair);
      return { body: presentPair(caller, saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/goals',
    tag,
    auth: 'user',
    params: pairParams,
    body: goalBody,
    idempotent: true,
    summary: 'Add a goal (mentor or executive side of the two-way ledger)',
    responses: created('The goal', goalSchema),
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'createGoal', { kind: 'pair', pair });
      if (body.objective !== undefined) checkObjective(await programOf(store, caller, pair.programId), body.objective);
      const goal = await goalCreator(store, caller, pair, body, idempotencyKey);
      return { status: 201, body: presentGoal(caller, pair, goal), etag: goal._etag };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/pairs/:pairId/goals/:goalId',
    tag,
    auth: 'user',
    ifMatch: true,
    params: z.object({ pairId: id, goalId: id }),
    body: goalChanges,
    summary: 'Change a goal (progress, status, title …); needs If-Match',
    responses: ok('The goal', goalSchema),
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { pair, item: goal } = await loadPairAndItem(store, caller, params.pairId, 'goal', params.goalId);
      authorize(caller, 'update', { kind: 'goal', goal, pair });
      if (body.objective) checkObjective(await programOf(store, caller, pair.programId), body.objective);
      const saved = await goalUpdater(store, goal, body, ifMatch);
      return { body: presentGoal(caller, pair, saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/pairs/:pairId/assessments',
    tag,
    auth: 'user',
    params: pairParams,
    summary:
      "The two-way ledger: when each moment opens and every rating of the pair's goals (both members read them all)",
    responses: ok('The ledger', ledgerSchema),
    async handle({ caller, params, services: { store } }) {
      const pair = await loadPair(store, caller, params.pairId);
      const [program, content] = await Promise.all([
        programOf(store, caller, pair.programId),
        pairLedger(store, pair.tenantId, pair.id),
      ]);
      const now = Date.now();
      const opens = momentOpensOn(program);
      const assessments = content
        .filter((d): d is AssessmentDoc => d.type === 'assessment')
        .filter((assessment) => can(caller, 'read', { kind: 'assessment', assessment, pair }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return {
        body: {
          moments: ASSESSMENT_MOMENTS.map((moment) => ({
            moment,
            opensOn: opens[moment],
            open: isMomentOpen(program, moment, now),
          })),
          current: currentMoment(program, now),
          objectives: program.objectives,
          assessments: assessments.map((a) => presentAssessment(caller, pair, a)),
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/goals/:goalId/assessments',
    tag,
    auth: 'user',
    params: z.object({ pairId: id, goalId: id }),
    body: assessmentBody,
    idempotent: true,
    summary:
      'Rate a goal at a moment (1–5, optional note): its owner rates themselves, the partner rates the owner; one rating per goal, moment and rater',
    responses: {
      ...created('The rating', assessmentSchema),
      409: { description: 'Already rated at this moment: change that rating instead' },
    },
    async handle({ caller, params, body, services: { store } }) {
      const { pair, item: goal } = await loadPairAndItem(store, caller, params.pairId, 'goal', params.goalId);
      authorize(caller, 'assess', { kind: 'goal', goal, pair });
      const program = await programOf(store, caller, pair.programId);
      const saved = await assessmentCreator(store, caller, pair, program, goal, {
        moment: body.moment,
        score: body.score,
        ...(body.note ? { note: body.note } : {}),
      });
      return { status: 201, body: presentAssessment(caller, pair, saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/pairs/:pairId/assessments/:assessmentId',
    tag,
    auth: 'user',
    ifMatch: true,
    params: z.object({ pairId: id, assessmentId: id }),
    body: assessmentChanges,
    summary: 'Change your rating (score or note); needs If-Match',
    responses: ok('The rating', assessmentSchema),
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { pair, item: assessment } = await loadPairAndItem(
        store,
        caller,
        params.pairId,
        'assessment',
        params.assessmentId,
      );
      authorize(caller, 'update', { kind: 'assessment', assessment, pair });
      const saved = await assessmentUpdater(store, assessment, body, ifMatch);
      return { body: presentAssessment(caller, pair, saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/sessions',
    tag,
    auth: 'user',
    params: pairParams,
    body: sessionBody,
    idempotent: true,
    summary: 'Schedule a session (time with offset; stored in UTC)',
    responses: created('The session', sessionSchema),
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'createSession', { kind: 'pair', pair });
      const session = await sessionScheduler(store, caller, pair, body, idempotencyKey);
      return { status: 201, body: presentSession(caller, pair, session), etag: session._etag };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/pairs/:pairId/sessions/:sessionId',
    tag,
    auth: 'user',
    params: sessionParams,
    summary: 'One session with its agenda',
    responses: ok('The session', sessionSchema),
    async handle({ caller, params, services: { store } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      return { body: presentSession(caller, pair, session), etag: session._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/sessions/:sessionId/agenda',
    tag,
    auth: 'user',
    params: sessionParams,
    body: agendaBody,
    idempotent: true,
    summary: 'Add an agenda item',
    responses: created('The agenda item and the session', agendaChangeSchema),
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      authorize(caller, 'addAgendaItem', { kind: 'session', session, pair });
      const itemId = idempotencyKey ? newId(caller, `agenda:${session.id}`, idempotencyKey) : undefined;
      const result = await agendaItemAdder(store, session, body, itemId);
      return {
        status: 201,
        body: { item: presentAgendaItem(result.item), session: presentSession(caller, pair, result.session) },
        etag: result.session._etag,
      };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/pairs/:pairId/sessions/:sessionId/agenda/:itemId',
    tag,
    auth: 'user',
    ifMatch: true,
    params: z.object({ pairId: id, sessionId: id, itemId: id }),
    body: agendaChanges,
    summary: "Tick, edit or move an agenda item; needs the session's If-Match",
    responses: ok('The agenda item and the session', agendaChangeSchema),
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      authorize(caller, 'updateAgendaItem', { kind: 'session', session, pair });
      const result = await agendaItemUpdater(store, session, params.itemId, body, ifMatch);
      return {
        body: { item: presentAgendaItem(result.item), session: presentSession(caller, pair, result.session) },
        etag: result.session._etag,
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/sessions/:sessionId/notes',
    tag,
    auth: 'user',
    params: sessionParams,
    body: noteBody,
    idempotent: true,
    summary: 'Write a note (private by default)',
    responses: created('The note', noteSchema),
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      authorize(caller, 'createNote', { kind: 'session', session, pair });
      const note = await noteCreator(store, caller, session, body, idempotencyKey);
      return { status: 201, body: presentNote(caller, pair, note), etag: note._etag };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/pairs/:pairId/sessions/:sessionId/notes',
    tag,
    auth: 'user',
    params: sessionParams,
    summary:
      "A session's notes the caller may read: their own, and the partner's pair-level notes; If-None-Match → 304 for polling",
    responses: { ...ok('The notes', notesSchema), ...notModified },
    async handle({ caller, params, req, services: { store } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      const notes = await sessionNotes(store, pair, session.id, readableNotesFilter(caller));
      return conditionalGet(req, {
        notes: notes
          .filter((note) => can(caller, 'read', { kind: 'note', note, pair }))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map((note) => presentNote(caller, pair, note)),
      });
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/pairs/:pairId/sessions/:sessionId/notes/:noteId',
    tag,
    auth: 'user',
    ifMatch: true,
    params: z.object({ pairId: id, sessionId: id, noteId: id }),
    body: noteChanges,
    summary:
      'Edit a note: the author, or either member of a pair-level note; only the author changes its level. Needs If-Match',
    responses: ok('The note', noteSchema),
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { pair, item: note } = await loadPairAndItem(store, caller, params.pairId, 'note', params.noteId);
      if (note.sessionId !== params.sessionId) throw notFound('note');
      authorize(caller, 'update', { kind: 'note', note, pair });
      if (body.visibility !== undefined && body.visibility !== note.visibility)
        authorize(caller, 'changeVisibility', { kind: 'note', note, pair });
      const saved = await noteUpdater(store, note, body, ifMatch);
      return { body: presentNote(caller, pair, saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/sessions/:sessionId/takeaways',
    tag,
    auth: 'user',
    params: sessionParams,
    body: takeawayBody,
    idempotent: true,
    summary:
      'Write a takeaway; pair or programme level waits for the partner (two keys) and reports sensitive-content findings',
    responses: created('The takeaway, with status and findings', takeawaySchema),
    async handle({ caller, params, body, idempotencyKey, req, services: { store } }) {
      const { pair, item: session } = await loadPairAndItem(store, caller, params.pairId, 'session', params.sessionId);
      authorize(caller, 'createTakeaway', { kind: 'session', session, pair });
      const takeaway = await takeawayCreator(
        store,
        caller,
        pair,
        session,
        body,
        idempotencyKey,
        regionsOfAcceptLanguage(req.headers['accept-language']),
      );
      await awaitingApprovalNotice(store, caller, pair, takeaway);
      return { status: 201, body: presentTakeaway(caller, pair, takeaway), etag: takeaway._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/takeaways/:takeawayId/consent',
    tag,
    auth: 'user',
    params: z.object({ pairId: id, takeawayId: id }),
    body: consentBody,
    summary: 'The partner approves or declines sharing a takeaway (the second key)',
    responses: ok('The takeaway', takeawaySchema),
    async handle({ caller, params, body, services: { store } }) {
      const { pair, item: takeaway } = await loadPairAndItem(
        store,
        caller,
        params.pairId,
        'takeaway',
        params.takeawayId,
      );
      authorize(caller, 'consent', { kind: 'takeaway', takeaway, pair });
      const decided = await consentGranter(store, caller, takeaway, body.approve, body.finalText);
      await decisionNotice(store, caller, pair, decided);
      return { body: presentTakeaway(caller, pair, decided), etag: decided._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/findings',
    tag,
    auth: 'user',
    params: pairParams,
    body: scanBody,
    summary:
      'Check text for sensitive content before sharing it (nothing is stored); national phone numbers are read in the regions of Accept-Language',
    responses: ok('The findings', findingsSchema),
    async handle({ caller, params, body, req, services: { store } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'scanText', { kind: 'pair', pair });
      return {
        body: {
          findings: (
            await scanText(store, pair, body.text, regionsOfAcceptLanguage(req.headers['accept-language']))
          ).map(presentFinding),
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/pairs/:pairId/commitments',
    tag,
    auth: 'user',
    params: pairParams,
    body: commitmentBody,
    idempotent: true,
    summary: "Record the executive's commitment",
    responses: created('The commitment', commitmentSchema),
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const pair = await loadPair(store, caller, params.pairId);
      authorize(caller, 'createCommitment', { kind: 'pair', pair });
      if (body.sessionId) await loadPairItem(store, pair, 'session', body.sessionId);
      const commitment = await commitmentCreator(store, caller, pair, body, idempotencyKey);
      return { status: 201, body: presentCommitment(caller, pair, commitment), etag: commitment._etag };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/pairs/:pairId/commitments/:commitmentId',
    tag,
    auth: 'user',
    ifMatch: true,
    params: z.object({ pairId: id, commitmentId: id }),
    body: commitmentChanges,
    summary: 'Change a commitment (mark kept with evidence …); needs If-Match',
    responses: ok('The commitment', commitmentSchema),
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { pair, item: commitment } = await loadPairAndItem(
        store,
        caller,
        params.pairId,
        'commitment',
        params.commitmentId,
      );
      authorize(caller, 'update', { kind: 'commitment', commitment, pair });
      const saved = await commitmentUpdater(store, commitment, body, ifMatch);
      return { body: presentCommitment(caller, pair, saved), etag: saved._etag };
    },
  }),
];
