// Timed work triggered over HTTP (an Azure timer where the in-process scheduler is off, or a person
// in development), and the delivery report programme admins read.
import { deliveryReport } from '../../commands/deliveryReport';
import { notFound } from '../../domain/errors';
import { authorize, loadProgram } from '../../policies';
import { deliverySchema, reminderRunSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { programParams } from '../schemas';


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
    method: 'get', path: '/api/programs/:programId/delivery', tag: 'Programmes', auth: 'user', params: programParams,
    summary: 'Delivery health per participant (ProgramAdmin): reachable, last delivered, last failure and its fix',
    responses: { 200: { description: 'Delivery health per participant', schema: deliverySchema } },
    async handle({ caller, params, services: { store } }) {
      const { program, isParticipant } = await loadProgram(store, caller, params.programId);
      authorize(caller, 'readDelivery', { kind: 'program', program, isParticipant });
      return { body: await deliveryReport(store, program) };
    },
  }),
];
