// /api/me: who the caller is and their pairs (meeting links: routes/meetings.ts).
import type { Caller, MembershipDoc, PairDoc, ProgramDoc } from '../../domain/model';
import { contentDeletionAt } from '../../domain/retention';
import type { Store } from '../../store/database';
import { membershipsOf, nextSessionOf } from '../../store/queries';
import { meSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';

/** An ended pair's members are told when its content is deleted (two point reads, ended pairs only). */
async function contentDeletesOn(store: Store, caller: Caller, m: MembershipDoc): Promise<string | null> {
  if (m.status !== 'ended') return null;
  const [pair, program] = await Promise.all([
    store.pairs.find(caller.tenantId, m.pairId, m.pairId) as Promise<PairDoc | undefined>,
    store.programs.find(caller.tenantId, m.programId, m.programId) as Promise<ProgramDoc | undefined>,
  ]);
  if (pair?.type !== 'pair' || program?.type !== 'program' || pair.contentDeletedAt) return null;
  const at = contentDeletionAt(program, pair);
  return at === undefined ? null : new Date(at).toISOString();
}

export const peopleRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/api/me', tag: 'People', auth: 'user',
    summary: 'The caller and their pairs, each with the partner, the next session and, for an ended pair, when its content is deleted',
    responses: { 200: { description: 'The caller and their pairs', schema: meSchema } },
    async handle({ caller, services: { store } }) {
      const memberships = await membershipsOf(store, caller);
      const now = new Date();
      const pairs = await Promise.all(
        memberships
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map(async (m) => {
            const [next, deletesAt] = await Promise.all([
              m.status === 'ended' ? undefined : nextSessionOf(store, caller.tenantId, m.pairId, now),
              contentDeletesOn(store, caller, m),
            ]);
            return {
              pairId: m.pairId,
              programId: m.programId,
              role: m.role,
              status: m.status,
              partner: { id: m.partner.id, name: m.partner.name },
              nextSession: next
                ? { id: next.id, scheduledAt: next.scheduledAt, durationMinutes: next.durationMinutes, joinUrl: next.joinUrl ?? null }
                : null,
              contentDeletesAt: deletesAt,
            };
          }),
      );
      return { body: { id: caller.userId, tenantId: caller.tenantId, name: caller.name, roles: [...caller.roles], pairs } };
    },
  }),
];
