// Timed work triggered over HTTP (an Azure timer where the in-process scheduler is off, or a person
// in development), and the delivery report programme admins read.
import { deliveryReport } from '../../commands/deliveryReport';
import { notFound } from '../../domain/errors';
import { authorize, loadProgram } from '../../policies';
import { deliverySchema, reminderRunSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { z } from 'zod';
import { issuePageToken, pageQuery, readPageToken } from '../pageToken';
import { idList, programParams } from '../schemas';

const deliveryQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().min(1).max(100).optional().describe('Search text in name and email (case-insensitive)'),
  users: idList.optional(),
});


export const jobRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/api/jobs/reminders/run', tag: 'Timed work', auth: 'jobs',
    summary: 'Send the reminders that are due now (Bearer JOBS_SECRET; in development sign-in also a ProgramAdmin token)',
    responses: { 200: { description: 'What this run did', schema: reminderRunSchema }, 401: { description: 'Missing or wrong secret' } },
    async handle({ services }) {
      if (!services.timedWork) throw notFound('route');
      return { body: await services.timedWork.runReminders() };
    },
  }),

  defineRoute({
    method: 'get', path: '/api/programs/:programId/delivery', tag: 'Programmes', auth: 'user', params: programParams, query: deliveryQuery,
    summary: 'Delivery health per participant by name, a page at a time (`limit`, `cursor`), searched in name and email (`q`) or for the people listed in `users` (ProgramAdmin): reachable, last delivered, last failure and its fix',
    responses: { 200: { description: 'A page of delivery health per participant', schema: deliverySchema } },
    async handle({ caller, params, query, services: { store, config } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readDelivery', { kind: 'program', program, isParticipant });
      const scope = { list: `delivery:${program.id}`, caller, query: { q: query.q, users: query.users?.join(','), limit: query.limit } };
      const continuation = query.cursor ? readPageToken(config.jobsSecret, scope, query.cursor) : undefined;
      const report = await deliveryReport(store, program, {
        q: query.q, ...(query.users ? { userIds: query.users } : {}), pageSize: query.limit, continuation,
      });
      return { body: { people: report.people, ...(report.continuation ? { nextCursor: issuePageToken(config.jobsSecret, scope, report.continuation) } : {}) } };
    },
  }),
];
