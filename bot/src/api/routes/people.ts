// /api/me: who the caller is and their pairs (meeting links: routes/meetings.ts).
import { membershipsOf, nextSessionOf } from '../../store/queries';
import { defineRoute, type RouteDefinition } from '../route';

export const peopleRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/api/me', tag: 'People', auth: 'user',
    summary: 'The caller and their pairs, each with the partner and the next session',
    responses: { 200: { description: '{ id, tenantId, name, roles, pairs }' } },
    async handle({ caller, services: { store } }) {
      const memberships = await membershipsOf(store, caller);
      const now = new Date();
      const pairs = await Promise.all(
        memberships
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map(async (m) => {
            const next = m.status === 'ended' ? undefined : await nextSessionOf(store, caller.tenantId, m.pairId, now);
            return {
              pairId: m.pairId,
              programId: m.programId,
              role: m.role,
              status: m.status,
              partner: m.partner,
              nextSession: next
                ? { id: next.id, scheduledAt: next.scheduledAt, durationMinutes: next.durationMinutes, joinUrl: next.joinUrl ?? null }
                : null,
            };
          }),
      );
      return { body: { id: caller.userId, tenantId: caller.tenantId, name: caller.name, roles: caller.roles, pairs } };
    },
  }),
];
