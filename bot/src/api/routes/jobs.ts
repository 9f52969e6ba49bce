// Timed work triggered over HTTP (an Azure timer where the in-process scheduler is off, or a person
// in development): reminders due now, retention, and the delivery outcome backfill.
import { backfillDeliveryOutcomes } from '../../commands/deliveryOutcomeBackfill';
import { notFound } from '../../domain/errors';
import { runRetention } from '../../jobs/retention';
import { deliveryOutcomeBackfillSchema, reminderRunSchema, retentionRunSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';

/** One call's share of the backfill (a request, not a job: it ends well within any proxy's timeout). */
const BACKFILL_PAGES_PER_CALL = 50;

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

  defineRoute({
    method: 'post',
    path: '/api/jobs/delivery-outcome-backfill/run',
    tag: 'Jobs',
    auth: 'jobs',
    summary:
      "Go on with the backfill of the delivery report's per-person outcomes from reminders sent before they were recorded, up to 50 pages of 200 reminders; call again until done (Bearer JOBS_SECRET; in development sign-in also a ProgramAdmin token)",
    responses: {
      200: {
        description: 'Pages and reminders read in this call, and whether the backfill is finished',
        schema: deliveryOutcomeBackfillSchema,
      },
      401: { description: 'Wrong or missing secret' },
    },
    async handle({ services: { store } }) {
      return { body: await backfillDeliveryOutcomes(store, { maxPages: BACKFILL_PAGES_PER_CALL }) };
    },
  }),
];
