// The rollout command of the admin view: install the app for every participant who lacks it (proactive
// installation through Microsoft Graph), then follow its progress and the failures with their fixes.
import { z } from 'zod';
import { INSTALL_FIXES, rolloutStatus, type AppRolloutDoc } from '../../domain/appRollout';
import { notFound } from '../../domain/errors';
import type { ProgramDoc } from '../../domain/model';
import { authorize, loadProgram } from '../../policies';
import { findConversationReference } from '../../store/conversations';
import type { Store } from '../../store/database';
import { programParticipants } from '../../store/queries';
import { rolloutSchema, rolloutStateSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { programParams } from '../schemas';
import type { Services } from '../services';

type RolloutState = z.infer<typeof rolloutStateSchema>;

const withFix = <R extends keyof typeof INSTALL_FIXES>(reason: R) => ({ reason, fix: INSTALL_FIXES[reason] });

/** The admin's view of a rollout document, field by field. */
function presentRollout(doc: AppRolloutDoc): z.infer<typeof rolloutSchema> {
  const done = doc.installed + doc.alreadyHad + doc.failed;
  return {
    status: rolloutStatus(doc, Date.now()),
    startedAt: doc.startedAt,
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt } : {}),
    total: doc.total,
    installed: doc.installed,
    alreadyHad: doc.alreadyHad,
    failed: doc.failed,
    pending: Math.max(0, doc.total - done),
    ...(doc.problem ? { problem: withFix(doc.problem) } : {}),
    failures: doc.failures.map((f) => ({
      userId: f.userId,
      name: f.name,
      reason: f.reason,
      fix: INSTALL_FIXES[f.reason],
    })),
  };
}

const PARALLEL_READS = 20;

async function participantsWithoutApp(store: Store, program: ProgramDoc): Promise<number> {
  const participants = await programParticipants(store, program);
  let without = 0;
  for (let i = 0; i < participants.length; i += PARALLEL_READS) {
    const references = await Promise.all(
      participants
        .slice(i, i + PARALLEL_READS)
        .map((p) => findConversationReference(store, program.tenantId, p.userId)),
    );
    without += references.filter((r) => r?.status !== 'installed').length;
  }
  return without;
}

async function stateOf(services: Services, program: ProgramDoc, doc: AppRolloutDoc | undefined): Promise<RolloutState> {
  const rollouts = services.appRollouts;
  const rollout = doc ? presentRollout(doc) : undefined;
  return {
    available: rollouts?.available ?? false,
    ...(rollouts?.available ? {} : { unavailable: withFix('NotConfigured') }),
    ...(rollout?.status === 'running' ? {} : { withoutApp: await participantsWithoutApp(services.store, program) }),
    ...(rollout ? { rollout } : {}),
  };
}

export const appRolloutRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/programs/:programId/rollout',
    tag: 'Programmes',
    auth: 'user',
    params: programParams,
    summary:
      'The app rollout (ProgramAdmin): how many participants lack the app, and the latest run with its progress and failures (each with its fix)',
    responses: { 200: { description: 'Rollout state', schema: rolloutStateSchema } },
    async handle({ caller, params, services }) {
      const { program, isParticipant } = await loadProgram(services.store, caller, params.programId);
      authorize(caller, 'rollOutApp', { kind: 'program', program, isParticipant });
      return { body: await stateOf(services, program, await services.appRollouts?.latest(program)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/programs/:programId/rollout',
    tag: 'Programmes',
    auth: 'user',
    params: programParams,
    summary:
      'Make the app available to all participants (ProgramAdmin): installs it for everyone who lacks it, throttled; 202 when started, 200 with the run already going',
    responses: {
      202: { description: 'Started', schema: rolloutStateSchema },
      200: { description: 'A run was already going: its state', schema: rolloutStateSchema },
      409: { description: 'Proactive installation is not configured on the server (the problem names what to set)' },
    },
    async handle({ caller, params, services }) {
      const { program, isParticipant } = await loadProgram(services.store, caller, params.programId);
      authorize(caller, 'rollOutApp', { kind: 'program', program, isParticipant });
      if (!services.appRollouts) throw notFound('route');
      const { doc, started } = await services.appRollouts.start(program, caller);
      return { status: started ? 202 : 200, body: await stateOf(services, program, doc) };
    },
  }),
];
