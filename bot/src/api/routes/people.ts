// /api/me: who the caller is and their pairs (meeting links: routes/meetings.ts).
import type { MembershipDoc, PairDoc, ProgramDoc, SessionDoc } from '../../domain/model';
import { contentDeletionAt } from '../../domain/retention';
import { documentsById, membershipsOf, pickNextSession, upcomingSessionsOf } from '../../store/queries';
import { meSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';

export const peopleRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/me',
    tag: 'People',
    auth: 'user',
    summary:
      'The caller and their pairs, each with the partner, the next session and, for an ended pair, when its content is deleted',
    responses: { 200: { description: 'The caller and their pairs', schema: meSchema } },
    async handle({ caller, services: { store } }) {
      const memberships = (await membershipsOf(store, caller)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const now = new Date();
      // At most three more queries, however many pairs: the next sessions of the pairs that have not ended, and
      // for ended pairs their pair and programme documents (when their content is deleted).
      const ended = memberships.filter((m) => m.status === 'ended');
      const [sessions, endedPairs, endedPrograms] = await Promise.all([
        upcomingSessionsOf(
          store,
          caller.tenantId,
          memberships.filter((m) => m.status !== 'ended').map((m) => m.pairId),
          now,
        ),
        documentsById<PairDoc>(store, caller.tenantId, 'pair', [...new Set(ended.map((m) => m.pairId))]),
        documentsById<ProgramDoc>(store, caller.tenantId, 'program', [...new Set(ended.map((m) => m.programId))]),
      ]);
      const sessionsOf = new Map<string, SessionDoc[]>();
      for (const session of sessions)
        sessionsOf.set(session.pairId, [...(sessionsOf.get(session.pairId) ?? []), session]);
      const pairById = new Map(endedPairs.map((p) => [p.id, p]));
      const programById = new Map(endedPrograms.map((p) => [p.id, p]));
      /** An ended pair's members are told when its content is deleted. */
      const contentDeletesOn = (m: MembershipDoc): string | null => {
        if (m.status !== 'ended') return null;
        const [pair, program] = [pairById.get(m.pairId), programById.get(m.programId)];
        if (!pair || !program || pair.contentDeletedAt) return null;
        const at = contentDeletionAt(program, pair);
        return at === undefined ? null : new Date(at).toISOString();
      };
      const pairs = memberships.map((m) => {
        const next = m.status === 'ended' ? undefined : pickNextSession(sessionsOf.get(m.pairId) ?? [], now);
        return {
          pairId: m.pairId,
          programId: m.programId,
          role: m.role,
          status: m.status,
          partner: { id: m.partner.id, name: m.partner.name },
          nextSession: next
            ? {
                id: next.id,
                scheduledAt: next.scheduledAt,
                durationMinutes: next.durationMinutes,
                joinUrl: next.joinUrl ?? null,
              }
            : null,
          contentDeletesAt: contentDeletesOn(m),
        };
      });
      return {
        body: { id: caller.userId, tenantId: caller.tenantId, name: caller.name, roles: [...caller.roles], pairs },
      };
    },
  }),
];
