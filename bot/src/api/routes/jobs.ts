// Timed work triggered over HTTP (an Azure timer where the in-process scheduler is off, or a person
// in development): reminders due now, and retention.
import { notFound } from '../../domain/errors';
import { runRetention } from '../../jobs/retention';
import { reminderRunSchema, retentionRunSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';

export const jobRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post',
    path: '/api/jobs/reminders/run',
    tag: 'Timed work',
    auth: 'jobs',
    summary:
      'Send the reminders that are due now (Bearer JOBS_SECRET; in development sign-in also a ProgramAdmin token)',
    responses: {
      200: { description: 'What this run did', schema: reminderRunSchema },
      401: { description: 'Missing or wrong secret' },
    },
    async handle({ services }) {
      if (!services.timedWork) throw notFound('route');
      return { body: await services.timedWork.runReminders() };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/jobs/retention/run',
    tag: 'Jobs',
    auth: 'jobs',
    summary:
      'Run retention now: delete the content of ended pairs whose deletion date has passed (Bearer JOBS_SECRET; in development sign-in also a ProgramAdmin token)',
    responses: {
      200: { description: 'Pairs swept and documents deleted', schema: retentionRunSchema },
      401: { description: 'Wrong or missing secret' },
    },
    async handle({ services: { store } }) {
      return { body: await runRetention(store) };
    },
  }),
];
