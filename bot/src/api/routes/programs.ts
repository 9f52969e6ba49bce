// /api/programs: programme administration. Admins see people, pairs and aggregates, never pair content.
import { z } from 'zod';
import { pairCreator } from '../../commands/pairCreator';
import { participantAdder } from '../../commands/participantAdder';
import { programCreator } from '../../commands/programCreator';
import { programInsights } from '../../commands/programInsights';
import { matchSuggester } from '../../commands/matchSuggester';
import { LIMITS } from '../../domain/limits';
import { authorize } from '../../policies';
import { programParticipants, programPairs } from '../../store/queries';
import { loadProgram } from '../loaders';
import { presentPair, toHttpEtag } from '../presenters';
import { defineRoute, type RouteDefinition } from '../route';
import { id, isoDate, list, optionalText, pairRole, programParams, text } from '../schemas';

const tag = 'Programmes';

const programBody = z
  .object({
    name: text(LIMITS.nameLength),
    objectives: list.default([]),
    startsOn: isoDate,
    endsOn: isoDate,
    cadenceDays: z.number().int().min(7).max(90).default(14),
    sessionMinutes: z.number().int().min(15).max(LIMITS.sessionMinutesMax).default(45),
    topics: list.default([]),
    programLearningsEnabled: z.boolean().default(true),
    retentionDays: z.number().int().min(0).max(3650).default(180),
  })
  // Compared only once both are valid dates, so a bad startsOn is not also reported on endsOn.
  .refine((p) => !isoDate.safeParse(p.startsOn).success || !isoDate.safeParse(p.endsOn).success || p.endsOn > p.startsOn, {
    path: ['endsOn'],
    message: 'must be after startsOn',
  });

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

const present = (doc: object) => {
  const { _etag, tenantId, type, ...rest } = doc as Record<string, unknown>;
  return { ...rest, etag: toHttpEtag(_etag as string | undefined) };
};

export const programRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/api/programs', tag, auth: 'user', body: programBody, idempotent: true,
    summary: 'Create a programme (ProgramAdmin)', responses: { 201: { description: 'The programme' } },
    async handle({ caller, body, idempotencyKey, services: { store } }) {
      authorize(caller, 'create', { kind: 'programs', tenantId: caller.tenantId });
      const program = await programCreator(store, caller, body, idempotencyKey);
      return { status: 201, body: present(program), etag: program._etag };
    },
  }),

  defineRoute({
    method: 'get', path: '/api/programs/:programId', tag, auth: 'user', params: programParams,
    summary: 'A programme (ProgramAdmin or a participant)', responses: { 200: { description: 'The programme' } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'read', { kind: 'program', program, isParticipant });
      return { body: present(program), etag: program._etag };
    },
  }),

  defineRoute({
    method: 'post', path: '/api/programs/:programId/participants', tag, auth: 'user', params: programParams, body: participantBody,
    summary: 'Add or update a participant (ProgramAdmin); the id is the directory (Entra object) id',
    responses: { 201: { description: 'Added' }, 200: { description: 'Updated' } },
    async handle({ caller, params, body, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'addParticipant', { kind: 'program', program, isParticipant });
      const { participant, created } = await participantAdder(store, program, body);
      return { status: created ? 201 : 200, body: present(participant), etag: participant._etag };
    },
  }),

  defineRoute({
    method: 'get', path: '/api/programs/:programId/participants', tag, auth: 'user', params: programParams,
    summary: 'Participants (ProgramAdmin)', responses: { 200: { description: 'The participants' } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'update', { kind: 'program', program, isParticipant });
      const participants = await programParticipants(store, program);
      return { body: { participants: participants.sort((a, b) => a.name.localeCompare(b.name)).map(present) } };
    },
  }),

  defineRoute({
    method: 'post', path: '/api/programs/:programId/pairs', tag, auth: 'user', params: programParams,
    body: z.object({ mentorId: id, menteeId: id }), idempotent: true,
    summary: 'Pair a mentor with an executive (ProgramAdmin)', responses: { 201: { description: 'The pair' } },
    async handle({ caller, params, body, idempotencyKey, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'createPair', { kind: 'program', program, isParticipant });
      const pair = await pairCreator(store, caller, program, body, idempotencyKey);
      return { status: 201, body: presentPair(caller, pair), etag: pair._etag };
    },
  }),

  defineRoute({
    method: 'get', path: '/api/programs/:programId/pairs', tag, auth: 'user', params: programParams,
    summary: 'Pairs of the programme, without any of their content (ProgramAdmin)', responses: { 200: { description: 'The pairs' } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'update', { kind: 'program', program, isParticipant });
      const pairs = await programPairs(store, program);
      return {
        body: {
          pairs: pairs
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
            .map((p) => ({ id: p.id, mentor: p.mentor, mentee: p.mentee, status: p.status, createdAt: p.createdAt })),
        },
      };
    },
  }),

  defineRoute({
    method: 'post', path: '/api/programs/:programId/matches/suggest', tag, auth: 'user', params: programParams,
    body: z.object({ avoidSameDepartment: z.boolean().default(false) }).default({ avoidSameDepartment: false }),
    summary: 'Suggest mentor × executive pairs: complementary skills, never within a reporting line, no repeats (ProgramAdmin)',
    responses: { 200: { description: '{ pairs, unmatched }' } },
    async handle({ caller, params, body, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'suggestMatches', { kind: 'program', program, isParticipant });
      return { body: await matchSuggester(store, program, body) };
    },
  }),

  defineRoute({
    method: 'get', path: '/api/programs/:programId/insights', tag, auth: 'user', params: programParams,
    summary: `Aggregates only; figures over fewer than ${LIMITS.insightsMinPairs} pairs are suppressed (ProgramAdmin)`,
    responses: { 200: { description: 'The insights' } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readInsights', { kind: 'program', program, isParticipant });
      return { body: await programInsights(store, program) };
    },
  }),
];
