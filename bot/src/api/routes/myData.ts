// /api/me/data: a participant's own content, to export or delete; /api/me/notices: what matching told them.
import { myDataEraser, myDataExporter } from '../../commands/myData';
import { unmatchedNoticesOf } from '../../store/queries';
import { exportNotice, exportPairContent, exportParticipation } from '../presenters';
import { myDataDeletedSchema, myDataSchema, noticesSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';

const tag = 'Your data';

export const myDataRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/me/data',
    tag,
    auth: 'user',
    summary:
      'Everything you wrote or own (notes, takeaways, goals, commitments, feedback) and what programmes hold about you, as JSON',
    responses: { 200: { description: 'Your data', schema: myDataSchema } },
    async handle({ caller, res, services: { store } }) {
      res.set('Content-Disposition', `attachment; filename="reverse-mentoring-my-data.json"`);
      const data = await myDataExporter(store, caller);
      return {
        body: {
          exportedAt: new Date().toISOString(),
          user: { id: caller.userId, tenantId: caller.tenantId, name: caller.name },
          participations: data.participations.map(exportParticipation),
          pairs: data.pairs.map(({ membership: m, content }) => ({
            pairId: m.pairId,
            programId: m.programId,
            role: m.role,
            partner: { id: m.partner.id, name: m.partner.name },
            status: m.status,
            ...exportPairContent(content),
          })),
          notices: data.notices.map(exportNotice),
        },
      };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/me/data',
    tag,
    auth: 'user',
    summary:
      'Delete everything you wrote or own: notes, takeaways (and the programme learnings made from them), goals, commitments, feedback, notices (sessions, pairs and participation stay)',
    responses: { 200: { description: 'What was deleted, by kind', schema: myDataDeletedSchema } },
    async handle({ caller, services: { store } }) {
      return { body: { deleted: await myDataEraser(store, caller) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/me/notices',
    tag,
    auth: 'user',
    summary: 'Notices for you, such as why matching left you without a partner this round',
    responses: { 200: { description: 'Your notices, newest first', schema: noticesSchema } },
    async handle({ caller, services: { store } }) {
      const notices = await unmatchedNoticesOf(store, caller);
      return {
        body: {
          notices: notices
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((n) => ({
              kind: 'unmatched' as const,
              programId: n.programId,
              programName: n.programName,
              reason: n.reason,
              createdAt: n.createdAt,
            })),
        },
      };
    },
  }),
];
