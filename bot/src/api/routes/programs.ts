// /api/programs: programme administration. Admins see people, pairs and aggregates, never pair content.
import type { Request } from 'express';
import { z } from 'zod';
import { pairCreator } from '../../commands/pairCreator';
import { pairStatusChanger } from '../../commands/pairStatusChanger';
import { participantEnroller } from '../../commands/participantAdder';
import { participantImporter } from '../../commands/participantImporter';
import { programCreator } from '../../commands/programCreator';
import { actorOf, auditRecorder } from '../../commands/auditTrail';
import { programInsights } from '../../commands/programInsights';
import {
  auditExporter,
  insightsExporter,
  participantsExporter,
  participantStatuses,
} from '../../commands/programExports';
import { retentionPreview } from '../../commands/retentionPreview';
import { programUpdater } from '../../commands/programUpdater';
import { deliveryReport } from '../../commands/deliveryReport';
import { matchSuggester } from '../../commands/matchSuggester';
import { unmatchedNotifier } from '../../commands/unmatchedNotifier';
import { configuredDirectory, directoryFor, type DirectoryCaller } from '../../directory';
import { LIMITS } from '../../domain/limits';
import { AUDIT_ACTIONS, DEFAULT_REMINDER_SCHEDULE, PAIR_STATUSES, type Caller } from '../../domain/model';
import { RETENTION_FLOOR_DAYS } from '../../domain/retention';
import { authorize, loadProgram, loadProgramPair } from '../../policies';
import { auditPage, participantsPage, programParticipants, tenantPrograms } from '../../store/queries';
import { pairHealthPage } from '../../commands/pairList';
import { issuePageToken, pageQuery, readPageToken } from '../pageToken';
import { presentAuditEntry, presentPair, presentParticipant, presentProgram, toHttpEtag } from '../presenters';
import {
  auditSchema,
  csvFileSchema,
  deliverySchema,
  directorySearchSchema,
  importResultSchema,
  insightsSchema,
  matchResultSchema,
  notifiedSchema,
  pairHealthListSchema,
  pairSchema,
  participantSchema,
  participantsSchema,
  programSchema,
  programsSchema,
  retentionPreviewSchema,
} from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { id, idList, isoDate, list, optionalText, pairRole, programParams, text } from '../schemas';

const tag = 'Programmes';

const reminderSchedule = z.object({
  prepareHoursBefore: z.number().int().min(0).max(168),
  startingSoonMinutesBefore: z.number().int().min(0).max(120),
  captureTakeawaysAfterSession: z.boolean(),
  stalledGraceDays: z.number().int().min(1).max(60),
  commitmentCheckInDaysBefore: z.number().int().min(0).max(30),
});

const programSettings = {
  name: text(LIMITS.nameLength),
  objectives: list,
  startsOn: isoDate,
  endsOn: isoDate,
  cadenceDays: z.number().int().min(7).max(90),
  sessionMinutes: z.number().int().min(15).max(LIMITS.sessionMinutesMax),
  topics: list,
  programLearningsEnabled: z.boolean(),
  retentionDays: z.number().int().min(RETENTION_FLOOR_DAYS, `must be at least ${RETENTION_FLOOR_DAYS} days`).max(3650),
  reminderSchedule,
};

const programBody = z
  .object({
    ...programSettings,
    objectives: list.default([]),
    cadenceDays: programSettings.cadenceDays.default(14),
    sessionMinutes: programSettings.sessionMinutes.default(45),
    topics: list.default([]),
    programLearningsEnabled: z.boolean().default(true),
    retentionDays: programSettings.retentionDays.default(180),
    reminderSchedule: reminderSchedule.default(DEFAULT_REMINDER_SCHEDULE),
  })
  // Compared only once both are valid dates, so a bad startsOn is not also reported on endsOn.
  .refine(
    (p) => !isoDate.safeParse(p.startsOn).success || !isoDate.safeParse(p.endsOn).success || p.endsOn > p.startsOn,
    {
      path: ['endsOn'],
      message: 'must be after startsOn',
    },
  );

const participantBody = z.object({
  id,
  name: text(LIMITS.nameLength),
  email: z.email().max(320).optional(),
  role: pairRole,
  skills: list.default([]),
  interests: list.default([]),
  department: optionalText(LIMITS.nameLength),
  managerId: id.optional(),
});

/** Every setting optional; the command checks the dates against the stored ones. */
const programPatch = z.object(programSettings).partial();

const pairParams = z.object({ programId: id, pairId: id });

const search = z.string().trim().min(1).max(100).optional().describe('Search text (case-insensitive, part of a word)');
const participantsQuery = z.strictObject({
  ...pageQuery,
  q: search,
  role: pairRole.optional(),
  users: idList.optional(),
});
const pairsQuery = z.strictObject({ ...pageQuery, q: search, status: z.enum(PAIR_STATUSES).optional() });
const auditQuery = z.strictObject({ ...pageQuery, q: search, action: z.enum(AUDIT_ACTIONS).optional() });
const deliveryQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().min(1).max(100).optional().describe('Search text in name and email (case-insensitive)'),
  users: idList.optional(),
});

/** What Graph on-behalf-of needs: the caller's tenant and the bearer token they signed in with. */
const directoryCaller = (caller: Caller, req: Request): DirectoryCaller => ({
  tenantId: caller.tenantId,
  accessToken: (req.get('authorization') ?? '').replace(/^Bearer\s+/i, ''),
});

export const programRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post',
    path: '/api/programs',
    tag,
    auth: 'user',
    body: programBody,
    idempotent: true,
    summary: 'Create a programme (ProgramAdmin)',
    responses: { 201: { description: 'The programme', schema: programSchema } },
    async handle({ caller, body, idempotencyKey, services: { store } }) {
      authorize(caller, 'create', { kind: 'programs', tenantId: caller.tenantId });
      const program = await programCreator(store, caller, body, idempotencyKey);
      await auditRecorder(store, program, actorOf(caller), { action: 'program.create' });
      return { status: 201, body: presentProgram(program), etag: program._etag };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs',
    tag,
    auth: 'user',
    summary: 'The programmes of your organisation, newest first (ProgramAdmin)',
    responses: { 200: { description: 'The programmes', schema: programsSchema } },
    async handle({ caller, services: { store } }) {
      authorize(caller, 'list', { kind: 'programs', tenantId: caller.tenantId });
      const programs = await tenantPrograms(store, caller.tenantId);
      return {
        body: { programs: programs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(presentProgram) },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId',
    tag,
    auth: 'user',
    params: programParams,
    summary: 'A programme (ProgramAdmin or a participant)',
    responses: { 200: { description: 'The programme', schema: programSchema } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'read', { kind: 'program', program, isParticipant });
      return { body: presentProgram(program), etag: program._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/participants',
    tag,
    auth: 'user',
    params: programParams,
    body: participantBody,
    summary: 'Add or update a participant (ProgramAdmin); the id is the directory (Entra object) id',
    responses: {
      201: { description: 'Added', schema: participantSchema },
      200: { description: 'Updated', schema: participantSchema },
    },
    async handle({ caller, params, body, req, services }) {
      const { store } = services;
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'addParticipant', { kind: 'program', program, isParticipant });
      const { participant, created } = await participantEnroller(
        store,
        configuredDirectory(services.config),
        directoryCaller(caller, req),
        program,
        body,
      );
      await auditRecorder(store, program, actorOf(caller), {
        action: 'participant.add',
        target: { userId: participant.userId, name: participant.name },
      });
      return { status: created ? 201 : 200, body: presentParticipant(participant), etag: participant._etag };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/participants',
    tag,
    auth: 'user',
    params: programParams,
    query: participantsQuery,
    summary:
      "Participants by name, a page at a time (`limit`, then `cursor` = the previous page's `nextCursor`), searched in name and email (`q`), filtered by role, or only the people listed in `users` (ProgramAdmin)",
    responses: { 200: { description: 'A page of participants', schema: participantsSchema } },
    async handle({ caller, params, query, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'listParticipants', { kind: 'program', program, isParticipant });
      const scope = {
        list: `participants:${program.id}`,
        caller,
        query: { q: query.q, role: query.role, users: query.users?.join(','), limit: query.limit },
      };
      const continuation = query.cursor ? readPageToken(config.jobsSecret, scope, query.cursor) : undefined;
      const page = await participantsPage(store, program, {
        q: query.q,
        role: query.role,
        ...(query.users ? { userIds: query.users } : {}),
        pageSize: query.limit,
        continuation,
      });
      // The pairs of this page's people only (no content): whether each is paired, and has accepted the agreement in any pair.
      const status = await participantStatuses(store, program, page.items);
      return {
        body: {
          participants: page.items.map((p) => ({
            ...presentParticipant(p),
            trainingAcknowledged: status.acknowledged(p.userId),
            paired: status.paired(p.userId),
          })),
          ...(page.continuation ? { nextCursor: issuePageToken(config.jobsSecret, scope, page.continuation) } : {}),
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/participants/export',
    tag,
    auth: 'user',
    params: programParams,
    body: z.object({ users: z.array(id).min(1).max(200) }),
    summary:
      'The chosen participants as CSV (name, role, department, agreement accepted, paired); every field quoted and neutralised against formulas (ProgramAdmin; recorded in the audit trail)',
    responses: { 200: { description: 'The file', schema: csvFileSchema } },
    async handle({ caller, params, body, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'exportParticipants', { kind: 'program', program, isParticipant });
      return { body: await participantsExporter(store, caller, program, body.users) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/pairs',
    tag,
    auth: 'user',
    params: programParams,
    body: z.object({ mentorId: id, menteeId: id }),
    idempotent: true,
    summary: 'Pair a mentor with an executive (ProgramAdmin)',
    responses: { 201: { description: 'The pair', schema: pairSchema } },
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'createPair', { kind: 'program', program, isParticipant });
      const pair = await pairCreator(store, caller, program, body, idempotencyKey);
      await auditRecorder(store, program, actorOf(caller), {
        action: 'pair.create',
        target: { pairId: pair.id, name: `${pair.mentor.name} → ${pair.mentee.name}` },
      });
      return { status: 201, body: presentPair(caller, pair), etag: pair._etag };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/pairs',
    tag,
    auth: 'user',
    params: programParams,
    query: pairsQuery,
    summary:
      "Pairs of the programme with their health (sessions held vs cadence, last session, goal progress), without any of their content, oldest first, a page at a time (`limit`, `cursor`), searched in the members' names (`q`) and filtered by status; activity figures follow the 5-pair rule, so a single pair's are withheld (ProgramAdmin)",
    responses: { 200: { description: 'A page of pairs', schema: pairHealthListSchema } },
    async handle({ caller, params, query, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'listPairs', { kind: 'program', program, isParticipant });
      const scope = {
        list: `pairs:${program.id}`,
        caller,
        query: { q: query.q, status: query.status, limit: query.limit },
      };
      const continuation = query.cursor ? readPageToken(config.jobsSecret, scope, query.cursor) : undefined;
      const { pairs, continuation: next } = await pairHealthPage(store, program, {
        q: query.q,
        status: query.status,
        pageSize: query.limit,
        continuation,
      });
      return {
        body: {
          pairs: pairs.map((p) => ({ ...p, etag: toHttpEtag(p.etag) ?? '' })),
          ...(next ? { nextCursor: issuePageToken(config.jobsSecret, scope, next) } : {}),
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/matches/suggest',
    tag,
    auth: 'user',
    params: programParams,
    body: z
      .object({
        avoidSameDepartment: z.boolean().default(false),
        /** Suggestions the admin rejected: never suggested again in this round. */
        rejected: z
          .array(z.object({ mentorId: id, menteeId: id }))
          .max(1000)
          .default([]),
      })
      .default({ avoidSameDepartment: false, rejected: [] }),
    summary:
      'Suggest mentor × executive pairs: complementary skills, never within a reporting line, no repeats (ProgramAdmin)',
    responses: { 200: { description: 'Suggestions and the unmatched', schema: matchResultSchema } },
    async handle({ caller, params, body, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'suggestMatches', { kind: 'program', program, isParticipant });
      const result = await matchSuggester(store, program, body);
      return {
        body: {
          pairs: result.pairs.map((p) => ({
            mentorId: p.mentorId,
            menteeId: p.menteeId,
            score: p.score,
            reasons: p.reasons,
          })),
          unmatched: result.unmatched.map((u) => ({ id: u.id, reason: u.reason })),
        },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/insights',
    tag,
    auth: 'user',
    params: programParams,
    summary: `Aggregates only; each figure is withheld, with the reason, until at least ${LIMITS.insightsMinPairs} distinct pairs contributed to it (ProgramAdmin)`,
    responses: { 200: { description: 'The insights', schema: insightsSchema } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readInsights', { kind: 'program', program, isParticipant });
      return { body: await programInsights(store, program) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/programs/:programId',
    tag,
    auth: 'user',
    params: programParams,
    body: programPatch,
    ifMatch: true,
    summary: 'Change programme settings (ProgramAdmin); If-Match required; recorded in the audit trail',
    responses: { 200: { description: 'The programme', schema: programSchema } },
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'update', { kind: 'program', program, isParticipant });
      const saved = await programUpdater(store, caller, program, body, ifMatch);
      return { body: presentProgram(saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/directory/search',
    tag,
    auth: 'user',
    params: programParams,
    body: z.object({ query: text(100) }),
    summary:
      'People picker: search the directory (Microsoft Graph on behalf of the admin; seeded in development) (ProgramAdmin)',
    responses: {
      200: { description: 'Matching people', schema: directorySearchSchema },
      503: { description: 'Directory not configured or unreachable' },
    },
    async handle({ caller, params, body, req, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'searchDirectory', { kind: 'program', program, isParticipant });
      const people = await directoryFor(config).search(directoryCaller(caller, req), body.query, 10);
      return {
        body: {
          people: people.map((p) => ({
            id: p.id,
            name: p.name,
            ...(p.email ? { email: p.email } : {}),
            ...(p.department ? { department: p.department } : {}),
            ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}),
          })),
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/participants/import',
    tag,
    auth: 'user',
    params: programParams,
    body: z.object({
      csv: z.string().trim().min(1, 'must not be empty').max(200_000),
      commit: z.boolean().default(false),
    }),
    summary:
      'CSV import (name, email, role, skills, interests, department, manager email): preview, or commit all rows or none (ProgramAdmin)',
    responses: {
      200: { description: 'Rows (each with errors), errorCount, imported', schema: importResultSchema },
      400: { description: 'Not CSV, or (commit) rows with errors: nothing imported' },
    },
    async handle({ caller, params, body, req, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'importParticipants', { kind: 'program', program, isParticipant });
      const result = await participantImporter(
        store,
        directoryFor(config),
        directoryCaller(caller, req),
        program,
        body,
      );
      if (result.imported > 0)
        await auditRecorder(store, program, actorOf(caller), { action: 'participants.import', count: result.imported });
      return { body: result };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/programs/:programId/pairs/:pairId',
    tag,
    auth: 'user',
    params: pairParams,
    ifMatch: true,
    body: z.object({ status: z.enum(PAIR_STATUSES) }),
    summary: 'Pause, resume or end a pair (ProgramAdmin); If-Match required; an ended pair stays ended',
    responses: { 200: { description: 'The pair', schema: pairSchema }, 409: { description: 'The pair has ended' } },
    async handle({ caller, params, body, ifMatch, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'updatePair', { kind: 'program', program, isParticipant });
      const pair = await loadProgramPair(store, program, params.pairId);
      const saved = await pairStatusChanger(store, caller, pair, body.status, ifMatch);
      return { body: presentPair(caller, saved), etag: saved._etag };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/matches/unmatched',
    tag,
    auth: 'user',
    params: programParams,
    body: z.object({ people: z.array(z.object({ id, reason: text(500) })).max(2000) }),
    summary: 'Tell the people matching left unpaired, and why: a notice the tab and the bot show (ProgramAdmin)',
    responses: { 200: { description: 'Who was told', schema: notifiedSchema } },
    async handle({ caller, params, body, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'notifyUnmatched', { kind: 'program', program, isParticipant });
      const notices = await unmatchedNotifier(store, program, await programParticipants(store, program), body.people);
      await auditRecorder(store, program, actorOf(caller), {
        action: 'matches.notifyUnmatched',
        count: notices.length,
      });
      return { body: { notified: notices.map((n) => n.userId) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/insights/export',
    tag,
    auth: 'user',
    params: programParams,
    summary:
      'The insights as CSV, withheld figures with the reason; every field quoted and neutralised against formulas, whichever delimiter a spreadsheet splits on (ProgramAdmin; recorded in the audit trail)',
    responses: { 200: { description: 'The file', schema: csvFileSchema } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readInsights', { kind: 'program', program, isParticipant });
      return { body: await insightsExporter(store, caller, program) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/retention/preview',
    tag,
    auth: 'user',
    params: programParams,
    body: programPatch,
    summary:
      'What retention would delete, and when, with these settings (or the current ones): per ended pair the date, and counts per kind across at least 5 pairs (ProgramAdmin); nothing is saved',
    responses: { 200: { description: 'The preview', schema: retentionPreviewSchema } },
    async handle({ caller, params, body, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'previewRetention', { kind: 'program', program, isParticipant });
      return { body: await retentionPreview(store, program, body) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/audit',
    tag,
    auth: 'user',
    params: programParams,
    query: auditQuery,
    summary:
      "The audit trail, newest first, a page at a time (`limit`, `cursor`), filtered by action and searched in the actor's and target's names (`q`): who changed settings, dates, retention, pairs, imports, and who exported (ProgramAdmin); never content",
    responses: { 200: { description: 'A page of entries', schema: auditSchema } },
    async handle({ caller, params, query, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readAudit', { kind: 'program', program, isParticipant });
      const scope = {
        list: `audit:${program.id}`,
        caller,
        query: { q: query.q, action: query.action, limit: query.limit },
      };
      const continuation = query.cursor ? readPageToken(config.jobsSecret, scope, query.cursor) : undefined;
      const page = await auditPage(store, program, {
        q: query.q,
        action: query.action,
        pageSize: query.limit,
        continuation,
      });
      return {
        body: {
          entries: page.items.map(presentAuditEntry),
          ...(page.continuation ? { nextCursor: issuePageToken(config.jobsSecret, scope, page.continuation) } : {}),
        },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/audit/export',
    tag,
    auth: 'user',
    params: programParams,
    summary: 'The audit trail as CSV (the export itself is recorded) (ProgramAdmin)',
    responses: { 200: { description: 'The file', schema: csvFileSchema } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readAudit', { kind: 'program', program, isParticipant });
      return { body: await auditExporter(store, caller, program) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/delivery',
    tag: 'Programmes',
    auth: 'user',
    params: programParams,
    query: deliveryQuery,
    summary:
      'Delivery health per participant by name, a page at a time (`limit`, `cursor`), searched in name and email (`q`) or for the people listed in `users` (ProgramAdmin): reachable, last delivered, last failure and its fix',
    responses: { 200: { description: 'A page of delivery health per participant', schema: deliverySchema } },
    async handle({ caller, params, query, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readDelivery', { kind: 'program', program, isParticipant });
      const scope = {
        list: `delivery:${program.id}`,
        caller,
        query: { q: query.q, users: query.users?.join(','), limit: query.limit },
      };
      const continuation = query.cursor ? readPageToken(config.jobsSecret, scope, query.cursor) : undefined;
      const report = await deliveryReport(store, program, {
        q: query.q,
        ...(query.users ? { userIds: query.users } : {}),
        pageSize: query.limit,
        continuation,
      });
      return {
        body: {
          people: report.people,
          ...(report.continuation ? { nextCursor: issuePageToken(config.jobsSecret, scope, report.continuation) } : {}),
        },
      };
    },
  }),
];
