// /api/me/data: a participant's own content, to export or delete; /api/me/notices: what matching told them;
// /api/jobs/retention/run: the retention job on demand.
import { myDataEraser, myDataExporter } from '../../commands/myData';
import { runRetention } from '../../jobs/retention';
import { unmatchedNoticesOf } from '../../store/queries';
import { defineRoute, type RouteDefinition } from '../route';

const tag = 'Your data';

export const myDataRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/api/me/data', tag, auth: 'user',
    summary: 'Everything you wrote or own (notes, takeaways, goals, commitments) and what programmes hold about you, as JSON',
    responses: { 200: { description: 'Your data' } },
    async handle({ caller, res, services: { store } }) {
      res.set('Content-Disposition', `attachment; filename="reverse-mentoring-my-data.json"`);
      return { body: await myDataExporter(store, caller) };
    },
  }),

  defineRoute({
    method: 'delete', path: '/api/me/data', tag, auth: 'user',
    summary: 'Delete everything you wrote or own: notes, takeaways, goals, commitments, notices (sessions, pairs and participation stay)',
    responses: { 200: { description: '{ deleted: { notes, takeaways, goals, commitments, notices } }' } },
    async handle({ caller, services: { store } }) {
      return { body: { deleted: await myDataEraser(store, caller) } };
    },
  }),

  defineRoute({
    method: 'get', path: '/api/me/notices', tag, auth: 'user',
    summary: 'Notices for you, such as why matching left you without a partner this round',
    responses: { 200: { description: '{ notices: [{ programId, programName, reason, createdAt }] }' } },
    async handle({ caller, services: { store } }) {
      const notices = await unmatchedNoticesOf(store, caller);
      return {
        body: {
          notices: notices
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((n) => ({ kind: 'unmatched', programId: n.programId, programName: n.programName, reason: n.reason, createdAt: n.createdAt })),
        },
      };
    },
  }),

  defineRoute({
    method: 'post', path: '/api/jobs/retention/run', tag: 'Jobs', auth: 'jobs',
    summary: 'Run retention now: delete private and pair content of programmes past their retention period (Bearer JOBS_SECRET; in development sign-in also a ProgramAdmin token)',
    responses: { 200: { description: '{ programs, deleted }' }, 401: { description: 'Wrong or missing secret' } },
    async handle({ services: { store } }) {
      return { body: await runRetention(store) };
    },
  }),
];
